/**
 * Issue 14, the review workbook (`--report`): read back with exceljs, its 汇总 rows match the JSON report
 * row for row; the 规则 sheet counts what the JSON counts; the 审核意见 sheet has the reviewer's columns
 * and a 通过/不通过 dropdown prefilled from the findings; LibreOffice opens and renders it.
 */
import ExcelJS from "exceljs";
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { buildSeed000Workbook, buildSeed002Workbook } from "../scripts/fixtures/seedWorkbook";
import { buildSeed003Workbook } from "../scripts/fixtures/seed003Workbook";
import { runCli } from "./helpers/cli";

const run = promisify(execFile);
let dir: string;
let inDir: string;

interface J {
  files: { file: string; status: string; copy?: string; tables: { kind: string; name: string; form?: string; score?: { total: number | null; grade: string | null; entered?: number | null } }[]; findings: { rule: string; severity: string }[] }[];
}

const values = (ws: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v && typeof v === "object" && "text" in (v as object) ? (v as { text: string }).text : v))));
  return rows;
};

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-report-"));
  inDir = path.join(dir, "收件");
  for (const d of ["财政局", "教育局", "卫健委"]) await fs.mkdir(path.join(inDir, d), { recursive: true });
  await fs.writeFile(path.join(inDir, "财政局", "报表.xlsx"), await buildSeed000Workbook());
  await fs.writeFile(path.join(inDir, "教育局", "报表.xlsx"), await buildSeed002Workbook());
  await fs.writeFile(path.join(inDir, "卫健委", "自评.xlsx"), await buildSeed003Workbook());
  await fs.writeFile(path.join(inDir, "卫健委", "坏.xlsx"), Buffer.from("x"));
}, 120_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("汇总 rows match the JSON, rules are counted, the review sheet is prefilled and editable, LibreOffice renders it", async () => {
  const report = path.join(dir, "审核工作簿.xlsx");
  const r = await runCli(["validate", "--format", "json", "--annotate", path.join(dir, "副本"), "--report", report, inDir]);
  expect(r.code).toBe(2); // 坏.xlsx
  const j = JSON.parse(r.out) as J;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(report);
  expect(wb.worksheets.filter((w) => w.state === "visible").map((w) => w.name)).toEqual(["汇总", "规则", "审核意见", "已忽略"]);

  const sum = values(wb.getWorksheet("汇总")!);
  // Printed as reviewers print it: A4 landscape, one page wide.
  for (const name of ["汇总", "规则", "审核意见"]) {
    expect(wb.getWorksheet(name)!.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  }
  expect(sum[0]).toEqual(["文件", "单位", "项目", "表格类型", "读取表式", "自评得分", "审核得分", "等级", "错误", "警告", "提示", "状态", "带标记副本", "已忽略", "执行进度"]);
  const expected: unknown[][] = [];
  for (const f of j.files) {
    if (f.tables.length === 0) {
      expected.push([f.file, f.status]);
      continue;
    }
    for (const t of f.tables) expected.push([f.file, t.name, t.form !== undefined, t.score?.entered ?? null, t.score?.total ?? null, t.score?.grade ?? null]);
  }
  const got = sum.slice(1).map((row) => (!row[3] ? [row[0], (row[11] as string).startsWith("无法读取") ? "unreadable" : row[11]] : [row[0], row[2], !!row[4], row[5] ?? null, row[6] ?? null, row[7] ?? null]));
  expect(got).toEqual(expected);
  // Counts per table row add up to the JSON's findings per file.
  for (const f of j.files) {
    const rows = sum.slice(1).filter((row) => row[0] === f.file);
    const total = rows.reduce((a, row) => a + Number(row[8] ?? 0) + Number(row[9] ?? 0) + Number(row[10] ?? 0), 0);
    expect(total).toBeLessThanOrEqual(f.findings.length); // findings outside any table are not a table's
  }
  // The copy link is relative to the report and points at the mirrored copy.
  const withCopy = sum.findIndex((row) => j.files.find((f) => f.file === row[0])?.copy);
  const link = wb.getWorksheet("汇总")!.getCell(withCopy + 1, 13).value as { text: string; hyperlink: string };
  expect(path.resolve(dir, decodeURI(link.hyperlink))).toBe(j.files.find((f) => f.file === sum[withCopy][0])!.copy);
  expect(wb.getWorksheet("汇总")!.getCell(2, 13).value).toBeNull(); // 坏.xlsx has no copy
  // Self-evaluation scores are there.
  expect(sum.some((row) => typeof row[6] === "number")).toBe(true);

  const rules = values(wb.getWorksheet("规则")!);
  const count = new Map<string, number>();
  for (const f of j.files) for (const x of f.findings) count.set(x.rule, (count.get(x.rule) ?? 0) + 1);
  // The rule's name first, its id in the last column (issue 26, item 8).
  expect(new Map(rules.slice(1).map((row) => [row[5] as string, row[2] as number]))).toEqual(count);

  const rev = wb.getWorksheet("审核意见")!;
  expect(values(rev)[0]).toEqual(["类目", "审核点", "审核标准", "是否通过", "问题清单", "审核意见"]);
  let failed = 0;
  rev.eachRow((row, n) => {
    if (n === 1 || !["通过", "不通过"].includes(String(row.getCell(4).value))) return;
    expect(row.getCell(4).dataValidation).toMatchObject({ type: "list", formulae: ['"通过,不通过"'] });
    if (row.getCell(4).value === "不通过") {
      failed++;
      expect(String(row.getCell(5).value)).toMatch(/\[错误\]/);
    }
  });
  expect(failed).toBeGreaterThan(0);

  // LibreOffice opens it and renders every sheet.
  const profile = path.join(dir, "lo-profile");
  await run("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, report], { timeout: 300_000 });
  const pdf = path.join(dir, "审核工作簿.pdf");
  const { stdout } = await run("pdftotext", [pdf, "-"], { maxBuffer: 64 << 20 });
  for (const s of ["带标记副本", "次数", "审核标准", "法律事务服务费用"]) expect(stdout).toContain(s);

  // A second run replaces its own report; a user's file of that name is never overwritten.
  expect((await runCli(["validate", "--quiet", "--report", report, path.join(inDir, "财政局")])).code).toBe(1);
  const mine = path.join(dir, "我的.xlsx");
  await fs.writeFile(mine, await fs.readFile(path.join(inDir, "财政局", "报表.xlsx")));
  const before = await fs.readFile(mine);
  const refused = await runCli(["validate", "--report", mine, path.join(inDir, "财政局")]);
  expect(refused.code).toBe(2);
  expect(refused.err).toContain("不是 PerfCheck 写出的");
  expect(await fs.readFile(mine)).toEqual(before);
  // English headers with --lang en.
  const en = path.join(dir, "review.xlsx");
  await runCli(["validate", "--lang", "en", "--quiet", "--report", en, path.join(inDir, "财政局")]);
  const wbEn = new ExcelJS.Workbook();
  await wbEn.xlsx.readFile(en);
  expect(wbEn.worksheets.filter((w) => w.state === "visible").map((w) => w.name)).toEqual(["Summary", "Rules", "Review", "Ignored"]);
  expect(values(wbEn.getWorksheet("Review")!)[0]).toEqual(["Category", "Check", "Standard", "Passed", "Problems", "Reviewer's opinion"]);
});
