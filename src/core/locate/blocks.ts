/**
 * Readers for the blocks target tables share: labelled header fields, the funding block (收入 sources
 * and 支出 lines) and indicator tables. Each reads by labels within a region and returns cells.
 */
import type { AmountLine, CellItem, Field, IndicatorRow } from "../model";
import type { FundingBlock } from "../model/project";
import type { LayoutProblem } from "./types";
import { Item } from "../model";
import { cellItemAt, type LabelCell, type LabelIndex, type Region } from "./region";
import type { SheetView } from "../snapshot";

export interface BlockContext {
  idx: LabelIndex;
  region: Region;
  problems: LayoutProblem[];
}

/** The cell at (row, col), looking through merges to the top-left cell that holds the value. */
export function itemAt(ctx: BlockContext, row: number, col: number): Item {
  return cellItemAt(ctx.idx.view, row, col);
}

function rowCells(ctx: BlockContext, r: number): LabelCell[] {
  return ctx.idx.row(r, ctx.region.left, ctx.region.right);
}

/** The first cell right of a label (after its merge), within the region. */
function cellRightOf(ctx: BlockContext, row: number, col: number): { row: number; col: number } | undefined {
  const view = ctx.idx.view;
  const m = view.mergeAt(row, col);
  let c = (m ? m.right : col) + 1;
  while (c <= ctx.region.right && view.isCovered(row, c)) c++;
  return c <= ctx.region.right ? { row, col: c } : undefined;
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

const TOTAL_LABELS = new Set(["资金总额", "年度资金总额", "资金总额合计", "资金合计", "收入合计"]);
const APPROPRIATION = "财政拨款";
const SOURCE_LABELS = new Set([
  "一般公共预算资金", "一般公共预算", "一般公共预算拨款", "政府性基金", "政府性基金预算", "政府性基金拨款", "政府性基金预算资金",
  "国有资本金", "国有资本经营预算", "国有资本经营预算资金", "社保基金", "社会保险基金", "社会保险基金预算资金",
  "财政专户管理资金", "上年结转资金", "上年结转", "其他资金", "单位资金", "财政资金", "事业收入", "经营收入",
  "当年财政拨款", "本年财政拨款", "其中:当年财政拨款", "其中:本年财政拨款",
]);
const STOP_LABELS = new Set(["中长期目标", "长期目标", "年度目标", "年度绩效目标", "总体目标", "绩效目标", "年度总体目标"]);

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

/** The line label of a funding row: the most specific known label in the row. */
function lineLabel(cells: LabelCell[], amountCols: Set<number>): LabelCell | undefined {
  const texts = cells.filter((c) => c.label !== "" && !amountCols.has(c.col) && !isNumberLike(c.label));
  for (let i = texts.length - 1; i >= 0; i--) {
    const l = sourceKey(texts[i].label);
    if (TOTAL_LABELS.has(l) || SOURCE_LABELS.has(l) || l === "小计" || l === APPROPRIATION) return { ...texts[i], label: l };
  }
  return undefined;
}

const isTotalLabel = (l: string) => TOTAL_LABELS.has(l);

/** `其中：财政拨款` (national form) names the same line as `财政拨款`. */
function sourceKey(label: string): string {
  return label.startsWith("其中") ? label.replace(/^其中:?/, "") : label;
}

export function readFunding(ctx: BlockContext, fromRow: number, toRow: number): FundingRead {
  const funding: FundingBlock = { appropriationParts: [], sources: [] };
  const expenses: AmountLine[] = [];
  let expenseTotal: AmountLine | undefined;
  let totalRow: number | undefined;
  for (let r = fromRow; r <= toRow && totalRow === undefined; r++) {
    if (ctx.idx.find(r, ctx.region.left, ctx.region.right, isTotalLabel) >= 0) totalRow = r;
  }
  if (totalRow === undefined) return { funding, expenses, lastRow: fromRow - 1 };

  for (let r = Math.max(fromRow, totalRow - 3); r <= totalRow; r++) {
    const u = rowCells(ctx, r).find((c) => /资金/.test(c.label) && /万元|元/.test(c.label));
    if (u) funding.unitLabel = ctx.idx.item(u.row, u.col);
  }
  // The income amount column: the 预算数 header above 资金总额 (it may be in the 资金总额 row itself).
  const incomeFull = headerCol(ctx, Math.max(fromRow, totalRow - 2), totalRow, /(全年|年度).*(预算|金额)|预算数|^金额$/, /半年/);

  // Find the 支出 header below.
  let expHeader: number | undefined;
  for (let r = totalRow + 1; r <= toRow; r++) {
    const cells = rowCells(ctx, r);
    if (cells.some((c) => c.label === "支出" || /计划执行数|^支出(预算|合计|明细)?$/.test(c.label))) {
      expHeader = r;
      break;
    }
    if (cells.some((c) => STOP_LABELS.has(c.label) || c.label === "一级指标")) break;
  }
  const incomeEnd = expHeader !== undefined ? expHeader - 1 : toRow;

  let appropriation: { row: number; col: number; bottom: number } | undefined;
  for (let r = totalRow; r <= incomeEnd; r++) {
    const cells = rowCells(ctx, r);
    if (cells.some((c) => STOP_LABELS.has(c.label) || c.label === "一级指标")) break;
    const fullCol = incomeFull ?? lastValueCol(ctx, r, cells);
    const amountCols = new Set(fullCol !== undefined ? [fullCol] : []);
    const lab = lineLabel(cells, amountCols);
    if (!lab) continue;
    const line: AmountLine = { label: ctx.idx.item(lab.row, lab.col) };
    if (fullCol !== undefined && fullCol > lab.col) line.full = itemAt(ctx, r, fullCol);
    const hasAppropriationCell = cells.find((c) => sourceKey(c.label) === APPROPRIATION);
    if (TOTAL_LABELS.has(lab.label)) {
      funding.total = line;
    } else if (lab.label === "小计" || lab.label === APPROPRIATION || hasAppropriationCell) {
      const cell = hasAppropriationCell ?? lab;
      line.label = ctx.idx.item(cell.row, cell.col);
      funding.appropriation = line;
      const m = ctx.idx.view.mergeAt(cell.row, cell.col);
      appropriation = { row: r, col: cell.col, bottom: m ? m.bottom : r };
    } else if (appropriation && (r <= appropriation.bottom || lab.col > appropriation.col) && r > appropriation.row && !/^(国有资本|社保|社会保险|上年结转|其他资金)/.test(lab.label)) {
      funding.appropriationParts.push(line);
    } else {
      funding.sources.push(line);
    }
  }
  if (funding.appropriation) funding.sources.unshift(funding.appropriation);

  let lastRow = incomeEnd;
  if (expHeader !== undefined) {
    const halfCol = headerCol(ctx, expHeader, Math.min(expHeader + 1, toRow), /半年.*(执行|预算)|半年/);
    const fullCol = headerCol(ctx, expHeader, Math.min(expHeader + 1, toRow), /全年.*(预算|执行)|全年|年度预算/, /半年/);
    const secondRow = rowCells(ctx, expHeader + 1).some((c) => /计划执行数|预算数/.test(c.label) && !/^支出$/.test(c.label));
    const firstLine = secondRow ? expHeader + 2 : expHeader + 1;
    const nameLeft = Math.min(...rowCells(ctx, expHeader).map((c) => c.col));
    lastRow = expHeader;
    for (let r = firstLine; r <= toRow; r++) {
      const cells = rowCells(ctx, r);
      if (cells.some((c) => STOP_LABELS.has(c.label) || c.label === "一级指标")) break;
      lastRow = r;
      if (cells.length === 0) continue;
      const valueCols = new Set([halfCol, fullCol].filter((c): c is number => c !== undefined));
      const nameCell = cells.find((c) => !valueCols.has(c.col) && c.col >= nameLeft && c.label !== "支出" && !isNumberLike(ctx.idx.view.raw(c.row, c.col)) && c.label !== "");
      const line: AmountLine = { label: nameCell ? ctx.idx.item(nameCell.row, nameCell.col) : ctx.idx.item(r, cells[0].col) };
      if (halfCol !== undefined) line.half = itemAt(ctx, r, halfCol);
      if (fullCol !== undefined) line.full = itemAt(ctx, r, fullCol);
      if (!nameCell && !(line.half?.text || line.full?.text)) continue;
      if (nameCell && /^(合计|小计|支出合计|总计)$/.test(nameCell.label)) expenseTotal = line;
      else expenses.push(line);
    }
  }
  return { funding, expenses, expenseTotal, lastRow };
}

function lastValueCol(ctx: BlockContext, r: number, cells: LabelCell[]): number | undefined {
  for (let i = cells.length - 1; i >= 0; i--) {
    if (isNumberLike(ctx.idx.view.raw(r, cells[i].col))) return cells[i].col;
  }
  return undefined;
}

// ---------------------------------------------------------------- indicators

const EXTRA_COLUMNS: [RegExp, string][] = [
  [/^重点工作/, "keyWork"],
  [/^对应项目/, "project"],
  [/^(计量|度量)单位$/, "unit"],
  [/^指标(性质|值类型)$/, "nature"],
  [/^指标解释$/, "explanation"],
  [/^评\(?扣\)?分标准$/, "standard"],
  [/^(分值|权重)$/, "weight"],
];

export interface IndicatorHeader {
  row: number;
  /** First data row (after a two-row header). */
  dataRow: number;
  l1: number;
  l2?: number;
  l3?: number;
  half?: number;
  full?: number;
  extra: Record<string, number>;
}

export function parseIndicatorHeader(ctx: BlockContext, r: number): IndicatorHeader | undefined {
  if (ctx.idx.find(r, ctx.region.left, ctx.region.right, (l) => l === "一级指标") < 0) return undefined;
  const cells = rowCells(ctx, r);
  const l1 = cells.find((c) => c.label === "一级指标");
  if (!l1) return undefined;
  const l2 = cells.find((c) => c.label === "二级指标");
  const l3 = cells.find((c) => c.label === "三级指标");
  if (!l2 && !l3) return undefined;
  const h: IndicatorHeader = { row: r, dataRow: r + 1, l1: l1.col, l2: l2?.col, l3: l3?.col, extra: {} };
  const scan = (rowCellsList: LabelCell[]) => {
    for (const c of rowCellsList) {
      if (/半年/.test(c.label) && h.half === undefined) h.half = c.col;
      else if (/全年|年度指标值|年度目标值/.test(c.label) && h.full === undefined) h.full = c.col;
      for (const [re, key] of EXTRA_COLUMNS) if (re.test(c.label) && h.extra[key] === undefined) h.extra[key] = c.col;
    }
  };
  scan(cells);
  if (h.half === undefined && h.full === undefined) {
    // Two-row header: 指标值 over 半年 | 全年 in the next row.
    const next = rowCells(ctx, r + 1);
    if (next.some((c) => /半年|全年/.test(c.label))) {
      scan(next);
      h.dataRow = r + 2;
    } else {
      const single = cells.find((c) => /指标值|目标值/.test(c.label));
      if (single) h.full = single.col;
    }
  }
  return h;
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
const STRIDE = 2 * (3 + EXTRA_COLUMNS.length);

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
export function readIndicators(ctx: BlockContext, fromRow: number, toRow: number): IndicatorRead {
  const rows: IndicatorRow[] = [];
  const headers: IndicatorHeader[] = [];
  let h: IndicatorHeader | undefined;
  let cols: (number | undefined)[] | undefined;
  const at = new Int32Array(Math.max(toRow - fromRow + 1, 0) * STRIDE);
  let l1: Item | undefined;
  let l2: Item | undefined;
  for (let r = fromRow; r <= toRow; r++) {
    const nh = parseIndicatorHeader(ctx, r);
    if (nh) {
      h = nh;
      cols = rowColumns(nh);
      headers.push(nh);
      l1 = l2 = undefined;
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
      if (cur1.text !== "" && !(l1 && cur1.row === l1.row && cur1.col === l1.col)) {
        // A new 一级 group starts: its 二级 starts afresh too.
        l1 = cur1;
        l2 = undefined;
      }
    }
    if (h.l2 !== undefined && !inMergeOf(view, r, h.l2, l2)) {
      const cur2 = itemAt(ctx, r, h.l2);
      if (cur2.text !== "") l2 = cur2;
    }
    const base = (r - fromRow) * STRIDE;
    resolveValueCells(view, r, cols!, at, base);
    const row = new SheetIndicatorRow(view, h, r, l1, l2, at, base);
    rows.push(row);
  }
  return { rows, headers };
}


