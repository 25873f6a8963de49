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
