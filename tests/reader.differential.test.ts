/**
 * The streaming reader (src/cli/xlsx) and the exceljs snapshot (src/cli/snapshot.ts) agree on every seed
 * workbook and every template: the same sheets, values, merges, formulas and number formats. This is
 * what lets validation switch readers without a single finding changing.
 */
import ExcelJS from "exceljs";
import { buildSeed000Workbook, buildSeed002Workbook } from "../scripts/fixtures/seedWorkbook";
import { buildSeed003Workbook } from "../scripts/fixtures/seed003Workbook";
import { workbookFromPlan } from "../src/cli/renderPlan";
import { readWorkbookSnapshot } from "../src/cli/snapshot";
import { readXlsx } from "../src/cli/xlsx";
import { buildTemplatePlan, TEMPLATE_KINDS } from "../src/core/templates";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../src/core/snapshot";
import { validateWorkbook } from "../src/core/validate";

function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (typeof x === "number" && typeof y === "number") return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  return JSON.stringify(x) === JSON.stringify(y);
}

/** Every difference between two snapshots, as readable lines (empty when they agree). */
export function snapshotDifferences(a: WorkbookSnapshot, b: WorkbookSnapshot): string[] {
  const out: string[] = [];
  if (a.sheets.length !== b.sheets.length) out.push(`sheets: ${a.sheets.map((s) => s.name)} vs ${b.sheets.map((s) => s.name)}`);
  if (Boolean(a.date1904) !== Boolean(b.date1904)) out.push("date1904");
  a.sheets.forEach((x: SheetSnapshot, i) => {
    const y = b.sheets[i];
    if (!y) return;
    if (x.name !== y.name) out.push(`sheet ${i}: ${x.name} vs ${y.name}`);
    if ((x.visibility ?? "visible") !== (y.visibility ?? "visible")) out.push(`${x.name}: visibility ${x.visibility} vs ${y.visibility}`);
    if (x.values.length !== y.values.length) out.push(`${x.name}: ${x.values.length} rows vs ${y.values.length}`);
    const rows = Math.max(x.values.length, y.values.length);
    for (let r = 0; r < rows; r++) {
      const cols = Math.max(x.values[r]?.length ?? 0, y.values[r]?.length ?? 0);
      for (let c = 0; c < cols; c++) {
        if (!sameValue(x.values[r]?.[c], y.values[r]?.[c])) out.push(`${x.name}!R${r + 1}C${c + 1}: ${JSON.stringify(x.values[r]?.[c])} vs ${JSON.stringify(y.values[r]?.[c])}`);
        const fx = x.formulas?.[r]?.[c] ?? null;
        const fy = y.formulas?.[r]?.[c] ?? null;
        if (fx !== fy) out.push(`${x.name}!R${r + 1}C${c + 1} formula: ${fx} vs ${fy}`);
        const nx = x.formats?.[r]?.[c] ?? null;
        const ny = y.formats?.[r]?.[c] ?? null;
        if (nx !== ny && x.values[r]?.[c] != null) out.push(`${x.name}!R${r + 1}C${c + 1} format: ${nx} vs ${ny}`);
      }
    }
    const key = (s: SheetSnapshot) => s.merges.map((m) => `${m.top},${m.left},${m.bottom},${m.right}`).sort().join(" ");
    if (key(x) !== key(y)) out.push(`${x.name}: merges differ (${x.merges.length} vs ${y.merges.length})`);
  });
  return out.slice(0, 20);
}

async function templateBuffer(kind: (typeof TEMPLATE_KINDS)[number]): Promise<Buffer> {
  const wb = workbookFromPlan(buildTemplatePlan(kind, { year: 2026, expenseLines: 4, indicatorRows: 2 }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CASES: [string, () => Promise<Buffer>][] = [
  ["seed 000", buildSeed000Workbook],
  ["seed 002", buildSeed002Workbook],
  ["seed 003", buildSeed003Workbook],
  ...TEMPLATE_KINDS.map((k) => [`template ${k}`, () => templateBuffer(k)] as [string, () => Promise<Buffer>]),
];

describe.each(CASES)("%s", (_name, build) => {
  let exceljs: WorkbookSnapshot;
  let streamed: WorkbookSnapshot;
  beforeAll(async () => {
    const buf = await build();
    exceljs = await readWorkbookSnapshot(buf);
    streamed = readXlsx(buf).snapshot;
  });
  test("the streaming reader gives the exceljs snapshot", () => {
    expect(streamed.sheets.length).toBeGreaterThan(0);
    expect(snapshotDifferences(exceljs, streamed)).toEqual([]);
  });
  test("and validation finds the same on both", () => {
    const a = validateWorkbook(exceljs);
    const b = validateWorkbook(streamed);
    expect(b.tables.map((t) => [t.sheet, t.range, t.kind])).toEqual(a.tables.map((t) => [t.sheet, t.range, t.kind]));
    expect(b.findings.map((f) => [f.rule, f.sheet, f.cell, f.message])).toEqual(a.findings.map((f) => [f.rule, f.sheet, f.cell, f.message]));
  });
});

test("the comparison itself notices a changed value, a lost merge and a changed format", async () => {
  const buf = await buildSeed002Workbook();
  const a = readXlsx(buf).snapshot;
  const b = readXlsx(buf).snapshot;
  const s = b.sheets[0];
  s.values[2] = [...s.values[2]];
  s.values[2][1] = "changed";
  s.merges = s.merges.slice(1);
  s.formats = s.values.map(() => []);
  s.formats[2] = [null, "0%"];
  const d = snapshotDifferences(a, b);
  expect(d.some((x) => x.includes("changed"))).toBe(true);
  expect(d.some((x) => x.includes("merges differ"))).toBe(true);
  expect(d.some((x) => x.includes("format"))).toBe(true);
});

test("a workbook written with typed cells (numbers, dates, booleans, errors, formulas, rich text) reads the same", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("类型");
  ws.getCell("A1").value = 0.955;
  ws.getCell("A1").numFmt = "0.0%";
  ws.getCell("A2").value = new Date(Date.UTC(2023, 11, 31));
  ws.getCell("A2").numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell("A3").value = true;
  ws.getCell("A4").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
  ws.getCell("A5").value = { formula: "A1*2", result: 1.91 } as ExcelJS.CellFormulaValue;
  ws.getCell("A6").value = { formula: "SUM(A1:A1)" } as ExcelJS.CellFormulaValue;
  ws.getCell("A7").value = { richText: [{ text: "资金" }, { text: "总额", font: { bold: true } }] };
  ws.getCell("A8").value = 1234.5;
  ws.getCell("A8").numFmt = "#,##0.00";
  ws.getCell("C9").value = "尾";
  ws.mergeCells("B1:C3");
  ws.getCell("B1").value = "合并";
  const hidden = wb.addWorksheet("隐藏", { state: "hidden" });
  hidden.getCell("A1").value = 1;
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const a = await readWorkbookSnapshot(buf);
  const b = readXlsx(buf).snapshot;
  expect(snapshotDifferences(a, b)).toEqual([]);
  expect(b.sheets[0].values[0][0]).toBe(0.955);
  expect(b.sheets[0].formats?.[0][0]).toBe("0.0%");
  expect(b.sheets[0].values[6][0]).toBe("资金总额");
  expect(b.sheets[1].visibility).toBe("hidden");
});
