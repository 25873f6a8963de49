import type { EvaluationReportTable, SelfEvaluationTable } from "../../model";
import type { Profile } from "../../profile";
import { evaluateReport, type ReportResult } from "../../scoring/report";
import { evaluateSelfEvaluation, type SelfEvalResult } from "../../scoring/selfEvaluation";

// Every score rule reads the same evaluation, which the scoring modules compute once per table and profile.
export function selfEval(table: SelfEvaluationTable, profile: Profile): SelfEvalResult {
  return evaluateSelfEvaluation(table, profile);
}

export function reportEval(table: EvaluationReportTable, profile: Profile): ReportResult {
  return evaluateReport(table, profile);
}

export const fmt = (x: number): string => String(Math.round(x * 100) / 100);
