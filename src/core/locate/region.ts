/**
 * Where tables are: anchors (the label a table starts with) and the region each one owns, bounded by
 * the next table below it and the next table to its right. Found by labels, never by coordinates.
 */
import { Item, type CellItem, type CellRef } from "../model";
import type { SheetView } from "../snapshot";
import { isBlank, type CellValue } from "../snapshot";
import { normLabel } from "./labels";
import type { Vocabulary } from "../forms/vocabulary";

export interface LabelCell {
  row: number;
  col: number;
  /** Normalised label text. */
  label: string;
}

/** The cells an index keeps: non-blank and not covered by a merge. */
function kept(view: SheetView, r: number, c: number, v: CellValue | undefined): boolean {
  return v !== undefined && !isBlank(v) && !view.isCovered(r, c);
}

/**
 * The flat arrays behind a LabelIndex. Counted first and filled into preallocated arrays: growing
 * arrays by push cost more than the whole scan on the 1,000-table benchmark.
 */
function buildIndex(view: SheetView) {
  const rowCount = Math.max(view.bottom - view.top + 1, 0);
  let n = 0;
  for (let r = view.top; r <= view.bottom; r++) {
    const values = view.rowValues(r);
    if (values) for (let i = 0; i < values.length; i++) if (kept(view, r, view.left + i, values[i])) n++;
  }
  const slot = new Int32Array(rowCount).fill(-1);
  const rowNumbers: number[] = [];
  const first: number[] = [];
  const cols = new Int32Array(n);
  const labels = new Array<string>(n);
  let k = 0;
  for (let r = view.top; r <= view.bottom; r++) {
    const values = view.rowValues(r);
    if (!values) continue;
    const start = k;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const c = view.left + i;
      if (!kept(view, r, c, v)) continue;
      cols[k] = c;
      // Long prose is never a label; skip normalising 10,000-character cells.
      labels[k++] = typeof v !== "string" || v.length > 60 ? "" : normLabel(v);
    }
    if (k === start) continue;
    slot[r - view.top] = rowNumbers.length;
    rowNumbers.push(r);
    first.push(start);
  }
  first.push(k);
  return { slot, rowNumbers, first, cols, labels };
}

/**
 * Every non-blank, non-covered cell of the sheet with its normalised text, row by row.
 *
 * Stored flat (parallel column and label arrays, one offset per row) rather than as one object per
 * cell: the index lives as long as the sheet is being located, and 120,000 small long-lived objects
 * cost more in garbage-collector copying than everything the locators do with them (BENCHMARKS.md).
 * `row()` hands out fresh LabelCell arrays, which die young and so cost almost nothing.
 */
export class LabelIndex {
  /** Absolute rows that hold at least one cell, ascending. */
  readonly rowNumbers: number[];
  /** For row `top + k`: its position in rowNumbers, or -1. */
  private readonly slot: Int32Array;
  /** Offsets into cols/labels: row rowNumbers[i] owns [first[i], first[i + 1]). */
  private readonly first: number[];
  private readonly cols: Int32Array;
  private readonly labels: string[];

  constructor(readonly view: SheetView) {
    const built = buildIndex(view);
    this.slot = built.slot;
    this.rowNumbers = built.rowNumbers;
    this.first = built.first;
    this.cols = built.cols;
    this.labels = built.labels;
  }

  /** Set by span(): the flat [from, to) of the last row asked for (fields, not a tuple, so a lookup allocates nothing). */
  private from = 0;
  private to = 0;

  /** The flat [from, to) span of row r's cells within columns [left, right], left in this.from / this.to. */
  private span(r: number, left: number, right: number): void {
    const k = r - this.view.top;
    const s = k >= 0 && k < this.slot.length ? this.slot[k] : -1;
    let from = s < 0 ? 0 : this.first[s];
    let to = s < 0 ? 0 : this.first[s + 1];
    while (from < to && this.cols[from] < left) from++;
    while (to > from && this.cols[to - 1] > right) to--;
    this.from = from;
    this.to = to;
  }

  /** The cells of row r within columns [left, right], left to right. */
  row(r: number, left = -Infinity, right = Infinity): LabelCell[] {
    this.span(r, left, right);
    const { from, to } = this;
    const out: LabelCell[] = new Array(to - from);
    for (let i = from; i < to; i++) out[i - from] = { row: r, col: this.cols[i], label: this.labels[i] };
    return out;
  }

