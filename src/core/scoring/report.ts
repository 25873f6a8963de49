/**
 * Evaluation-report checks (seed 003). The report's own convention is all-or-nothing with discretion: a met
 * target earns its full weight; a missed one earns 0 or a partial score. So: met ⇒ full, missed ⇒ not full,
 * and a partial score must sit in the profile band of the completion share (a 0 for a miss is accepted).
 * Stated subtotals and completion counts are recomputed from the rows and compared.
 */
import type { CellRef, EvaluationReportRow, EvaluationReportTable, ReportBlock, StatedNumber } from "../model";
import { oncePerTable } from "./perTable";
import type { Profile } from "../profile";
import { gradeFor } from "../profile";
import { a1 } from "../snapshot";
import type { Assessment } from "./assess";
import { assess, bandFor, cellNumber, round2 } from "./assess";
import { assessOptions } from "./terms";
import type { TableScore } from "./types";

export interface ReportRowResult {
  block: ReportBlock;
  row: EvaluationReportRow;
  indicator: string;
  weight: number | null;
  entered: number | null;
  computed: number | null;
  assessment?: Assessment;
  /** Completion share in percent, when numbers give one. */
  completion?: number;
  /** The absolute score range the completion band allows (missed targets). */
  band?: { min: number; max: number };
}

export interface SubtotalCheck {
  cell: CellRef;
  what: "weight" | "score" | "count";
  label: string;
  stated: number;
  recomputed: number;
  /** How the recomputed figure was formed, for the message. */
  parts: string;
}

export interface CompletionCheck {
  cell: CellRef;
  messageId: "rate" | "count" | "done" | "parts";
  data: Record<string, string | number>;
}

export interface ReportResult {
  rows: ReportRowResult[];
  checks: SubtotalCheck[];
  completion: CompletionCheck[];
  /** Σ of the entered leaf scores (index leaves + every target row). */
  total: number;
  /** The 合计 the report states, if any. */
  stated?: StatedNumber;
}

const fmt = (x: number) => String(round2(x));

function rowResults(block: ReportBlock, profile: Profile): ReportRowResult[] {
  const opts = assessOptions(profile);
  return block.rows.map((row) => {
    const indicator = row.indicator?.text ?? "";
    const weight = cellNumber(row.weight?.value);
    const entered = cellNumber(row.score?.value);
    if (block.variant === "index") return { block, row, indicator, weight, entered, computed: null };
    const a = assess(row.target?.value, row.actual?.value, indicator, opts);
    let computed: number | null = null;
    let band: ReportRowResult["band"];
    let completion: number | undefined;
    if (weight !== null) {
      if (a.status === "met") computed = weight;
      else if (a.status === "missed" && a.ratio !== undefined) {
        completion = a.ratio * 100;
        computed = round2(a.ratio * weight);
        const b = bandFor(completion, profile.scoring.qualitativeBands)!;
        band = { min: (b.min / 100) * weight, max: (b.max / 100) * weight };
      }
    }
    return { block, row, indicator, weight, entered, computed, assessment: a, completion, band };
  });
}

/** Index rows with their immediate children (the next deeper rows up to the next row at the same depth or above). */
function indexTree(rows: EvaluationReportRow[]): Map<EvaluationReportRow, EvaluationReportRow[]> {
  const kids = new Map<EvaluationReportRow, EvaluationReportRow[]>();
  rows.forEach((r, i) => {
    const d = r.depth ?? 3;
    const below: EvaluationReportRow[] = [];
    for (let j = i + 1; j < rows.length && (rows[j].depth ?? 3) > d; j++) below.push(rows[j]);
    const minDepth = Math.min(...below.map((x) => x.depth ?? 3));
    kids.set(r, below.filter((x) => (x.depth ?? 3) === minDepth));
  });
  return kids;
}

const isGrandTotal = (r: EvaluationReportRow) => /^(合计|总计|总分)$/.test((r.indicator?.text ?? "").replace(/\s/g, ""));

function linkedBlock(r: EvaluationReportRow, blocks: ReportBlock[]): ReportBlock | undefined {
  // Only a row named for the block (专项总目标 / 明细项目目标), not 明细支出合规性 and the like.
  const label = (r.indicator?.text ?? "").replace(/\s/g, "");
  if (/^(专项)?明细(项目)?(绩效)?目标$/.test(label)) return blocks.find((b) => b.variant === "detail");
  if (/^(专项)?(总|总体)(绩效)?目标$/.test(label)) return blocks.find((b) => b.variant === "total");
  return undefined;
}

