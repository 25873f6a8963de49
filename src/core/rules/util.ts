/** Small helpers the rules share: reading amounts, rounding for messages, indicator groups. */
import type { AmountLine, CellItem, IndicatorRow } from "../model";
import { memoLabel, normLabel } from "../locate/labels";
import { isCellError, isUncalculated } from "../snapshot";

export type AmountState = "number" | "blank" | "text-number" | "text" | "error" | "uncalculated";

export interface Amount {
  value: number | null;
  state: AmountState;
}

/** An amount cell: numbers as numbers, numbers stored as text kept usable, anything else is null. */
export function amountOf(item: CellItem | undefined): Amount {
  if (!item) return { value: null, state: "blank" };
  const v = item.value;
  if (v === null || (typeof v === "string" && v.trim() === "")) return { value: null, state: "blank" };
  if (typeof v === "number") return Number.isFinite(v) ? { value: v, state: "number" } : { value: null, state: "text" };
  // A formula the core could not compute is unknown, not blank and not an error (formula/uncalculated reports it).
  if (isUncalculated(v)) return { value: null, state: "uncalculated" };
  if (isCellError(v)) return { value: null, state: "error" };
  if (typeof v === "string") {
    const s = v.normalize("NFKC").replace(/[\s,]/g, "");
    if (/^[+-]?\d+(\.\d+)?$/.test(s)) return { value: Number(s), state: "text-number" };
    return { value: null, state: "text" };
  }
  return { value: null, state: "text" };
}

export function amountValue(item: CellItem | undefined): number | null {
  return amountOf(item).value;
}

/** Sum of the usable amounts; null when none is usable. */
export function sumAmounts(items: (CellItem | undefined)[]): number | null {
  let total = 0;
  let any = false;
  for (const it of items) {
    const v = amountValue(it);
    if (v !== null) {
      total += v;
      any = true;
    }
  }
  return any ? total : null;
}

/** Format a number for messages: no float residue, at most 6 decimals. */
export function fmt(n: number): string {
  return String(Number(n.toFixed(6)));
}

export function differs(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) > tolerance + 1e-9;
}

/** The canonical 一级 group of an indicator row: 决策/过程/产出/成本/效益/满意度/履职 or the text itself. */
export function group1(row: IndicatorRow): string {
  return canonicalGroup(row.level1?.text ?? "");
}

const GROUPS = new Map<string, string>();

export function canonicalGroup(text: string): string {
  let g = GROUPS.get(text);
  if (g === undefined) {
    if (GROUPS.size > 10_000) GROUPS.clear();
    GROUPS.set(text, (g = computeGroup(text)));
  }
  return g;
}

function computeGroup(text: string): string {
  // Notes in brackets (（30分）, （必填）) and the older 目标 naming (产出目标) do not change the group.
  const t = normLabel(text).replace(/\([^)]*\)/g, "").replace(/(指标|目标)$/, "");
  if (/^产出/.test(t)) return "产出";
  if (/^效益|^效果/.test(t)) return "效益";
  if (/满意/.test(t)) return "满意度";
  if (/^成本/.test(t)) return "成本";
  return t;
}

/** 二级 without its 指标 suffix (数量指标 → 数量). */
export function group2(row: IndicatorRow): string {
  return level2Group(row.level2?.text ?? "");
}

const level2Group = memoLabel((text: string) => normLabel(text).replace(/\([^)]*\)/g, "").replace(/(指标|目标)$/, ""));

export function level3(row: IndicatorRow): string {
  return normLabel(row.level3?.text ?? "");
}

/** A row that holds an indicator (a 三级 name or any value), not an empty category row. */
export function hasIndicator(row: IndicatorRow): boolean {
  return Boolean(row.level3?.text || row.half?.text || row.full?.text);
}

/** The cell a finding about a whole row should point at: the 三级 name, else the first value. */
export function rowCell(row: IndicatorRow) {
  return (row.level3?.text ? row.level3 : row.full?.text ? row.full : row.half?.text ? row.half : row.level3 ?? row.level2 ?? row.level1)?.cell ?? { row: row.row, col: 0 };
}

export function lineCell(line: AmountLine) {
  return (line.full ?? line.half ?? line.label).cell;
}

import type { DepartmentTargetTable, ProjectTargetTable } from "../model";

/** Every money line of a target table: sources, subtotal parts, total, expenses. */
export function allAmountLines(table: ProjectTargetTable | DepartmentTargetTable): AmountLine[] {
  const out: AmountLine[] = [];
  for (const f of [table.funding, ...(table.funding.parallel ?? [])]) {
    if (f.total) out.push(f.total);
    out.push(...f.sources, ...f.appropriationParts);
  }
  if (table.kind === "project-target") {
    out.push(...table.expenses);
    if (table.expenseTotal) out.push(table.expenseTotal);
  } else {
    for (const l of [table.basic, table.projectTotal]) if (l) out.push(l);
    out.push(...table.projectLines, ...table.dutyLines);
  }
  return out;
}

import { parseValue, type ParsedValue } from "../grammar/value";

/**
 * Parsed values by cell text. A parse depends only on the text, and target texts repeat across rows,
 * tables and workbooks (`=100%`, `合规`), so one bounded cache serves every rule. Parsed values are
 * treated as read-only everywhere.
 */
const PARSED = new Map<string, ParsedValue>();
const PARSED_NUMBERS = new Map<number, ParsedValue>();
const PARSED_MAX = 50_000;
const EMPTY: ParsedValue = { kind: "empty", raw: "" };
const UNKNOWN: ParsedValue = { kind: "text", raw: "" };

