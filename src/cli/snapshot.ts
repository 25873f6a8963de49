/**
 * exceljs → WorkbookSnapshot. The CLI's half of the snapshot contract (the add-in's half is
 * src/excel/). Only the top-left cell of a merged area carries its value, as in Office.js.
 */
import ExcelJS from "exceljs";
import type { CellValue, Rect, SheetSnapshot, SheetVisibility, WorkbookSnapshot } from "../core/snapshot";
import { isGeneralFormat } from "../core/numberFormat";
import { parseRange } from "../core/snapshot";

type ExcelCellValue = ExcelJS.CellValue;

/**
 * Convert one exceljs value to a core cell value (formula results, rich text, hyperlinks, dates).
 * exceljs turns a date-formatted serial into a Date; it goes back to the serial the file stores, in the
 * workbook's date system, so the snapshot holds what Office.js `values` reports.
 */
export function toCellValue(v: ExcelCellValue, date1904 = false): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return excelSerial(v, date1904);
  if (typeof v === "object") {
    if ("error" in v && typeof (v as ExcelJS.CellErrorValue).error === "string") return { error: (v as ExcelJS.CellErrorValue).error };
    if ("richText" in v && Array.isArray((v as ExcelJS.CellRichTextValue).richText)) {
      return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
    }
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      return result === undefined ? null : toCellValue(result as ExcelCellValue, date1904);
    }
    if ("hyperlink" in v && "text" in v) {
      const t = (v as ExcelJS.CellHyperlinkValue).text;
      return typeof t === "string" ? t : toCellValue(t as unknown as ExcelCellValue, date1904);
    }
  }
  return String(v);
}

/** The serial number of a date in the workbook's date system, as Office.js reports dates in `values`. */
function excelSerial(d: Date, date1904: boolean): number {
  // Milliseconds → days, rounded to the millisecond's worth of a day so a time of day stays what was stored.
  const serial = d.getTime() / 86400000 + 25569 - (date1904 ? 1462 : 0);
  return Number(serial.toPrecision(15));
}

function formulaOf(v: ExcelCellValue): string | null {
  if (v && typeof v === "object" && !(v instanceof Date)) {
    if ("formula" in v && typeof (v as ExcelJS.CellFormulaValue).formula === "string") return (v as ExcelJS.CellFormulaValue).formula;
    if ("sharedFormula" in v) return (v as ExcelJS.CellSharedFormulaValue).sharedFormula;
  }
  return null;
}

export function sheetSnapshot(ws: ExcelJS.Worksheet, date1904 = false): SheetSnapshot {
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const formats: (string | null)[][] = [];
  let anyFormula = false;
  let anyFormat = false;
  const rowCount = ws.actualRowCount === 0 ? 0 : ws.rowCount;
  for (let r = 1; r <= rowCount; r++) {
    // findRow, not getRow: getRow creates every missing row, and a stray value at row 1,000,000 made that 2 s.
    const row = ws.findRow(r);
    const out: CellValue[] = [];
    const fout: (string | null)[] = [];
    const nout: (string | null)[] = [];
    if (row?.hasValues) {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // A covered cell of a merge reports its master's value in exceljs; Office.js reports "". Keep Office's view.
        if (cell.isMerged && cell.master !== cell) return;
        while (out.length < c - 1) {
          out.push(null);
          fout.push(null);
          nout.push(null);
        }
        out[c - 1] = toCellValue(cell.value, date1904);
        const f = formulaOf(cell.value);
        fout[c - 1] = f;
        if (f) anyFormula = true;
        // The number format, as the streaming reader reports it: null for General.
        const fmt = cell.numFmt;
        nout[c - 1] = typeof fmt === "string" && !isGeneralFormat(fmt) ? fmt : null;
        if (nout[c - 1] !== null) anyFormat = true;
      });
    }
    values.push(out);
    formulas.push(fout);
    formats.push(nout);
  }
  // Trailing empty rows add nothing.
  while (values.length > 0 && values[values.length - 1].every((v) => v === null)) {
    values.pop();
    formulas.pop();
    formats.pop();
  }
  const merges: Rect[] = [];
  // `ws.model` would serialise the whole sheet just to list its merges; the merge ranges are kept on the
  // worksheet (1-based top/left/bottom/right).
  const own = (ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges;
  if (own) {
    for (const m of Object.values(own)) merges.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
  } else {
    for (const m of (ws.model as { merges?: string[] }).merges ?? []) {
      const rect = parseRange(m);
      if (rect) merges.push(rect);
    }
  }
  const state = (ws as unknown as { state?: string }).state;
  const visibility: SheetVisibility = state === "hidden" ? "hidden" : state === "veryHidden" ? "veryHidden" : "visible";
  const snap: SheetSnapshot = { name: ws.name, origin: { row: 0, col: 0 }, values, merges, visibility };
  if (anyFormula) snap.formulas = formulas;
  if (anyFormat) snap.formats = formats;
  return snap;
}

export function workbookSnapshot(wb: ExcelJS.Workbook): WorkbookSnapshot {
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  const snap: WorkbookSnapshot = { sheets: wb.worksheets.map((ws) => sheetSnapshot(ws, date1904)) };
  if (date1904) snap.date1904 = true;
  // Who saved it last (shown beside ignores that name nobody), as the streaming reader gives it.
  const lastModifiedBy = typeof wb.lastModifiedBy === "string" ? wb.lastModifiedBy.trim().slice(0, 200) : "";
  const creator = typeof wb.creator === "string" ? wb.creator.trim().slice(0, 200) : "";
  if (lastModifiedBy || creator) snap.docProperties = { ...(lastModifiedBy ? { lastModifiedBy } : {}), ...(creator ? { creator } : {}) };
  return snap;
}

/** Read an .xlsx file (path or bytes) into a snapshot. Throws on files exceljs cannot open. */
export async function readWorkbookSnapshot(input: string | Buffer | ArrayBuffer | Uint8Array): Promise<WorkbookSnapshot> {
  const wb = new ExcelJS.Workbook();
  if (typeof input === "string") await wb.xlsx.readFile(input);
  else await wb.xlsx.load(input as unknown as ArrayBuffer);
  return workbookSnapshot(wb);
}
