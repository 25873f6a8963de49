import { defineRule } from "../types";
import { fmt, reportEval } from "./util";

export default defineRule(
  {
    id: "score/missed-full",
    category: "score",
    severity: "error",
    appliesTo: ["evaluation-report"],
    title: { zh: "目标未实现却得满分", en: "Target missed but scored in full" },
    doc: {
      zh: "评价报告中实现值未达到目标值的指标不应得满分。",
      en: "In an evaluation report a target the actual falls short of cannot earn its full weight.",
    },
    fix: { zh: "未实现的指标按完成比例扣分，或核对目标值与实现值。", en: "Deduct according to completion for a missed target, or check the values." },
    messages: { full: { zh: "“{indicator}”目标 {target}、实现 {actual}（完成 {completion}），未实现却得满分 {score}", en: "\"{indicator}\": target {target}, actual {actual} ({completion} done): missed, yet scored the full {score}" } },
  },
  (table, ctx) => {
    const tol = ctx.profile.scoring.scoreTolerance;
    for (const r of reportEval(table, ctx.profile).rows) {
      if (r.assessment?.status !== "missed" || r.entered === null || r.weight === null || !r.row.score || r.weight <= 0) continue;
      if (r.entered < r.weight - tol) continue;
      ctx.report({ cell: r.row.score.cell, messageId: "full", data: { indicator: r.indicator, target: r.row.target?.text ?? "", actual: r.row.actual?.text ?? "", completion: r.completion === undefined ? "—" : `${fmt(r.completion)}%`, score: fmt(r.entered) } });
    }
  },
);
