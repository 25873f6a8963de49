/**
 * 项目支出绩效自评表 locator (财预〔2020〕10号 layout, domain-rules B1). Anchored on the indicator header row
 * (三级指标 + 实际完成值), which only a self-evaluation has; the fund block and header fields are read
 * upwards from it, the indicator rows downwards to the 总分 row. Several tables per sheet, any position.
 */
import { Item } from "../model";
import type { CellItem, Field, SelfEvaluationFundLine, SelfEvaluationGoal, SelfEvaluationIndicatorRow, SelfEvaluationTable } from "../model";
import type { SheetView } from "../snapshot";
import type { Vocabulary } from "../forms/vocabulary";
import { isBlank } from "../snapshot";
import { memoLabel, normLabel } from "./labels";
import { cellItemAt, labelIndex } from "./region";
import type { KindLocator, LayoutProblem, LocateResult } from "./types";
import { columnsByContent, describeColumns, namesByContent, treeByContent } from "./selfEvaluationColumns";
import { treeOf } from "../reading/tree";
import { headerShape } from "../reading/indicatorBlock";

/** Header label without bracketed notes: `全年预算数（A）` → `全年预算数`, `分值(分)` → `分值`. */
export function headerLabel(text: string): string {
  return stripNotes(normLabel(text));
}

/** headerLabel for text already normalised by normLabel. */
export function stripNotes(label: string): string {
  return label.indexOf("(") < 0 && label.indexOf(":") < 0 ? label : label.replace(/\([^)]*\)/g, "").replace(/[：:]/g, "");
}

/** The cell as an item; a covered merge cell reads as its merge's top-left cell. */
export const itemAt: (view: SheetView, row: number, col: number) => CellItem = cellItemAt;

/** Find the column of each wanted key in one header row (first match wins; merged header cells count once). */
export function mapColumns(view: SheetView, row: number, left: number, right: number, wanted: Record<string, (label: string) => boolean>): Record<string, number> {
  const out: Record<string, number> = {};
  for (let c = left; c <= right; c++) {
    if (view.isCovered(row, c)) continue;
    const label = headerLabel(view.text(row, c));
    if (!label) continue;
    for (const [key, test] of Object.entries(wanted)) {
      if (out[key] === undefined && test(label)) {
        out[key] = c;
        break;
      }
    }
  }
  return out;
}

export function rowIsBlank(view: SheetView, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) if (!isBlank(view.value(row, c))) return false;
  return true;
}

/** Each role's column in one header row, by the catalogue (first match wins; merged header cells count once). */
function mapRoles(view: SheetView, row: number, roleOf: (label: string) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  const seen: Record<string, number[]> = {};
  for (let c = view.left; c <= view.right; c++) {
    let label: string;
    if (view.isCovered(row, c)) {
      // A header label merged down from the row above (实际完成值 over both rows of a two-row header) is this row's too.
      const m = view.mergeCovering(row, c);
      if (!m || m.top >= row || m.left !== c) continue;
      label = headerLabel(view.text(m.top, m.left));
    } else label = headerLabel(view.text(row, c));
    const role = label ? roleOf(label) : undefined;
    if (role !== undefined) (seen[role] ??= []).push(c);
  }
  for (const [role, cols] of Object.entries(seen)) out[role] = cols[0];
  // The tree reads left to right, 一级 | 二级 | 三级: where a word for the 三级 column stands left of the 一级 and
  // 二级 columns too (绩效指标 as the band label beside the whole table) and another stands right of them, the
  // one in tree order is the column.
  const before = Math.max(out.level1 ?? -1, out.level2 ?? -1);
  const inOrder = seen.level3?.find((c) => c > before);
  if (inOrder !== undefined) out.level3 = inOrder;
  return out;
}

/** Labels merged down into row r from the row above (a two-row header's upper cells). */
function labelsFromAbove(view: SheetView, r: number): string[] {
  const out: string[] = [];
  for (let c = view.left; c <= view.right; c++) {
    const m = view.isCovered(r, c) ? view.mergeCovering(r, c) : undefined;
    if (m && m.top < r && m.left === c) out.push(view.text(m.top, m.left));
  }
  return out;
}

function textRowCells(view: SheetView, row: number): { col: number; label: string }[] {
  const out: { col: number; label: string }[] = [];
  for (let c = view.left; c <= view.right; c++) {
    if (view.isCovered(row, c)) continue;
    const t = view.text(row, c);
    if (t.trim()) out.push({ col: c, label: headerLabel(t) });
  }
  return out;
}

