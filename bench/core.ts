/** Core workloads: 1,000 project tables against a bare read of every cell, and the scaling series. */
import { cellText, SheetView, type WorkbookSnapshot } from "../src/core/snapshot";
import type { Table } from "../src/core/model";
import { ALL_RULES } from "../src/core/rules";
import { validateWorkbook } from "../src/core/validate";
import { round, sideBySide } from "./stats";
import { snapshotStats, tablesSnapshot } from "./workloads";

/** Every cell once, straight from the value arrays. */
export function rawPass(snap: WorkbookSnapshot): number {
  let n = 0;
  for (const s of snap.sheets) for (const r of s.values) for (const v of r) n += cellText(v ?? null).length;
  return n;
}

/** Every cell once through the core's own reader (SheetView: merges resolved), as any rule must. */
export function viewPass(snap: WorkbookSnapshot): number {
  let n = 0;
  for (const s of snap.sheets) {
    const v = new SheetView(s);
    for (let r = v.top; r <= v.bottom; r++) for (let c = v.left; c <= v.right; c++) n += cellText(v.value(r, c)).length;
  }
  return n;
}

/**
 * The least any validator shaped like ours must do once the tables are located: every rule that applies
 * to a table visits its indicator rows and reads the two cells nearly every indicator rule needs (the
 * 三级 name and the 全年 value). No checks, no findings. Measured so the ≤ 3× target can be weighed
 * against what the one-module-per-rule design costs before any rule does any work.
 */
export function rulesFloorPass(located: readonly Table[]): number {
  let n = 0;
  for (const t of located) {
    if (t.kind !== "project-target" && t.kind !== "department-target") continue;
    for (const rule of ALL_RULES) {
      if (!rule.meta.appliesTo.includes(t.kind)) continue;
      for (const row of t.indicators) n += (row.level3?.text.length ?? 0) + (row.full?.text.length ?? 0);
    }
  }
  return n;
}

export interface CoreResult {
  tables: number;
  rows: number;
  cells: number;
  merges: number;
  findings: number;
  validateMs: number;
  rawPassMs: number;
  viewPassMs: number;
  ratioToRawPass: number;
  ratioToViewPass: number;
  /** rulesFloorPass over the located tables, and its ratio to the view pass. */
  rulesFloorMs: number;
  floorRatioToViewPass: number;
  targetUnder1s: boolean;
  target3xViewPass: boolean;
  target3xRawPass: boolean;
}

export function benchCore(tables: number, runs: number): CoreResult {
  const snap = tablesSnapshot(tables);
  const stats = snapshotStats(snap);
  const found = validateWorkbook(snap);
  if (found.tables.length !== tables) throw new Error(`bench workload: located ${found.tables.length} of ${tables} tables`);
  const t = sideBySide({ validate: () => validateWorkbook(snap), raw: () => rawPass(snap), view: () => viewPass(snap), floor: () => rulesFloorPass(found.located) }, runs);
  return {
    tables,
    ...stats,
    findings: found.findings.length,
    validateMs: round(t.validate),
    rawPassMs: round(t.raw, 2),
    viewPassMs: round(t.view),
    ratioToRawPass: round(t.validate / t.raw),
    ratioToViewPass: round(t.validate / t.view, 2),
    rulesFloorMs: round(t.floor),
    floorRatioToViewPass: round(t.floor / t.view, 2),
    targetUnder1s: t.validate < 1000,
    target3xViewPass: t.validate <= 3 * t.view,
    target3xRawPass: t.validate <= 3 * t.raw,
  };
}

export interface ScalePoint {
  tables: number;
  rows: number;
  validateMs: number;
  msPerTable: number;
}

export function benchScaling(counts: number[], runs: number): ScalePoint[] {
  return counts.map((n) => {
    const snap = tablesSnapshot(n);
    const t = sideBySide({ v: () => validateWorkbook(snap) }, runs, 3).v;
    return { tables: n, rows: snapshotStats(snap).rows, validateMs: round(t, 2), msPerTable: round(t / n, 3) };
  });
}