/** The parsed target value of a cell, parsed once however many rules ask. */
export function parsed(item: CellItem | undefined): ParsedValue {
  if (!item) return EMPTY;
  const v = item.value;
  // An uncalculated formula is reported once by formula/uncalculated; other rules read it as unknown text.
  if (isUncalculated(v)) return UNKNOWN;
  if (typeof v === "number") {
    let n = PARSED_NUMBERS.get(v);
    if (!n) {
      if (PARSED_NUMBERS.size >= PARSED_MAX) PARSED_NUMBERS.clear();
      PARSED_NUMBERS.set(v, (n = parseValue(v)));
    }
    return n;
  }
  if (typeof v !== "string" || v.length > 200) return parseValue(v);
  let p = PARSED.get(v);
  if (!p) {
    if (PARSED.size >= PARSED_MAX) PARSED.clear();
    p = parseValue(v);
    PARSED.set(v, p);
  }
  return p;
}

import { normalizeValueText, type NumberValue, type Op } from "../grammar/value";

/** Targets completed from 指标性质/计量单位, by cell text, nature and unit (bounded like PARSED). */
const TARGETS = new Map<string, ParsedValue>();

/** 指标性质 written in its own column (101号 template): ≥ / ≤ / = / 定性, or 正向 / 反向. */
function natureOp(nature: string): Op | null | undefined {
  // The values' own spelling rules (≧ ≦ read as ≥ ≤): an operator in its own column is spelt as in a value.
  const n = normalizeValueText(nature);
  if (/^(>=|≥|正向|大于等于)/.test(n)) return ">=";
  if (/^(<=|≤|反向|小于等于)/.test(n)) return "<=";
  if (/^(=|等于)/.test(n)) return "=";
  if (/^>/.test(n)) return ">";
  if (/^</.test(n)) return "<";
  return undefined;
}

/** `(≥**万元)` at the end of an indicator name: a template's operator and unit around the placeholder. */
const NAME_TEMPLATE = /[(（]\s*(>=|<=|[≥≤><=≧≦＝])\s*[*＊xX×_＿]+\s*([^()（）*＊]{0,6})\s*[)）]$/;

function nameTemplate(name: string | undefined): { op: string; unit?: string } | undefined {
  if (!name || !/[)）]$/.test(name)) return undefined;
  const m = NAME_TEMPLATE.exec(name.trim());
  return m ? { op: m[1], unit: m[2] || undefined } : undefined;
}

/**
 * The parsed target of a row's half- or full-year value, completed from the row's own 指标性质 and
 * 计量单位 columns where the table has them (`≤ | 30 | 万元` reads as ≤30万元), else from a template written
 * in the name (`项目总投入(≥**万元)` | 6070 reads as ≥6070万元).
 */
export function target(row: IndicatorRow, which: "half" | "full", item = row[which]): ParsedValue {
  const p = parsed(item);
  if (!item || p.kind !== "number" || (p.op !== null && p.unit !== "")) return p;
  // Rows read their cells on demand (locate/blocks.ts): ask for extra once, and only for a number that lacks something.
  const extra = row.extra;
  // A name written on a template that states the operator and unit (苗木成活率(≥**%), 项目总投入(≥**万元)):
  // the clerk filled in only the number, which takes them from the name.
  const tpl = nameTemplate(row.level3?.text);
  const nature = p.op === null ? (extra.nature?.text ?? tpl?.op) : undefined;
  const unit = p.unit === "" && p.multiplier === 1 ? (extra.unit?.text ?? tpl?.unit) : undefined;
  if (!nature && !unit) return p;
  const key = typeof item.value === "string" && item.value.length <= 200 ? `${item.value}\u0000${nature ?? ""}\u0000${unit ?? ""}` : undefined;
  let t = key === undefined ? undefined : TARGETS.get(key);
  if (!t) {
    const n: NumberValue = { ...p };
    if (nature) n.op = natureOp(nature) ?? null;
    if (unit) {
      const u = parseValue(`1${unit}`);
      if (u.kind === "number") {
        n.unit = u.unit;
        n.multiplier = u.multiplier;
      }
    }
    t = n;
    if (key !== undefined) {
      if (TARGETS.size >= PARSED_MAX) TARGETS.clear();
      TARGETS.set(key, t);
    }
  }
  return t;
}

/**
 * Visit the half- and full-year value cells of a row that exist, with their parsed targets; `visit`
 * returns true to stop. (A callback rather than a list of tuples: every indicator rule asks this of
 * every row, and the tuples were the largest single allocation of validation.)
 */
export function forTargets(row: IndicatorRow, visit: (item: CellItem, p: ParsedValue, which: "half" | "full") => boolean | void, order: "half-first" | "full-first" = "half-first"): void {
  const half = row.half;
  const full = row.full;
  if (order === "full-first") {
    if (full && visit(full, target(row, "full", full), "full")) return;
    if (half && visit(half, target(row, "half", half), "half")) return;
  } else {
    if (half && visit(half, target(row, "half", half), "half")) return;
    if (full && visit(full, target(row, "full", full), "full")) return;
  }
  // A mid-term block beside the annual one (中期指标值 | 年度指标值) is checked like a target too; its
  // findings sit on the mid-term cells, which says which block they are about.
  const mid = row.midterm;
  if (mid) visit(mid, target(row, "full", mid), "full");
}