/** Value cell right of a label: the first non-blank cell after the label's merge, before the next label. */
function valueRightOf(view: SheetView, row: number, col: number, right: number, fieldKeys: readonly string[]): CellItem | undefined {
  const m = view.mergeAt(row, col);
  for (let c = (m ? m.right : col) + 1; c <= right; c++) {
    if (view.isCovered(row, c)) continue;
    const t = view.text(row, c).trim();
    if (!t) continue;
    if (fieldKeys.includes(headerLabel(t))) return undefined;
    return itemAt(view, row, c);
  }
  return undefined;
}

interface Head {
  title?: CellItem;
  fields: Record<string, Field>;
  funds: SelfEvaluationFundLine[];
  problems: LayoutProblem[];
  top?: number;
  left?: number;
  right?: number;
  fundUnit?: CellItem;
  /** The last row of the fund block. */
  fundBottom?: number;
  /** The fund block's header row, and its 分值 column if it has one. */
  fundHeader?: number;
  fundWeightCol?: number;
}

/**
 * Title, header fields and the fund block of a self-evaluation, read upwards from `from` to `stop` (the
 * previous table): the fund header is the row naming a budget or execution column; fund rows are the
 * rows under it whose label the catalogue knows.
 */
function readHead(view: SheetView, from: number, stop: number, vocab: Vocabulary): Head {
  const se = vocab.selfEvaluation;
  const out: Head = { fields: {}, funds: [], problems: [] };
  const widen = (r: number, c: number) => {
    out.top = Math.min(out.top ?? r, r);
    out.left = Math.min(out.left ?? c, c);
  };
  let fundHeader = -1;
  for (let r = from; r >= stop; r--) {
    const cells = textRowCells(view, r);
    if (cells.length === 0) continue;
    if (fundHeader < 0 && cells.some((c) => { const k = se.fundColumnRole(c.label); return k === "budget" || k === "executed"; })) fundHeader = r;
    for (const c of cells) {
      if (se.fields.includes(c.label) && !out.fields[c.label]) {
        out.fields[c.label] = { label: itemAt(view, r, c.col), value: valueRightOf(view, r, c.col, view.right, se.fields) };
        widen(r, c.col);
      }
      if (!out.title && se.isTitle(c.label)) {
        out.title = itemAt(view, r, c.col);
        widen(r, c.col);
      }
    }
    if (out.title) break;
  }
  readTextsBelowLabels(view, out.top ?? stop, from, out.fields);
  if (fundHeader >= 0) {
    const fc = mapRoles(view, fundHeader, se.fundColumnRole);
    out.fundHeader = fundHeader;
    out.fundWeightCol = fc.weight;
    // The unit is stated in the block's label (项目资金（万元）), beside or above the fund header.
    for (let r = Math.max(stop, fundHeader - 2); r <= fundHeader + 1 && !out.fundUnit; r++) {
      for (let c = view.left; c <= view.right && !out.fundUnit; c++) if (se.isFundUnitLabel(view.text(r, c).replace(/\s+/g, ""))) out.fundUnit = itemAt(view, r, c);
    }
    // Forms with only 年初预算数(A) and 全年执行数(B) score the execution rate on A.
    if (fc.budget === undefined && fc.initial !== undefined) fc.budget = fc.initial;
    widen(fundHeader, Math.min(...Object.values(fc)));
    out.right = Math.max(out.right ?? 0, ...Object.values(fc));
    for (let r = fundHeader + 1; r <= from; r++) {
      const label = textRowCells(view, r).find((c) => se.isFundRow(c.label.replace(/[:：]/g, "")));
      if (!label) continue;
      const at = (k: string) => (fc[k] === undefined ? undefined : itemAt(view, r, fc[k]));
      const line: SelfEvaluationFundLine = { label: itemAt(view, r, label.col), initial: at("initial"), budget: at("budget"), executed: at("executed"), weight: at("weight"), rate: at("rate"), score: at("score"), reason: at("reason") };
      if (se.isFundTotal(label.label.replace(/[:：]/g, ""))) line.total = true;
      out.funds.push(line);
      widen(r, label.col);
      out.fundBottom = r;
    }
    // No total among the lines the catalogue knows: read the block by its content and arithmetic instead.
    if (!out.funds.some((f) => f.total)) {
      const known = out.funds.splice(0);
      readFundsByContent(view, fc, fundHeader, from, out);
      if (!out.funds.some((f) => f.total)) out.funds.splice(0, out.funds.length, ...known);
    }
    for (const [key, name] of [["budget", "全年预算数"], ["executed", "全年执行数"], ["score", "得分"]] as const) {
      if (fc[key] === undefined) out.problems.push({ row: fundHeader, col: out.left ?? view.left, messageId: "missing-column", data: { column: name } });
    }
  }
  return out;
}

/** A short label: a few words, no figures, no sentence (项目年度目标, 实际完成情况). */
const SHORT_LABEL = /^[^\d，。,;；]{2,12}$/;
/** A text answering a label: a sentence's worth of words, not a figure or another label. */
const isProse = (t: string) => t.length >= 15 && /[\u4e00-\u9fa5]/.test(t);