  /**
   * The column of the first cell of row r within [left, right] whose label passes `test`, or -1.
   * `find` and `each` visit cells without creating objects; the scans that run over every row of a
   * sheet use them, since a LabelCell per cell per scan added up to millions of objects on big sheets.
   */
  find(r: number, left: number, right: number, test: (label: string, col: number) => boolean): number {
    this.span(r, left, right);
    const { from, to } = this;
    for (let i = from; i < to; i++) if (test(this.labels[i], this.cols[i])) return this.cols[i];
    return -1;
  }

  /** Visit the cells of row r within [left, right], left to right. */
  each(r: number, left: number, right: number, visit: (label: string, col: number) => void): void {
    this.span(r, left, right);
    const { from, to } = this;
    for (let i = from; i < to; i++) visit(this.labels[i], this.cols[i]);
  }

  /** The label of the cell at (r, c), if the index holds one. */
  labelAt(r: number, c: number): string | undefined {
    this.span(r, c, c);
    return this.to > this.from ? this.labels[this.from] : undefined;
  }

  /** True when row r has a cell within columns [left, right]. */
  hasCells(r: number, left = -Infinity, right = Infinity): boolean {
    this.span(r, left, right);
    const { from, to } = this;
    return to > from;
  }

  item(row: number, col: number): CellItem {
    return new Item(row, col, this.view.raw(row, col));
  }
}

export { textOf } from "../snapshot";

/** The cell at (row, col) as an item, looking through a merge to the top-left cell that holds the value. */
export function cellItemAt(view: SheetView, row: number, col: number): Item {
  const m = view.mergeCovering(row, col);
  return m && (m.top !== row || m.left !== col) ? new Item(m.top, m.left, view.raw(m.top, m.left)) : new Item(row, col, view.raw(row, col));
}

export interface Anchor extends CellRef {
  /** The title row above the anchor, if any (`…绩效目标表`). */
  title?: CellRef;
}

