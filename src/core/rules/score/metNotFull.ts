import { defineRule } from "../types";
import { fmt, reportEval } from "./util";

export default defineRule(
  {
    id: "score/met-not-full",
    category: "score",
    severity: "error",
    appliesTo: ["evaluation-report"],
    title: { zh: "目标已实现但未得满分", en: "Target met but not scored in full" },
    doc: {
      zh: "评价报告中实现值达到目标值的指标应得满分（权重）；得 0 分或部分分值说明评分有误或目标值/实现值填错。",
      en: "In an evaluation report a target whose actual meets it earns its full weight; 0 or a partial score means a scoring slip or a wrong target/actual.",
    },
    fix: { zh: "目标已实现的指标给满分，或核对目标值与实现值。", en: "Give full marks to a met target, or check the target and actual values." },
    messages: {
      zero: { zh: "“{indicator}”目标 {target}、实现 {actual}，已实现却得 0 分（权重 {weight}）", en: "\"{indicator}\": target {target}, actual {actual}: met, yet scored 0 (weight {weight})" },
      partial: { zh: "“{indicator}”目标 {target}、实现 {actual}，已实现却只得 {score} 分（权重 {weight}）", en: "\"{indicator}\": target {target}, actual {actual}: met, yet scored only {score} of {weight}" },
    },
  },
  (table, ctx) => {
    const tol = ctx.profile.scoring.scoreTolerance;
    for (const r of reportEval(table, ctx.profile).rows) {
      if (r.assessment?.status !== "met" || r.entered === null || r.weight === null || !r.row.score) continue;
      if (r.entered >= r.weight - tol) continue;
      const data = { indicator: r.indicator, target: r.row.target?.text ?? "", actual: r.row.actual?.text ?? "", score: fmt(r.entered), weight: fmt(r.weight) };
      ctx.report({ cell: r.row.score.cell, messageId: Math.abs(r.entered) <= tol ? "zero" : "partial", data });
    }
  },
);
