import type { CellValue, Rect, SheetSnapshot, WorkbookSnapshot } from "../../src/core/snapshot";
import { parseRange } from "../../src/core/snapshot";

/** Build a sheet snapshot from rows of values placed at an origin; merges in A1 notation. */
export function sheet(name: string, rows: CellValue[][], merges: string[] = [], origin = { row: 0, col: 0 }): SheetSnapshot {
  return { name, origin, values: rows.map((r) => r.slice()), merges: merges.map((m) => parseRange(m) as Rect) };
}

export function workbook(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { sheets };
}

/** Place blocks of rows on one grid at row/col offsets (blank elsewhere), returning a snapshot from A1. */
export function compose(name: string, blocks: { at: { row: number; col: number }; rows: CellValue[][]; merges?: Rect[] }[]): SheetSnapshot {
  const values: CellValue[][] = [];
  const merges: Rect[] = [];
  for (const b of blocks) {
    b.rows.forEach((r, i) => {
      const target = (values[b.at.row + i] ??= []);
      r.forEach((v, j) => {
        while (target.length < b.at.col + j) target.push(null);
        target[b.at.col + j] = v;
      });
    });
    for (const m of b.merges ?? []) merges.push({ top: m.top + b.at.row, bottom: m.bottom + b.at.row, left: m.left + b.at.col, right: m.right + b.at.col });
  }
  for (let i = 0; i < values.length; i++) values[i] ??= [];
  return { name, origin: { row: 0, col: 0 }, values, merges };
}
