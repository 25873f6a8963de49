/**
 * Readers for the blocks target tables share: labelled header fields, the funding block (收入 sources
 * and 支出 lines) and indicator tables. Each reads by labels within a region and returns cells.
 */
import type { AmountLine, CellItem, Field, IndicatorRow } from "../model";
import type { FundingBlock } from "../model/project";
import type { LayoutProblem } from "./types";
import { Item } from "../model";
import { cellItemAt, type LabelCell, type LabelIndex, type Region } from "./region";
import { isBlank, type SheetView } from "../snapshot";
import { headerText, type Vocabulary } from "../forms/vocabulary";
import { normLabel } from "./labels";
import type { IndicatorRole } from "../forms/schema";
import { contentRole } from "../reading/columns";
import { columnSignature } from "../reading/signature";
import { treeOf } from "../reading/tree";

export interface BlockContext {
  idx: LabelIndex;
  region: Region;
  problems: LayoutProblem[];
  /** The form catalogue's vocabulary: every label and column role the readers look for. */
  vocab: Vocabulary;
}

/** The cell at (row, col), looking through merges to the top-left cell that holds the value. */
export function itemAt(ctx: BlockContext, row: number, col: number): Item {
  return cellItemAt(ctx.idx.view, row, col);
}

function rowCells(ctx: BlockContext, r: number): LabelCell[] {
  return ctx.idx.row(r, ctx.region.left, ctx.region.right);
}

/** The first cell right of a label (after its merge), within the region; a column empty in every row of the region is spacing, passed over. */
function cellRightOf(ctx: BlockContext, row: number, col: number): { row: number; col: number } | undefined {
  const view = ctx.idx.view;
  const m = view.mergeAt(row, col);
  let c = (m ? m.right : col) + 1;
  while (c <= ctx.region.right && (view.isCovered(row, c) || (isBlank(view.raw(row, c)) && emptyColumn(ctx, c)))) c++;
  return c <= ctx.region.right ? { row, col: c } : undefined;
}

const EMPTY_COLUMNS = new WeakMap<BlockContext["region"], Map<number, boolean>>();

/** True when no row of the region holds a value in column c (a spacer column; merges across it hold their value elsewhere). */
function emptyColumn(ctx: BlockContext, c: number): boolean {
  let memo = EMPTY_COLUMNS.get(ctx.region);
  if (!memo) EMPTY_COLUMNS.set(ctx.region, (memo = new Map()));
  let empty = memo.get(c);
  if (empty === undefined) {
    empty = true;
    const view = ctx.idx.view;
    for (let r = ctx.region.top; r <= ctx.region.bottom && empty; r++) if (!view.isCovered(r, c) && !isBlank(view.raw(r, c))) empty = false;
    memo.set(c, empty);
  }
  return empty;
}

// ---------------------------------------------------------------- fields

/** Object.hasOwn for older Office webviews (Safari before 15.4 on the Mac). */
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export function readFields<K extends string>(
  ctx: BlockContext,
  labels: Record<string, K>,
  fromRow: number,
  toRow: number,
): Partial<Record<K, Field>> {
  const out: Partial<Record<K, Field>> = {};
  const isFieldLabel = (l: string) => hasOwn(labels, l);
  for (let r = fromRow; r <= toRow; r++) {
    if (ctx.idx.find(r, ctx.region.left, ctx.region.right, isFieldLabel) < 0) continue;
    for (const c of rowCells(ctx, r)) {
      // Own keys only: a cell reading "constructor" is not a field label.
      const key = hasOwn(labels, c.label) ? labels[c.label] : undefined;
      if (key === undefined || out[key]) continue;
      const field: Field = { label: ctx.idx.item(c.row, c.col) };
      const v = cellRightOf(ctx, c.row, c.col);
      if (v) {
        const next = ctx.idx.view.raw(v.row, v.col);
        // The next cell being another field's label means this field's value cell is missing.
        const nextIsLabel = typeof next === "string" && ctx.idx.find(r, v.col, v.col, isFieldLabel) >= 0;
        if (!nextIsLabel) field.value = ctx.idx.item(v.row, v.col);
      }
      out[key] = field;
    }
  }
  return out;
}

