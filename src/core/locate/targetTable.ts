/**
 * The skeleton both target-table locators share (项目支出 and 部门整体): anchors → regions → the three
 * blocks (header fields, funding, indicators) and the layout problems every target table can have.
 */
import type { CellItem, CellRef, Field } from "../model";
import type { SheetView } from "../snapshot";
import { readFields, readFunding, readIndicators, type BlockContext, type FundingRead, type IndicatorRead } from "./blocks";
import { findTitle, findYear, labelIndex, regionsFor, tableStarts, tightRight, type Anchor, type LabelCell, type LabelIndex, type Region } from "./region";
import type { LayoutProblem } from "./types";
import type { Vocabulary } from "../forms/vocabulary";
import type { TableReading } from "../model";
import { readColumn, headerPath } from "../reading/columns";
import { findIndicatorHeaderByContent } from "../reading/indicatorBlock";
import { treeClassifier, treeOf } from "../reading/tree";

/** A region holding a label only a self-evaluation (or report) table has is not a target table. */
function isSelfEvaluationRegion(idx: LabelIndex, r: Region, vocab: Vocabulary): boolean {
  for (let row = r.top; row <= r.bottom; row++) if (idx.find(row, r.left, r.right, vocab.isNotTarget) >= 0) return true;
  return false;
}

export interface TargetRead<K extends string> {
  region: Region;
  anchor: CellRef;
  title?: CellItem;
  year?: { value: number; cell: CellRef };
  fields: Partial<Record<K, Field>>;
  funding: FundingRead;
  indicators: IndicatorRead;
  problems: LayoutProblem[];
  reading: TableReading;
}

export interface TargetOptions<K extends string> {
  vocab: Vocabulary;
  /** The labels a table of this kind starts with. */
  anchorLabels: ReadonlySet<string>;
  /** A title that starts a table of this kind by itself when no anchor label follows it (forms with no 项目名称 row). */
  titleAnchor?(title: string): boolean;
  /**
   * Anchor labels of the other target kind that, directly above (≤ 2 rows) an anchor of this kind, belong
   * to this kind's table: a project form that names its 部门（单位） before 项目名称. The other kind's
   * anchor then yields (yieldTo on that side) and the title search passes over it (here).
   */
  passOver?: ReadonlySet<string>;
  /** This kind's anchors yield to an anchor of these labels within the next 2 rows (see passOver). */
  yieldTo?: ReadonlySet<string>;
  /** A row holding an anchor label that is nevertheless not a table start (a report's 项目名称 column). */
  notAnchorRow?(row: LabelCell[]): boolean;
  fields: Record<string, K>;
  /** Titles that belong to the other target kind. */
  foreignTitle?(title: string): boolean;
}

/** The TableBase fields of a read target table. */
export function targetBase<K extends string>(t: TargetRead<K>, sheet: string, name: string) {
  return {
    sheet,
    name,
    range: { top: t.region.top, left: t.region.left, bottom: t.region.bottom, right: t.region.right },
    anchor: t.anchor,
    title: t.title,
    year: t.year,
    reading: t.reading,
    fields: t.fields,
    funding: t.funding.funding,
  };
}

const NO_HEADER = { reason: "未找到指标表表头（一级指标/二级指标/三级指标）", reasonEn: "no indicator header (一级指标/二级指标/三级指标) was found" };

