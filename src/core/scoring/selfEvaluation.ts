/**
 * 项目支出绩效自评表 scoring (财预〔2020〕10号, domain-rules B2–B6). Every weight, band and tolerance comes
 * from the profile. The detailed result is what the score rules check; scoreTable() reduces it to the
 * JSON contract.
 */
import type { CellItem, SelfEvaluationTable } from "../model";
import type { Profile } from "../profile";
import { gradeFor } from "../profile";
import { a1 } from "../snapshot";
import type { Assessment } from "./assess";
import { assess, bandFor, cellNumber, round2 } from "./assess";
import { assessOptions, scoringTerms, type WeightGroup } from "./terms";
import type { TableScore } from "./types";

export type { WeightGroup } from "./terms";

export interface SelfEvalItem {
  /** The score cell (or, with no score column, the row's first cell). */
  cell: CellItem | undefined;
  /** The 分值 (weight) cell, when the form has one: where a weight that breaks the scheme is shown. */
  weightCell?: CellItem;
  row: number;
  indicator: string;
  group: WeightGroup | null;
  weight: number | null;
  entered: number | null;
  /** null when the formula cannot score it (qualitative not met, unit mismatch, missing actual). */
  computed: number | null;
  assessment?: Assessment;
  /** Qualitative items not met: the score range (absolute) the completion band allows. */
  band?: { min: number; max: number };
  notApplicable: boolean;
  kind: "execution" | "indicator";
}

export interface SelfEvalResult {
  items: SelfEvalItem[];
  /** Σ scores of applicable items, rescaled to 100 when any item is 不适用. */
  total: number;
  /** Σ weights of applicable items. */
  applicableWeight: number;
  rescaled: boolean;
  /** Σ entered scores of applicable items, rescaled like `total`: what the 总分 cell should hold. */
  enteredTotal: number;
}

/** 一级 label → profile weight group, by the profile's scoring.groups words (成本指标, a 101号 一级, counts with 产出 [I]). */
export function groupOf(level1: string | undefined, profile: Profile): WeightGroup | null {
  return scoringTerms(profile).groupOf(level1 ?? "");
}

function isNA(c: CellItem | undefined): boolean {
  return !!c && /^(\/|—+|-+|－|不适用|N\/?A)$/i.test(c.text.replace(/\s/g, ""));
}

export function evaluateSelfEvaluation(table: SelfEvaluationTable, profile: Profile): SelfEvalResult {
  const opts = assessOptions(profile);
  const items: SelfEvalItem[] = [];
  // The execution rate is scored on the total line; a form that also gives sub-lines (基本支出, 项目支出) a
  // weight and a score of their own scores them too, so their points count (and are checked) like any other.
  const scoredLines = table.funds.filter((f) => f.total || (!f.total && cellNumber(f.weight?.value) !== null && cellNumber(f.score?.value) !== null));
  for (const totalLine of scoredLines) {
    const budget = cellNumber(totalLine.budget?.value);
    const executed = cellNumber(totalLine.executed?.value);
    const weight = cellNumber(totalLine.weight?.value) ?? profile.scoring.weights.execution;
    // 执行率 = B/A capped at 1 (domain-rules B3); no budget leaves it unscored rather than dividing by zero.
    const computed = budget !== null && executed !== null ? (budget > 0 ? Math.min(Math.max(executed / budget, 0), 1) * weight : executed <= 0 ? weight : 0) : null;
    items.push({
      cell: totalLine.score ?? totalLine.label,
      weightCell: totalLine.weight,
      row: totalLine.label.cell.row,
      indicator: totalLine.total ? "预算执行率" : `预算执行率（${totalLine.label.text.trim()}）`,
      group: "execution",
      weight,
      entered: cellNumber(totalLine.score?.value),
      computed: computed === null ? null : round2(computed),
      notApplicable: false,
      kind: "execution",
    });
  }
  for (const ind of table.indicators) {
    const name = ind.level3?.text ?? "";
    const weight = cellNumber(ind.weight?.value);
    const entered = cellNumber(ind.score?.value);
    const a = assess(ind.full?.value, ind.actual?.value, name, opts, ind.extra.nature?.text);
    const notApplicable = a.status === "not-applicable" || isNA(ind.weight) || isNA(ind.score);
    let computed: number | null = null;
    let band: SelfEvalItem["band"];
    if (!notApplicable && weight !== null) {
      if (a.status === "met") computed = weight;
      else if (a.status === "missed" && a.ratio !== undefined && a.mode !== "qualitative" && a.mode !== "date") computed = a.ratio * weight;
      else if (a.status === "missed" || a.status === "partial") {
        // Qualitative (or a missed deadline): the entered score must sit in the band the wording names.
        const bands = profile.scoring.qualitativeBands;
        const b = a.status === "partial" ? bands[Math.min(1, bands.length - 1)] : bands[bands.length - 1];
        band = { min: (b.min / 100) * weight, max: (b.max / 100) * weight };
      }
    }
    items.push({
      cell: ind.score ?? ind.level3,
      weightCell: ind.weight,
      row: ind.row,
      indicator: name,
      group: groupOf(ind.level1?.text, profile),
      weight,
      entered,
      computed: computed === null ? null : round2(computed),
      assessment: a,
      band,
      notApplicable,
      kind: "indicator",
    });
  }
  const applicable = items.filter((i) => !i.notApplicable);
  const applicableWeight = applicable.reduce((s, i) => s + (i.weight ?? 0), 0);
  const sum = applicable.reduce((s, i) => s + (i.computed ?? i.entered ?? 0), 0);
  const rescaled = items.some((i) => i.notApplicable) && applicableWeight > 0;
  const total = rescaled ? (sum / applicableWeight) * 100 : sum;
  const enteredSum = applicable.reduce((s, i) => s + (i.entered ?? 0), 0);
  const enteredTotal = rescaled ? (enteredSum / applicableWeight) * 100 : enteredSum;
  return { items, total: round2(total), applicableWeight, rescaled, enteredTotal: round2(enteredTotal) };
}

export function scoreSelfEvaluation(table: SelfEvaluationTable, profile: Profile): TableScore {
  const r = evaluateSelfEvaluation(table, profile);
  return {
    total: r.total,
    grade: gradeFor(r.total, profile),
    items: r.items
      .filter((i) => !i.notApplicable)
      .map((i) => ({ cell: i.cell ? a1(i.cell.cell.row, i.cell.cell.col) : "", indicator: i.indicator, weight: i.weight ?? 0, computed: i.computed, entered: i.entered })),
  };
}
