/**
 * The sheet snapshot: what the core knows of a workbook. Both the CLI (exceljs) and the add-in
 * (Office.js) produce this same shape, so every rule runs identically in both.
 *
 * Coordinates are 0-based absolute sheet positions (row 0 = Excel row 1, col 0 = column A).
 */

/** An Excel error value such as `#REF!` or `#DIV/0!`. */
export interface CellError {
  error: string;
}

export type CellValue = string | number | boolean | null | CellError;

/** An inclusive rectangle of cells. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export type SheetVisibility = "visible" | "hidden" | "veryHidden";

export interface SheetSnapshot {
  name: string;
  /** Absolute position of values[0][0]; Office.js hands back the used range, which rarely starts at A1. */
  origin: { row: number; col: number };
  /** Cell values as the host gives them (only the top-left cell of a merged area holds its value). */
  values: CellValue[][];
  /** Merged areas, absolute coordinates. */
  merges: Rect[];
  /** Formulas in the same shape as values, where known (null = constant). */
  formulas?: (string | null)[][];
  /**
   * Number formats in the same shape as values, where known (null or absent = General). Excel stores
   * `100%` as 1 with a percent format and a date as a serial with a date format: the format is what
   * turns the stored value into what the user sees.
   */
  formats?: (string | null)[][];
  visibility?: SheetVisibility;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /** The workbook uses the 1904 date system (serial 0 = 1904-01-01); default false (1900 system). */
  date1904?: boolean;
}

export function isCellError(v: CellValue): v is CellError {
  return typeof v === "object" && v !== null && "error" in v;
}

const NON_SPACE = /\S/;

export function isBlank(v: CellValue): boolean {
  // A regex test stops at the first visible character; trim() would copy every long prose cell.
  return v === null || (typeof v === "string" && !NON_SPACE.test(v));
}

