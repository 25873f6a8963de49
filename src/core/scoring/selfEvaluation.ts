/**
 * 项目支出绩效自评表 scoring (财预〔2020〕10号, domain-rules B2–B6, and the regional schemes of docs/scoring.md).
 * Every weight, band and tolerance comes from the profile (or the matched form's scheme). The detailed result
 * is what the score rules check; scoreSelfEvaluation() reduces it to the JSON contract.
 *
 * Each row gets the score entered (自评得分) and the score recomputed (审核得分). The table's total is the
 * recomputed one, on the 百分制 when the weights do not add up to 100; it is never a partial sum presented
 * as the total: a row that can be neither recomputed nor taken as entered makes the total 不完整, and a table
 * with nothing filled in has no score at all (未填写).
 */
import type { CellItem, SelfEvaluationFundLine, SelfEvaluationIndicatorRow, SelfEvaluationTable } from "../model";
import { parseValue } from "../grammar/value";
import { group1, group2 } from "../rules/util";
import { anyMatch, indicatorWords } from "../rules/words";
import { normLabel } from "../locate/labels";
import { oncePerTable } from "./perTable";
import type { Profile } from "../profile";
import { gradeFor } from "../profile";
import { a1 } from "../snapshot";
import type { Assessment } from "./assess";
import { assess, bandFor, cellNumber, round2 } from "./assess";
import { assessOptions, scoringTerms, type WeightGroup } from "./terms";
import type { ScoreItem, TableScore, Unscored } from "./types";

export type { WeightGroup } from "./terms";
export type { Unscored } from "./types";

export interface SelfEvalItem {
  /** The score cell (or, with no score column, the row's first cell). */
  cell: CellItem | undefined;
  /** The 分值 (weight) cell, when the form has one: where a weight that breaks the scheme is shown. */
  weightCell?: CellItem;
  row: number;
  indicator: string;
  group: WeightGroup | null;
  /** The scheme's 一级 section (项目决策 / 项目管理 / 项目绩效), where the scheme has sections. */
  section?: string;
  weight: number | null;
  /** The weight was not written: implied by the goal's weight minus its siblings' (20 + 80 layout). */
  weightImplied?: boolean;
  entered: number | null;
  /** null when the formula cannot score it (qualitative not met, unit mismatch, missing actual). */
  computed: number | null;
  /** What the row adds to the total: computed, else the entered score where the scheme keeps it; null = unscored. */
  counted: number | null;
  /** Why the formula gives no score (computed null). */
  unscored?: Unscored;
  /** Entered and recomputed differ by more than the tolerance. */
  differs: boolean;
  assessment?: Assessment;
  /** Qualitative items not met: the score range (absolute) the completion band allows. */
  band?: { min: number; max: number };
  notApplicable: boolean;
  kind: "execution" | "indicator";
}

export type SelfEvalStatus = "complete" | "incomplete" | "blank";

export interface SelfEvalResult {
  items: SelfEvalItem[];
  status: SelfEvalStatus;
  /** The recomputed total on the 百分制 (Σ counted / Σ applicable weight × 100 when that weight is not 100); null unless complete. */
  total: number | null;
  /** Σ counted of applicable items, as the table's own weights add it up (110 on a table whose weights add up to 110). */
  rawTotal: number;
  /** Σ weights of all items (不适用 ones included): what the scheme says should be 100. */
  weightSum: number;
  /** Σ weights of applicable items. */
  applicableWeight: number;
  /** The total is rescaled to 100: some item is 不适用, or the weights do not add up to 100. */
  rescaled: boolean;
  /** Σ entered scores of applicable items, rescaled for 不适用 items: what the 总分 cell should hold. */
  enteredTotal: number;
  /** The 总分 the table states, when it states one. */
  stated: number | null;
  /** Rows that leave the total 不完整, with the reason. */
  incomplete: SelfEvalItem[];
  /** Rows whose score counts as entered because no formula applies (restated actual, unreadable unit …). */
  unverified: SelfEvalItem[];
  /** Execution sub-lines repeating the total line's weight (其中：当年财政拨款 10 / 9 again): not counted, reported by the weight rules. */
  repeats: SelfEvalItem[];
}

/** 一级 label → profile weight group, by the profile's scoring.groups words (成本指标, a 101号 一级, counts with 产出 [I]). */
export function groupOf(level1: string | undefined, profile: Profile): WeightGroup | null {
  return scoringTerms(profile).groupOf(level1 ?? "");
}