/**
 * Texts written under their labels rather than beside them (预期目标 | 实际完成情况 over the two texts; 项目年度目标 |
 * 年度目标完成情况): a short label whose cell below, outside its own merge, holds a sentence is a field with that
 * value. Found by the shape (label over prose), not by the label's words, so another county's goal block is read
 * too; the rules that read fields (template prompts left in, sums in prose, repeated text) then see them.
 */
function readTextsBelowLabels(view: SheetView, top: number, bottom: number, fields: Record<string, Field>): void {
  for (let r = top; r < bottom; r++) {
    for (let c = view.left; c <= view.right; c++) {
      if (view.isCovered(r, c)) continue;
      const label = headerLabel(view.text(r, c));
      if (!label || fields[label] || !SHORT_LABEL.test(label)) continue;
      const own = view.mergeAt(r, c);
      const below = (own ? own.bottom : r) + 1;
      if (below > bottom || view.isCovered(below, c)) continue;
      const text = view.text(below, c).trim();
      if (!isProse(text)) continue;
      fields[label] = { label: itemAt(view, r, c), value: itemAt(view, below, c) };
    }
  }
}

/**
 * The child row of a two-row indicator header: each child label under a parent merged across columns in the
 * header row (年度指标值 over 指标性质 | 指标值 | 度量单位), with its role. Undefined unless two children are known.
 */
function subHeaderRoles(view: SheetView, header: number, roleOf: (label: string) => string | undefined): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  let n = 0;
  let children = 0;
  let labels = 0;
  for (let c = view.left; c <= view.right; c++) {
    const m = view.mergeCovering(header, c) ?? view.mergeAt(header, c);
    if (!m || m.top !== header || m.bottom !== header || m.right === m.left) continue;
    children++;
    const v = view.value(header + 1, c);
    const label = headerLabel(view.text(header + 1, c));
    if (label && typeof v !== "number" && label.length <= 10) labels++;
    const role = roleOf(label);
    if (role !== undefined && out[role] === undefined) {
      out[role] = c;
      n++;
    }
  }
  // Two children known by their words; or one, with every other child a short label too (指标性质 | 第6栏 | 第7栏:
  // the children's own words unknown, their columns read by content).
  return n >= 2 || (n >= 1 && children >= 2 && labels === children) ? out : undefined;
}

const OPERATOR_CELL = /^(≥|≤|=|＝|═|﹦|>|<|≧|≦|>=|<=|大于等于|小于等于|等于|大于|小于)$/;

/**
 * A target written across columns (operator | number | unit: ≧ | 735 | 人次) read as one value, ≥735人次,
 * where the number has neither: the Reading joins what the form split. The cell is the number's own.
 */
function joinedTarget(full: CellItem | undefined, op: CellItem | undefined, unit: CellItem | undefined): CellItem | undefined {
  if (!full || full.text === "") return full;
  const opText = op && OPERATOR_CELL.test(op.text.replace(/\s+/g, "")) ? op.text.trim() : "";
  const numeric = typeof full.value === "number" || /^[+-]?\d+(\.\d+)?$/.test(full.text);
  const unitText = numeric && unit?.text && unit.text.length <= 6 ? unit.text.trim() : "";
  if (!opText && !unitText) return full;
  return new Item(full.cell.row, full.cell.col, `${numeric ? opText : ""}${full.text}${unitText}`);
}

/**
 * Fund lines whose labels the catalogue does not know (总额 | 其中：财政资金 | 单位资金 …), found by what the
 * rows hold: a text label left of the amount columns and a number in at least one of them. The total is
 * the line the catalogue calls one, else found by arithmetic: the first line whose budget equals the sum
 * of the lines under it (总额 251.89 = 251.89 + 0 + 0). With no such line none is taken for the total.
 */
