import ExcelJS from "exceljs";
import { buildSeed002Workbook } from "../scripts/fixtures/seedWorkbook";
import { sheetSnapshot } from "../src/cli/snapshot";
import { parseRange, type Rect } from "../src/core/snapshot";

const key = (r: Rect) => `${r.top},${r.left},${r.bottom},${r.right}`;

test("the exceljs snapshot lists exactly the merges of the sheet's own model, 0-based", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildSeed002Workbook()) as unknown as ArrayBuffer);
  for (const ws of wb.worksheets) {
    const fromModel = ((ws.model as { merges?: string[] }).merges ?? []).map((m) => key(parseRange(m)!)).sort();
    expect(fromModel.length).toBeGreaterThan(10);
    expect(sheetSnapshot(ws).merges.map(key).sort()).toEqual(fromModel);
  }
});

test("covered cells of a merge read as empty (as Office.js reports them) and values keep their types", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("S");
  ws.getCell("A1").value = "项目资金";
  ws.mergeCells("A1:A3");
  ws.getCell("B2").value = 9.77;
  ws.getCell("C2").value = { formula: "B2*2", result: 19.54 };
  ws.getCell("D2").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
  const snap = sheetSnapshot(ws);
  expect(snap.values[0][0]).toBe("项目资金");
  expect(snap.values[1][0] ?? null).toBeNull();
  expect(snap.values[1].slice(1)).toEqual([9.77, 19.54, { error: "#REF!" }]);
  expect(snap.formulas?.[1][2]).toBe("B2*2");
  expect(snap.merges).toEqual([{ top: 0, left: 0, bottom: 2, right: 0 }]);
});