/** The scheme section a 一级 label belongs to: the first section one of whose words it holds. */
export function sectionOf(level1: string | undefined, profile: Profile): string | undefined {
  const l = (level1 ?? "").replace(/\s/g, "");
  return l ? profile.scoring.sections?.find((s) => s.words.some((w) => l.includes(w)))?.name : undefined;
}

function isNA(c: CellItem | undefined): boolean {
  return !!c && /^(\/|—+|-+|－|不适用|N\/?A)$/i.test(c.text.replace(/\s/g, ""));
}

const filled = (c: CellItem | undefined) => !!c && c.text !== "" && !isNA(c);
/** An amount a template may come with (0 on every money line) is not something filled in. */
const filledAmount = (c: CellItem | undefined) => filled(c) && cellNumber(c!.value) !== 0;

/** The budget and executed amounts the execution rate is scored on, and why not when it cannot be. */
function executionAmounts(line: SelfEvaluationFundLine, funds: SelfEvaluationFundLine[]): { budget: number; executed: number } | { unscored: Unscored } {
  let budget = cellNumber(line.budget?.value);
  let executed = cellNumber(line.executed?.value);
  // A total line left 0 / 0 (or blank) while its sub-lines carry the money (池州): the sub-lines are the amounts.
  if (line.total && !(budget && budget > 0)) {
    const subs = funds.filter((f) => !f.total);
    const b = subs.reduce((s, f) => s + (cellNumber(f.budget?.value) ?? 0), 0);
    const e = subs.reduce((s, f) => s + (cellNumber(f.executed?.value) ?? 0), 0);
    if (b > 0) {
      budget = b;
      executed = e;
    }
  }
  if (budget === null || executed === null) return { unscored: "missing-amount" };
  // 0 of 0 is no budget at all: nothing was executed against anything, so there is no rate to score.
  if (budget <= 0) return { unscored: "empty-budget" };
  return { budget, executed };
}

/**
 * A sub-line (其中：当年财政拨款) that repeats the total line's weight on the same money: the execution rate
 * scored twice (临翔). Its points are not counted again; the weight rules report the repeat.
 */
function repeatsTotal(line: SelfEvaluationFundLine, total: SelfEvaluationFundLine | undefined): boolean {
  if (!total) return false;
  const same = (a: CellItem | undefined, b: CellItem | undefined) => cellNumber(a?.value) === cellNumber(b?.value);
  return same(line.weight, total.weight) && same(line.budget, total.budget) && same(line.executed, total.executed);
}

const GROUP_LABEL: Record<WeightGroup, string> = { execution: "预算执行率", output: "产出指标", benefit: "效益指标", satisfaction: "满意度指标" };
const REQUIRED_GROUP: Record<string, WeightGroup> = { 产出: "output", 效益: "benefit", 满意度: "satisfaction" };

/**
 * Weights short of 100 because rows are missing, not because the form chose other weights: a required 一级
 * group (产出 / 效益 / 满意度) with no row at all, or a 总分 分值 that states more than the rows add up to. Such a
 * table's total is 不完整; weights short of 100 otherwise are the form's own and the total is rescaled.
 */
function missingParts(table: SelfEvaluationTable, items: SelfEvalItem[], weightSum: number, profile: Profile): SelfEvalItem[] {
  const tol = profile.scoring.scoreTolerance;
  if (weightSum >= 100 - tol) return [];
  const out: SelfEvalItem[] = [];
  const anchor: CellItem = table.total?.weight ?? table.total?.label ?? { cell: table.anchor, value: null, text: "" };
  const note = (indicator: string): SelfEvalItem => ({ cell: anchor, row: anchor.cell.row, indicator, group: null, weight: null, entered: null, computed: null, counted: null, unscored: "missing-rows", differs: false, notApplicable: false, kind: "indicator" });
  // No indicator row at all (the table cut, or its indicators on another sheet): the execution rate alone is
  // not a total, however it is rescaled (临河 2022: 9.76 of 10 shown as 97.6 优).
  if (!items.some((i) => i.kind === "indicator")) return [note("绩效指标（表中没有指标行）")];
  const present = new Set(items.map((i) => i.group));
  // Tables grouped by goals (20 + 80) or by a scheme's own sections do not carry the 10号 groups.
  if (!table.goals?.length && !profile.scoring.sections?.length && items.some((i) => i.kind === "indicator" && i.group)) {
    for (const g of profile.requiredGroups) {
      const wg = REQUIRED_GROUP[g];
      if (wg && !present.has(wg)) out.push(note(GROUP_LABEL[wg]));
    }
  }
  const statedWeight = cellNumber(table.total?.weight?.value);
  if (out.length === 0 && statedWeight !== null && statedWeight > weightSum + tol) out.push(note(`分值合计 ${round2(weightSum)}，总分分值 ${round2(statedWeight)}`));
  return out;
}

