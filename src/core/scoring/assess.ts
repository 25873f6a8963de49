/**
 * Whether an actual value meets its target, and by how much (domain-rules B4/B5). Shared by the
 * self-evaluation scorer and the evaluation-report checks. Never returns NaN: a ratio that cannot be
 * formed (no number, unit mismatch) leaves `ratio` undefined and the status "unknown".
 */
import type { CellValue } from "../snapshot";
import type { NumberValue, Op, ParsedValue } from "../grammar/value";
import { fullUnit, isPercent, normalizeValueText, parseValue } from "../grammar/value";
import { scoringTerms } from "./terms";

export type Status = "met" | "partial" | "missed" | "unknown" | "not-applicable" | "missing-actual";

export interface Assessment {
  status: Status;
  /** Completion as a share 0..1 of the target (capped at 1), where a number comparison gives one. */
  ratio?: number;
  /** How the target was read: ≥, ≤, =, qualitative, date. */
  mode: "ge" | "le" | "eq" | "qualitative" | "date" | "none";
  /**
   * The actual restates the target instead of giving a measured value: an operator (≥90%, ≥266米) or a
   * bare completion word (完成, 达到) against a number target. Such a row cannot be scored (status unknown).
   */
  restated?: boolean;
  /** Set when target and actual are written in different units. */
  unitMismatch?: { target: string; actual: string };
  target: ParsedValue;
  actual: ParsedValue;
}

export interface AssessOptions {
  /** How a number target without an operator is read (profile.scoring.implicitOp). */
  implicitOp: ">=" | "=";
  /** The budget-execution-rate indicator (profile.scoring.executionRateNames); the national names when absent. */
  isExecutionRate?(name: string): boolean;
}

/** A unit implied by the indicator's name: `覆盖数（个）` → 个, `受训人天` → 人天, `服务人数` → 人. */
export function unitFromName(name: string): string {
  const s = normalizeValueText(name);
  const br = /\(([^()]{1,4})\)$/.exec(s);
  if (br && !/\d/.test(br[1])) return br[1];
  const suffixes: [RegExp, string][] = [
    [/人天$/, "人天"],
    [/人次$/, "人次"],
    [/人数$/, "人"],
    [/次数$/, "次"],
    [/个数$/, "个"],
    [/家数$/, "家"],
    [/场次$/, "场"],
  ];
  for (const [re, u] of suffixes) if (re.test(s)) return u;
  return "";
}

const MET_WORDS = /^(已)?(完成|达成|达到|实现|符合|满足|是|达标|合格|按时完成|达成预期指标|已达成|正常运行)/;
const MISSED_WORDS = /^(尚|均)?未|未(完成|达成|达到|实现|开展|实施|建立|建成)|没有|较差|^无$|^否$/;
const PARTIAL_WORDS = /部分|基本/;

/** Qualitative reading of an actual: does it say the target was met, partly met, or missed? */
function qualitativeStatus(target: ParsedValue, actualRaw: string): Status {
  const a = normalizeValueText(actualRaw);
  const t = normalizeValueText(target.kind === "empty" ? "" : target.raw);
  if (MISSED_WORDS.test(a)) return "missed";
  if (PARTIAL_WORDS.test(a)) return "partial";
  if (t && (a === t || a.includes(t))) return "met";
  if (MET_WORDS.test(a)) return "met";
  return "unknown";
}

const EPS = 1e-9;

function effectiveOp(op: Op | null, opts: AssessOptions): "ge" | "le" | "eq" {
  const o = op ?? opts.implicitOp;
  return o === "<=" || o === "<" ? "le" : o === "=" ? "eq" : "ge";
}

/** Ratio for a number comparison, 0..1, never NaN. */
export function numberRatio(mode: "ge" | "le" | "eq", t: number, a: number, upper?: number): { met: boolean; ratio: number } {
  if (upper !== undefined && mode !== "le") {
    if (a >= t - EPS && a <= upper + EPS) return { met: true, ratio: 1 };
    if (a > upper) return mode === "eq" ? { met: false, ratio: upper / a } : { met: true, ratio: 1 };
    return { met: false, ratio: t > 0 ? Math.max(0, a / t) : 0 };
  }
  if (mode === "ge") {
    if (a >= t - EPS) return { met: true, ratio: 1 };
    return { met: false, ratio: t > 0 ? Math.max(0, a / t) : 0 };
  }
  if (mode === "le") {
    if (a <= t + EPS) return { met: true, ratio: 1 };
    return { met: false, ratio: a > 0 && t > 0 ? t / a : 0 };
  }
  if (Math.abs(a - t) <= EPS * Math.max(1, Math.abs(t))) return { met: true, ratio: 1 };
  // = missed either way: short of it scores a/t, past it t/a (deviation both ways costs, domain-rules B7).
  if (a < t) return { met: false, ratio: t > 0 ? Math.max(0, a / t) : 0 };
  return { met: false, ratio: a > 0 ? Math.max(0, t / a) : 0 };
}

