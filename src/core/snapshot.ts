/**
 * The sheet snapshot: what the core knows of a workbook. Both the CLI (exceljs) and the add-in
 * (Office.js) produce this same shape, so every rule runs identically in both.
 *
 * Coordinates are 0-based absolute sheet positions (row 0 = Excel row 1, col 0 = column A).
 */
import { evaluateFormula, UnsupportedFormula, type FormulaContext } from "./formula/evaluate";
import { canonicalDate, formatKind, formatValue, serialToParts } from "./numberFormat";

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
  /** Document properties where the reader has them (docProps/core.xml): who saved the workbook last. */
  docProperties?: { lastModifiedBy?: string; creator?: string };
  /**
   * Custom document properties (docProps/custom.xml; Office.js workbook.properties.custom) as text, by
   * name. A distributed template's identity travels here (src/core/templates/identity.ts).
   */
  properties?: Record<string, string>;
}

export function isCellError(v: CellValue): v is CellError {
  return typeof v === "object" && v !== null && "error" in v;
}

/**
 * A formula cell with no cached result that the core could not compute (a function it does not
 * implement). It is not empty — the user sees a value once Excel recalculates — so it is never read as
 * blank: amounts treat it as unknown and the formula/uncalculated rule asks for a recalculation.
 * Its text is the formula itself (what the formula bar shows).
 */
export interface UncalculatedFormula extends CellError {
  uncalculated: true;
  formula: string;
}

