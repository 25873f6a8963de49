/**
 * Issue 27, case 4: `--timeout` did nothing with one file (the worker pool was made only for several).
 * One workbook that takes far longer than 5 s to check (600,000 label cells: about 13 s of CPU on an idle
 * core here, much more on a busy one) is stopped at the limit, with a status saying so.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repeatedDeflate, SHEET_HEAD, SHEET_TAIL, workbookWith } from "./reader.zipfixtures";
import { runCli } from "./helpers/cli";

let dir: string;
let slow: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-timeout-"));
  // One sheet of 60,000 rows × 10 header-like labels: a valid workbook, slow to search for tables.
  const cells = ["一级指标", "二级指标", "三级指标", "指标值", "项目名称", "合计", "金额", "备注", "预算数", "全年"].map((t) => `<c t="inlineStr"><is><t>${t}</t></is></c>`).join("");
  const { data, size } = repeatedDeflate(SHEET_HEAD, `<row>${cells}</row>`, 60_000, SHEET_TAIL);
  slow = path.join(dir, "慢.xlsx");
  await fs.writeFile(slow, workbookWith({ name: "sheet", data, method: 8, size }));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("one file with --timeout 5 stops at 5 s with a clear status (exit 2)", async () => {
  const t0 = Date.now();
  const r = await runCli(["validate", "--format", "json", "--timeout", "5", slow]);
  const seconds = (Date.now() - t0) / 1000;
  const j = JSON.parse(r.out) as { files: { file: string; status: string; error?: string }[] };
  expect(j.files).toHaveLength(1);
  expect(j.files[0].status).toBe("unreadable");
  expect(j.files[0].error).toMatch(/处理超时：超过 --timeout 设定的 5 秒，已停止/);
  expect(j.files[0].error).toMatch(/timed out: over the --timeout limit of 5 s/);
  expect(r.code).toBe(2);
  expect(r.err).toContain("处理超时");
  // Stopped at the limit: not before it, and not after the file would have finished (the worker's start
  // — the bundle built from source — comes on top of the 5 s).
  expect(seconds).toBeGreaterThanOrEqual(5);
  expect(seconds).toBeLessThan(30);
}, 120_000);

test("in text the file says it timed out, and the totals count it as not checked", async () => {
  const r = await runCli(["validate", "--timeout", "5", slow]);
  expect(r.out).toMatch(/无法读取: 处理超时：超过 --timeout 设定的 5 秒/);
  expect(r.out).toMatch(/汇总：1 个文件（1 个无法读取）/);
}, 120_000);
