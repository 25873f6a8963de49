/**
 * An indicator table found by what its cells hold, for tables whose headers use words the catalogue does not
 * know (评价指标 | 评价内容 | 指标名称 | 目标值 | 分值, or no 三级 column at all). The tree columns are the
 * ones holding the national tree's names (产出指标 / 数量指标 …) down the rows; the header is the text row
 * above the first of them; every other column gets its role from its header words checked against its
 * content (columns.ts). What cannot be told stays unsure, and the rules that need it stay silent.
 */
import type { Vocabulary } from "../forms/vocabulary";
import type { IndicatorHeader } from "../locate/blocks";
import type { SheetView } from "../snapshot";
import { textOf } from "../snapshot";
import { headerPath, readColumn, type ColumnReading } from "./columns";
import type { TreeName } from "./tree";

/** An indicator header found by content: the columns blocks.ts reads rows by, with each column's reading. */
export interface ContentHeader extends IndicatorHeader {
  columns: ColumnReading[];
  /** Roles that could not be told (level1, level3, full …): the rules that need them stay silent. */
  unsure: string[];
}

export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Extra roles the row model carries (IndicatorRow.extra), as blocks.ts keeps them. */
const EXTRA_KEYS = new Set(["keyWork", "project", "unit", "nature", "explanation", "standard", "weight", "midterm"]);

/** Tree cells per column in the area's rows: column → rows holding a tree name, and how many at each level. */
function treeColumns(view: SheetView, area: Area, tree: (t: string) => TreeName | undefined) {
  const out = new Map<number, { rows: number[]; l1: number; l2: number; names: Set<string> }>();
  for (let c = area.left; c <= area.right; c++) {
    for (let r = area.top; r <= area.bottom; r++) {
      if (view.isCovered(r, c)) continue;
      const n = tree(textOf(view.raw(r, c)).trim());
      if (!n) continue;
      let e = out.get(c);
      if (!e) out.set(c, (e = { rows: [], l1: 0, l2: 0, names: new Set<string>() }));
      e.rows.push(r);
      e.names.add(n.name);
      if (n.level === 1) e.l1++;
      else if (n.level === 2) e.l2++;
      else {
        e.l1 += 0.5;
        e.l2 += 0.5;
      }
    }
  }
  // One tree name alone is no tree: a table has several (a lone 一级 merged down beside a 二级 column counts),
  // or two different ones down one column (产出指标 and 效益指标 of a table with no 二级 column), or a 一级 name
  // with a 二级 name beside it on one row (产出指标 | 数量指标: a table cut after its first indicator).
  let total = 0;
  let two = false;
  for (const e of out.values()) {
    total += e.rows.length;
    if (e.names.size >= 2) two = true;
  }
  if (total < 3 && !two && !pairOnOneRow(view, out, tree)) out.clear();
  return out;
}

/**
 * How much a row looks like a column header: each short text +1, each text the catalogue knows as a column
 * header or that ends in a header word (指标, 名称, 值, 内容, 标准, 分值, 单位) +2 more; numbers and
 * long sentences count against it. Below 3 it is not a header.
 */
function headerScore(view: SheetView, r: number, area: Area, vocab: Vocabulary): number {
  let n = 0;
  let worded = 0;
  for (let c = area.left; c <= area.right; c++) {
    if (view.isCovered(r, c)) continue;
    const v = view.raw(r, c);
    if (typeof v === "number") {
      n -= 2;
      continue;
    }
    const t = textOf(v).replace(/[\s\u3000]+/g, "");
    if (t === "") continue;
    if (t.length > 14) {
      n -= 1;
      continue;
    }
    n += 1;
    if (vocab.headerCellRole(t) !== undefined || /(指标|名称|值|内容|标准|分值|权重|单位|说明|备注|得分)$/.test(t.replace(/\([^)]*\)/g, ""))) {
      n += 2;
      worded++;
    }
  }
  // Two header words at least: one labelled field (年度目标 | 年度目标说明) is not a column header.
  return worded >= 2 ? n : Math.min(n, 2);
}

/**
 * A header by its shape alone, whatever its words: four or more short labels and no number, each over a column
 * that holds something in the rows under it. A labelled field (年度目标 | 说明) has two cells, a data row numbers
 * or long texts; a row of column labels over the table's own columns is the header even in words no form knows.
 */
export function headerShape(view: SheetView, r: number, area: Area): boolean {
  let labels = 0;
  for (let c = area.left; c <= area.right; c++) {
    if (view.isCovered(r, c)) continue;
    const v = view.raw(r, c);
    if (typeof v === "number") return false;
    const t = textOf(v).replace(/[\s\u3000]+/g, "");
    if (t === "") continue;
    if (t.length > 14) return false;
    let below = false;
    for (let d = r + 1; d <= Math.min(area.bottom, r + 4) && !below; d++) below = view.isCovered(d, c) || textOf(view.raw(d, c)).trim() !== "";
    if (below) labels++;
  }
  return labels >= 4;
}

/** A 一级 name with a 二级 name one or two columns right of it on the same row. */
function pairOnOneRow(view: SheetView, cols: Map<number, { rows: number[] }>, tree: (t: string) => TreeName | undefined): boolean {
  for (const [c, e] of cols) {
    for (const r of e.rows) {
      if (tree(textOf(view.raw(r, c)).trim())?.level !== 1) continue;
      for (const k of [c + 1, c + 2]) if (cols.get(k)?.rows.includes(r) && tree(textOf(view.raw(r, k)).trim())?.level === 2) return true;
    }
  }
  return false;
}