export function isUncalculated(v: unknown): v is UncalculatedFormula {
  return typeof v === "object" && v !== null && (v as { uncalculated?: unknown }).uncalculated === true;
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
  /** Values as the user sees them (see shownValues); the snapshot's own rows where nothing changes. */
  private readonly values: CellValue[][];
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

  /**
   * `workbook` (the snapshot the sheet belongs to) gives the date system and lets a formula without a
   * cached result read other sheets; without it the 1900 system and this sheet alone are assumed.
   */
  constructor(snap: SheetSnapshot, workbook?: WorkbookSnapshot) {
    this.snap = snap;
    this.values = shownValues(snap, workbook);
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
    return this.values.length;
  }

  /**
   * The value at an absolute cell as the user sees it (null outside the snapshot): a percentage or
   * date as its text, a formula without a cached result computed (see shownValues).
   */
  raw(row: number, col: number): CellValue {
    const r = this.values[row - this.top];
    if (!r) return null;
    const v = r[col - this.left];
    return v === undefined ? null : v;
  }

  /** The raw values of one absolute row (index 0 = column `left`), or undefined outside the snapshot. */
  rowValues(row: number): readonly CellValue[] | undefined {
    return this.values[row - this.top];
  }

  /** The value as stored in the workbook (the number behind a percentage or date; null for an uncalculated formula). */
  stored(row: number, col: number): CellValue {
    const v = this.snap.values[row - this.top]?.[col - this.left];
    return v === undefined ? null : v;
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

// ---------------------------------------------------------------------------------------------
// What the user sees.
//
// Why here, in SheetView construction: every locator and rule reads cells through SheetView.raw()
// (and textOf on the Item it builds), so converting once per sheet makes every reader see the same
// thing, for both hosts, without the rules knowing about number formats. The snapshot itself keeps the
// stored values (hosts report them; annotated copies and the add-in never rewrite a value), and the
// conversion only copies the rows it changes.

/**
 * A stored value as it reads where the user looks at it:
 * - a percent-formatted number is its percentage text with every significant digit, as the formula
 *   bar shows it (1 → "100%", 0.955 → "95.5%" even in a `0%` cell, whose grid shows 96%): rounding to
 *   the grid's decimals would invent differences the user did not type;
 * - a date-formatted serial is the date as the format writes it when that shows a four-digit year
 *   ("2023年12月31日", "2023/12/31"), else as 2023年12月31日 (mmm-yy, yy/m/d), so the rules can read the
 *   year; [DBNum] dates read with Arabic digits for the same reason. Excel's system short date (id 14,
 *   `m/d/yyyy`) is what Chinese Excel shows as 2023/12/31, and reads that way;
 * - a time-formatted number is its text (8:30);
 * - every other number stays a number (amounts with `#,##0.00`, General, `@`): rules compare amounts
 *   as numbers.
 */
export function shownValue(v: CellValue, fmt: string | null | undefined, date1904 = false): CellValue {
  if (typeof v !== "number" || !fmt || !Number.isFinite(v)) return v;
  const kind = formatKind(fmt);
  if (kind === "percent") return formatValue(v, fmt, { fullPrecision: true, arabicDigits: true, date1904 });
  if (kind === "time") return v < 0 ? v : formatValue(v, fmt, { arabicDigits: true, date1904 });
  if (kind !== "date") return v;
  const p = serialToParts(v, date1904);
  if (!p) return v;
  const local = fmt.replace(/^(\[\$-[0-9a-fA-F]+\])?m\/d\/yyyy/, "yyyy/m/d");
  const text = formatValue(v, local, { arabicDigits: true, date1904 });
  return text.includes(String(p.year)) && /^\D{0,4}\d{4}/.test(text) ? text : canonicalDate(v, fmt, date1904) ?? v;
}

/** Cells computed per workbook: formulas without a cached result, evaluated once each. */
class WorkbookCells implements FormulaContext {
  sheet = "";
  private readonly byName = new Map<string, SheetSnapshot>();
  private readonly computed = new Map<string, Map<number, CellValue>>();
  private readonly active = new Set<string>();
  private depth = 0;

  constructor(sheets: readonly SheetSnapshot[]) {
    for (const s of sheets) if (!this.byName.has(s.name.toLowerCase())) this.byName.set(s.name.toLowerCase(), s);
  }

  private readonly extents = new Map<string, { rows: number; cols: number }>();

  extent(sheet: string): { rows: number; cols: number } | undefined {
    const key = sheet.toLowerCase();
    const known = this.extents.get(key);
    if (known) return known;
    const s = this.byName.get(key);
    if (!s) return undefined;
    // Once per sheet: every range reference asks, and a sheet of SUMs would otherwise rescan its rows each time.
    let cols = 0;
    for (const r of s.values) if (r && r.length > cols) cols = r.length;
    const e = { rows: s.origin.row + s.values.length, cols: s.origin.col + cols };
    this.extents.set(key, e);
    return e;
  }

  get(sheet: string, row: number, col: number): CellValue | undefined {
    const s = this.byName.get(sheet.toLowerCase());
    if (!s) return undefined;
    const r = row - s.origin.row;
    const c = col - s.origin.col;
    const v = s.values[r]?.[c];
    if (v !== null && v !== undefined) return v;
    const f = s.formulas?.[r]?.[c];
    if (!f) return null;
    const out = this.evaluate(s, r, c, f);
    // A formula that reads an uncomputable cell is uncomputable too (not the error value its text would be).
    if (isUncalculated(out)) throw new UnsupportedFormula("depends on an uncalculated cell");
    return out;
  }

  /** The value of a formula cell with no cached result (r, c relative to the sheet's origin). */
  evaluate(s: SheetSnapshot, r: number, c: number, formula: string): CellValue {
    const key = s.name.toLowerCase();
    let memo = this.computed.get(key);
    if (!memo) this.computed.set(key, (memo = new Map()));
    const id = r * 16384 + c;
    const done = memo.get(id);
    if (done !== undefined) return done;
    const at = `${key}\u0000${id}`;
    let out: CellValue;
    // A cycle, or a chain deeper than any real table's, cannot be computed here.
    if (this.active.has(at) || this.depth > 200) throw new UnsupportedFormula("circular or too deep");
    this.active.add(at);
    this.depth++;
    const outer = this.sheet;
    this.sheet = s.name;
    try {
      out = evaluateFormula(formula, this);
    } catch (e) {
      if (!(e instanceof UnsupportedFormula)) throw e;
      out = { error: formula.startsWith("=") ? formula : `=${formula}`, uncalculated: true, formula } as UncalculatedFormula;
    } finally {
      this.sheet = outer;
      this.depth--;
      this.active.delete(at);
    }
    // Cells on a cycle end up marked uncalculated (the cycle's UnsupportedFormula reaches each of them).
    memo.set(id, out);
    return out;
  }
}

/**
 * The sheet's values as the user sees them: formats applied (shownValue) and formulas without a
 * cached result computed from the workbook (or marked uncalculated). Rows with nothing to change are
 * the snapshot's own arrays; linear in the cells.
 */
function shownValues(snap: SheetSnapshot, workbook?: WorkbookSnapshot): CellValue[][] {
  const formats = snap.formats;
  const formulas = snap.formulas;
  if (!formats && !formulas) return snap.values;
  const date1904 = workbook?.date1904 === true;
  let cells: WorkbookCells | undefined;
  let out: CellValue[][] | undefined;
  const rows = snap.values.length;
  for (let r = 0; r < rows; r++) {
    const vals = snap.values[r];
    const frow = formats?.[r];
    const xrow = formulas?.[r];
    if (!frow && !xrow) continue;
    let copy: CellValue[] | undefined;
    const width = Math.max(vals?.length ?? 0, xrow?.length ?? 0);
    for (let c = 0; c < width; c++) {
      let v: CellValue = vals?.[c] ?? null;
      const f = xrow?.[c];
      if (v === null && f) {
        if (!cells) cells = new WorkbookCells(workbook && workbook.sheets.includes(snap) ? workbook.sheets : [snap, ...(workbook?.sheets ?? [])]);
        try {
          v = cells.evaluate(snap, r, c, f);
        } catch {
          v = { error: `=${f.replace(/^=/, "")}`, uncalculated: true, formula: f } as UncalculatedFormula;
        }
      }
      const fmt = frow?.[c];
      const shown = fmt ? shownValue(v, fmt, date1904) : v;
      if (shown !== (vals?.[c] ?? null)) {
        if (!copy) copy = vals ? vals.slice() : [];
        while (copy.length < c) copy.push(null);
        copy[c] = shown;
      }
    }
    if (copy) {
      if (!out) out = snap.values.slice();
      out[r] = copy;
    }
  }
  return out ?? snap.values;
}
