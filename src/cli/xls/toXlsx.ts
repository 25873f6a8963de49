/**
 * The workbook an annotated copy of a .xls is written from: there is no .xlsx package to add flags to,
 * so a new one is built from the snapshot — every sheet with its name and visibility, values (numbers,
 * text, booleans, error values; formulas as their cached results), number formats and merged areas.
 * Fonts, fills, borders, column widths and formula text of the .xls are not carried over; the .xls
 * itself is never changed.
 */
import ExcelJS from "exceljs";
import { isCellError, type CellValue, type WorkbookSnapshot } from "../../core/snapshot";

/** Merges bigger than this are not written (exceljs makes an object per covered cell). */
const MAX_MERGE_CELLS = 100_000;

function cellValue(v: CellValue): ExcelJS.CellValue {
  if (v === null) return null;
  if (isCellError(v)) return { error: v.error as ExcelJS.CellErrorValue["error"] };
  return v;
}

export function snapshotWorkbook(snapshot: WorkbookSnapshot): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  if (snapshot.date1904) wb.properties.date1904 = true;
  for (const sheet of snapshot.sheets) {
    const ws = wb.addWorksheet(sheet.name, { state: sheet.visibility ?? "visible" });
    const { row: top, col: left } = sheet.origin;
    sheet.values.forEach((row, r) => {
      if (!row) return;
      const formats = sheet.formats?.[r];
      row.forEach((v, c) => {
        const fmt = formats?.[c];
        if (v === null && !fmt) return;
        const cell = ws.getCell(top + r + 1, left + c + 1);
        if (v !== null) cell.value = cellValue(v);
        if (fmt) cell.numFmt = fmt;
      });
    });
    for (const m of sheet.merges) {
      if ((m.bottom - m.top + 1) * (m.right - m.left + 1) > MAX_MERGE_CELLS) continue;
      try {
        ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
      } catch {
        // Overlapping merges (Excel refuses them; a damaged .xls may hold them): the first one stays.
      }
    }
  }
  return wb;
}