function unitsOf(t: NumberValue, a: NumberValue, nameUnit: string): { tu: string; au: string } {
  const tu = t.unit || nameUnit;
  const au = a.unit || tu;
  return { tu: tu || au, au };
}

/**
 * `nature` is a separate 指标性质 cell (≥ / ≤ / = / 定性) as the template has; an operator written in the
 * value itself wins over it.
 */
export function assess(targetCell: CellValue | undefined, actualCell: CellValue | undefined, indicator: string, opts: AssessOptions, nature?: string): Assessment {
  let target = parseValue(targetCell ?? null);
  const n = normalizeValueText(nature ?? "");
  if (target.kind === "number" && target.op === null) {
    const op = n === "≥" || n === ">=" ? ">=" : n === "≤" || n === "<=" ? "<=" : n === "=" ? "=" : null;
    if (op) target = { ...target, op };
    else if (n === "定性") target = { kind: "qualitative", raw: target.raw, word: target.raw };
  }
  const actual = parseValue(actualCell ?? null);
  // 预算执行率 as an indicator row (决策/过程/管理 schemes) is often given no target: its target is 100%, as in 10号.
  const isExecutionRate = opts.isExecutionRate ?? scoringTerms().isExecutionRate;
  if ((target.kind === "not-applicable" || target.kind === "empty") && isPercent(actual) && isExecutionRate(indicator)) {
    target = { kind: "number", raw: "100%", op: ">=", value: 100, multiplier: 1, unit: "%" };
  }
  const base = { target, actual };
  if (target.kind === "not-applicable" || actual.kind === "not-applicable") return { ...base, status: "not-applicable", mode: "none" };
  if (actual.kind === "empty" || actual.kind === "placeholder") return { ...base, status: "missing-actual", mode: "none" };

  if (target.kind === "number") {
    const mode = effectiveOp(target.op, opts);
    // ≥90% in the actual column is the target again, not what was measured.
    if (actual.kind === "number" && (actual.op !== null || actual.upper !== undefined)) return { ...base, status: "unknown", mode, restated: true };
    if (actual.kind === "number") {
      const nameUnit = unitFromName(indicator);
      let av = actual.value * actual.multiplier;
      // A percent cell formatted in Excel arrives as a fraction (0.95 for 95%).
      if (target.unit === "%" && actual.unit === "" && actual.multiplier === 1 && Math.abs(actual.value) <= 1 && target.value > 1) av = actual.value * 100;
      const { tu, au } = unitsOf(target, actual, nameUnit);
      if (tu !== au) return { ...base, status: "unknown", mode, unitMismatch: { target: fullUnit({ ...target, unit: tu }), actual: fullUnit({ ...actual, unit: au }) } };
      const tv = target.value * target.multiplier;
      const upper = target.upper === undefined ? undefined : target.upper * target.multiplier;
      const r = numberRatio(mode, tv, av, upper);
      return { ...base, status: r.met ? "met" : "missed", ratio: r.ratio, mode };
    }
    const st = qualitativeStatus(target, actual.raw);
    // 完成 / 达到 against a number target says nothing of how much: no measured value to score.
    if (st === "met" || st === "unknown") return { ...base, status: "unknown", mode, restated: true };
    return { ...base, status: st, mode, ratio: undefined };
  }
  if (target.kind === "date") {
    if (actual.kind === "date") {
      const key = (d: { year?: number; month: number; day?: number }, y: number) => (d.year ?? y) * 10000 + d.month * 100 + (d.day ?? 31);
      const y = target.year ?? actual.year ?? 2000;
      const met = key(actual, y) <= key(target, y);
      return { ...base, status: met ? "met" : "missed", mode: "date", ratio: met ? 1 : undefined };
    }
    const st = qualitativeStatus(target, actual.raw);
    return { ...base, status: st, mode: "date", ratio: st === "met" ? 1 : undefined };
  }
  if (target.kind === "empty") return { ...base, status: "unknown", mode: "none" };
  const st = qualitativeStatus(target, actual.raw);
  return { ...base, status: st, mode: "qualitative", ratio: st === "met" ? 1 : undefined };
}

/** The profile band (percent of weight) a completion share falls in, best band first; bands are inclusive at their lower end. */
export function bandFor(ratioPercent: number, bands: readonly { min: number; max: number }[]): { min: number; max: number } | undefined {
  for (const b of bands) if (ratioPercent >= b.min - EPS) return b;
  return bands[bands.length - 1];
}

export function round2(x: number): number {
  return Math.round(x * 100 + Number.EPSILON * 100) / 100;
}

/** A number from a cell: numbers as they are, text through the grammar (`5分`, `13`); null otherwise. */
export function cellNumber(v: CellValue | undefined): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  const p = parseValue(v);
  return p.kind === "number" && p.op === null && p.upper === undefined ? p.value * p.multiplier : null;
}
