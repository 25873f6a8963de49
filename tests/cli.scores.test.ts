/**
 * Issues 22 and 26 (item 6) at the CLI: a self-evaluation's entered score (自评得分) beside the recomputed one
 * (审核得分), per row and in total, in the text report, the JSON and the review workbook's 汇总; a blank
 * template says 未填写 / 无法评分 with no grade. Real .xlsx files written with exceljs and read back.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CellValue } from "../src/core/snapshot";
import { runCli } from "./helpers/cli";
import { selfEvalGrid, type Grid, type IndRow } from "./helpers/selfEvaluation";

let dir: string;

async function writeGrid(file: string, grid: Grid): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("自评");
  grid.rows.forEach((r: CellValue[], i) => r.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue)));
  for (const m of grid.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  await fs.writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

// 永德-like: 时效 entered 7 (formula 10), 知晓率 entered 9 (98% of 100% → 9.8); recomputed 99.8 优, entered 96.
const YONGDE: IndRow[] = [
  ["产出指标", "数量指标", "学生受资助人数", "≧735人次", "735人次", 20, 20, ""],
  ["产出指标", "质量指标", "营养改善计划覆盖率", "≧100%", "100%", 10, 10, ""],
  ["产出指标", "时效指标", "资金到位及时率", "≧100%", "100%", 10, 7, ""],
  ["产出指标", "成本指标", "生均补助标准达标率", "═100%", "100%", 10, 10, ""],
  ["效益指标", "社会效益指标", "政策知晓率", "═100%", "98%", 10, 9, ""],
  ["效益指标", "可持续影响指标", "促进学校教育事业健康发展", "≧100%", "100%", 20, 20, ""],
  ["满意度指标", "服务对象满意度指标", "学生满意度", "≧95%", "100%", 10, 10, ""],
];
const BLANK: IndRow[] = [
  ["产出指标", "数量指标", "指标1", null, null, null, null, null],
  ["效益指标", "社会效益指标", "指标2", null, null, null, null, null],
  ["满意度指标", "服务对象满意度指标", "指标3", null, null, null, null, null],
];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-scores-"));
  await fs.mkdir(path.join(dir, "in"));
  await writeGrid(path.join(dir, "in", "永德.xlsx"), selfEvalGrid({ name: "营养改善计划", fund: { budget: 387664.62, executed: 387664.62, weight: 10, score: 10 }, indicators: YONGDE, total: { weight: 100, score: 96 } }));
  await writeGrid(path.join(dir, "in", "空表.xlsx"), selfEvalGrid({ name: "空白模板", fund: { budget: null, executed: null, weight: 10, score: null }, indicators: BLANK, total: { weight: null, score: null } }));
}, 60_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("text: the total and every row show 自评 beside 审核, ≠ where they differ; a blank template has no score", async () => {
  const r = await runCli(["validate", path.join(dir, "in")]);
  expect(r.out).toContain("得分: 审核得分 99.8（优） · 自评得分 96（不符）");
  expect(r.out).toMatch(/G14 +资金到位及时率: 分值 10，自评 7，审核 10 ≠/);
  expect(r.out).toMatch(/G16 +政策知晓率: 分值 10，自评 9，审核 9\.8 ≠/);
  expect(r.out).toMatch(/G12 +学生受资助人数: 分值 20，自评 20，审核 20\n/);
  expect(r.out).toContain("得分: 审核得分 未填写，无法评分");
  expect(r.out).not.toMatch(/得分: 10 \(差\)|（差）/);
  const summary = await runCli(["validate", "--summary", path.join(dir, "in")]);
  expect(summary.out).toMatch(/永德\.xlsx\t.*得分 99\.8\(优\)\/自评96/);
  expect(summary.out).toMatch(/空表\.xlsx\t.*得分 未填写/);
});

test("JSON: score.total is the recomputed total, entered kept apart; a blank table has total and grade null", async () => {
  const r = await runCli(["validate", "--format", "json", path.join(dir, "in")]);
  const j = JSON.parse(r.out) as { files: { file: string; tables: { score?: Record<string, unknown> & { items: Record<string, unknown>[] } }[] }[] };
  const yd = j.files.find((f) => f.file.endsWith("永德.xlsx"))!.tables[0].score!;
  expect(yd).toMatchObject({ total: 99.8, grade: "优", status: "complete", entered: 96, totalDiffers: true });
  expect(yd.items.filter((i) => i.differs).map((i) => [i.indicator, i.entered, i.computed])).toEqual([
    ["资金到位及时率", 7, 10],
    ["政策知晓率", 9, 9.8],
  ]);
  const blank = j.files.find((f) => f.file.endsWith("空表.xlsx"))!.tables[0].score!;
  expect(blank).toMatchObject({ total: null, grade: null, status: "blank" });
});

test("review workbook: 汇总 has 自评得分 and 审核得分 side by side; a blank table's 审核得分 says why, with no grade", async () => {
  const report = path.join(dir, "审核.xlsx");
  await runCli(["validate", "--report", report, path.join(dir, "in")]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(report);
  const ws = wb.getWorksheet("汇总")!;
  const head = (ws.getRow(1).values as unknown[]).slice(1);
  const at = (name: string) => head.indexOf(name) + 1;
  expect(at("自评得分")).toBeGreaterThan(0);
  expect(at("审核得分")).toBe(at("自评得分") + 1);
  const rows: Record<string, unknown[]> = {};
  ws.eachRow((row, n) => {
    if (n > 1) rows[String(row.getCell(1).value)] = [row.getCell(at("自评得分")).value, row.getCell(at("审核得分")).value, row.getCell(at("等级")).value];
  });
  const key = (f: string) => Object.keys(rows).find((k) => k.endsWith(f))!;
  expect(rows[key("永德.xlsx")]).toEqual([96, 99.8, "优"]);
  expect(rows[key("空表.xlsx")]).toEqual([null, "未填写，无法评分", null]);
});