export function findIndicatorHeaderByContent(view: SheetView, area: Area, vocab: Vocabulary, tree: (t: string) => TreeName | undefined): ContentHeader | undefined {
  const cols = treeColumns(view, area, tree);
  if (cols.size === 0) return undefined;
  const entries = [...cols].sort((a, b) => a[0] - b[0]);
  // The 一级 column: most 一级 names; the 二级 column: right of it, most 二级 names.
  let l1: number | undefined;
  let l2: number | undefined;
  for (const [c, e] of entries) {
    if (l1 === undefined && e.l1 >= e.l2 && e.l1 >= 1) l1 = c;
    else if (l2 === undefined && e.l2 > e.l1 && (l1 === undefined || c > l1)) l2 = c;
  }
  const unsure: string[] = [];
  const firstTreeRow = Math.min(...entries.map(([, e]) => e.rows[0]));
  if (l1 === undefined && l2 !== undefined) {
    // Only 二级 names down the rows: a group column left of them (项目年度绩效目标) stands for 一级, unsure.
    const left = l2 - 1;
    let filled = false;
    for (let r = firstTreeRow; r <= area.bottom && left >= area.left && !filled; r++) filled = textOf(view.raw(r, left)).trim() !== "" || view.isCovered(r, left);
    l1 = filled ? left : l2;
    if (l1 === l2) l2 = undefined;
    unsure.push("level1");
  }
  if (l1 === undefined) return undefined;
  // The header: of the few rows above the first tree name, the one that looks most like a header: short
  // texts, words the catalogue knows as column headers, no numbers.
  let header: number | undefined;
  let best = 2;
  for (let r = firstTreeRow - 1; r >= area.top && r >= firstTreeRow - 4; r--) {
    const score = headerScore(view, r, area, vocab);
    if (score > best) {
      best = score;
      header = r;
    }
  }
  // No row worded like a header: the row right over the first tree names, if it has a header's shape.
  if (header === undefined && firstTreeRow - 1 >= area.top && headerShape(view, firstTreeRow - 1, area)) header = firstTreeRow - 1;
  if (header === undefined) return undefined;
  // A parent row above (指标 merged over 一级/二级/三级, 年度指标值 over 目标值/单位) makes header paths.
  const parentRow = header - 1 >= area.top && spansColumns(view, header - 1, area) && headerScore(view, header - 1, area, vocab) >= 1 ? header - 1 : undefined;
  const treeRight = Math.max(l1, l2 ?? l1);
  const dataRow = header + 1;
  const columns: ColumnReading[] = [];
  const out: ContentHeader = { row: header, dataRow, l1, l2, extra: {}, columns, unsure };
  for (let c = area.left; c <= area.right; c++) {
    if (c === l1 || c === l2) {
      columns.push({ ...readColumn(view, vocab, c, headerPath(view, header, c, parentRow), dataRow, area.bottom, tree), role: c === l1 ? "level1" : "level2", confidence: unsure.includes("level1") && c === l1 ? 0.4 : 0.8 });
      continue;
    }
    if (c < treeRight) continue;
    const path = headerPath(view, header, c, parentRow);
    columns.push(readColumn(view, vocab, c, path, dataRow, area.bottom, tree));
  }
  const right = columns.filter((x) => x.col > treeRight);
  // 三级: a column worded so whose content is text, else the first text column right of the tree.
  const l3 = right.find((x) => x.role === "level3" && x.confidence >= 0.5) ?? right.find((x) => x.role === "level3") ?? firstTextColumn(right);
  if (l3) out.l3 = l3.col;
  else unsure.push("level3");
  // The target: the sure value column right of 三级; a half-year column where one is worded so.
  const from = out.l3 ?? treeRight;
  const values = right.filter((x) => x.col > from && (x.role === "full" || x.role === "half"));
  const full = values.find((x) => x.role === "full" && x.confidence >= 0.5) ?? values.find((x) => x.role === "full");
  if (full) out.full = full.col;
  else unsure.push("full");
  if (full && full.confidence < 0.5) unsure.push("full");
  const half = values.find((x) => x.role === "half");
  if (half) out.half = half.col;
  for (const x of right) if (EXTRA_KEYS.has(x.role) && out.extra[x.role] === undefined && x.col !== out.full) out.extra[x.role] = x.col;
  return out;
}

/**
 * The first filled column right of the tree, when no header word names it and it holds names (text, long or
 * short) rather than numbers, targets or units: 三级 by position, as every form puts it (names of 16 characters
 * or more read as explanations by content alone, but an explanation column comes after the names, not before).
 */
function firstTextColumn(right: ColumnReading[]): ColumnReading | undefined {
  const first = right.find((x) => x.signature.filled > 0);
  if (!first || first.evidence.some((e) => e.startsWith("header:"))) return undefined;
  const sig = first.signature;
  if (sig.filled < 2 || (sig.text + sig.long) / sig.filled < 0.6) return undefined;
  // The column's reading says so too, with why (inspect and 读作… show the columns, not only the roles).
  first.role = "level3";
  first.evidence.push("position:level3");
  return first;
}

function spansColumns(view: SheetView, r: number, area: Area): boolean {
  for (let c = area.left; c <= area.right; c++) {
    const m = view.mergeAt(r, c);
    // A parent spans some of the columns, not the whole width (that is a title).
    if (m && m.top === r && m.right > m.left && (m.left > area.left || m.right < area.right) && textOf(view.raw(r, c)).trim() !== "") return true;
  }
  return false;
}
