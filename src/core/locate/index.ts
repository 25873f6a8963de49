import type { SheetView } from "../snapshot";
import { vocabularyOf, type Vocabulary } from "../forms/vocabulary";
import type { KindLocator, LocateResult } from "./types";
import { projectLocator } from "./project";
import { departmentLocator } from "./department";
import { selfEvaluationLocator } from "./selfEvaluation";
import { evaluationReportLocator } from "./evaluationReport";
import { orphanIndicatorTables } from "./orphans";

export const LOCATORS: readonly KindLocator[] = [projectLocator, departmentLocator, selfEvaluationLocator, evaluationReportLocator];

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
  return { results, failures };
}
