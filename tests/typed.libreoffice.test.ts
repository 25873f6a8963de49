/**
 * Property: for random percent, number, date and time formats and values, the text numberFormat.ts
 * shows equals LibreOffice's rendering of the same cell (soffice --convert-to csv writes cells as shown).
 * LibreOffice has no 1900-02-29, so serials before 1900-03-01 are left out of the sample.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatValue } from "../src/core/numberFormat";
import { parseValue } from "../src/core/grammar/value";
import { SheetView } from "../src/core/snapshot";
import { libreConvertAll, tempDir } from "./helpers/templates";

jest.setTimeout(300_000);

const FORMATS = {
  percent: ["0%", "0.0%", "0.00%", '"≥"0%'],
  number: ["0", "0.00", "#,##0", "#,##0.00", "0.000", "#,##0.00_);(#,##0.00)", '0.0"万元"', "General"],
  date: ["yyyy/m/d", "yyyy-mm-dd", 'yyyy"年"m"月"d"日"', 'yyyy"年"m"月"', "m/d/yyyy", "yyyy/mm/dd hh:mm"],
  time: ["h:mm", "hh:mm:ss", "[h]:mm"],
};

const cell = fc.oneof(
  fc.record({ fmt: fc.constantFrom(...FORMATS.percent), value: fc.integer({ min: -2000, max: 20000 }).map((n) => n / 1000) }),
  fc.record({ fmt: fc.constantFrom(...FORMATS.number), value: fc.integer({ min: -10_000_000, max: 100_000_000 }).map((n) => n / 1000) }),
  fc.record({ fmt: fc.constantFrom(...FORMATS.date), value: fc.integer({ min: 61 * 24, max: 60_000 * 24 }).map((n) => n / 24) }),
  fc.record({ fmt: fc.constantFrom(...FORMATS.time), value: fc.integer({ min: 0, max: 3 * 86400 }).map((n) => n / 86400) }),
);

/** Parse LibreOffice's CSV (quoted fields, doubled quotes). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = "";
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') (f += '"'), i++;
      else if (ch === '"') q = false;
      else f += ch;
    } else if (ch === '"') q = true;
    else if (ch === ",") row.push(f), (f = "");
    else if (ch === "\n") row.push(f), rows.push(row), (row = []), (f = "");
    else if (ch !== "\r") f += ch;
  }
  if (f || row.length) row.push(f), rows.push(row);
  return rows;
}

test("numberFormat shows what LibreOffice shows, in the 1900 and the 1904 date systems", async () => {
  const samples = fc.sample(fc.array(cell, { minLength: 150, maxLength: 150 }), { numRuns: 1, seed: 20261130 })[0];
  const { dir, cleanup } = tempDir("perfcheck-nf-");
  try {
    const files: string[] = [];
    for (const date1904 of [false, true]) {
      const wb = new ExcelJS.Workbook();
      if (date1904) (wb.properties as { date1904?: boolean }).date1904 = true;
      const ws = wb.addWorksheet("s");
      samples.forEach((s, i) => {
        const c = ws.getCell(i + 1, 1);
        c.value = s.value;
        c.numFmt = s.fmt;
        ws.getColumn(1).width = 40;
      });
      const file = path.join(dir, `nf${date1904 ? "1904" : "1900"}.xlsx`);
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
      files.push(file);
    }
    // Token 9 of the CSV filter options: save cell contents as shown (with their number formats).
    const csvs = await libreConvertAll(files, dir, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true");
    const mismatches: string[] = [];
    csvs.forEach((csv, k) => {
      const rows = csvRows(readFileSync(csv, "utf8"));
      samples.forEach((s, i) => {
        const lo = rows[i]?.[0] ?? "";
        const ours = formatValue(s.value, s.fmt, { date1904: k === 1 });
        if (lo !== ours) mismatches.push(`${s.value} in ${s.fmt} (${k === 1 ? 1904 : 1900}): LibreOffice "${lo}", ours "${ours}"`);
        // What the rules read (SheetView, then the value grammar) is what the shown text reads as, wherever
        // the format shows every digit of the value. (A 0% cell holding 0.955 shows 96% but reads 95.5%,
        // as Excel's formula bar shows it; m/d/yyyy reads as Chinese Excel shows it, 2019/5/5.)
        if (s.fmt === "m/d/yyyy" || formatValue(s.value, s.fmt, { fullPrecision: true, date1904: k === 1 }) !== ours) return;
        const view = new SheetView({ name: "s", origin: { row: 0, col: 0 }, values: [[s.value]], merges: [], formats: [[s.fmt]] }, { sheets: [], date1904: k === 1 });
        const read = JSON.stringify(parseValue(view.raw(0, 0)));
        const shown = JSON.stringify(parseValue(/^-?[\d,]+(\.\d+)?$/.test(lo) ? Number(lo.replace(/,/g, "")) : lo));
        if (read !== shown) mismatches.push(`${s.value} in ${s.fmt}: the grammar reads ${read}, LibreOffice's text reads ${shown}`);
      });
    });
    expect(mismatches).toEqual([]);
  } finally {
    cleanup();
  }
});