function readFundsByContent(view: SheetView, fc: Record<string, number>, fundHeader: number, from: number, out: Head): void {
  const amountCols = ["initial", "budget", "executed"].map((k) => fc[k]).filter((c): c is number => c !== undefined);
  if (amountCols.length === 0) return;
  const firstAmount = Math.min(...amountCols);
  const lines: { line: SelfEvaluationFundLine; budget: number | null; col: number; row: number }[] = [];
  for (let r = fundHeader + 1; r <= from; r++) {
    const label = textRowCells(view, r).find((c) => c.col < firstAmount && !/^[\d.,%\s]+$/.test(c.label));
    if (!label) continue;
    const nums = amountCols.map((c) => view.value(r, c));
    if (!nums.some((v) => typeof v === "number")) continue;
    const at = (k: string) => (fc[k] === undefined ? undefined : itemAt(view, r, fc[k]));
    const b = view.value(r, fc.budget ?? firstAmount);
    lines.push({ line: { label: itemAt(view, r, label.col), initial: at("initial"), budget: at("budget"), executed: at("executed"), weight: at("weight"), rate: at("rate"), score: at("score"), reason: at("reason") }, budget: typeof b === "number" ? b : null, col: label.col, row: r });
  }
  if (lines.length === 0) return;
  // A block of one line is its own total (黄冈: 年度财政资金总额 alone under 预算数 | 执行数).
  if (lines.length === 1) lines[0].line.total = true;
  const sumBelow = (i: number) => lines.slice(i + 1).reduce((n, l) => n + (l.budget ?? 0), 0);
  const total = lines.findIndex((l, i) => i < lines.length - 1 && l.budget !== null && Math.abs(l.budget - sumBelow(i)) < 0.01);
  if (total >= 0) lines[total].line.total = true;
  for (const l of lines) {
    out.funds.push(l.line);
    out.top = Math.min(out.top ?? l.row, l.row);
    out.left = Math.min(out.left ?? l.col, l.col);
    out.fundBottom = l.row;
  }
}

/**
 * A header row repeating the one above it with nothing between that starts a table (no title, no 项目名称,
 * no fund block): the same table going on (after a page break, or a second 年度绩效目标 block), not a new one.
 */
function continues(view: SheetView, prev: number, next: number, vocab: Vocabulary): boolean {
  const se = vocab.selfEvaluation;
  const a = mapRoles(view, prev, columnRoleOf(vocab));
  const b = mapRoles(view, next, columnRoleOf(vocab));
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length || keys.some((k) => a[k] !== b[k])) return false;
  for (let r = prev + 1; r < next; r++) {
    if (textRowCells(view, r).some((c) => se.isTitle(c.label) || se.isFundRow(c.label) || vocab.anchors["project-target"].has(c.label) || se.isTotalRow(c.label))) return false;
  }
  return true;
}

