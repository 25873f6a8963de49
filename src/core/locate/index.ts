import type { SheetView } from "../snapshot";
import { vocabularyOf, type Vocabulary } from "../forms/vocabulary";
import type { KindLocator, LocateResult } from "./types";
import { projectLocator } from "./project";
import { departmentLocator } from "./department";
import { selfEvaluationLocator } from "./selfEvaluation";
import { evaluationReportLocator } from "./evaluationReport";
import { monitoringLocator } from "./monitoring";
import { orphanIndicatorTables } from "./orphans";
import { derivedSums } from "../reading/sums";

export const LOCATORS: readonly KindLocator[] = [projectLocator, departmentLocator, selfEvaluationLocator, evaluationReportLocator, monitoringLocator];

export interface SheetTables {
  results: LocateResult[];
  /** Locators that failed on this sheet: the other kinds' tables are still returned. */
  failures: { kind: string; error: string }[];
}

/** Every table on one sheet, in reading order (top to bottom, then left to right). */
export function locateTables(view: SheetView, vocab: Vocabulary = vocabularyOf()): SheetTables {
  const results: LocateResult[] = [];
  const failures: SheetTables["failures"] = [];
  const attempt = (kind: string, fn: () => LocateResult[]) => {
    try {
      results.push(...fn());
    } catch (e) {
      failures.push({ kind, error: String((e as Error)?.message ?? e) });
    }
  };
  for (const loc of LOCATORS) attempt(loc.kind, () => loc.locate(view, vocab));
  attempt("orphan-indicators", () => orphanIndicatorTables(view, results.map((f) => f.table.range), vocab));
  results.sort((a, b) => a.table.range.top - b.table.range.top || a.table.range.left - b.table.range.left);
  const kept = withoutShadows(results);
  // The money area's totals by arithmetic, for every table whatever its labels (funding/block-sum).
  for (const r of kept) attempt("sums", () => ((r.table.sums = derivedSums(view, r.table, vocab)), []));
  return { results: kept, failures };
}

const overlaps = (a: LocateResult["table"]["range"], b: LocateResult["table"]["range"]) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
const unread = (r: LocateResult) => r.problems.some((p) => p.messageId === "unreadable-table");
const hasIndicators = (r: LocateResult) => "indicators" in r.table && Array.isArray(r.table.indicators) && r.table.indicators.length > 0;

/**
 * One table read twice: a kind's locator that found the anchor (项目名称) but no indicator table of its
 * kind, over the same cells another kind's locator read whole (a self-evaluation whose header block starts
 * like a target table). The unread shadow goes; the table that was read stays.
 */
function withoutShadows(results: LocateResult[]): LocateResult[] {
  return results.filter((r) => !(unread(r) && !hasIndicators(r) && results.some((o) => o !== r && o.table.kind !== r.table.kind && !unread(o) && hasIndicators(o) && overlaps(o.table.range, r.table.range))) && !sameHeaderAsSelfEvaluation(r, results));
}

/**
 * A report's index block read over a self-evaluation's own indicator header (一级 | 二级 | 三级 | 权重 | 得分 with
 * the value columns named in words no form knows): one table read twice. The self-evaluation, found under its
 * 自评表 title with its fund block, stays.
 */
function sameHeaderAsSelfEvaluation(r: LocateResult, results: LocateResult[]): boolean {
  if (r.table.kind !== "evaluation-report") return false;
  const range = r.table.range;
  return results.some((o) => o.table.kind === "self-evaluation" && hasIndicators(o) && o.table.anchor.row >= range.top && o.table.anchor.row <= range.bottom && overlaps(o.table.range, range));
}