export function readTargetTables<K extends string>(view: SheetView, opts: TargetOptions<K>): TargetRead<K>[] {
  const { vocab } = opts;
  const idx = labelIndex(view);
  const starts = tableStarts(idx, vocab);
  const anchors: Anchor[] = [];
  const isAnchorLabel = (label: string) => opts.anchorLabels.has(label);
  for (const r of idx.rowNumbers) {
    if (idx.find(r, -Infinity, Infinity, isAnchorLabel) < 0) continue;
    const cells = idx.row(r);
    if (opts.notAnchorRow?.(cells)) continue;
    for (const c of cells) if (isAnchorLabel(c.label)) anchors.push({ row: r, col: c.col });
  }
  if (opts.yieldTo) {
    const yieldTo = opts.yieldTo;
    const other = (l: string) => yieldTo.has(l);
    for (let i = anchors.length - 1; i >= 0; i--) {
      const a = anchors[i];
      // The other kind's anchor on the same row, left of this one, makes this one a field of its table
      // (项目支出名称 | … | 预算部门: 预算部门 is the project's department, not a department table).
      let yields = idx.find(a.row, -Infinity, a.col - 1, other) >= 0;
      for (let r = a.row + 1; r <= a.row + 2 && !yields; r++) yields = idx.find(r, -Infinity, Infinity, other) >= 0;
      const t = yields ? findTitle(idx, a, view.top, vocab) : undefined;
      // A title saying 整体 keeps the table this kind's.
      if (yields && !(t && opts.titleAnchor?.(idx.labelAt(t.row, t.col) ?? ""))) anchors.splice(i, 1);
    }
  }
  const passOver = opts.passOver ? (label: string, row: number, a: Anchor) => opts.passOver!.has(label) && a.row - row <= 2 : undefined;
  for (const a of anchors) a.title = findTitle(idx, a, view.top, vocab, passOver && ((l, r) => passOver(l, r, a)));
  if (opts.titleAnchor) {
    // A title with no table-start label in the rows under it starts its table itself.
    for (const s of starts) {
      const label = idx.labelAt(s.row, s.col);
      if (label === undefined || !vocab.isTitle(label) || !opts.titleAnchor(label)) continue;
      let started = false;
      for (let r = s.row; r <= s.row + 4 && !started; r++) started = idx.find(r, -Infinity, Infinity, vocab.isTableStart) >= 0;
      if (!started) anchors.push({ row: s.row, col: s.col, title: { row: s.row, col: s.col } });
    }
    anchors.sort((a, b) => a.row - b.row || a.col - b.col);
  }
  const out: TargetRead<K>[] = [];
  for (const region of regionsFor(idx, anchors, starts)) {
    region.right = tightRight(idx, region);
    if (isSelfEvaluationRegion(idx, region, vocab)) continue;
    const a = region.anchor;
    const title = a.title ? idx.item(a.title.row, a.title.col) : undefined;
    if (title && opts.foreignTitle?.(title.text)) continue;
    const problems: LayoutProblem[] = [];
    const ctx: BlockContext = { idx, region, problems, vocab };
    let indicators = readIndicators(ctx, a.row, region.bottom);
    // The run's profile's trees (a region's own 一级/二级 names), the national ones when none is given.
    const tree = treeOf(vocab);
    let reading: TableReading;
    if (indicators.headers.length === 0) {
      // The header's words named no indicator table: find it by what the cells hold.
      // Below the funding block: its 支出 header and lines are not an indicator table.
      const below = readFunding(ctx, a.row, region.bottom).lastRow + 1;
      const found = findIndicatorHeaderByContent(view, { top: Math.max(a.row, below), left: region.left, bottom: region.bottom, right: region.right }, vocab, tree);
      if (found) indicators = readIndicators(ctx, a.row, region.bottom, found);
      reading = found ? { by: "content", headerRow: found.row, columns: found.columns.map(plainColumn), unsure: found.unsure } : { by: "words", columns: [], unsure: ["indicators"] };
    } else reading = wordedReading(view, vocab, indicators.headers[0], region, tree);
    // Header fields and funding sit above the indicator table; reading stops there.
    const above = indicators.headers.length > 0 ? indicators.headers[0].row - 1 : region.bottom;
    const fields = readFields(ctx, opts.fields, a.row, above);
    const funding = readFunding(ctx, a.row, above);
    // A lone anchor label with neither funding nor indicators and no title is not a table (a cover page, a list).
    if (!title && !funding.funding.total && indicators.headers.length === 0) continue;
    if (indicators.headers.length === 0) {
      problems.push({ row: a.row, col: a.col, messageId: "unreadable-table", data: NO_HEADER });
    } else {
      const h = indicators.headers[0];
      if (h.full === undefined) problems.push({ row: h.row, col: h.l1, messageId: "missing-column", data: { column: "全年（程）指标值" } });
      if (h.l3 === undefined) problems.push({ row: h.row, col: h.l1, messageId: "missing-column", data: { column: "三级指标" } });
      // A header with nothing under it: the indicator rows were moved (often to another sheet) or deleted.
      if (indicators.rows.length === 0) {
        problems.push({
          row: h.row,
          col: h.l1,
          messageId: "split-table",
          data: { reason: "指标表头下没有任何指标行，指标可能在其他工作表上或已被删除", reasonEn: "there are no indicator rows under the indicator header; they may be on another sheet or deleted" },
        });
      }
    }
    out.push({ region, anchor: { row: a.row, col: a.col }, title, year: findYear(idx, region), fields, funding, indicators, problems, reading });
  }
  return out;
}

type ColumnLike = { col: number; header: string; role: string; confidence: number; evidence: string[] };
const plainColumn = (c: ColumnLike): ColumnLike => ({ col: c.col, header: c.header, role: c.role, confidence: c.confidence, evidence: c.evidence });

/**
 * The Reading of a table whose header the catalogue's words found: each column's worded role checked
 * against what its cells hold, the content's doubts recorded as a lower confidence and evidence (shown by
 * inspect and 读作…), never as silence: the rows were read by these roles.
 */
function wordedReading(view: SheetView, vocab: Vocabulary, h: IndicatorRead["headers"][number], region: { left: number; right: number; bottom: number }, tree: ReturnType<typeof treeClassifier>): TableReading {
  const roleOf = new Map<number, string>([[h.l1, "level1"]]);
  if (h.l2 !== undefined) roleOf.set(h.l2, "level2");
  if (h.l3 !== undefined) roleOf.set(h.l3, "level3");
  if (h.half !== undefined) roleOf.set(h.half, "half");
  if (h.full !== undefined) roleOf.set(h.full, "full");
  for (const [k, c] of Object.entries(h.extra)) roleOf.set(c, k);
  // A two-row header: the columns' own labels are on the second row, their parents on the first.
  const twoRow = h.dataRow > h.row + 1;
  // Computed when asked (inspect, the pane's 读作…), once: validation itself never reads it, and parsing every
  // value cell of every table again doubled the 1,000-table benchmark.
  let columns: ColumnLike[] | undefined;
  const read = (): ColumnLike[] => {
    if (columns) return columns;
    columns = [];
    for (const [col, role] of [...roleOf].sort((a, b) => a[0] - b[0])) {
      const c = readColumn(view, vocab, col, headerPath(view, twoRow ? h.row + 1 : h.row, col, twoRow ? h.row : undefined), h.dataRow, region.bottom, tree);
      // Shown, not acted on: the rows were read by the words (or the form's position rule), and a column the
      // content doubts holds the very mistakes the rules are for (a unit with no number under 指标值).
      const confidence = c.role === role ? c.confidence : c.role === "unknown" ? 0.5 : 0.4;
      columns.push({ col, header: c.header, role, confidence, evidence: c.evidence });
    }
    return columns;
  };
  return {
    by: "words",
    headerRow: h.row,
    unsure: [],
    get columns() {
      return read();
    },
  };
}