// ---------------------------------------------------------------- funding

function isNumberLike(v: unknown): boolean {
  return typeof v === "number" || (typeof v === "string" && /^[\s+-]?[\d,.]+\s*(万元|元)?\s*$/.test(v));
}

export interface FundingRead {
  funding: FundingBlock;
  /** 支出 lines (excluding the 合计 line). */
  expenses: AmountLine[];
  expenseTotal?: AmountLine;
  /** Rows the funding block covers, so other readers can skip them. */
  lastRow: number;
}

/** Column of a header label matching `re` in rows [from, to], if any. */
function headerCol(ctx: BlockContext, from: number, to: number, re: RegExp, not?: RegExp): number | undefined {
  for (let r = from; r <= to; r++) {
    for (const c of rowCells(ctx, r)) if (re.test(c.label) && !(not && not.test(c.label))) return c.col;
  }
  return undefined;
}

/** The line a funding label names, if it is one: `其中：财政拨款` (national form) names the same line as `财政拨款`. */
function lineKey(vocab: Vocabulary, label: string): string | undefined {
  // `年度资金总额:50万` writes the amount into the label cell: the label is what comes before it.
  const bare = label.replace(/:[\d.,]+(万元|万|元)?$/, "");
  const l = bare.startsWith("其中") ? bare.replace(/^其中:?/, "") : bare;
  const f = vocab.funding;
  return f.isTotal(l) || f.isSource(l) || f.isAppropriation(l) ? l : undefined;
}

/** The line label of a funding row: the most specific known label in the row. */
function lineLabel(vocab: Vocabulary, cells: LabelCell[], amountCols: Set<number>): LabelCell | undefined {
  const texts = cells.filter((c) => c.label !== "" && !amountCols.has(c.col) && !isNumberLike(c.label));
  for (let i = texts.length - 1; i >= 0; i--) {
    const l = lineKey(vocab, texts[i].label);
    if (l !== undefined) return { ...texts[i], label: l };
  }
  return undefined;
}

/**
 * Funding written on one row, label then amount, several times (资金总额 | 30 | 其中：财政拨款 | 30 | 其他资金 | 0):
 * each known label with the cell right of it (after its merge). Undefined unless the row holds two or more
 * known lines, each followed by an amount or an empty cell rather than by another label.
 */
function oneRowLines(ctx: BlockContext, cells: LabelCell[]): { label: LabelCell; amount?: { row: number; col: number } }[] | undefined {
  const out: { label: LabelCell; amount?: { row: number; col: number } }[] = [];
  for (const c of cells) {
    const key = lineKey(ctx.vocab, c.label);
    if (key === undefined) continue;
    const at = cellRightOf(ctx, c.row, c.col);
    const v = at ? ctx.idx.view.raw(at.row, at.col) : null;
    if (at && !(v === null || v === "" || isNumberLike(v) || typeof v === "number")) return undefined;
    out.push({ label: { ...c, label: key }, amount: at });
  }
  return out.length >= 2 ? out : undefined;
}

/** The cell right of a funding label, unless it is another funding label. */
function amountRightOf(ctx: BlockContext, lab: LabelCell): { row: number; col: number } | undefined {
  const at = cellRightOf(ctx, lab.row, lab.col);
  if (!at) return undefined;
  const label = ctx.idx.labelAt(at.row, at.col);
  return label !== undefined && lineKey(ctx.vocab, label) !== undefined ? undefined : at;
}

