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
  visibility?: SheetVisibility;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
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

/**
 * Read access to one sheet in absolute coordinates, with merged areas resolved.
 * Built once per sheet; lookups are O(1).
 */
export class SheetView {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly snap: SheetSnapshot;
  /** key row*COLS+col of every covered (non-master) merged cell → its merge. */
  private readonly mergeOf = new Map<number, Rect>();
  private readonly masterOf = new Map<number, Rect>();
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
    for (const m of snap.merges) {
      // Very large merges (a whole column) would blow up the map; a label merge is small.
      const cells = (m.bottom - m.top + 1) * (m.right - m.left + 1);
      this.masterOf.set(m.top * SheetView.COLS + m.left, m);
      if (cells > 100_000) continue;
      for (let r = m.top; r <= m.bottom; r++) {
        for (let c = m.left; c <= m.right; c++) {
          if (r === m.top && c === m.left) continue;
          this.mergeOf.set(r * SheetView.COLS + c, m);
        }
      }
    }
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
    const m = this.mergeOf.get(row * SheetView.COLS + col);
    if (m) return this.raw(m.top, m.left);
    return this.raw(row, col);
  }

  formula(row: number, col: number): string | null {
    const f = this.snap.formulas?.[row - this.top]?.[col - this.left];
    return f ?? null;
  }

  /** True when the cell is covered by a merge and is not its top-left cell. */
  isCovered(row: number, col: number): boolean {
    return this.mergeOf.has(row * SheetView.COLS + col);
  }

  /** The merge whose top-left cell this is, if any. */
  mergeAt(row: number, col: number): Rect | undefined {
    return this.masterOf.get(row * SheetView.COLS + col);
  }

  /** The merge covering a cell (master or not). */
  mergeCovering(row: number, col: number): Rect | undefined {
    return this.masterOf.get(row * SheetView.COLS + col) ?? this.mergeOf.get(row * SheetView.COLS + col);
  }

  /** The value as display text (numbers as Excel would show them without a format). */
  text(row: number, col: number): string {
    return cellText(this.raw(row, col));
  }

  contains(row: number, col: number): boolean {
    return row >= this.top && row <= this.bottom && col >= this.left && col <= this.right;
  }
}

export function cellText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v.error;
}