function locateOne(view: SheetView, header: number, upperBound: number, lowerBound: number, vocab: Vocabulary, repeated: ReadonlySet<number> = new Set()): LocateResult {
  const problems: LayoutProblem[] = [];
  const se = vocab.selfEvaluation;
  const cols = mapRoles(view, header, columnRoleOf(vocab));
  // A two-row header (年度指标值 spanning 指标性质 | 指标值 | 度量单位): the children's roles replace the parent's.
  const sub = subHeaderRoles(view, header, columnRoleOf(vocab));
  if (sub) {
    // The parent's own role (年度指标值 → 指标值) stands only where no child already holds its column.
    if (cols.full !== undefined && Object.values(sub).includes(cols.full)) delete cols.full;
    Object.assign(cols, sub);
  }
  const dataStart = sub ? header + 2 : header + 1;
  // The tree, where no word names it, from the tree names in the rows under the header.
  const treeFound = cols.level3 === undefined ? treeByContent(view, header, dataStart, Math.min(lowerBound, dataStart + 60), (c) => unnamedColumn(view, header, c, !!sub, vocab), treeOf(vocab)) : undefined;
  for (const c of treeFound ?? []) cols[c.role] = c.col;
  // No tree at all (a department table's one column of names): the names are the first unnamed column of names left
  // of the value columns.
  const namesFound = cols.level3 === undefined && !treeFound ? namesByContent(view, dataStart, Math.min(lowerBound, dataStart + 60), (c) => unnamedColumn(view, header, c, !!sub, vocab), Math.min(...(["full", "actual", "weight", "score"] as const).map((k) => cols[k] ?? Infinity)), treeOf(vocab)) : undefined;
  if (namesFound) cols.level3 = namesFound.col;
  // Value columns the words left unnamed, found by what their cells hold.
  const ahead = indicatorRowsAhead(view, cols.level3, dataStart, lowerBound, vocab);
  const valuesFound = columnsByContent(view, cols, ahead, (c) => unnamedColumn(view, header, c, !!sub, vocab), (c) => !!columnLabel(view, header, c, !!sub), treeOf(vocab));
  for (const c of valuesFound) cols[c.role] = c.col;
  const byContent = [...(treeFound ?? []), ...(namesFound ? [namesFound] : []), ...valuesFound];
  for (const [key, name] of [["full", "年度指标值"], ["actual", "实际完成值"], ["weight", "分值"], ["score", "得分"], ["reason", "偏差原因分析及改进措施"]] as const) {
    if (cols[key] === undefined) problems.push({ row: header, col: cols.level3, messageId: "missing-column", data: { column: name } });
  }
  const usedCols = Object.values(cols);
  let left = Math.min(...usedCols);
  // The table's printed width ends at the reason column; helper columns (指标性质 …) lie outside it.
  let right = cols.reason ?? Math.max(...usedCols);

  // Fund block and header fields: between the previous table and this header.
  const head = readHead(view, header - 1, upperBound, vocab);
  let top = Math.min(header, head.top ?? header);
  left = Math.min(left, head.left ?? left);
  right = Math.max(right, head.right ?? right);
  const { title, fields, funds, fundUnit } = head;
  problems.push(...head.problems);
  if (!funds.some((f) => f.total)) {
    problems.push({ row: header, col: cols.level3, messageId: "missing-block", data: { block: "项目资金（年度资金总额）" } });
  }

  // Indicator rows down to 总分 (or two blank rows, or the next table).
  const indicators: SelfEvaluationIndicatorRow[] = [];
  let total: SelfEvaluationTable["total"];
  let bottom = header;
  let blanks = 0;
  let last1: CellItem | undefined;
  let last2: CellItem | undefined;
  for (let r = dataStart; r <= lowerBound; r++) {
    if (repeated.has(r) || repeated.has(r - 1) && sub) continue; // the header again, in the same table
    // …and the upper row of a repeated two-row header (指标 merged over 一级/二级/三级, labels merged down into it).
    if (repeated.has(r + 1) && labelsFromAbove(view, r + 1).length > 0) continue;
    const cells = textRowCells(view, r);
    const totalCell = cells.find((c) => se.isTotalRow(c.label));
    if (totalCell) {
      total = {
        label: itemAt(view, r, totalCell.col),
        weight: cols.weight !== undefined ? itemAt(view, r, cols.weight) : undefined,
        score: cols.score !== undefined ? itemAt(view, r, cols.score) : undefined,
      };
      bottom = r;
      left = Math.min(left, totalCell.col);
      break;
    }
    if (rowIsBlank(view, r, left, right)) {
      if (++blanks >= 2) break;
      continue;
    }
    if (cells.some((c) => se.isTitle(c.label) || vocab.anchors["project-target"].has(c.label))) break;
    blanks = 0;
    const at = (k: string) => (cols[k] === undefined ? undefined : itemAt(view, r, cols[k]));
    const level3 = at("level3");
    let level1 = at("level1");
    let level2 = at("level2");
    // Blank 一级/二级 cells continue the group above, as a merge would.
    if (level1 && !level1.text && last1) level1 = last1;
    if (level2 && !level2.text && last2 && level1 === last1) level2 = last2;
    if (level1?.text) last1 = level1;
    if (level2?.text) last2 = level2;
    if (!level3?.text) continue;
    // A label merged across the tree columns from further left (其他需要说明事项) is a note row, not an indicator.
    if (level3.cell.col < Math.min(cols.level1 ?? cols.level3, cols.level2 ?? cols.level3, cols.level3)) continue;
    const extra: Record<string, CellItem> = {};
    const nature = at("nature");
    if (nature?.text) extra.nature = nature;
    const unit = at("unit");
    if (unit?.text) extra.unit = unit;
    indicators.push({ row: r, level1, level2, level3, full: joinedTarget(at("full"), nature, unit), actual: at("actual"), weight: at("weight"), score: at("score"), reason: at("reason"), extra });
    bottom = r;
  }

  // Forms with no 总分 row state the total in a header field (自评得分 | 98).
  if (!total) {
    const stated = se.totalFields.map((l) => fields[l]).find((f) => f?.value?.text);
    if (stated) total = { label: stated.label, score: stated.value };
  }
  const goals = readGoals(view, [header, ...repeated], Math.min(cols.level1 ?? cols.level3, cols.level2 ?? cols.level3, cols.level3), bottom, indicators);
  // Goal blocks state the weights their rows share: no 分值 column is missing from such a form.
  if (goals.length) problems.splice(0, problems.length, ...problems.filter((p) => !(p.messageId === "missing-column" && p.data?.column === "分值")));
  const executionWeight = head.fundHeader !== undefined && head.fundWeightCol === undefined ? weightInRow(view, head.fundHeader) : undefined;
  const table: SelfEvaluationTable = {
    kind: "self-evaluation",
    sheet: view.name,
    name: fields["项目名称"]?.value?.text || title?.text || "项目支出绩效自评表",
    range: { top, left, bottom, right },
    anchor: { row: header, col: cols.level3 },
    title,
    fields,
    funds,
    fundUnit,
    indicators,
    total,
    ...(goals.length ? { goals } : {}),
    ...(executionWeight ? { executionWeight } : {}),
    ...(byContent.length ? { columnsByContent: byContent } : {}),
    columns: describeColumns(view, cols, byContent, ahead, (c) => columnLabel(view, header, c, !!sub) ?? "", treeOf(vocab)),
  };
  return { table, problems };
}

