import type { EvaluationReportTable, SelfEvaluationTable } from "../../model";
import type { Profile } from "../../profile";
import { evaluateReport, type ReportResult } from "../../scoring/report";
import { evaluateSelfEvaluation, type SelfEvalResult } from "../../scoring/selfEvaluation";

// Every score rule reads the same evaluation; compute it once per table and profile.
const selfCache = new WeakMap<SelfEvaluationTable, WeakMap<Profile, SelfEvalResult>>();
const reportCache = new WeakMap<EvaluationReportTable, WeakMap<Profile, ReportResult>>();

export function selfEval(table: SelfEvaluationTable, profile: Profile): SelfEvalResult {
  let m = selfCache.get(table);
  if (!m) selfCache.set(table, (m = new WeakMap()));
  let r = m.get(profile);
  if (!r) m.set(profile, (r = evaluateSelfEvaluation(table, profile)));
  return r;
}

export function reportEval(table: EvaluationReportTable, profile: Profile): ReportResult {
  let m = reportCache.get(table);
  if (!m) reportCache.set(table, (m = new WeakMap()));
  let r = m.get(profile);
  if (!r) m.set(profile, (r = evaluateReport(table, profile)));
  return r;
}

export const fmt = (x: number): string => String(Math.round(x * 100) / 100);