export function readFunding(ctx: BlockContext, fromRow: number, toRow: number): FundingRead {
  const funding: FundingBlock = { appropriationParts: [], sources: [] };
  const expenses: AmountLine[] = [];
  let expenseTotal: AmountLine | undefined;
  const f = ctx.vocab.funding;
  const isTotalLabel = (l: string) => f.isTotal(lineKey(ctx.vocab, l) ?? "");
  const isStop = (c: LabelCell) => f.isStop(c.label) || ctx.vocab.indicatorRole(c.label) === "level1";
  const tree = treeOf(ctx.vocab);
  let totalRow: number | undefined;
  for (let r = fromRow; r <= toRow && totalRow === undefined; r++) {
    if (ctx.idx.find(r, ctx.region.left, ctx.region.right, isTotalLabel) >= 0) totalRow = r;
  }
  if (totalRow === undefined) return { funding, expenses, lastRow: fromRow - 1 };

  for (let r = Math.max(fromRow, totalRow - 3); r <= totalRow; r++) {
    // 项目资金（万元）, or any label of the block that ends by stating its unit (年度预算安排(万元), 预算数(元)).
    const u = rowCells(ctx, r).find((c) => (/资金/.test(c.label) && /万元|元/.test(c.label)) || /[(（]\s*(万元|元)\s*[)）]$/.test(c.label));
    if (u) funding.unitLabel = ctx.idx.item(u.row, u.col);
  }
  // The income amount column: the 预算数 header above 资金总额 (it may be in the 资金总额 row itself).
  const incomeFull = headerCol(ctx, Math.max(fromRow, totalRow - 2), totalRow, f.incomeAmount, /半年/);

  // Find the 支出 header below.
  let expHeader: number | undefined;
  let stopRow: number | undefined;
  for (let r = totalRow + 1; r <= toRow; r++) {
    const cells = rowCells(ctx, r);
    if (cells.some((c) => f.expenseHeader.test(c.label))) {
      expHeader = r;
      break;
    }
    if (cells.some(isStop)) {
      stopRow = r;
      break;
    }
    // A 一级 name (产出指标) is an indicator row whatever the header above it says: the income lines end above that
    // header, left to the reader that finds it by content.
    if (r > totalRow + 1 && cells.some((c) => tree(c.label)?.level === 1)) {
      stopRow = r - 1;
      break;
    }
  }
  // The income lines end above the 支出 header, or above the row that stops them (the indicator header): that
  // row and all below it are left to the readers after this one (an indicator table found by content).
  const incomeEnd = expHeader !== undefined ? expHeader - 1 : stopRow !== undefined ? stopRow - 1 : toRow;

  // Two money blocks side by side (项目资金总额 … | 年度资金申请总额 …): the year's block is the table's funding;
  // the others (the whole project's) are read the same way into funding.parallel and checked alike.
  const totals = rowCells(ctx, totalRow).filter((c) => f.isTotal(lineKey(ctx.vocab, c.label) ?? ""));
  const blocks = totals.length >= 2 ? totals.map((t, i) => ({ left: t.col, right: i + 1 < totals.length ? totals[i + 1].col - 1 : ctx.region.right })) : [undefined];
  const primary = totals.length >= 2 ? Math.max(0, totals.findIndex((c) => c.label.includes("年度"))) : 0;
  blocks.forEach((block, i) => {
    if (i === primary) readIncome(ctx, { block, totalRow, incomeEnd, incomeFull, isStop }, funding, expenses);
    else {
      // The header's amount column belongs to one block only: the others take the number right of each label.
      const other: FundingBlock = { appropriationParts: [], sources: [] };
      readIncome(ctx, { block, totalRow, incomeEnd, incomeFull: undefined, isStop }, other, undefined);
      if (other.total) (funding.parallel ??= []).push(other);
    }
  });

  let lastRow = incomeEnd;
  if (expHeader !== undefined) {
    const halfCol = headerCol(ctx, expHeader, Math.min(expHeader + 1, toRow), f.expenseHalf);
    const fullCol = headerCol(ctx, expHeader, Math.min(expHeader + 1, toRow), f.expenseFull, /半年/);
    const secondRow = rowCells(ctx, expHeader + 1).some((c) => /计划执行数|预算数/.test(c.label) && !/^支出$/.test(c.label));
    const firstLine = secondRow ? expHeader + 2 : expHeader + 1;
    const nameLeft = Math.min(...rowCells(ctx, expHeader).map((c) => c.col));
    lastRow = expHeader;
    for (let r = firstLine; r <= toRow; r++) {
      const cells = rowCells(ctx, r);
      if (cells.some(isStop)) break;
      lastRow = r;
      if (cells.length === 0) continue;
      const valueCols = new Set([halfCol, fullCol].filter((c): c is number => c !== undefined));
      const nameCell = cells.find((c) => !valueCols.has(c.col) && c.col >= nameLeft && c.label !== "支出" && !isNumberLike(ctx.idx.view.raw(c.row, c.col)) && c.label !== "");
      const line: AmountLine = { label: nameCell ? ctx.idx.item(nameCell.row, nameCell.col) : ctx.idx.item(r, cells[0].col) };
      if (halfCol !== undefined) line.half = itemAt(ctx, r, halfCol);
      if (fullCol !== undefined) line.full = itemAt(ctx, r, fullCol);
      if (!nameCell && !(line.half?.text || line.full?.text)) continue;
      if (nameCell && f.expenseTotal.test(nameCell.label)) expenseTotal = line;
      else expenses.push(line);
    }
  }
  return { funding, expenses, expenseTotal, lastRow };
}

