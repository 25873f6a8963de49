/**
 * The workbook writer the corpus wave scripts share (build-wave3.ts, build-wave4.ts, build-wave5.ts): each transcribed sheet
 * written as a real .xlsx, its merges and column widths as published.
 */
import ExcelJS from "exceljs";
import path from "node:path";

export type Cell = string | number | null;
export interface SheetSpec {
  name: string;
  rows: Cell[][];
  merges: string[];
  widths?: number[];
  /** A number format the source prints a block's amounts with (3144.00). */
  numFmt?: { range: string; format: string };
  /** Further such formats, where a sheet prints more than one block so (1.0 beside 65.5). */
  numFmts?: { range: string; format: string }[];
}
export interface BookSpec {
  file: string;
  sheets: SheetSpec[];
}

export async function writeWaveBooks(books: readonly BookSpec[], out: string): Promise<void> {
  for (const book of books) {
    const wb = new ExcelJS.Workbook();
    // A fixed date: re-running the script on an unchanged description gives the same workbook properties.
    wb.created = wb.modified = new Date(Date.UTC(2026, 11, 6));
    wb.creator = "PerfCheck corpus (transcription)";
    for (const spec of book.sheets) {
      const ws = wb.addWorksheet(spec.name);
      spec.rows.forEach((row, r) => {
        row.forEach((value, c) => {
          if (value === null || value === undefined) return;
          ws.getCell(r + 1, c + 1).value = value;
        });
      });
      // A merged range keeps only its top-left value, as in a real workbook; the repeated labels a description
      // writes into the covered cells (to be readable) are dropped here by exceljs.
      for (const m of spec.merges) ws.mergeCells(m);
      (spec.widths ?? []).forEach((w, i) => (ws.getColumn(i + 1).width = w));
      for (const fmt of [...(spec.numFmt ? [spec.numFmt] : []), ...(spec.numFmts ?? [])]) {
        const [a, b] = fmt.range.split(":").map((ref) => ws.getCell(ref));
        for (let r = Number(a.row); r <= Number(b.row); r++)
          for (let c = Number(a.col); c <= Number(b.col); c++) ws.getCell(r, c).numFmt = fmt.format;
      }
    }
    await wb.xlsx.writeFile(path.join(out, book.file));
    console.log(`wrote ${book.file}`);
  }
}
