import type { SheetView } from "../snapshot";
import type { KindLocator, LocateResult } from "./types";
import { projectLocator } from "./project";
import { departmentLocator } from "./department";
import { selfEvaluationLocator } from "./selfEvaluation";
import { evaluationReportLocator } from "./evaluationReport";
import { orphanIndicatorTables } from "./orphans";

export const LOCATORS: readonly KindLocator[] = [projectLocator, departmentLocator, selfEvaluationLocator, evaluationReportLocator];

/** Every table on one sheet, in reading order (top to bottom, then left to right). */
export function locateTables(view: SheetView): LocateResult[] {
  const found: LocateResult[] = [];
  for (const loc of LOCATORS) found.push(...loc.locate(view));
  found.push(...orphanIndicatorTables(view, found.map((f) => f.table.range)));
  found.sort((a, b) => a.table.range.top - b.table.range.top || a.table.range.left - b.table.range.left);
  return found;
}
