/**
 * The benchmark harness still runs end to end (bundled by scripts/bench.mjs, as `npm run bench` runs it)
 * and reports every figure it promises. Nothing here is timed: figures are checked for shape and for the
 * counts that do not depend on the machine (tables located, findings, syncs).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.join(__dirname, "..");

test("npm run bench (quick: core, scaling, adapter, xls) reports every figure", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "perfcheck-bench-smoke-"));
  try {
    const out = path.join(dir, "results.json");
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "bench.mjs")], {
      cwd: ROOT,
      env: { ...process.env, BENCH_QUICK: "1", BENCH_ONLY: "core,scaling,adapter,xls", BENCH_OUT: out },
      stdio: "pipe",
      maxBuffer: 16 << 20,
    });
    const r = JSON.parse(readFileSync(out, "utf8"));
    // The same workload every run: 1,000 tables and the findings today's rules raise on them (4,723 since the
    // rule classes of issue 22).
    expect(r.core).toMatchObject({ tables: 1000, findings: 4723 });
    for (const k of ["validateMs", "rawPassMs", "viewPassMs", "rulesFloorMs", "ratioToViewPass", "floorRatioToViewPass"]) {
      expect(Number.isFinite(r.core[k]) && r.core[k] > 0).toBe(true);
    }
    expect(r.scaling.map((p: { tables: number }) => p.tables)).toEqual([10, 100, 1000]);
    for (const p of r.scaling) expect(p.msPerTable).toBeGreaterThan(0);
    // Sync counts are counts, not times: constant in the table count, 3 on the active sheet and 4 for the workbook.
    const syncs = (scope: string) => r.adapter.filter((p: { scope: string }) => p.scope === scope).map((p: { syncs: number }) => p.syncs);
    expect(new Set(syncs("active"))).toEqual(new Set([3]));
    expect(new Set(syncs("workbook"))).toEqual(new Set([4]));
    // The .xls twins were read back as their .xlsx before timing (bench/xls.ts throws otherwise).
    expect(r.xls).toMatchObject({ files: 50 });
    for (const k of ["xlsxMs", "xlsMs", "ratio"]) expect(Number.isFinite(r.xls[k]) && r.xls[k] > 0).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);

test("npm run bench (quick: province) reports both figures of issue 26 item 15, the stages, the warm-up and whether the host let it judge", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "perfcheck-bench-province-"));
  try {
    const out = path.join(dir, "results.json");
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "bench.mjs")], {
      cwd: ROOT,
      env: { ...process.env, BENCH_QUICK: "1", BENCH_ONLY: "province", BENCH_OUT: out },
      stdio: "pipe",
      maxBuffer: 16 << 20,
    });
    const p = JSON.parse(readFileSync(out, "utf8")).province;
    expect(p.files).toBe(200);
    for (const k of ["jobs1Seconds", "jobs2Seconds", "jobs1CpuSeconds", "jobs2CpuSeconds", "speedup", "perFileMs", "inflateDecodeMs", "perFileRatio", "wholeRunRatio"]) {
      expect(Number.isFinite(p[k]) && p[k] > 0).toBe(true);
    }
    for (const k of ["readFileMs", "readXlsxMs", "validateWorkbookMs"]) expect(p.stages[k]).toBeGreaterThan(0);
    // One block of 200 files: a fresh process's CPU per file.
    expect(p.warmup).toHaveLength(1);
    // Judged only on an idle machine; otherwise said so, never a pass or a fail.
    expect(typeof p.judged).toBe("boolean");
    expect(p.target17).toBe(p.judged ? p.speedup >= 1.7 : "not judged");
    expect(p.target3).toBe(p.perFileRatio <= 3);
    expect(p.load.max).toBeGreaterThanOrEqual(p.load.before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);
