/**
 * The declarative template spec: a template is a list of rows (with keys so formulas and vertical
 * merges can name them) and vertical spans. `compileSpec` turns it into a SheetPlan; geometry,
 * A1 addresses, merges, styles, locking and dropdowns are worked out there, never in a template.
 */

/** What a cell is; each role has one style (see styles.ts) and one locking rule. */
export type CellRole =
  | "title"
  | "subtitle"
  | "label" // fixed label text, locked
  | "header" // column header, locked
  | "group" // vertical group label (项目资金（万元）, 决策 …), locked
  | "fixed" // pre-filled standard text (决策/过程 三级 names), locked
  | "input" // free text input, wraps
  | "inputCenter" // short input (dates, 指标值), centred
  | "choice" // pre-filled or empty input with a dropdown
  | "amount" // 万元 input, 0.00
  | "amountTotal" // 万元 formula, 0.00, locked
  | "percentTotal" // percentage formula, 0.00%, locked
  | "score" // score input or weight, 0.00
  | "scoreFormula" // score formula the user may overwrite (qualitative rows), 0.00, unlocked
  | "scoreTotal" // score formula, locked
  | "dash" // "—" placeholder, locked
  | "helper" // helper formula outside the printed form, locked, grey
  | "note" // footnote text, locked, no border
  | "unitLine" // 填报单位 line above the table: pre-filled for one department, editable, no border
  | "issuerLine"; // 印发单位 and amount unit above the table, locked, no border

/** Addresses formulas can use; keys name rows, `#n` picks the n-th repeat of a repeated row. */
export interface RefApi {
  /** A1 of `col` in the (first) row with this key. */
  cell(key: string, col: number): string;
  /** A1 range of `col` over every repeat of `key` (or from `key` through `toKey`). */
  range(key: string, col: number, toKey?: string): string;
  /** A1 of `col` in the row being compiled. */
  self(col: number): string;
  /** Comma-separated A1 list of `col` in each of these rows (each may be repeated). */
  list(keys: readonly string[], col: number): string;
}

export interface CellSpec {
  col: number;
  /** Last column of a horizontal merge (inclusive). */
  to?: number;
  role: CellRole;
  /** Label or pre-filled value. */
  value?: string | number;
  /** Formula without "=", built from addresses once every row has its place. */
  formula?: (r: RefApi) => string;
  /** Dropdown values. */
  list?: readonly string[];
  prompt?: { zh: string; en: string };
  /** Name under which the plan exposes this cell (SheetPlan.anchors); repeated rows add `#n`. */
  anchor?: string;
}

export interface RowSpec {
  key?: string;
  /** Emit this row n times (keys `key#0` …); n ≥ 1. */
  repeat?: number;
  /** Height in points. */
  height?: number;
  cells: CellSpec[];
}

/** A label merged down from the first row of `from` through the last row of `through`. */
export interface SpanSpec {
  col: number;
  to?: number;
  from: string;
  through: string;
  role: CellRole;
  value?: string;
  list?: readonly string[];
  prompt?: { zh: string; en: string };
}

export interface TemplateSpec {
  kind: string;
  sheetName: string;
  title: string;
  columnWidths: number[];
  /** Columns of the printed form (0..tableCols-1 get borders in every row); columns beyond are helpers. */
  tableCols: number;
  rows: RowSpec[];
  spans: SpanSpec[];
  /** Rows repeated on every printed page (keys). */
  repeatRows?: { from: string; through: string };
  protect: boolean;
}

/** A section of a template: rows plus the spans that label them. */
export interface Section {
  rows: RowSpec[];
  spans: SpanSpec[];
}

export function joinSections(...sections: Section[]): Section {
  return { rows: sections.flatMap((s) => s.rows), spans: sections.flatMap((s) => s.spans) };
}