export const evaluateReport: (table: EvaluationReportTable, profile: Profile) => ReportResult = oncePerTable(computeReport);

function computeReport(table: EvaluationReportTable, profile: Profile): ReportResult {
  const rows: ReportRowResult[] = [];
  const checks: SubtotalCheck[] = [];
  const completion: CompletionCheck[] = [];
  const tol = profile.scoring.scoreTolerance;
  const sums = new Map<ReportBlock, { weight: number; score: number; count: number; met: number; unknown: number }>();

  for (const block of table.blocks) {
    const rr = rowResults(block, profile);
    rows.push(...rr);
    if (block.variant === "index") continue;
    const s = {
      weight: round2(rr.reduce((x, r) => x + (r.weight ?? 0), 0)),
      score: round2(rr.reduce((x, r) => x + (r.entered ?? 0), 0)),
      count: rr.length,
      met: rr.filter((r) => r.assessment?.status === "met").length,
      unknown: rr.filter((r) => r.assessment && !["met", "missed"].includes(r.assessment.status)).length,
    };
    sums.set(block, s);
    const name = block.variant === "total" ? "总目标" : "明细项目目标";
    const st = block.stated;
    if (st?.weight && Math.abs(st.weight.value - s.weight) > tol) checks.push({ cell: st.weight.cell, what: "weight", label: name, stated: st.weight.value, recomputed: s.weight, parts: `${s.count} 行权重之和` });
    if (st?.score && Math.abs(st.score.value - s.score) > tol) checks.push({ cell: st.score.cell, what: "score", label: name, stated: st.score.value, recomputed: s.score, parts: `${s.count} 行自评分之和` });
    if (st?.count && st.count.value !== s.count) checks.push({ cell: st.count.cell, what: "count", label: name, stated: st.count.value, recomputed: s.count, parts: "表中目标行数" });
  }

  // Index: each stated subtotal against its immediate children; linked rows against their blocks.
  const index = table.blocks.find((b) => b.variant === "index");
  let total = 0;
  let stated: StatedNumber | undefined;
  if (index) {
    const kids = indexTree(index.rows);
    const leafValue = (r: EvaluationReportRow, what: "weight" | "score"): number => {
      const b = linkedBlock(r, table.blocks);
      const bs = b && sums.get(b);
      if (bs) return what === "weight" ? bs.weight : bs.score;
      return cellNumber((what === "weight" ? r.weight : r.score)?.value) ?? 0;
    };
    /** Recomputed from the leaves, ignoring every stated subtotal on the way. */
    const fromLeaves = (r: EvaluationReportRow, what: "weight" | "score"): number => {
      const k = kids.get(r) ?? [];
      return k.length === 0 ? leafValue(r, what) : k.reduce((x, c) => x + fromLeaves(c, what), 0);
    };
    /** A child's own figure: what it states, else what its children add up to. */
    const valueOf = (r: EvaluationReportRow, what: "weight" | "score"): number => cellNumber((what === "weight" ? r.weight : r.score)?.value) ?? fromLeaves(r, what);
    const tops = index.rows.filter((r) => (r.depth ?? 3) === 1 && !isGrandTotal(r));
    for (const r of index.rows) {
      const k = isGrandTotal(r) ? tops : kids.get(r) ?? [];
      for (const what of ["weight", "score"] as const) {
        const cell = what === "weight" ? r.weight : r.score;
        const v = cellNumber(cell?.value);
        if (v === null || !cell) continue;
        if (k.length > 0) {
          const sum = round2(k.reduce((x, c) => x + valueOf(c, what), 0));
          if (Math.abs(sum - v) > tol) checks.push({ cell: cell.cell, what, label: r.indicator?.text ?? "", stated: v, recomputed: sum, parts: k.map((c) => `${c.indicator?.text ?? ""} ${fmt(valueOf(c, what))}`).join(" + ") });
          continue;
        }
        const b = linkedBlock(r, table.blocks);
        const bs = b && sums.get(b);
        if (!b || !bs) continue;
        const sum = what === "weight" ? bs.weight : bs.score;
        // The block's own sentence already reports the same stated figure; say it once.
        if (b.stated?.[what]?.value === v) continue;
        if (Math.abs(sum - v) > tol) checks.push({ cell: cell.cell, what, label: r.indicator?.text ?? "", stated: v, recomputed: sum, parts: `${b.variant === "total" ? "总目标" : "明细项目目标"}表 ${bs.count} 行之和` });
      }
    }
    total = tops.reduce((x, r) => x + fromLeaves(r, "score"), 0);
    const grand = index.rows.find(isGrandTotal);
    const gv = cellNumber(grand?.score?.value);
    if (grand?.score && gv !== null) stated = { cell: grand.score.cell, value: gv, text: grand.score.text };
  } else {
    for (const s of sums.values()) total += s.score;
  }

  // Completion clauses: rate = 完成/总数; 总数 = the rows; 完成 within what the rows allow; parts add up.
  const rate = profile.scoring.rateTolerance ?? 0.5;
  const blockOf = (scope: "total" | "detail") => table.blocks.find((b) => b.variant === scope);
  const scopeSums = (scope: "all" | "total" | "detail") => {
    const bs = scope === "all" ? [blockOf("total"), blockOf("detail")] : [blockOf(scope)];
    if (bs.some((b) => !b)) return undefined;
    return bs.reduce((x, b) => {
      const s = sums.get(b!)!;
      return { count: x.count + s.count, met: x.met + s.met, unknown: x.unknown + s.unknown };
    }, { count: 0, met: 0, unknown: 0 });
  };
  const scopeName = { all: "绩效目标", total: "总体绩效目标", detail: "明细项目绩效目标" };
  for (const cl of table.completion) {
    if (cl.rate !== undefined && cl.count > 0) {
      const actual = (cl.done / cl.count) * 100;
      if (Math.abs(actual - cl.rate) > rate) completion.push({ cell: cl.cell, messageId: "rate", data: { scope: scopeName[cl.scope], done: cl.done, count: cl.count, rate: cl.rateText ?? `${cl.rate}%`, actual: `${fmt(actual)}%` } });
    }
    const s = scopeSums(cl.scope);
    if (!s) continue;
    if (s.count !== cl.count) completion.push({ cell: cl.cell, messageId: "count", data: { scope: scopeName[cl.scope], count: cl.count, rows: s.count } });
    if (cl.done < s.met || cl.done > s.met + s.unknown) {
      completion.push({ cell: cl.cell, messageId: "done", data: { scope: scopeName[cl.scope], done: cl.done, met: s.met, unknown: s.unknown } });
    }
  }
  const all = table.completion.find((c) => c.scope === "all");
  const parts = ["total", "detail"].map((sc) => table.completion.find((c) => c.scope === sc));
  if (all && parts[0] && parts[1]) {
    const count = parts[0].count + parts[1].count;
    const done = parts[0].done + parts[1].done;
    if (count !== all.count || done !== all.done) completion.push({ cell: all.cell, messageId: "parts", data: { count: all.count, done: all.done, partCount: count, partDone: done } });
  }

  return { rows, checks, completion, total: round2(total), stated };
}

export function scoreReport(table: EvaluationReportTable, profile: Profile): TableScore {
  const r = evaluateReport(table, profile);
  const index = table.blocks.find((b) => b.variant === "index");
  const leafRows = new Set<EvaluationReportRow>();
  if (index) {
    const kids = indexTree(index.rows);
    for (const row of index.rows) if ((kids.get(row) ?? []).length === 0 && !isGrandTotal(row) && !linkedBlock(row, table.blocks)) leafRows.add(row);
  }
  const items = r.rows
    .filter((x) => x.block.variant !== "index" || leafRows.has(x.row))
    .map((x) => {
      const c = x.row.score?.cell ?? x.row.indicator?.cell;
      return { cell: c ? a1(c.row, c.col) : "", indicator: x.row.project?.text ? `${x.row.project.text} / ${x.indicator}` : x.indicator, weight: x.weight ?? 0, computed: x.computed, entered: x.entered };
    });
  const tol = profile.scoring.scoreTolerance;
  const out: TableScore = { total: r.total, grade: gradeFor(r.total, profile), status: "complete", items, stated: r.stated?.value };
  if (r.stated) {
    out.entered = r.stated.value;
    out.totalDiffers = Math.abs(r.stated.value - r.total) > tol;
  }
  return out;
}