/** The first row in [from, to] shaped like a column header (the Reading's headerShape) over tree names. */
function shapedHeader(view: SheetView, from: number, to: number, vocab: Vocabulary): number | undefined {
  const area = { top: view.top, left: view.left, bottom: view.bottom, right: view.right };
  for (let r = from; r <= Math.min(to, view.bottom); r++) if (headerShape(view, r, area) && treeNamesBelow(view, r, vocab)) return r;
  return undefined;
}

/**
 * Tree names right under row r: a 一级 name on the next row (or the one after, under a two-row header), with a
 * 二级 name beside it or another 一级 name further down the same column. Names further away belong to a header
 * of their own.
 */
function treeNamesBelow(view: SheetView, r: number, vocab: Vocabulary): boolean {
  const tree = treeOf(vocab);
  const level = (row: number, c: number) => (view.isCovered(row, c) ? undefined : tree(view.text(row, c).trim())?.level);
  for (let c = view.left; c <= view.right; c++) {
    const first = [r + 1, r + 2].find((d) => d <= view.bottom && level(d, c) === 1);
    if (first === undefined) continue;
    for (let k = c + 1; k <= Math.min(view.right, c + 2); k++) if (level(first, k) === 2) return true;
    for (let d = first + 1; d <= Math.min(view.bottom, r + 30); d++) if (level(d, c) === 1) return true;
  }
  return false;
}

/** The rows under the header that hold a 三级 name, down to the total row, two blank rows or `lower`. */
function indicatorRowsAhead(view: SheetView, level3: number | undefined, from: number, lower: number, vocab: Vocabulary): number[] {
  const rows: number[] = [];
  if (level3 === undefined) return rows;
  let blanks = 0;
  for (let r = from; r <= lower && r <= from + 200; r++) {
    const cells = textRowCells(view, r);
    if (cells.length === 0) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    if (cells.some((c) => vocab.selfEvaluation.isTotalRow(c.label))) break;
    if (!view.isCovered(r, level3) && view.text(r, level3).trim()) rows.push(r);
  }
  return rows;
}

/**
 * True when no vocabulary word names column c of the header: its own label (or, under a parent merged across
 * columns, its child label in the row below) is one no form knows, or blank.
 */
function unnamedColumn(view: SheetView, header: number, c: number, twoRows: boolean, vocab: Vocabulary): boolean {
  const label = columnLabel(view, header, c, twoRows);
  if (label === undefined) return false;
  return !label || (vocab.selfEvaluation.columnRole(label) === undefined && vocab.headerCellRole(label) === undefined && vocab.selfEvaluation.fundColumnRole(label) === undefined);
}

/**
 * The label heading column c: its own header cell, the top-left of a merge over it (a label merged down over both
 * rows of a two-row header), or under a parent merged across columns its child in the row below; undefined for
 * the other columns of a label merged across (they are the label's own column, not one of their own).
 */
function columnLabel(view: SheetView, header: number, c: number, twoRows: boolean): string | undefined {
  const m = view.mergeCovering(header, c) ?? view.mergeAt(header, c);
  const underParent = twoRows && !!m && m.top === header && m.bottom === header && m.right > m.left;
  if (!underParent && m && m.left !== c) return undefined;
  const at = underParent ? { row: header + 1, col: c } : m && m.top <= header ? { row: m.top, col: m.left } : { row: header, col: c };
  return headerLabel(view.text(at.row, at.col));
}

