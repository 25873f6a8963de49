/**
 * A sheet as a dense, absolute grid the mutations can edit in place: values, number formats, formulas and
 * merges, row 0 / column 0 = A1 whatever the snapshot's origin. Inserting and deleting rows and columns moves
 * merges the way Excel does (a merge the insertion cuts through grows; one wholly past it shifts), so each
 * mutation only states what is special about it.
 */
import { isBlank, textOf, type CellValue, type Rect, type SheetSnapshot } from "../../src/core/snapshot";

export interface Cell {
  row: number;
  col: number;
}

export class Grid {
  values: CellValue[][];
  formats?: (string | null)[][];
  formulas?: (string | null)[][];
  merges: Rect[];

  constructor(
    readonly name: string,
    values: CellValue[][],
    merges: Rect[],
    formats?: (string | null)[][],
    formulas?: (string | null)[][],
    readonly visibility?: SheetSnapshot["visibility"],
  ) {
    this.values = values;
    this.merges = merges;
    this.formats = formats;
    this.formulas = formulas;
  }

  /** The snapshot's sheet moved to origin A1 (padding with empty rows and columns), every row as wide as the widest. */
  static fromSnapshot(s: SheetSnapshot): Grid {
    const { row: r0, col: c0 } = s.origin;
    let width = 0;
    for (const r of s.values) width = Math.max(width, r?.length ?? 0);
    for (const m of s.merges) width = Math.max(width, m.right - c0 + 1);
    const height = Math.max(s.values.length, ...s.merges.map((m) => m.bottom - r0 + 1));
    const dense = <T>(src: (T | null)[][] | undefined): (T | null)[][] => {
      const out: (T | null)[][] = [];
      for (let r = 0; r < r0 + height; r++) {
        const row: (T | null)[] = new Array(c0 + width).fill(null);
        const from = r >= r0 ? src?.[r - r0] : undefined;
        if (from) for (let c = 0; c < from.length; c++) row[c0 + c] = from[c] ?? null;
        out.push(row);
      }
      return out;
    };
    return new Grid(
      s.name,
      dense(s.values),
      s.merges.map((m) => ({ ...m })),
      s.formats ? dense(s.formats) : undefined,
      s.formulas ? dense(s.formulas) : undefined,
      s.visibility,
    );
  }

  toSnapshot(): SheetSnapshot {
    const out: SheetSnapshot = { name: this.name, origin: { row: 0, col: 0 }, values: this.values.map((r) => r.slice()), merges: this.merges.map((m) => ({ ...m })) };
    if (this.formats) out.formats = this.formats.map((r) => r.slice());
    if (this.formulas) out.formulas = this.formulas.map((r) => r.slice());
    if (this.visibility) out.visibility = this.visibility;
    return out;
  }

  clone(): Grid {
    return Grid.fromSnapshot(this.toSnapshot());
  }

  get height(): number {
    return this.values.length;
  }

  get width(): number {
    return this.values.reduce((w, r) => Math.max(w, r.length), 0);
  }

  get(row: number, col: number): CellValue {
    return this.values[row]?.[col] ?? null;
  }

  set(row: number, col: number, v: CellValue): void {
    while (this.values.length <= row) this.values.push([]);
    const r = this.values[row];
    while (r.length <= col) r.push(null);
    r[col] = v;
    // Keep the format and formula layers as tall as the values, so a later insertion splices every layer alike.
    for (const layer of [this.formats, this.formulas]) if (layer) while (layer.length <= row) layer.push([]);
  }

  text(row: number, col: number): string {
    return textOf(this.get(row, col));
  }

  /** Text for matching labels: full-width forms folded (NFKC) and every space removed (一级 指标 → 一级指标). */
  label(row: number, col: number): string {
    const v = this.get(row, col);
    return typeof v === "string" ? v.normalize("NFKC").replace(/\s+/g, "") : "";
  }

  blank(row: number, col: number): boolean {
    return isBlank(this.get(row, col));
  }

  mergeCovering(row: number, col: number): Rect | undefined {
    return this.merges.find((m) => m.top <= row && row <= m.bottom && m.left <= col && col <= m.right);
  }

  /** True for a cell hidden under a merge (not its top-left). */
  covered(row: number, col: number): boolean {
    const m = this.mergeCovering(row, col);
    return !!m && (m.top !== row || m.left !== col);
  }

  rowBlank(row: number): boolean {
    return (this.values[row] ?? []).every((v) => isBlank(v));
  }

  /** Insert an empty column at `at`: merges it cuts through grow, merges past it shift right. */
  insertColumn(at: number): void {
    for (const layer of [this.values, this.formats, this.formulas]) {
      if (!layer) continue;
      for (const r of layer) {
        while (r.length < at) r.push(null);
        r.splice(at, 0, null);
      }
    }
    for (const m of this.merges) {
      if (m.left >= at) {
        m.left++;
        m.right++;
      } else if (m.right >= at) m.right++;
    }
  }

  /** Insert `n` empty rows at `at`: merges they cut through grow, merges below shift down. */
  insertRows(at: number, n = 1): void {
    for (const layer of [this.values, this.formats, this.formulas]) {
      if (!layer) continue;
      while (layer.length < at) layer.push([]);
      layer.splice(at, 0, ...Array.from({ length: n }, () => [] as (never | null)[]));
    }
    for (const m of this.merges) {
      if (m.top >= at) {
        m.top += n;
        m.bottom += n;
      } else if (m.bottom >= at) m.bottom += n;
    }
  }

  /** Delete one row: merges on it alone go, merges through it shrink, merges below shift up; 1×1 leftovers go. */
  deleteRow(row: number): void {
    for (const layer of [this.values, this.formats, this.formulas]) if (layer && layer.length > row) layer.splice(row, 1);
    const kept: Rect[] = [];
    for (const m of this.merges) {
      if (m.top === row && m.bottom === row) continue;
      if (m.top > row) {
        m.top--;
        m.bottom--;
      } else if (m.bottom >= row) m.bottom--;
      if (m.top !== m.bottom || m.left !== m.right) kept.push(m);
    }
    this.merges = kept;
  }

  /** Copy one cell's value, format and formula to another position. */
  copyCell(from: Cell, to: Cell): void {
    this.set(to.row, to.col, this.get(from.row, from.col));
    for (const layer of [this.formats, this.formulas]) {
      if (!layer) continue;
      const v = layer[from.row]?.[from.col] ?? null;
      while (layer.length <= to.row) layer.push([]);
      const r = layer[to.row];
      while (r.length <= to.col) r.push(null);
      r[to.col] = v;
    }
  }

  /** Move a cell's content (value, format, formula) and leave the source empty. */
  moveCell(from: Cell, to: Cell): void {
    if (from.row === to.row && from.col === to.col) return;
    this.copyCell(from, to);
    this.set(from.row, from.col, null);
    for (const layer of [this.formats, this.formulas]) if (layer?.[from.row]) layer[from.row][from.col] = null;
  }

  lastUsedRow(): number {
    for (let r = this.values.length - 1; r >= 0; r--) if (!this.rowBlank(r)) return r;
    return -1;
  }
}
