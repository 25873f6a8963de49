/** What every rule produces: a problem about one cell of one sheet. */

export type Severity = "error" | "warning" | "info";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

export interface Finding {
  /** Rule id, e.g. `funding/total-equals-sources`. */
  rule: string;
  severity: Severity;
  sheet: string;
  /** A1 address on `sheet`, without the sheet name. */
  cell: string;
  /** 0-based absolute position of `cell` (kept for the adapters; not part of the JSON contract). */
  row: number;
  col: number;
  message: string;
  messageEn: string;
  /** Index of the table in ValidationResult.tables this finding belongs to, if any. */
  table?: number;
}

export function severityRank(s: Severity): number {
  return s === "error" ? 0 : s === "warning" ? 1 : 2;
}

/** Stable order: sheet, row, column, severity, rule. Used wherever findings are listed. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.sheet !== b.sheet) return a.sheet < b.sheet ? -1 : 1;
  return a.row - b.row || a.col - b.col || severityRank(a.severity) - severityRank(b.severity) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