/**
 * Weights of a goal's rows where the form has no 分值 column (黄冈): a row met in full states its weight by its
 * score; the goal's last row takes what its weight leaves (goal − siblings). A row not met before the last one
 * leaves the weights undetermined.
 */
function impliedWeights(table: SelfEvaluationTable, items: SelfEvalItem[]): void {
  for (const goal of table.goals ?? []) {
    if (goal.weight === undefined) continue;
    const rows = items.filter((i) => i.kind === "indicator" && i.row >= goal.first && i.row <= goal.last && !i.notApplicable);
    const unknown = rows.filter((i) => i.weight === null);
    if (unknown.length === 0) continue;
    const last = unknown[unknown.length - 1];
    const others = unknown.filter((it) => it !== last);
    if (!others.every((it) => it.assessment?.status === "met" && it.entered !== null && it.entered > 0)) continue;
    const rest = goal.weight - rows.reduce((s, i) => s + (i === last ? 0 : i.weight ?? i.entered ?? 0), 0);
    if (rest <= 0) continue;
    for (const it of others) {
      it.weight = it.entered;
      it.weightImplied = true;
    }
    last.weight = round2(rest);
    last.weightImplied = true;
  }
}

/** The row's 指标性质 where it names a direction (≥, ≤, =), else the direction the row implies, else its 指标性质 (定性 …). */
function natureOf(ind: SelfEvaluationIndicatorRow, profile: Profile): string | undefined {
  const stated = ind.extra.nature?.text;
  if (stated && /[≥≤=<>]|大于|小于|等于/.test(stated)) return stated;
  return ceilingOf(ind, profile) ?? stated;
}

/**
 * A target with no operator that is a ceiling by what the row is (财预〔2020〕10号: 反向指标), assessed as ≤:
 * - a cost (原州 2022: 成本指标 38.75, actual 36.2): held under its amount. A percentage there is a rate filed
 *   under 成本, not an amount, and is left as written (indicator/misfiled reports it);
 * - a lower-is-better name (重庆 2021 部门自评: 预算调整率 3%, actual 0; the names are profile data,
 *   indicatorWords.lowerIsBetter, as for indicator/lower-is-better).
 */
function ceilingOf(ind: SelfEvaluationIndicatorRow, profile: Profile): string | undefined {
  const t = parseValue(ind.full?.value ?? null);
  if (t.kind !== "number" || t.op !== null) return undefined;
  if (group1(ind) === "成本" || /成本$/.test(group2(ind))) return t.unit !== "%" && t.unit !== "‰" ? "≤" : undefined;
  const name = normLabel(ind.level3?.text ?? "");
  const w = indicatorWords(profile);
  return anyMatch(w.lowerIsBetter, name) && !anyMatch(w.lowerIsBetterNot, name) ? "≤" : undefined;
}

/** The score of one indicator row once its weight is known. */
function scoreIndicator(it: SelfEvalItem, profile: Profile): void {
  const a = it.assessment!;
  const weight = it.weight;
  if (it.notApplicable) return;
  if (weight === null) {
    it.unscored = "no-weight";
    return;
  }
  if (a.status === "met") it.computed = weight;
  else if (a.status === "missed" && a.ratio !== undefined && a.mode !== "qualitative" && a.mode !== "date") it.computed = round2(a.ratio * weight);
  else if (a.status === "missed" || a.status === "partial") {
    // Qualitative (or a missed deadline): the entered score must sit in the band the wording names.
    const bands = profile.scoring.qualitativeBands;
    const b = a.status === "partial" ? bands[Math.min(1, bands.length - 1)] : bands[bands.length - 1];
    it.band = { min: (b.min / 100) * weight, max: (b.max / 100) * weight };
    it.unscored = "qualitative";
  } else if (a.status === "missing-actual") it.unscored = "missing-actual";
  else if (a.restated) it.unscored = "restated";
  else if (a.unitMismatch) it.unscored = "unit-mismatch";
  else if (a.target.kind === "empty") it.unscored = "no-target";
  else it.unscored = "unknown";
}

