/**
 * Where a sheet's indicator tables and money columns are, found independently of the core's locators: the
 * mutations must know where to put a 序号 column or which header to split even where today's reading fails,
 * and must not inherit the reading's mistakes. Header words come from the form catalogue (synonyms.ts and the
 * compiled vocabulary); everything else is the sheet's geometry (merges, blank rows, numbers).
 */
import { vocabularyOf } from "../../src/core/forms/vocabulary";
import { Grid } from "./grid";
import { headerCore, synonymGroups } from "./synonyms";

/** One indicator table's header band and data rows (0-based, inclusive). */
export interface HeaderBand {
  /** Header rows: top === bottom for a one-row header. */
  top: number;
  bottom: number;
  /** The row whose labels name the columns (the lower row of a two-row header). */
  roleRow: number;
  left: number;
  right: number;
  /** Column → role (level1, level3, full, unit …), from the header label. */
  roles: Map<number, string>;
  dataTop: number;
  /** dataBottom < dataTop when the table has no data rows. */
  dataBottom: number;
}

/** A money label stating 万元 and the amount cells it governs. */
export interface AmountGroup {
  label: { row: number; col: number };
  cells: { row: number; col: number }[];
}

const TREE = new Set(["level1", "level2", "level3"]);
const STOP_ROW = /^(合计|总计|总分|小计|评价结论|存在问题|改进措施|填表|填报|备注|说明|注[:：]|项目负责人|财务负责人|单位负责人)/;

let groupRoles: Map<string, string> | undefined;
/** The role a header label names, from the synonym groups first, then the vocabulary's role tests. */
export function labelRole(label: string): string | undefined {
  if (!label) return undefined;
  if (!groupRoles) {
    groupRoles = new Map();
    for (const [role, words] of synonymGroups()) for (const w of words) groupRoles.set(w, role);
  }
  const { core } = headerCore(label);
  const byGroup = groupRoles.get(core);
  if (byGroup) return byGroup;
  const v = vocabularyOf();
  const role = v.headerCellRole(core) ?? v.selfEvaluation.columnRole(core);
  return role && role !== "ignore" ? role : undefined;
}

function rowRoles(g: Grid, row: number): Map<number, string> {
  const out = new Map<number, string>();
  const width = g.values[row]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    if (g.covered(row, c) || isLabelColumn(g, row, c)) continue;
    const role = labelRole(g.label(row, c));
    if (role) out.set(c, role);
  }
  return out;
}

/**
 * A label merged down past the header into the data rows (绩效指标 beside the whole indicator table) names no
 * column. `headerBottom` is the header's last row where known; else a merge over more than two rows counts.
 */
export function isLabelColumn(g: Grid, row: number, col: number, headerBottom = row + 1): boolean {
  const m = g.mergeCovering(row, col);
  return !!m && m.bottom > headerBottom && m.right === m.left;
}

function isHeaderRow(roles: Map<number, string>): boolean {
  return roles.size >= 3 && [...roles.values()].some((r) => TREE.has(r));
}

const isNumber = (v: unknown) => typeof v === "number" && Number.isFinite(v);

function rowHasNumber(g: Grid, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) if (isNumber(g.get(row, c))) return true;
  return false;
}

/** Every indicator header on the sheet, with its band, columns and data rows. */
export function findHeaders(g: Grid): HeaderBand[] {
  const out: HeaderBand[] = [];
  for (let r = 0; r < g.height; r++) {
    const roles = rowRoles(g, r);
    if (!isHeaderRow(roles)) continue;
    if (out.length && out[out.length - 1].bottom >= r) continue;
    // Columns: from the first to the last non-blank (or merged-over) header cell around the named ones.
    const cols = [...roles.keys()];
    let left = Math.min(...cols);
    let right = Math.max(...cols);
    const used = (c: number) => !g.blank(r, c) || g.covered(r, c);
    while (left > 0 && used(left - 1)) left--;
    while (right + 1 < (g.values[r]?.length ?? 0) && used(right + 1)) right++;
    const m = g.mergeCovering(r, right);
    if (m) right = Math.max(right, m.right);
    let top = r;
    let bottom = r;
    // The named row with a parent row below it (年度指标值 over 指标性质 | 指标值 | 度量单位) first: its merges down
    // into the next row are the stronger sign; else a parent row above (指标 over 一级 | 二级 | 三级).
    if (r + 1 < g.height && isParentRow(g, r, r + 1, left, right)) bottom = r + 1;
    else if (r > 0 && isParentRow(g, r - 1, r, left, right)) top = r - 1;
    const roleRow = top === r ? bottom : r;
    const bandRoles = new Map<number, string>();
    for (let c = left; c <= right; c++) {
      // A column merged over both header rows is named by its top-left label.
      const cover = g.mergeCovering(roleRow, c);
      const at = cover && cover.top >= top ? { row: cover.top, col: cover.left } : { row: roleRow, col: c };
      if ((cover && cover.left !== c) || isLabelColumn(g, at.row, at.col, bottom)) continue;
      const role = labelRole(g.label(at.row, at.col));
      if (role) bandRoles.set(c, role);
    }
    const dataTop = bottom + 1;
    let dataBottom = bottom;
    for (let d = dataTop; d < g.height; d++) {
      if (isRowBlankIn(g, d, left, right)) break;
      if (isHeaderRow(rowRoles(g, d))) break;
      const first = firstLabel(g, d, left, right);
      if (STOP_ROW.test(first) || startsAnotherTable(g, d)) break;
      const whole = g.mergeCovering(d, left);
      if (whole && whole.left <= left && whole.right >= right && whole.top === d) break;
      dataBottom = d;
    }
    out.push({ top, bottom, roleRow, left, right, roles: bandRoles, dataTop, dataBottom });
    r = Math.max(r, bottom);
  }
  return out;
}