interface IncomeArea {
  block?: { left: number; right: number };
  totalRow: number;
  incomeEnd: number;
  incomeFull?: number;
  isStop(c: LabelCell): boolean;
}

/** The income lines of one money block into `funding`; spending lines written among them go to `expenses` (the year's block only). */
function readIncome(ctx: BlockContext, area: IncomeArea, funding: FundingBlock, expenses: AmountLine[] | undefined): void {
  const f = ctx.vocab.funding;
  const { block, totalRow, incomeEnd, incomeFull, isStop } = area;
  let appropriation: { row: number; col: number; bottom: number } | undefined;
  for (let r = totalRow; r <= incomeEnd; r++) {
    const all = rowCells(ctx, r);
    if (all.some(isStop)) break;
    const cells = block ? all.filter((c) => c.col >= block!.left && c.col <= block!.right) : all;
    // Each line of the row: one label with its amount in the income column, or several label–amount pairs.
    const lines: { label: LabelCell; amountAt?: { row: number; col: number } }[] = [];
    const pairs = oneRowLines(ctx, cells);
    // A spending line inside the income block (资金总额 | 项目支出 | 基本支出): an expense, not a source.
    const spending = pairs ? undefined : cells.find((c) => f.isExpenseLine(c.label));
    if (spending && expenses) {
      const at = incomeFull !== undefined && incomeFull > spending.col ? { row: r, col: incomeFull } : amountRightOf(ctx, spending);
      const line: AmountLine = { label: ctx.idx.item(spending.row, spending.col) };
      if (at) line.full = itemAt(ctx, at.row, at.col);
      expenses.push(line);
      continue;
    }
    if (pairs) for (const p of pairs) lines.push({ label: p.label, amountAt: p.amount });
    else {
      const fullCol = incomeFull ?? lastValueCol(ctx, r, cells);
      const lab = lineLabel(ctx.vocab, cells, new Set(fullCol !== undefined ? [fullCol] : []));
      // No amount column and no number in the row: the cell right of the label holds the amount (blank, or written as text).
      if (lab) lines.push({ label: lab, amountAt: fullCol !== undefined && fullCol > lab.col ? { row: r, col: fullCol } : amountRightOf(ctx, lab) });
    }
    for (const { label: lab, amountAt } of lines) {
      const line: AmountLine = { label: ctx.idx.item(lab.row, lab.col) };
      if (amountAt) line.full = itemAt(ctx, amountAt.row, amountAt.col);
      // A row naming 财政拨款 in another cell (小计 | 财政拨款) is the 财政拨款 line, labelled by that cell.
      const appropriationCell = pairs ? undefined : cells.find((c) => lineKey(ctx.vocab, c.label) !== undefined && f.isAppropriation(lineKey(ctx.vocab, c.label)!) && c.label !== "小计");
      if (f.isTotal(lab.label)) {
        funding.total = line;
      } else if (f.isAppropriation(lab.label) || appropriationCell) {
        const cell = appropriationCell ?? lab;
        line.label = ctx.idx.item(cell.row, cell.col);
        funding.appropriation = line;
        const m = ctx.idx.view.mergeAt(cell.row, cell.col);
        appropriation = { row: r, col: cell.col, bottom: m ? m.bottom : r };
      } else if (!pairs && appropriation && (r <= appropriation.bottom || lab.col > appropriation.col) && r > appropriation.row && !f.isNotPart(lab.label)) {
        funding.appropriationParts.push(line);
      } else {
        funding.sources.push(line);
      }
    }
  }
  if (funding.appropriation) funding.sources.unshift(funding.appropriation);
}