/**
 * What an unscored row adds to the total. A qualitative row keeps its entered score within its band (a score
 * outside it is brought to the band's nearer edge); a row the formula cannot read (restated actual, unit
 * mismatch, wording it cannot judge) keeps its entered score up to its weight and is listed as unverified. A
 * row with no actual value, or with neither a formula nor an entered score, has no score.
 */
function counted(it: SelfEvalItem): number | null {
  if (it.computed !== null) return it.computed;
  if (it.entered === null || it.weight === null) return null;
  if (it.unscored === "missing-actual" || it.unscored === "missing-amount" || it.unscored === "empty-budget" || it.unscored === "no-weight") return null;
  if (it.band) return round2(Math.min(Math.max(it.entered, it.band.min), it.band.max));
  return round2(Math.min(Math.max(it.entered, 0), it.weight));
}

export const evaluateSelfEvaluation: (table: SelfEvaluationTable, profile: Profile) => SelfEvalResult = oncePerTable(computeSelfEvaluation);

function computeSelfEvaluation(table: SelfEvaluationTable, profile: Profile): SelfEvalResult {
  const opts = assessOptions(profile);
  const tol = profile.scoring.scoreTolerance;
  const items: SelfEvalItem[] = [];
  // The execution rate is scored on the total line; a form that also gives sub-lines (基本支出, 项目支出) a
  // weight and a score of their own scores them too, so their points count (and are checked) like any other.
  const totalLine = table.funds.find((f) => f.total);
  const weighted = (f: SelfEvaluationFundLine) => !f.total && cellNumber(f.weight?.value) !== null && cellNumber(f.score?.value) !== null;
  const scoredLines = table.funds.filter((f) => f.total || (weighted(f) && !repeatsTotal(f, totalLine)));
  const repeats: SelfEvalItem[] = table.funds
    .filter((f) => weighted(f) && repeatsTotal(f, totalLine))
    .map((f) => ({ cell: f.score ?? f.label, weightCell: f.weight, row: f.label.cell.row, indicator: `预算执行率（${f.label.text.trim()}）`, group: "execution", weight: cellNumber(f.weight?.value), entered: cellNumber(f.score?.value), computed: null, counted: null, differs: false, notApplicable: false, kind: "execution" }));
  const schemeExecution = table.executionWeight?.value ?? profile.scoring.weights.execution;
  for (const line of scoredLines) {
    const weight = cellNumber(line.weight?.value) ?? schemeExecution;
    const amounts = executionAmounts(line, table.funds);
    // 执行率 = B/A capped at 1 (domain-rules B3).
    const computed = "budget" in amounts ? round2(Math.min(Math.max(amounts.executed / amounts.budget, 0), 1) * weight) : null;
    items.push({
      cell: line.score ?? line.label,
      weightCell: line.weight,
      row: line.label.cell.row,
      indicator: line.total ? "预算执行率" : `预算执行率（${line.label.text.trim()}）`,
      group: "execution",
      weight,
      entered: cellNumber(line.score?.value),
      computed,
      counted: null,
      unscored: "unscored" in amounts ? amounts.unscored : undefined,
      differs: false,
      notApplicable: false,
      kind: "execution",
    });
  }
  for (const ind of table.indicators) {
    const name = ind.level3?.text ?? "";
    const weight = cellNumber(ind.weight?.value);
    let entered = cellNumber(ind.score?.value);
    // 得分系数 forms: the score is 系数 × 分值 where the score cell is left empty.
    const coef = cellNumber(ind.coefficient?.value);
    if (entered === null && coef !== null && weight !== null) entered = round2((coef > 1 ? coef / 100 : coef) * weight);
    const a = assess(ind.full?.value, ind.actual?.value, name, opts, natureOf(ind, profile));
    const notApplicable = a.status === "not-applicable" || isNA(ind.weight) || isNA(ind.score);
    items.push({
      cell: ind.score ?? ind.level3,
      weightCell: ind.weight,
      row: ind.row,
      indicator: name,
      group: groupOf(ind.level1?.text, profile),
      section: sectionOf(ind.level1?.text, profile),
      weight,
      entered,
      computed: null,
      counted: null,
      differs: false,
      assessment: a,
      notApplicable,
      kind: "indicator",
    });
  }
  impliedWeights(table, items);
  for (const it of items) {
    if (it.kind === "indicator") scoreIndicator(it, profile);
    it.counted = it.notApplicable ? null : counted(it);
    it.differs = it.computed !== null && it.entered !== null && Math.abs(it.entered - it.computed) > tol;
  }

  const applicable = items.filter((i) => !i.notApplicable);
  const weightSum = round2(items.reduce((s, i) => s + (i.weight ?? 0), 0));
  const applicableWeight = round2(applicable.reduce((s, i) => s + (i.weight ?? 0), 0));
  const rawTotal = round2(applicable.reduce((s, i) => s + (i.counted ?? 0), 0));
  const hasNA = items.some((i) => i.notApplicable);
  const rescaled = applicableWeight > 0 && (hasNA || Math.abs(applicableWeight - 100) > tol);
  const enteredSum = applicable.reduce((s, i) => s + (i.entered ?? 0), 0);
  const enteredTotal = hasNA && applicableWeight > 0 ? (enteredSum / applicableWeight) * 100 : enteredSum;
  const stated = cellNumber(table.total?.score?.value);

  // Nothing filled in: no amount executed, no actual value, no score (a blank template).
  const blank =
    table.funds.every((f) => !filledAmount(f.executed) && !filled(f.score)) &&
    table.indicators.every((i) => !filled(i.actual) && !filled(i.score) && !filled(i.coefficient)) &&
    stated === null;
  const incomplete = blank ? [] : [...applicable.filter((i) => i.counted === null), ...missingParts(table, items, weightSum, profile)];
  const unverified = applicable.filter((i) => i.computed === null && i.counted !== null);
  const status: SelfEvalStatus = blank || items.length === 0 ? "blank" : incomplete.length > 0 || applicableWeight <= 0 ? "incomplete" : "complete";
  const total = status === "complete" ? round2(rescaled ? (rawTotal / applicableWeight) * 100 : rawTotal) : null;
  return { items, status, total, rawTotal, weightSum, applicableWeight, rescaled, enteredTotal: round2(enteredTotal), stated, incomplete, unverified, repeats };
}