export interface Region {
  anchor: Anchor;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A row that starts an evaluation-report scoring table (总目标 | 权重 | … | 自评分), by the catalogue's evaluationReport labels. */
function isScoringHeader(cells: LabelCell[], vocab: Vocabulary): boolean {
  const er = vocab.evaluationReport;
  let weight = false;
  let score = false;
  for (const c of cells) {
    if (er.isHeaderWeight(c.label)) weight = true;
    else if (er.columns.score(c.label)) score = true;
  }
  return weight && score;
}

const STARTS = new WeakMap<LabelIndex, { vocab: Vocabulary; starts: readonly CellRef[] }>();

/** Every place a table of any kind starts, in row order: its boundaries for the others (worked out once per sheet). */
export function tableStarts(idx: LabelIndex, vocab: Vocabulary): readonly CellRef[] {
  let cached = STARTS.get(idx);
  if (!cached || cached.vocab !== vocab) STARTS.set(idx, (cached = { vocab, starts: findTableStarts(idx, vocab) }));
  return cached.starts;
}

function findTableStarts(idx: LabelIndex, vocab: Vocabulary): CellRef[] {
  const out: CellRef[] = [];
  // A label that can make its row a table start: a start label, a title, or a scoring header's 权重.
  const isStartOrHeaderLabel = (label: string) => vocab.evaluationReport.isHeaderWeight(label) || vocab.isTableStart(label) || vocab.isTitle(label);
  for (const r of idx.rowNumbers) {
    if (idx.find(r, -Infinity, Infinity, isStartOrHeaderLabel) < 0) continue;
    const cells = idx.row(r);
    if (isScoringHeader(cells, vocab)) {
      out.push({ row: r, col: cells[0].col });
      continue;
    }
    for (const c of cells) if (vocab.isTableStart(c.label) || vocab.isTitle(c.label)) out.push({ row: c.row, col: c.col });
  }
  return out;
}

/** Title (and year line) directly above an anchor, within a few rows. */
export function findTitle(idx: LabelIndex, anchor: CellRef, stopAt: number, vocab: Vocabulary, passOver?: (label: string, row: number) => boolean): CellRef | undefined {
  // Only cells above this table count: a title over the anchor's column (merged across it) or close to it.
  const near = (c: LabelCell) => {
    const m = idx.view.mergeCovering(c.row, c.col);
    return (m !== undefined && m.left <= anchor.col && m.right >= anchor.col) || Math.abs(c.col - anchor.col) <= 2;
  };
  for (let r = anchor.row - 1; r >= Math.max(anchor.row - 4, stopAt); r--) {
    for (const c of idx.row(r)) {
      if (!near(c)) continue;
      if (vocab.isTitle(c.label)) return { row: c.row, col: c.col };
      if (vocab.isTableStart(c.label) && !passOver?.(c.label, r)) return undefined;
    }
  }
  return undefined;
}

/**
 * The region an anchor owns: from its title (or itself) down to the row before the next table start
 * in its columns, and right to the column before the next anchor that shares its rows.
 */
export function regionsFor(idx: LabelIndex, anchors: Anchor[], starts: readonly CellRef[]): Region[] {
  const view = idx.view;
  const regions: Region[] = [];
  for (const a of anchors) {
    const top = a.title ? Math.min(a.title.row, a.row) : a.row;
    // Left edge: the anchor's column, or the title's when the title starts further left (merged title).
    let left = a.col;
    // A start under the table's own merged title is one of its labels (项目支出名称 | … | 预算部门), not a table beside it.
    let titleRight = -1;
    if (a.title) {
      const m = view.mergeCovering(a.title.row, a.title.col) ?? view.mergeAt(a.title.row, a.title.col);
      left = Math.min(left, m ? m.left : a.title.col);
      if (m && m.right > a.col) titleRight = m.right;
    }
    // Starts are in row order: look only near the anchor, not at every start of the sheet (1,000 stacked
    // tables made this loop quadratic).
    // Right edge: before the nearest start to the right on the anchor's own rows.
    let right = view.right;
    for (let i = firstAtOrBelow(starts, a.row - 3); i < starts.length && starts[i].row <= a.row + 3; i++) {
      const s = starts[i];
      if (s.col > a.col && s.col > titleRight && s.col - 1 < right) right = s.col - 1;
    }
    // Bottom: before the nearest start below, within this column span (the first one found is the nearest).
    let bottom = view.bottom;
    for (let i = firstAtOrBelow(starts, a.row + 1); i < starts.length; i++) {
      const s = starts[i];
      if (s.col < left || s.col > right) continue;
      bottom = s.row - 1;
      break;
    }
    // Trim trailing blank rows (and a title block of the next table that was not itself a start).
    while (bottom > a.row && !idx.hasCells(bottom, left, right)) bottom--;
    regions.push({ anchor: a, top, left, bottom, right });
  }
  return regions;
}

/** Index of the first start at or below `row` (starts are in row order). */
function firstAtOrBelow(starts: readonly CellRef[], row: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid].row < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const INDEX_CACHE = new WeakMap<SheetView, LabelIndex>();

/** One label index per sheet view, shared by every kind's locator. */
export function labelIndex(view: SheetView): LabelIndex {
  let idx = INDEX_CACHE.get(view);
  if (!idx) {
    idx = new LabelIndex(view);
    INDEX_CACHE.set(view, idx);
  }
  return idx;
}

/** Shrink a region's right edge to the last column with content (or merges) in its rows. */
export function tightRight(idx: LabelIndex, region: Region): number {
  let right = region.left;
  let r = region.top;
  const visit = (_: string, col: number) => {
    const m = idx.view.mergeAt(r, col);
    right = Math.max(right, Math.min(m ? m.right : col, region.right));
  };
  for (; r <= region.bottom; r++) idx.each(r, region.left, region.right, visit);
  return right;
}

/** The budget year written between the region's top and its anchor (`2026年度`, `2026 年度`). */
export function findYear(idx: LabelIndex, region: Region): { value: number; cell: CellRef } | undefined {
  for (let r = region.top; r <= region.anchor.row; r++) {
    for (const c of idx.row(r, region.left, region.right)) {
      const m = /(19|20|21)(\d{2})年度/.exec(c.label);
      if (m) return { value: Number(m[1] + m[2]), cell: { row: c.row, col: c.col } };
    }
  }
  return undefined;
}