function lastValueCol(ctx: BlockContext, r: number, cells: LabelCell[]): number | undefined {
  for (let i = cells.length - 1; i >= 0; i--) {
    if (isNumberLike(ctx.idx.view.raw(r, cells[i].col))) return cells[i].col;
  }
  return undefined;
}

// ---------------------------------------------------------------- indicators

/** Indicator columns kept besides 一级/二级/三级 and the targets, under these keys (IndicatorRow.extra). */
const EXTRA_ROLES: readonly IndicatorRole[] = ["keyWork", "project", "unit", "nature", "explanation", "standard", "weight", "midterm"];

export interface IndicatorHeader {
  row: number;
  /** The header's first row: the row above `row` when labels are merged down from it (a two-row header), else `row`. */
  top?: number;
  /** First data row (after a two-row header). */
  dataRow: number;
  l1: number;
  l2?: number;
  l3?: number;
  half?: number;
  full?: number;
  extra: Record<string, number>;
}

/** True when row r is an indicator header: a 一级 column and a 二级 or 三级 column, by the catalogue's roles. */
export function isIndicatorHeaderRow(ctx: BlockContext, r: number): boolean {
  const cells = treeHeaderCells(ctx.idx, ctx.vocab).get(r);
  if (!cells) return false;
  const { left, right } = ctx.region;
  let l1 = false;
  let l23 = false;
  for (let i = 0; i < cells.length; i += 2) {
    if (cells[i] < left || cells[i] > right) continue;
    if (cells[i + 1] === 1) l1 = true;
    else l23 = true;
  }
  return l1 && l23;
}

const TREE_HEADERS = new WeakMap<LabelIndex, { vocab: Vocabulary; rows: Map<number, number[]> }>();

/**
 * Per sheet, once: the rows holding a 一级 header cell, with every 一级/二级/三级 header cell in them as
 * (column, level) pairs. Readers ask "is this row an indicator header?" of every row of every table;
 * asking the catalogue's role tests of every cell each time was most of validation on big sheets.
 */
export function treeHeaderCells(idx: LabelIndex, vocab: Vocabulary): Map<number, number[]> {
  let cached = TREE_HEADERS.get(idx);
  if (!cached || cached.vocab !== vocab) {
    const rows = new Map<number, number[]>();
    const role = vocab.headerCellRole;
    for (const r of idx.rowNumbers) {
      let cells: number[] | undefined;
      let hasL1 = false;
      idx.each(r, -Infinity, Infinity, (label, col) => {
        const k = role(label);
        if (k !== "level1" && k !== "level2" && k !== "level3") return;
        (cells ??= []).push(col, k === "level1" ? 1 : k === "level2" ? 2 : 3);
        if (k === "level1") hasL1 = true;
      });
      if (cells && hasL1) rows.set(r, cells);
    }
    TREE_HEADERS.set(idx, (cached = { vocab, rows }));
  }
  return cached.rows;
}

/**
 * The columns of an indicator header, read as paths: a one-row header gives each column its label; a
 * two-row header (a parent such as 年度指标值 or 指标值 spanning 指标性质 | 指标值 | 度量单位, or 半年 | 全年)
 * gives `parent/child`. Each path gets its role from the catalogue, so multi-row headers need no special
 * case and columns like 指标值类型 or 评（扣）分标准 are never taken for the target.
 */
