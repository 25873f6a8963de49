import { defineRule } from "../types";
import { fmt, selfEval } from "./util";

export default defineRule(
  {
    id: "score/missing-reason",
    category: "score",
    severity: "warning",
    appliesTo: ["self-evaluation"],
    title: { zh: "扣分未说明原因", en: "Lost points without a reason" },
    doc: {
      zh: "得分低于分值的指标，应在“偏差原因分析及改进措施”中说明未完成原因及拟采取的措施（财预〔2020〕10号；domain-rules B7）。",
      en: "An indicator scored below its weight needs the reason and corrective measures in 偏差原因分析及改进措施 (Caiyu [2020] No. 10; domain-rules B7).",
    },
    fix: { zh: "在“偏差原因分析及改进措施”中写明未完成原因和改进措施。", en: "Explain the shortfall and the remedy in the deviation-analysis column." },
    messages: { missing: { zh: "“{indicator}”得分 {score} 低于分值 {weight}，但未填写偏差原因分析", en: "\"{indicator}\" scores {score} of {weight} but gives no reason for the gap" } },
  },
  (table, ctx) => {
    const r = selfEval(table, ctx.profile);
    const byRow = new Map(table.indicators.map((i) => [i.row, i]));
    for (const it of r.items) {
      if (it.kind !== "indicator" || it.notApplicable || it.entered === null || it.weight === null) continue;
      if (it.entered >= it.weight - ctx.profile.scoring.scoreTolerance) continue;
      const row = byRow.get(it.row);
      if (!row?.reason || row.reason.text.replace(/[\s/—-]/g, "") !== "") continue;
      ctx.report({ cell: row.reason.cell, messageId: "missing", data: { indicator: it.indicator, score: fmt(it.entered), weight: fmt(it.weight) } });
    }
  },
);
