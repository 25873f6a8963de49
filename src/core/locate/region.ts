/**
 * Where tables are: anchors (the label a table starts with) and the region each one owns, bounded by
 * the next table below it and the next table to its right. Found by labels, never by coordinates.
 */
import type { CellItem, CellRef } from "../model";
import type { SheetView } from "../snapshot";
import { isBlank } from "../snapshot";
import { normLabel } from "./labels";

export interface LabelCell {
  row: number;
  col: number;
  /** Normalised label text. */
  label: string;
}

/** Every non-blank, non-covered cell of the sheet with its normalised text, row by row. */
export class LabelIndex {
  readonly rows = new Map<number, LabelCell[]>();
  constructor(readonly view: SheetView) {
    for (let r = view.top; r <= view.bottom; r++) {
      const values = view.rowValues(r);
      if (!values || values.length === 0) continue;
      const cells: LabelCell[] = [];
      for (let i = 0; i < values.length; i++) {
        const v = values[i] ?? null;
        const c = view.left + i;
        if (isBlank(v) || view.isCovered(r, c)) continue;
        if (typeof v !== "string") {
          cells.push({ row: r, col: c, label: "" });
          continue;
        }
        // Long prose is never a label; skip normalising 10,000-character cells.
        cells.push({ row: r, col: c, label: v.length > 60 ? "" : normLabel(v) });
      }
      if (cells.length) this.rows.set(r, cells);
    }
  }

  row(r: number, left = -Infinity, right = Infinity): LabelCell[] {
    const cells = this.rows.get(r);
    if (!cells) return [];
    // Most rows lie wholly inside the region asked for: no copy then.
    if (cells[0].col >= left && cells[cells.length - 1].col <= right) return cells;
    return cells.filter((c) => c.col >= left && c.col <= right);
  }

  item(row: number, col: number): CellItem {
    const value = this.view.raw(row, col);
    return { cell: { row, col }, value, text: textOf(value) };
  }
}

/** The characters String.prototype.trim removes (ASCII and Unicode white space, BOM). */
function isTrimmed(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

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

const TABLE_START_LABELS = new Set(["项目名称", "单位名称", "部门名称", "部门(单位)名称", "单位(部门)名称", "预算单位", "预算部门"]);
const TITLE_RE = /(绩效目标|绩效自评|自评)表$|绩效目标表|绩效自评表/;

export function isTableStartLabel(label: string): boolean {
  return TABLE_START_LABELS.has(label);
}

export function isTitle(label: string): boolean {
  return TITLE_RE.test(label) && label.length <= 60;
}

/** A row that starts an evaluation-report scoring table (总目标 | 权重 | … | 自评分). */
function isScoringHeader(cells: LabelCell[]): boolean {
  let weight = false;
  let score = false;
  for (const c of cells) {
    if (c.label === "权重") weight = true;
    else if (c.label === "自评分" || c.label === "得分") score = true;
  }
  return weight && score;
}

/** Every place a table of any kind starts: its boundaries for the others. */
export function tableStarts(idx: LabelIndex): CellRef[] {
  const out: CellRef[] = [];
  for (const [r, cells] of idx.rows) {
    if (isScoringHeader(cells)) {
      out.push({ row: r, col: cells[0].col });
      continue;
    }
    for (const c of cells) if (isTableStartLabel(c.label) || isTitle(c.label)) out.push({ row: c.row, col: c.col });
  }
  return out;
}

/** Title (and year line) directly above an anchor, within a few rows. */
export function findTitle(idx: LabelIndex, anchor: CellRef, stopAt: number): CellRef | undefined {
  // Only cells above this table count: a title over the anchor's column (merged across it) or close to it.
  const near = (c: LabelCell) => {
    const m = idx.view.mergeCovering(c.row, c.col);
    return (m !== undefined && m.left <= anchor.col && m.right >= anchor.col) || Math.abs(c.col - anchor.col) <= 2;
  };
  for (let r = anchor.row - 1; r >= Math.max(anchor.row - 4, stopAt); r--) {
    for (const c of idx.row(r)) {
      if (!near(c)) continue;
      if (isTitle(c.label)) return { row: c.row, col: c.col };
      if (isTableStartLabel(c.label)) return undefined;
    }
  }
  return undefined;
}

/**
 * The region an anchor owns: from its title (or itself) down to the row before the next table start
 * in its columns, and right to the column before the next anchor that shares its rows.
 */
export function regionsFor(idx: LabelIndex, anchors: Anchor[], starts: CellRef[]): Region[] {
  const view = idx.view;
  const regions: Region[] = [];
  for (const a of anchors) {
    const top = a.title ? Math.min(a.title.row, a.row) : a.row;
    // Left edge: the anchor's column, or the title's when the title starts further left (merged title).
    let left = a.col;
    if (a.title) {
      const m = view.mergeCovering(a.title.row, a.title.col);
      left = Math.min(left, m ? m.left : a.title.col);
    }
    // Right edge: before the nearest start to the right on the anchor's own rows.
    let right = view.right;
    for (const s of starts) {
      if (s.col > a.col && Math.abs(s.row - a.row) <= 3 && s.col - 1 < right) right = s.col - 1;
    }
    // Bottom: before the nearest start below, within this column span.
    let bottom = view.bottom;
    for (const s of starts) {
      if (s.row <= a.row || s.col < left || s.col > right) continue;
      if (s.row - 1 < bottom) bottom = s.row - 1;
    }
    // Trim trailing blank rows (and a title block of the next table that was not itself a start).
    while (bottom > a.row && idx.row(bottom, left, right).length === 0) bottom--;
    regions.push({ anchor: a, top, left, bottom, right });
  }
  return regions;
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
  for (let r = region.top; r <= region.bottom; r++) {
    for (const c of idx.row(r, region.left, region.right)) {
      const m = idx.view.mergeAt(c.row, c.col);
      right = Math.max(right, Math.min(m ? m.right : c.col, region.right));
    }
  }
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