export function scoreSelfEvaluation(table: SelfEvaluationTable, profile: Profile): TableScore {
  const r = evaluateSelfEvaluation(table, profile);
  const tol = profile.scoring.scoreTolerance;
  const items: ScoreItem[] = r.items
    .filter((i) => !i.notApplicable)
    .map((i) => ({
      cell: i.cell ? a1(i.cell.cell.row, i.cell.cell.col) : "",
      indicator: i.indicator,
      weight: i.weight ?? 0,
      computed: i.computed,
      entered: i.entered,
      ...(i.counted !== i.computed ? { counted: i.counted } : {}),
      ...(i.differs ? { differs: true } : {}),
      ...(i.unscored ? { unscored: i.unscored } : {}),
      ...(i.weightImplied ? { weightImplied: true } : {}),
    }));
  // The entered total: the 总分 the table states, else what its scores add up to.
  const entered = r.stated ?? (r.items.some((i) => i.entered !== null) ? r.enteredTotal : null);
  const out: TableScore = {
    total: r.total,
    grade: r.total === null ? null : gradeFor(r.total, profile),
    status: r.status,
    entered,
    items,
  };
  if (entered !== null && r.total !== null) out.totalDiffers = Math.abs(entered - r.total) > tol;
  if (r.status !== "blank" && Math.abs(r.weightSum - 100) > tol) {
    out.weightSum = r.weightSum;
    out.rawTotal = r.rawTotal;
  }
  if (r.incomplete.length) out.missing = r.incomplete.map((i) => ({ cell: i.cell ? a1(i.cell.cell.row, i.cell.cell.col) : "", indicator: i.indicator, reason: i.unscored ?? "unknown" }));
  if (r.unverified.length) out.unverified = r.unverified.map((i) => ({ cell: i.cell ? a1(i.cell.cell.row, i.cell.cell.col) : "", indicator: i.indicator, reason: i.unscored ?? "unknown" }));
  return out;
}
