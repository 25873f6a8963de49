/**
 * Issue 26, item 15: the pool hands each worker its next file ahead of time. A worker stopped on a time
 * limit must not take the file waiting behind it down too: every file gets exactly one report, in order.
 */
import path from "node:path";
import { BUILTIN_PROFILES } from "../src/core/profile";
import { DEFAULT_LIMITS } from "../src/cli/inputs";
import { ValidatePool } from "../src/cli/pool";

const wave2 = path.join(__dirname, "..", "fixtures", "corpus", "wave2");
const files = ["anhui-chizhou-2022-selfeval.xlsx", "chongqing-fengjie-2023-approval.xlsx", "hubei-ezhou-2022-project.xlsx", "hebei-ningjin-2019-indicators.xlsx"].map((f) => path.join(wave2, f));

test("files sent ahead to a worker are all validated, each once", async () => {
  const pool = new ValidatePool(2, BUILTIN_PROFILES.national, "zh", "run", DEFAULT_LIMITS, 300);
  try {
    const reports = await Promise.all(files.map((f) => pool.run(f)));
    expect(reports.map((r) => r.file)).toEqual(files);
    for (const r of reports) expect(r.error).toBeUndefined();
    expect(reports.every((r) => (r.result?.tables.length ?? 0) > 0)).toBe(true);
  } finally {
    await pool.close();
  }
}, 120_000);

test("a worker stopped on the time limit: the file waiting behind it is still validated (not lost, not reported twice)", async () => {
  // A limit no file can meet: each file is stopped in turn; the ones queued behind a stopped file go to a new worker.
  const pool = new ValidatePool(1, BUILTIN_PROFILES.national, "zh", "run", DEFAULT_LIMITS, 0.001);
  try {
    const seen: string[] = [];
    const reports = await Promise.all(files.map((f) => pool.run(f).then((r) => (seen.push(r.file), r))));
    expect(reports.map((r) => r.file)).toEqual(files);
    expect(seen.sort()).toEqual([...files].sort());
    for (const r of reports) expect(r.error).toMatch(/超时|timed out/);
  } finally {
    await pool.close();
  }
}, 120_000);

test("files go to a worker in batches: a file stuck mid-batch is stopped, the files around it are each reported once, in order", async () => {
  const { promises: fs } = await import("node:fs");
  const os = await import("node:os");
  const { repeatedDeflate, SHEET_HEAD, SHEET_TAIL, workbookWith } = await import("./reader.zipfixtures");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-pool-"));
  try {
    // 60,000 rows of header-like labels: many seconds to search for tables, far past a 2 s limit.
    const cells = ["一级指标", "二级指标", "三级指标", "指标值", "项目名称", "合计", "金额", "备注", "预算数", "全年"].map((t) => `<c t="inlineStr"><is><t>${t}</t></is></c>`).join("");
    const { data, size } = repeatedDeflate(SHEET_HEAD, `<row>${cells}</row>`, 60_000, SHEET_TAIL);
    const slow = path.join(dir, "慢.xlsx");
    await fs.writeFile(slow, workbookWith({ name: "sheet", data, method: 8, size }));
    // One worker: the first batch holds two files, the slow one and more; the two finished before it are
    // still in the worker, unreported, when it is stopped.
    const list = [...files.slice(0, 2), slow, ...files.slice(2), ...files];
    const pool = new ValidatePool(1, BUILTIN_PROFILES.national, "zh", "run", DEFAULT_LIMITS, 2);
    try {
      let resolved = 0;
      const reports = await Promise.all(list.map((f) => pool.run(f).then((r) => (resolved++, r))));
      expect(resolved).toBe(list.length);
      expect(reports.map((r) => r.file)).toEqual(list);
      reports.forEach((r, i) => {
        if (list[i] === slow) expect(r.error).toMatch(/超时|timed out/);
        else {
          expect(r.error).toBeUndefined();
          expect(r.result?.tables.length).toBeGreaterThan(0);
        }
      });
    } finally {
      await pool.close();
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}, 180_000);