export function parseIndicatorHeader(ctx: BlockContext, r: number): IndicatorHeader | undefined {
  if (!isIndicatorHeaderRow(ctx, r)) return undefined;
  const view = ctx.idx.view;
  const { left, right } = ctx.region;
  const labelAt = new Map<number, string>();
  for (const c of rowCells(ctx, r)) labelAt.set(c.col, headerText(c.label));
  const next = rowCells(ctx, r + 1);
  const nextAt = new Map<number, string>();
  for (const c of next) nextAt.set(c.col, headerText(c.label));
  const role = (l: string) => ctx.vocab.indicatorRole(l);
  const l1col = [...labelAt].find(([, l]) => role(l) === "level1")![0];
  const m1 = view.mergeAt(r, l1col);
  // A parent merged across columns in the header row, its top in this row.
  const spanning = (c: number) => {
    const m = view.mergeCovering(r, c);
    return m !== undefined && m.top === r && m.bottom === r && m.right > m.left;
  };
  const twoRow =
    next.length > 0 &&
    !next.some((c) => role(c.label) === "level1") &&
    // The next row is a header row too: the 一级 header merged down over it, or every cell in it a known
    // column label or a child of a parent spanning columns (data rows hold neither).
    ((m1 !== undefined && m1.bottom > r) || next.every((c) => spanning(c.col) || role(headerText(c.label)) !== undefined));
  const h: IndicatorHeader = { row: r, dataRow: twoRow ? r + 2 : r + 1, l1: l1col, extra: {} };
  const unnamed: number[] = [];
  for (let c = left; c <= right; c++) {
    const m = view.mergeCovering(r, c);
    // A label merged down from the row above (指标 spanning 一级/二级/三级 there, 指标值 merged down over both rows).
    const fromAbove = m && m.top < r && m.left === c ? headerText(normLabel(view.raw(m.top, m.left))) : undefined;
    if (fromAbove) h.top = Math.min(h.top ?? r, m!.top);
    const parent = fromAbove || (m && m.top === r ? labelAt.get(m.left) : labelAt.get(c));
    // A child cell counts only when it is not the lower part of a parent merged down over both rows.
    const child = twoRow && !(m && m.bottom > r) ? nextAt.get(c) : undefined;
    if (!child && m && m.left !== c) continue; // the rest of a merged parent with no children
    const path = parent && child ? `${parent}/${child}` : parent ?? child;
    if (!path) continue;
    const k = role(path);
    if (k === undefined) unnamed.push(c);
    if (k === undefined || k === "ignore") continue;
    if (k === "level1" || k === "level2" || k === "level3") {
      if (k === "level2") h.l2 ??= c;
      else if (k === "level3") h.l3 ??= c;
    } else if (k === "half" || k === "full") {
      h[k] ??= c;
    } else if (EXTRA_ROLES.includes(k) && h.extra[k] === undefined) h.extra[k] = c;
  }
  // No 三级 header the catalogue knows (绩效指标, 具体指标, a county's own word): the tree's columns stand side by
  // side, so the first unnamed column right of the 二级 one (and left of the target) is the 三级 column, unless
  // what its cells hold says it is another column (targets, units, operators, tree names).
  if (h.l3 === undefined && h.l2 !== undefined) {
    const end = h.full ?? h.half ?? Infinity;
    const next = unnamed.find((c) => c > h.l2! && c < end);
    if (next !== undefined && namesColumn(view, next, h.dataRow, Math.min(ctx.region.bottom, h.dataRow + 200), ctx.vocab)) h.l3 = next;
  }
  // Forms that allocate one project to several areas head each target column with the area's name
  // (笏石街道办 | 埭头镇): with no target column named, the first unnamed column right of the 三级 one is the target.
  if (h.full === undefined && h.half === undefined) {
    const from = h.l3 ?? h.l2 ?? h.l1;
    const first = unnamed.find((c) => c > from);
    if (first !== undefined) h.full = first;
  }
  // Helper columns no word names, told by what they hold: a column of unit words is the unit column (the
  // target reads with it), of 定量 / 定性 the nature column.
  const to = Math.min(ctx.region.bottom, h.dataRow + 200);
  for (const c of h.extra.unit !== undefined && h.extra.nature !== undefined ? [] : unnamed) {
    if (c === h.l3 || c === h.full || c === h.half) continue;
    const content = contentRole(columnSignature(view, c, h.dataRow, to, treeOf(ctx.vocab)));
    if (content && HELPER_ROLES.has(content.role) && h.extra[content.role] === undefined) h.extra[content.role] = c;
  }
  return h;
}

