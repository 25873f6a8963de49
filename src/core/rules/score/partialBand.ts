import { defineRule } from "../types";
import { fmt, reportEval } from "./util";

export default defineRule(
  {
    id: "score/partial-band",
    category: "score",
    severity: "warning",
    appliesTo: ["evaluation-report"],
    title: { zh: "部分得分与完成比例不符", en: "Partial score off the completion band" },
    doc: {
      zh: "评价报告对未实现目标可给 0 分或部分分值；给部分分值时，应落在完成比例所属档次（默认 100–80%、80–60%、60–0% 的权重）。同样完成 60% 的两个指标一个得 0.5 一个得 0.6 即属此类。",
      en: "A report may give a missed target 0 or a partial score; a partial score must sit in the band of the completion share (by default 100–80%, 80–60%, 60–0% of the weight).",
    },
    fix: { zh: "按完成比例所在档次给出部分分值。", en: "Give a partial score within the band of the completion ratio." },
    messages: { band: { zh: "“{indicator}”完成 {completion}（{actual}/{target}），应得 {min}–{max} 分（按比例 {computed}），自评 {score} 分", en: "\"{indicator}\" is {completion} done ({actual}/{target}): the band allows {min}–{max} (proportional {computed}); it scores {score}" } },
  },
  (table, ctx) => {
    const tol = ctx.profile.scoring.scoreTolerance;
    for (const r of reportEval(table, ctx.profile).rows) {
      if (r.assessment?.status !== "missed" || !r.band || r.entered === null || r.weight === null || !r.row.score) continue;
      // 0 for a miss follows the report's all-or-nothing reading; full marks are score/missed-full's.
      if (r.entered <= tol || r.entered >= r.weight - tol) continue;
      if (r.entered >= r.band.min - tol && r.entered <= r.band.max + tol) continue;
      ctx.report({ cell: r.row.score.cell, messageId: "band", data: { indicator: r.indicator, completion: `${fmt(r.completion ?? 0)}%`, actual: r.row.actual?.text ?? "", target: r.row.target?.text ?? "", min: fmt(r.band.min), max: fmt(r.band.max), computed: fmt(r.computed ?? 0), score: fmt(r.entered) } });
    }
  },
);
