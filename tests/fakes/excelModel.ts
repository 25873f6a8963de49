/**
 * The in-memory workbook behind the fake Excel API: what a test seeds and inspects.
 * Coordinates are 0-based like src/core; addresses are A1 text like Office.js.
 */
import type { Rect } from "../../src/core/snapshot";
import { a1, columnLetters, rectAddress } from "../../src/core/snapshot";

export const MAX_ROW = 1048575;
export const MAX_COL = 16383;

export interface CellModel {
  /** Constant or last computed value; "" for blank. */
  value: string | number | boolean;
  formula?: string;
  error?: boolean;
}

export interface CFModel {
  id: number;
  areas: Rect[];
  type: string;
  formula?: string;
  fill?: string;
}

export interface CommentModel {
  id: string;
  cell: string;
  content: string;
}

export interface SheetModel {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<string, CellModel>;
  merges: Rect[];
  cfs: CFModel[];
  notes: Map<string, string>;
  /** Note sizes set through Note.width / height (points); a note without an entry has Excel's default size. */
  noteSizes: Map<string, { width?: number; height?: number }>;
  comments: CommentModel[];
  /** The user's own direct formatting; the adapter must never change it on flagged sheets. */
  fills: Map<string, string>;
  formats: Map<string, Record<string, unknown>>;
  numberFormats: Map<string, string>;
  validations: { address: string; rule: unknown; prompt?: unknown }[];
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  hiddenColumns: Set<number>;
  frozenRows: number;
  protected: boolean;
  /** Options passed to protect(); `allowFormatCells` lets formats and conditional formats through, as in Excel. */
  protectionOptions?: Record<string, unknown>;
  pageLayout: Record<string, unknown>;
}

/** Faults a test can inject into the host (one-shot, counted across every batch of every context). */
export interface HostFaults {
  /** The n-th write operation (1-based, counted from when the fault is set) fails with `code`; earlier writes stay (no rollback). */
  failWriteAt?: number;
  failWriteCode?: string;
  writesSeen?: number;
}

export function key(row: number, col: number): string {
  return `${row},${col}`;
}

let nextId = 1;

export function newSheet(name: string): SheetModel {
  return {
    id: `{sheet-${nextId++}}`,
    name,
    visibility: "Visible",
    cells: new Map(),
    merges: [],
    cfs: [],
    notes: new Map(),
    noteSizes: new Map(),
    comments: [],
    fills: new Map(),
    formats: new Map(),
    numberFormats: new Map(),
    validations: [],
    columnWidths: new Map(),
    rowHeights: new Map(),
    hiddenColumns: new Set(),
    frozenRows: 0,
    protected: false,
    pageLayout: {},
  };
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  activeId = "";
  selection?: { sheet: string; address: string };
  settings = new Map<string, unknown>();
  /**
   * Custom document properties (Workbook.properties.custom, ExcelApi 1.7), where a distributed template
   * keeps its identity. Undefined: the fake workbook offers no `properties` at all (as in every older test).
   */
  customProperties?: Map<string, unknown>;
  cfSeq = 1;
  commentSeq = 1;
  faults: HostFaults = {};
  /** The workbook uses the 1904 date system (File › Options › Advanced, or a workbook made on an old Mac): serial 0 = 1904-01-01. */
  date1904 = false;
  /** The user is typing in a cell (Excel's cell-edit mode): batches fail unless delayed. */
  cellEditing = false;
  private editWaiters: (() => void)[] = [];

  enterCellEdit(): void {
    this.cellEditing = true;
  }

  exitCellEdit(): void {
    this.cellEditing = false;
    const w = this.editWaiters;
    this.editWaiters = [];
    for (const f of w) f();
  }

  /** Resolves when cell-edit mode ends (what delayForCellEdit waits for). */
  cellEditEnded(): Promise<void> {
    if (!this.cellEditing) return Promise.resolve();
    return new Promise((r) => this.editWaiters.push(r));
  }

  /** Make the n-th write from now fail (AccessDenied by default), as a refused write part-way through a batch. */
  failWrite(n: number, code = "GeneralException"): void {
    this.faults = { failWriteAt: n, failWriteCode: code, writesSeen: 0 };
  }

  /** Rename a sheet the way the user does (its id stays). */
  rename(from: string, to: string): void {
    this.sheet(from).name = to;
  }

  addSheet(name: string, rows: (string | number | boolean | null | { error: string })[][] = [], origin = { row: 0, col: 0 }): SheetModel {
    const s = newSheet(name);
    rows.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v === null || v === "") return;
        const cell: CellModel = typeof v === "object" ? { value: v.error, error: true } : { value: v };
        s.cells.set(key(origin.row + i, origin.col + j), cell);
      }),
    );
    this.sheets.push(s);
    if (!this.activeId) this.activeId = s.id;
    return s;
  }

  sheet(name: string): SheetModel {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  activate(name: string): void {
    this.activeId = this.sheet(name).id;
  }

  /** Deep copy of everything the user can see in a sheet, for exact before/after comparisons. */
  fingerprint(name: string): unknown {
    const s = this.sheet(name);
    const sorted = <T,>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    return JSON.parse(
      JSON.stringify({
        cells: sorted(s.cells),
        merges: s.merges,
        cfs: s.cfs.map(({ areas, type, formula, fill }) => ({ areas, type, formula, fill })),
        notes: sorted(s.notes),
        noteSizes: sorted(s.noteSizes),
        comments: s.comments.map(({ cell, content }) => ({ cell, content })),
        fills: sorted(s.fills),
        formats: sorted(s.formats),
        numberFormats: sorted(s.numberFormats),
        name: s.name,
        visibility: s.visibility,
        protected: s.protected,
      }),
    );
  }
}

/** `B2`, `B2:C5`, `A:G`, `3:7`, optionally sheet-qualified and with `$`. */
export function parseAddress(addr: string): Rect {
  const bare = addr.includes("!") ? addr.slice(addr.lastIndexOf("!") + 1) : addr;
  const clean = bare.replace(/\$/g, "").trim();
  const [a, b = a] = clean.split(":");
  const cell = /^([A-Z]{1,3})(\d+)$/;
  const colOnly = /^([A-Z]{1,3})$/;
  const rowOnly = /^(\d+)$/;
  const colNum = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  if (cell.test(a) && cell.test(b)) {
    const p = cell.exec(a)!;
    const q = cell.exec(b)!;
    return norm({ top: Number(p[2]) - 1, left: colNum(p[1]), bottom: Number(q[2]) - 1, right: colNum(q[1]) });
  }
  if (colOnly.test(a) && colOnly.test(b)) return norm({ top: 0, left: colNum(a), bottom: MAX_ROW, right: colNum(b) });
  if (rowOnly.test(a) && rowOnly.test(b)) return norm({ top: Number(a) - 1, left: 0, bottom: Number(b) - 1, right: MAX_COL });
  const err = new Error(`The argument is invalid or missing or has an incorrect format: ${addr}`) as Error & { code: string };
  err.code = "InvalidArgument";
  throw err;
}

function norm(r: Rect): Rect {
  return { top: Math.min(r.top, r.bottom), left: Math.min(r.left, r.right), bottom: Math.max(r.top, r.bottom), right: Math.max(r.left, r.right) };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function fullAddress(sheet: string, r: Rect): string {
  const q = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  if (r.left === 0 && r.right === MAX_COL) return `${q}!${r.top + 1}:${r.bottom + 1}`;
  if (r.top === 0 && r.bottom === MAX_ROW) return `${q}!${columnLetters(r.left)}:${columnLetters(r.right)}`;
  return `${q}!${rectAddress(r)}`;
}

export { a1 };