/** The helper roles a column's content alone can give (each is what the cells say it is, word for word). */
const HELPER_ROLES: ReadonlySet<string> = new Set(["unit", "nature"]);

/** Roles a column's cells can show that rule out its holding indicator names. */
const NOT_NAMES: ReadonlySet<string> = new Set(["full", "unit", "operator", "nature", "direction", "level1", "level2"]);

/** Whether a column's cells could be indicator names: not a column of targets, units, operators or tree names. */
function namesColumn(view: SheetView, col: number, from: number, to: number, vocab: Vocabulary): boolean {
  const content = contentRole(columnSignature(view, col, from, to, treeOf(vocab)));
  return !content || !NOT_NAMES.has(content.role);
}

/**
 * Header b repeats header a as a table printed over two pages does: the same columns in the same roles, and
 * right above b an indicator row (a name or a target in its own cell), not a blank row or a title over the
 * width of the table, which start a table of their own (the same table copied below itself).
 */
export function repeatsHeader(view: SheetView, a: IndicatorHeader, b: IndicatorHeader): boolean {
  if (a.l1 !== b.l1 || a.l2 !== b.l2 || a.l3 !== b.l3 || a.half !== b.half || a.full !== b.full || a.dataRow - a.row !== b.dataRow - b.row) return false;
  const ka = Object.keys(a.extra);
  if (ka.length !== Object.keys(b.extra).length || ka.some((k) => a.extra[k] !== b.extra[k])) return false;
  const above = (b.top ?? b.row) - 1;
  return [b.l3, b.full, b.half].some((c) => {
    if (c === undefined || above < a.dataRow) return false;
    const m = view.mergeCovering(above, c);
    if (m && m.right > m.left) return false;
    return !isBlank(view.raw(m ? m.top : above, c));
  });
}

function isCovered(view: SheetView, r: number, c: number | undefined): boolean {
  return c !== undefined && view.isCovered(r, c);
}

/** True when (r, col) is a covered cell of the merge whose top-left cell `item` is. */
function inMergeOf(view: SheetView, r: number, col: number, item: Item | undefined): boolean {
  const m = item && view.isCovered(r, col) ? view.mergeCovering(r, col) : undefined;
  return m !== undefined && m.top === item!.row && m.left === item!.col;
}

/** Slots per row in the shared cell array: (row, col) for 三级, 半年, 全年 and every extra column. */
const STRIDE = 2 * (3 + EXTRA_ROLES.length);

/** The columns an indicator row exposes besides 一级/二级, in the order SheetIndicatorRow stores them. */
function rowColumns(h: IndicatorHeader): (number | undefined)[] {
  return [h.l3, h.half, h.full, ...Object.values(h.extra)];
}

/**
 * An indicator row whose 三级 and value cells are read from the sheet when a rule asks. The table model
 * outlives validation; holding five or more items per row for it cost more in garbage collection than
 * reading them again (BENCHMARKS.md). Where each cell's value sits (merges resolved) is worked out once,
 * when the row is located, and kept as plain numbers. 一级/二级 are held: the rows of a group share them.
 */
class SheetIndicatorRow implements IndicatorRow {
  constructor(
    private readonly view: SheetView,
    private readonly header: IndicatorHeader,
    readonly row: number,
    readonly level1: CellItem | undefined,
    readonly level2: CellItem | undefined,
    /** (row, col) of the cell holding each rowColumns() value from `base` on; -1 where there is no such column. */
    private readonly at: Int32Array,
    private readonly base: number,
  ) {}
  private item(k: number): CellItem | undefined {
    const r = this.at[this.base + 2 * k];
    const c = this.at[this.base + 2 * k + 1];
    return r < 0 ? undefined : new Item(r, c, this.view.raw(r, c));
  }
  get level3(): CellItem | undefined {
    return this.item(0);
  }
  get half(): CellItem | undefined {
    return this.item(1);
  }
  get full(): CellItem | undefined {
    return this.item(2);
  }
  get midterm(): CellItem | undefined {
    let k = 3;
    for (const key in this.header.extra) {
      if (key === "midterm") return this.item(k);
      k++;
    }
    return undefined;
  }
  get extra(): Record<string, CellItem> {
    const out: Record<string, CellItem> = {};
    let k = 3;
    for (const key in this.header.extra) out[key] = this.item(k++)!;
    return out;
  }
}

