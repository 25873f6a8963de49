import type { Finding } from "../../src/core/finding";
import type { CellValue } from "../../src/core/snapshot";
import { validateWorkbook, type ValidateOptions } from "../../src/core/validate";
import { compose } from "./grid";
import { projectTable, type ProjectSpec } from "./projectTable";

/** Validate one generated project table; returns its findings. */
export function projectFindings(spec: ProjectSpec = {}, options?: ValidateOptions): Finding[] {
  const t = projectTable(spec);
  return validateWorkbook({ sheets: [compose("表1", [{ at: { row: 0, col: 0 }, ...t }])] }, options).findings;
}

export function ruleIds(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.rule))].sort();
}

export function byRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** Replace one indicator row (matched by its 三级 name) in the standard list. */
export function withIndicator(name: string, row: [string, string, string, CellValue, CellValue] | null, base = STANDARD()): [string, string, string, CellValue, CellValue][] {
  const i = base.findIndex((r) => r[2] === name);
  if (i < 0) throw new Error(`no indicator ${name}`);
  if (row) base[i] = row;
  else base.splice(i, 1);
  return base;
}

import { STANDARD_INDICATORS } from "./projectTable";
export const STANDARD = () => STANDARD_INDICATORS.map((r) => [...r] as [string, string, string, CellValue, CellValue]);