/** A weight stated in a label, as forms write it: （40分）, (20分), 得分（20分*执行率）. */
const LABEL_WEIGHT = /[(（]\s*(\d+(?:\.\d+)?)\s*分/;

/** The first weight stated in a label of row r, with its cell. */
function weightInRow(view: SheetView, r: number): { value: number; cell: { row: number; col: number } } | undefined {
  for (let c = view.left; c <= view.right; c++) {
    if (view.isCovered(r, c)) continue;
    const m = LABEL_WEIGHT.exec(view.text(r, c).normalize("NFKC"));
    if (m) return { value: Number(m[1]), cell: { row: r, col: c } };
  }
  return undefined;
}

/**
 * Goal blocks (20 + 80 layout: 年度绩效目标1（40分） | 一级指标 | …): a label left of the tree columns that states a
 * weight, on the indicator header or on a row beside the indicators; its rows run down its merge, or to the
 * next such label. Found by the weight the label states, not by its words.
 */
function readGoals(view: SheetView, headers: number[], treeLeft: number, bottom: number, indicators: SelfEvaluationIndicatorRow[]): SelfEvaluationGoal[] {
  if (treeLeft <= view.left || indicators.length === 0) return [];
  const found: { label: CellItem; weight: number; row: number; end?: number }[] = [];
  const top = Math.min(...headers);
  for (let r = top; r <= bottom; r++) {
    for (let c = view.left; c < treeLeft; c++) {
      // A goal label merged down from above the header (a two-row header: 指标 over 一级/二级/三级) counts from its own top.
      const over = view.isCovered(r, c) ? view.mergeCovering(r, c) : undefined;
      if (view.isCovered(r, c) && !(r === top && over && over.top < r && over.left === c)) continue;
      const at = over && r === top ? { row: over.top, col: over.left } : { row: r, col: c };
      const m = LABEL_WEIGHT.exec(view.text(at.row, at.col).normalize("NFKC"));
      if (!m) continue;
      const merge = view.mergeAt(at.row, at.col);
      const end = merge && merge.bottom > at.row ? merge.bottom : undefined;
      const label = itemAt(view, at.row, at.col);
      const prev = found[found.length - 1];
      // The same goal's label again (repeated with the header after a page break): the goal goes on.
      if (prev && prev.label.text === label.text) prev.end = end;
      else found.push({ label, weight: Number(m[1]), row: at.row, end });
      break;
    }
  }
  // One weighted label alone is a note, not a set of goals sharing the indicators.
  if (found.length < 2) return [];
  return found.map((g, i) => {
    const last = g.end ?? (i + 1 < found.length ? found[i + 1].row - 1 : bottom);
    return { label: g.label, weight: g.weight, first: g.row, last };
  });
}

/** What a label can mean to the self-evaluation scan (memoised per vocabulary: the scan asks of every cell). */
const HEADER_ROLES = new WeakMap<Vocabulary, (label: string) => "level3" | "actual" | "title" | "">();
const COLUMN_ROLES = new WeakMap<Vocabulary, (label: string) => string | undefined>();

/**
 * A self-evaluation column's role: the self-evaluation words first, then the words every form's indicator table
 * uses for a role the self-evaluation also reads (指标名称, 绩效指标 … for 三级; 绩效指标值 for the target; 绩效度量单位
 * for the unit), so a self-evaluation headed with another county's words is still read. A word means the same
 * column whichever form it was first met in; roles a self-evaluation has no place for (半年指标值) stay unread.
 */
function columnRoleOf(vocab: Vocabulary): (label: string) => string | undefined {
  let fn = COLUMN_ROLES.get(vocab);
  if (!fn) {
    const se = vocab.selfEvaluation;
    const readHere = new Set<string>(["level1", "level2", "level3", ...vocab.forms.flatMap((f) => (f.vocabulary?.selfEvaluation?.columns ?? []).map((c) => c.role))]);
    readHere.delete("ignore");
    fn = memoLabel((label: string) => {
      const own = se.columnRole(label);
      if (own !== undefined) return own;
      const shared = vocab.headerCellRole(label);
      return shared !== undefined && readHere.has(shared) ? shared : undefined;
    });
    COLUMN_ROLES.set(vocab, fn);
  }
  return fn;
}

function headerRoleOf(vocab: Vocabulary): (label: string) => "level3" | "actual" | "title" | "" {
  let fn = HEADER_ROLES.get(vocab);
  if (!fn) {
    const se = vocab.selfEvaluation;
    fn = memoLabel((label: string): "level3" | "actual" | "title" | "" => {
      // Only a label holding a scan word (三级指标, 实际…, 完成值, …自评表) can matter here.
      if (!label) return "";
      // A 三级 column headed in the tree's other words (指标名称, 绩效指标) counts too.
      if (!se.mayBeHeader(label)) return vocab.headerCellRole(label) === "level3" ? "level3" : "";
      const l = stripNotes(label);
      const role = se.columnRole(l);
      if (role === "level3") return "level3";
      if (role === "actual") return "actual";
      return se.isTitle(l) && l.length <= 40 ? "title" : "";
    });
    HEADER_ROLES.set(vocab, fn);
  }
  return fn;
}

export const selfEvaluationLocator: KindLocator = {
  kind: "self-evaluation",
  locate(view: SheetView, vocab: Vocabulary): LocateResult[] {
    const headerRole = headerRoleOf(vocab);
    const headers: number[] = [];
    const weak: number[] = [];
    const treeOnly: number[] = [];
    const actualOnly: number[] = [];
    const titles: { row: number; col: number }[] = [];
    // Scan the shared label index: only non-blank cells, each label normalised once per sheet.
    const idx = labelIndex(view);
    let r = 0;
    let l3 = false;
    let actual = false;
    const visit = (label: string, col: number) => {
      const role = headerRole(label);
      if (role === "level3") l3 = true;
      else if (role === "actual") actual = true;
      else if (role === "title") titles.push({ row: r, col });
    };
    for (r of idx.rowNumbers) {
      l3 = actual = false;
      idx.each(r, -Infinity, Infinity, visit);
      // An actual-value column merged down from the row above counts (指标 spanning 一级/二级/三级 above them).
      if (l3 && !actual) for (const l of labelsFromAbove(view, r)) visit(normLabel(l), -1);
      // 三级指标 with an actual-value column is a self-evaluation (target tables have no actuals); 得分 may be missing.
      if (l3 && actual) headers.push(r);
      else if (l3) weak.push(r);
      // An actual column over rows holding tree names: the tree is headed in words no form knows (第2栏).
      else if (actual && treeNamesBelow(view, r, vocab)) treeOnly.push(r);
      else if (actual) actualOnly.push(r);
    }
    // …unless it is the upper row of a two-row header whose lower row names the tree (指标 over 一级 | 二级 | 三级).
    for (const t of treeOnly) if (![t - 1, t + 1].some((x) => headers.includes(x) || weak.includes(x))) headers.push(t);
    // Under a 自评表 title with no such header below it, the first 三级 row is the header all the same: its actual
    // column is named in words no form knows, and is found by what it holds (columnsByContent).
    for (const t of titles) {
      const next = Math.min(...headers.filter((h) => h > t.row), ...titles.filter((x) => x.row > t.row).map((x) => x.row), t.row + 41);
      if (headers.some((x) => x > t.row && x - t.row <= 40)) continue;
      // A 三级 row; failing that, a row of column labels right over tree names, whatever its words; failing that, a
      // row naming an actual and a score column (a table with no tree, its names headed in words no form knows).
      const h =
        weak.find((w) => w > t.row && w < next) ??
        shapedHeader(view, t.row + 1, next - 1, vocab) ??
        actualOnly.find((w) => w > t.row && w < next && mapRoles(view, w, columnRoleOf(vocab)).score !== undefined);
      if (h === undefined) continue;
      headers.push(h);
      // The same header again further down (after a page break, or over a second goal block) goes on with it.
      let prev = h;
      for (const w of weak) if (w > h && continues(view, prev, w, vocab)) headers.push((prev = w));
    }
    headers.sort((a, b) => a - b);
    const out: LocateResult[] = [];
    let upper = view.top;
    // Headers that repeat the one before them go on with its table.
    const starts: { header: number; repeated: Set<number> }[] = [];
    for (const h of headers) {
      const last = starts[starts.length - 1];
      const prev = last ? Math.max(last.header, ...last.repeated) : undefined;
      if (last && prev !== undefined && continues(view, prev, h, vocab)) last.repeated.add(h);
      else starts.push({ header: h, repeated: new Set() });
    }
    starts.forEach((s, i) => {
      const lower = i + 1 < starts.length ? starts[i + 1].header - 1 : view.bottom;
      const res = locateOne(view, s.header, upper, lower, vocab, s.repeated);
      out.push(res);
      upper = res.table.range.bottom + 1;
    });
    // A 自评表 title with no indicator header under it: report it rather than pass over it.
    for (const t of titles) {
      const claimed = out.some((o) => t.row >= o.table.range.top && t.row <= o.table.range.bottom);
      const nextHeader = headers.find((h) => h > t.row);
      if (claimed || (nextHeader !== undefined && nextHeader - t.row <= 40)) continue;
      // Read what there is under the title (fields, the fund block) and report the missing indicator table.
      const lower = Math.min(nextHeader ?? view.bottom + 1, ...titles.filter((x) => x.row > t.row).map((x) => x.row)) - 1;
      let end = lower;
      while (end > t.row && rowIsBlank(view, end, view.left, view.right)) end--;
      const head = readHead(view, end, t.row, vocab);
      const title = itemAt(view, t.row, t.col);
      const fields = head.fields;
      const range = { top: t.row, left: Math.min(t.col, head.left ?? t.col), bottom: Math.max(t.row, end), right: Math.max(tightRightOf(view, t.row, end), head.right ?? t.col) };
      out.push({
        table: { kind: "self-evaluation", sheet: view.name, name: fields["项目名称"]?.value?.text || title.text, range, anchor: t, title, fields, funds: head.funds, indicators: [] },
        problems: [
          ...head.problems,
          head.funds.length
            ? { row: t.row, col: t.col, messageId: "missing-block" as const, data: { block: "绩效指标（三级指标/实际完成值）" } }
            : { row: t.row, col: t.col, messageId: "unreadable-table" as const, data: { reason: "未找到含“三级指标/实际完成值”的指标表头", reasonEn: "no indicator header with 三级指标 and 实际完成值 was found" } },
        ],
      });
    }
    return out;
  },
};

/** The last column holding a value in rows [top, bottom]. */
function tightRightOf(view: SheetView, top: number, bottom: number): number {
  let right = view.left;
  for (let r = top; r <= bottom; r++) for (let c = view.right; c > right; c--) if (!isBlank(view.value(r, c))) right = c;
  return right;
}