/** Convert a 0-based column index to letters (0 → A, 26 → AA). */
export function columnLetters(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a 0-based cell. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function rectAddress(r: Rect): string {
  const tl = a1(r.top, r.left);
  const br = a1(r.bottom, r.right);
  return tl === br ? tl : `${tl}:${br}`;
}

/** Parse an A1 address (`B12`, `$B$12`) into 0-based row/col; null when it is not one. */
export function parseA1(addr: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(addr.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** Parse `A1:C3` (or a single cell) into a Rect. */
export function parseRange(addr: string): Rect | null {
  const bare = addr.includes("!") ? addr.slice(addr.lastIndexOf("!") + 1) : addr;
  const [a, b] = bare.split(":");
  const p = parseA1(a);
  const q = b === undefined ? p : parseA1(b);
  if (!p || !q) return null;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** Above this many cells a merge is not expanded cell by cell (a whole-column merge); only its top-left is known. */
const MAX_EXPANDED_MERGE = 100_000;
/** Above this many cells in the merges' bounding box, merges are looked up in maps instead of a dense grid. */
const MAX_DENSE_CELLS = 4_000_000;

/** A merge a host could really send: whole, non-negative coordinates, top-left before bottom-right. Others are ignored. */
function isUsableMerge(m: Rect): boolean {
  return Number.isInteger(m.top) && Number.isInteger(m.left) && Number.isInteger(m.bottom) && Number.isInteger(m.right) && m.top >= 0 && m.left >= 0 && m.top <= m.bottom && m.left <= m.right;
}

/**
 * The cells of a merge that get marked: all of them, or only the top-left one of a merge too big to
 * expand (its other cells then read as not covered).
 */
function markedArea(m: Rect): Rect {
  const big = (m.bottom - m.top + 1) * (m.right - m.left + 1) > MAX_EXPANDED_MERGE;
  return big ? { top: m.top, left: m.left, bottom: m.top, right: m.left } : m;
}

/**
 * Read access to one sheet in absolute coordinates, with merged areas resolved.
 * Built once per sheet; lookups are O(1).
 *
 * Merges are found through a dense grid of merge numbers over the merges' bounding box (one typed
 * array), falling back to maps keyed by cell for a sparse sheet whose box is huge. The grid replaced
 * maps everywhere: every locator asks about merges cell by cell, and on 1,000 tables (32,000 merges)
 * the hashed lookups were the largest single cost of validation (BENCHMARKS.md).
 */
export class SheetView {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly snap: SheetSnapshot;
  private readonly merges: readonly Rect[];
  /** Dense mode: merge number + 1 of every cell of every (expanded) merge, 0 elsewhere. */
  private readonly grid?: Int32Array;
  private readonly gridTop: number = 0;
  private readonly gridLeft: number = 0;
  private readonly gridWidth: number = 0;
  private readonly gridHeight: number = 0;
  /** Sparse mode: key row*COLS+col → merge number + 1. */
  private readonly byCell?: Map<number, number>;
  private static readonly COLS = 16384;

  constructor(snap: SheetSnapshot) {
    this.snap = snap;
    this.name = snap.name;
    this.top = snap.origin.row;
    this.left = snap.origin.col;
    let width = 0;
    for (const r of snap.values) if (r && r.length > width) width = r.length;
    this.bottom = this.top + snap.values.length - 1;
    this.right = this.left + Math.max(width, 1) - 1;
    this.merges = snap.merges;
    if (snap.merges.length === 0) return;
    // The grid spans the merges only: a sparse sheet's lone value at row 1,000,000 does not widen it.
    let top = Infinity;
    let left = Infinity;
    let bottom = -Infinity;
    let right = -Infinity;
    // Only the cells that get marked count: a whole-column merge does not make a million-row grid.
    for (const merge of snap.merges) {
      if (!isUsableMerge(merge)) continue;
      const m = markedArea(merge);
      if (m.top < top) top = m.top;
      if (m.left < left) left = m.left;
      if (m.bottom > bottom) bottom = m.bottom;
      if (m.right > right) right = m.right;
    }
    if (top === Infinity) return;
    const h = bottom - top + 1;
    const w = right - left + 1;
    if (h * w <= MAX_DENSE_CELLS) {
      this.grid = new Int32Array(h * w);
      this.gridTop = top;
      this.gridLeft = left;
      this.gridWidth = w;
      this.gridHeight = h;
    } else {
      this.byCell = new Map();
    }
    snap.merges.forEach((m, i) => {
      if (isUsableMerge(m)) this.mark(m, i + 1);
    });
  }

  private mark(merge: Rect, n: number): void {
    const m = markedArea(merge);
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (this.grid) this.grid[(r - this.gridTop) * this.gridWidth + (c - this.gridLeft)] = n;
        else this.byCell!.set(r * SheetView.COLS + c, n);
      }
    }
  }

  /** The merge holding a cell (top-left or covered), if any. */
  private mergeNumber(row: number, col: number): number {
    if (this.grid) {
      const r = row - this.gridTop;
      const c = col - this.gridLeft;
      return r < 0 || c < 0 || r >= this.gridHeight || c >= this.gridWidth ? 0 : this.grid[r * this.gridWidth + c];
    }
    return this.byCell?.get(row * SheetView.COLS + col) ?? 0;
  }

  get rowCount(): number {
    return this.snap.values.length;
  }

  /** Raw value at an absolute cell (null outside the snapshot). */
  raw(row: number, col: number): CellValue {
    const r = this.snap.values[row - this.top];
    if (!r) return null;
    const v = r[col - this.left];
    return v === undefined ? null : v;
  }

  /** The raw values of one absolute row (index 0 = column `left`), or undefined outside the snapshot. */
  rowValues(row: number): readonly CellValue[] | undefined {
    return this.snap.values[row - this.top];
  }

  /** Value, looking through a merged area to its top-left cell. */
  value(row: number, col: number): CellValue {
    const n = this.mergeNumber(row, col);
    if (n === 0) return this.raw(row, col);
    const m = this.merges[n - 1];
    return this.raw(m.top, m.left);
  }

  formula(row: number, col: number): string | null {
    const f = this.snap.formulas?.[row - this.top]?.[col - this.left];
    return f ?? null;
  }

  /** True when the cell is covered by a merge and is not its top-left cell. */
  isCovered(row: number, col: number): boolean {
    const n = this.mergeNumber(row, col);
    if (n === 0) return false;
    const m = this.merges[n - 1];
    return m.top !== row || m.left !== col;
  }

  /** The merge whose top-left cell this is, if any. */
  mergeAt(row: number, col: number): Rect | undefined {
    const n = this.mergeNumber(row, col);
    if (n === 0) return undefined;
    const m = this.merges[n - 1];
    return m.top === row && m.left === col ? m : undefined;
  }

  /** The merge covering a cell (top-left or not). */
  mergeCovering(row: number, col: number): Rect | undefined {
    const n = this.mergeNumber(row, col);
    return n === 0 ? undefined : this.merges[n - 1];
  }

  /** The value as display text (numbers as Excel would show them without a format). */
  text(row: number, col: number): string {
    return cellText(this.raw(row, col));
  }

  contains(row: number, col: number): boolean {
    return row >= this.top && row <= this.bottom && col >= this.left && col <= this.right;
  }
}

/** The characters String.prototype.trim removes (ASCII and Unicode white space, BOM). */
function isTrimmed(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The trimmed display text of a value ("" for blank), copying only when there is something to trim. */
export function textOf(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") {
    const n = v.length;
    // Only copy when there is something to trim: long prose cells are common.
    return n > 0 && (isTrimmed(v.charCodeAt(0)) || isTrimmed(v.charCodeAt(n - 1))) ? v.trim() : v;
  }
  if (typeof v === "object" && "error" in (v as object)) return String((v as { error: string }).error);
  return String(v);
}

export function cellText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v.error;
}