/**
 * Where the values of a row's columns sit, each column's merge resolved to its top-left cell, written
 * at `base` of one array shared by the table's rows (a small array per row was itself a cost).
 */
function resolveValueCells(view: SheetView, row: number, cols: (number | undefined)[], at: Int32Array, base: number): void {
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k];
    const m = c === undefined ? undefined : view.mergeCovering(row, c);
    at[base + 2 * k] = c === undefined ? -1 : m ? m.top : row;
    at[base + 2 * k + 1] = c === undefined ? -1 : m ? m.left : c;
  }
}

export interface IndicatorRead {
  rows: IndicatorRow[];
  headers: IndicatorHeader[];
}

/** Every indicator row in [fromRow, toRow]; each header row (一级指标 …) starts a block with its own columns. */
export function readIndicators(ctx: BlockContext, fromRow: number, toRow: number, given?: IndicatorHeader): IndicatorRead {
  const rows: IndicatorRow[] = [];
  const headers: IndicatorHeader[] = [];
  let h: IndicatorHeader | undefined;
  let cols: (number | undefined)[] | undefined;
  const at = new Int32Array(Math.max(toRow - fromRow + 1, 0) * STRIDE);
  let l1: Item | undefined;
  let l2: Item | undefined;
  // The first data row under a header that repeats the one before (a table printed over two pages): a group
  // written again there (the page break cut its merge) is the group that goes on, not a new one.
  let goesOn = -1;
  // The group's cells written again there (a merge of their own below the break): read as the group's first cell.
  let alias1: Item | undefined;
  let alias2: Item | undefined;
  let kept1: Item | undefined;
  for (let r = fromRow; r <= toRow; r++) {
    // A header found by content (reading/indicatorBlock.ts) stands where the words found none.
    const nh = given && r === given.row ? given : parseIndicatorHeader(ctx, r);
    if (nh) {
      const again = h !== undefined && repeatsHeader(ctx.idx.view, h, nh);
      h = nh;
      cols = rowColumns(nh);
      headers.push(nh);
      if (again) goesOn = nh.dataRow;
      else l1 = l2 = undefined;
      alias1 = alias2 = undefined;
      kept1 = l1;
      r = nh.dataRow - 1;
      continue;
    }
    if (!h) continue;
    const view = ctx.idx.view;
    if (!ctx.idx.hasCells(r, ctx.region.left, ctx.region.right) && !isCovered(view, r, h.l1) && !isCovered(view, r, h.l2)) continue;
    // Level 1 / 2: a value in the column, or inherited from the merge / the row above.
    // A cell covered by the merge the current group already holds is that group: no new item needed.
    if (!inMergeOf(view, r, h.l1, l1)) {
      const cur1 = itemAt(ctx, r, h.l1);
      if (r === goesOn && l1 && cur1.text !== "" && cur1.text === l1.text) alias1 = cur1;
      const same1 = l1 && ((cur1.row === l1.row && cur1.col === l1.col) || (alias1 !== undefined && cur1.row === alias1.row && cur1.col === alias1.col));
      if (cur1.text !== "" && !same1) {
        // A new 一级 group starts: its 二级 starts afresh too.
        l1 = cur1;
        l2 = undefined;
      }
    }
    if (h.l2 !== undefined && !inMergeOf(view, r, h.l2, l2)) {
      const cur2 = itemAt(ctx, r, h.l2);
      if (r === goesOn && l2 && cur2.text !== "" && cur2.text === l2.text && l1 === kept1) alias2 = cur2;
      if (cur2.text !== "" && !(alias2 !== undefined && cur2.row === alias2.row && cur2.col === alias2.col)) l2 = cur2;
    }
    const base = (r - fromRow) * STRIDE;
    resolveValueCells(view, r, cols!, at, base);
    const row = new SheetIndicatorRow(view, h, r, l1, l2, at, base);
    rows.push(row);
  }
  return { rows, headers };
}