/** A row starting with a table's anchor label (项目名称, 单位名称) or stating a unit (单位：万元): the next table begins. */
function startsAnotherTable(g: Grid, row: number): boolean {
  const v = vocabularyOf();
  let first = true;
  for (let c = 0; c < (g.values[row]?.length ?? 0); c++) {
    const l = g.label(row, c);
    if (!l) continue;
    if ((first && v.isTableStart(l)) || /^单位[:：]/.test(l)) return true;
    first = false;
  }
  return false;
}

function isRowBlankIn(g: Grid, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) if (!g.blank(row, c)) return false;
  return true;
}

/** The first non-blank label of a row within the table's columns, skipping a label column merged from above. */
function firstLabel(g: Grid, row: number, left: number, right: number): string {
  for (let c = left; c <= right; c++) {
    if (g.covered(row, c)) continue;
    const l = g.label(row, c);
    if (l) return l;
  }
  return "";
}

/**
 * True when `upper` is the parent row of a two-row header over `lower`: a short label merged across two or
 * more columns that hold labels in `lower`, no numbers on either row, and every other column of `upper`
 * either blank or merged down into `lower`.
 */
function isParentRow(g: Grid, upper: number, lower: number, left: number, right: number): boolean {
  if (rowHasNumber(g, upper, left, right) || rowHasNumber(g, lower, left, right)) return false;
  let parents = 0;
  for (let c = left; c <= right; c++) {
    const m = g.mergeCovering(upper, c);
    if (m && m.top === upper && m.left === c && m.bottom === upper && m.right > m.left) {
      const text = g.label(upper, c);
      let children = 0;
      for (let k = m.left; k <= m.right; k++) if (!g.blank(lower, k)) children++;
      // A merge over the whole table is a caption or title (项目具体目标表, 绩效指标), not a parent label; a
      // parent is a short header word (年度指标值, 指标, 中期目标), not a project's name.
      if (PARENT_WORD.test(text) && text.length <= 8 && children >= 2 && (m.left > left || m.right < right)) parents++;
      else return false;
      c = m.right;
    } else if (m && m.top === upper && m.bottom === lower) {
      c = m.right;
    } else if (m && m.left === m.right && (m.top < upper || m.bottom > lower)) {
      // A label column merged down beside the table (项目绩效指标 over the whole table) is not a header cell.
      continue;
    } else if (!g.blank(upper, c)) return false;
  }
  return parents > 0;
}

const PARENT_WORD = /指标|目标|值|完成|年度|中期|全年|半年|实际|预算|评分|得分/;
const WAN = /([(（]\s*(单位[:：]?)?\s*万元\s*[)）])|(单位[:：]\s*万元)/;
const NOT_AMOUNT = /率|分值|权重|得分|评分|占比|%|比例|分$/;

/** The header text over an amount: the nearest label above it in its column, down to three rows above its group. */
function columnHeading(g: Grid, rows: number[], row: number, col: number): string {
  for (let r = row - 1; r >= Math.max(0, rows[0] - 3); r--) {
    const m = g.mergeCovering(r, col);
    const l = m ? g.label(m.top, m.left) : g.label(r, col);
    if (l) return l;
  }
  return "";
}

/** Every label stating 万元 (in brackets or as 单位：万元) with the amounts it governs on the sheet. */
export function findAmountGroups(g: Grid): AmountGroup[] {
  const out: AmountGroup[] = [];
  const taken = new Set<string>();
  for (let r = 0; r < g.height; r++) {
    for (let c = 0; c < (g.values[r]?.length ?? 0); c++) {
      const l = g.label(r, c);
      if (!l || !WAN.test(l) || l.length > 40 || g.covered(r, c)) continue;
      const m = g.mergeCovering(r, c) ?? { top: r, left: c, bottom: r, right: c };
      const cells: { row: number; col: number }[] = [];
      const push = (row: number, col: number) => {
        const k = `${row},${col}`;
        if (!taken.has(k)) {
          taken.add(k);
          cells.push({ row, col });
        }
      };
      const beside = g.get(r, m.right + 1);
      let rows: number[] = [];
      if (isNumber(beside)) push(r, m.right + 1);
      else if (m.bottom > m.top) for (let k = m.top; k <= m.bottom; k++) rows.push(k);
      else for (let k = m.bottom + 1; k < g.height && rowHasNumber(g, k, m.right + 1, g.width); k++) rows.push(k);
      if (rows.length) {
        for (const row of rows)
          for (let col = m.right + 1; col < (g.values[row]?.length ?? 0); col++) {
            if (!isNumber(g.get(row, col)) || g.formats?.[row]?.[col]?.includes("%")) continue;
            if (NOT_AMOUNT.test(columnHeading(g, rows, row, col))) continue;
            push(row, col);
          }
      }
      if (cells.length) out.push({ label: { row: r, col: c }, cells });
    }
  }
  return out;
}
