/**
 * Bulk generation (issue 24): `perfcheck template --profile P --departments LIST.csv --out DIR` for 50
 * departments, every kind the profile distributes in each workbook. Target: under 10 s.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeDepartmentTemplates } from "../src/cli/commands/template";
import { round } from "./stats";

export interface TemplatesResult {
  departments: number;
  kindsPerWorkbook: number;
  medianMs: number;
  perDepartmentMs: number;
  target10s: boolean;
}

export async function benchTemplates(count: number, runs: number): Promise<TemplatesResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "perfcheck-bench-tpl-"));
  try {
    const profile = path.join(dir, "bureau.json");
    writeFileSync(
      profile,
      JSON.stringify({ extends: "national", id: "bench-2027", name: { zh: "基准测试财政局2027年度模板", en: "Bench bureau 2027" }, distribution: { issuer: "基准测试财政局", region: "某市", year: 2027, version: "2027.1" } }),
    );
    const csv = path.join(dir, "departments.csv");
    writeFileSync(csv, "\ufeff单位名称,单位编码\n" + Array.from({ length: count }, (_, i) => `某市第${i + 1}局,${300000 + i}`).join("\n") + "\n");
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const out = path.join(dir, `out${r}`);
      const t0 = performance.now();
      const res = await writeDepartmentTemplates({ out, profile, departments: csv });
      times.push(performance.now() - t0);
      if (res.written.length !== count) throw new Error(`wrote ${res.written.length} of ${count}`);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    return { departments: count, kindsPerWorkbook: 3, medianMs: round(median), perDepartmentMs: round(median / count), target10s: median < 10_000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
