/**
 * What a column's cells hold, counted: the content clue to a column's role (TableSense / Strudel's cell
 * features, cut down to what budget-performance tables need). A target column is the one whose cells parse
 * as operator + number + unit or as a qualitative target; a unit column holds unit words; a tree column
 * holds tree names; a weight column small numbers.
 */
import { KNOWN_UNITS, parseValue } from "../grammar/value";
import type { SheetView } from "../snapshot";
import { textOf } from "../snapshot";
import type { TreeName } from "./tree";

export interface ColumnSignature {
  /** Non-empty cells looked at. */
  filled: number;
  /** Distinct texts among them. */
  distinct: number;
  tree1: number;
  tree2: number;
  /** Operator + number (+ unit), a percentage, a date or deadline, a qualitative word: what a target looks like. */
  target: number;
  /** A target with an operator or a unit: a bare number does not count. */
  typedTarget: number;
  /** A bare number. */
  number: number;
  /** A unit word alone (个, %, 万元, 百分比). */
  unit: number;
  /** An operator alone (≥, ≤, =, 大于等于). */
  operator: number;
  /** 定量 / 定性. */
  nature: number;
  /** 正向 / 反向 / 中性. */
  direction: number;
  /** Text of 16 characters or more: descriptions, reasons, standards. */
  long: number;
  /** Other text. */
  text: number;
}

const UNIT_WORDS = new Set<string>([...KNOWN_UNITS, "万元", "亿元", "万", "百分率", "百分点", "%", "‰"]);
const OPERATOR_WORDS = /^(≥|≤|=|＝|>|<|≧|≦|>=|<=|大于等于|小于等于|等于|大于|小于|定性)$/;

export function emptySignature(): ColumnSignature {
  return { filled: 0, distinct: 0, tree1: 0, tree2: 0, target: 0, typedTarget: 0, number: 0, unit: 0, operator: 0, nature: 0, direction: 0, long: 0, text: 0 };
}

/** Count what the cells of `col` in rows [from, to] hold; covered cells of a merge are not counted again. */
export function columnSignature(view: SheetView, col: number, from: number, to: number, tree: (t: string) => TreeName | undefined): ColumnSignature {
  const s = emptySignature();
  const seen = new Set<string>();
  for (let r = from; r <= to; r++) {
    if (view.isCovered(r, col)) continue;
    const v = view.raw(r, col);
    const t = textOf(v).trim();
    if (t === "") continue;
    s.filled++;
    if (!seen.has(t)) {
      seen.add(t);
      s.distinct++;
    }
    classifyInto(s, v, t, tree);
  }
  return s;
}

function classifyInto(s: ColumnSignature, v: unknown, t: string, tree: (t: string) => TreeName | undefined): void {
  const n = tree(t);
  if (n) {
    if (n.level === 1) s.tree1++;
    else if (n.level === 2) s.tree2++;
    else {
      s.tree1 += 0.5;
      s.tree2 += 0.5;
    }
    return;
  }
  const compact = t.replace(/\s+/g, "");
  if (/^(定量|定性)(指标)?$/.test(compact)) return void s.nature++;
  if (/^(正向|反向|中性)(指标)?$/.test(compact)) return void s.direction++;
  if (OPERATOR_WORDS.test(compact)) return void s.operator++;
  if (UNIT_WORDS.has(compact) || /^(元|万元|个|人|次)\/[\u4e00-\u9fa5]{1,2}$/.test(compact)) return void s.unit++;
  if (typeof v === "number") return void s.number++;
  const p = parseValue(t);
  if (p.kind === "number") {
    if (p.op !== null || p.unit !== "") {
      s.target++;
      s.typedTarget++;
    } else s.number++;
    return;
  }
  if (p.kind === "date" || p.kind === "qualitative" || p.kind === "progress") {
    s.target++;
    s.typedTarget++;
    return;
  }
  if (t.length >= 16) s.long++;
  else s.text++;
}

/** The share of filled cells a count is. */
export function share(s: ColumnSignature, n: number): number {
  return s.filled ? n / s.filled : 0;
}
