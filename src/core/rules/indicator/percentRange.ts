import { defineRule } from "../types";
import { fmt, level3, forTargets } from "../util";

/** Rates that can legitimately exceed 100% or go negative. */
const UNBOUNDED = /变动率|增长率|增幅|增速|变化率|降低率|下降率|节约率|上升率|调整率|偏差率/;

export default defineRule(
  {
    id: "indicator/percent-range",
    category: "indicator",
    severity: "error",
    needs: ["full"],
    appliesTo: ["project-target", "department-target"],
    title: { zh: "百分比在 0–100% 之间", en: "Percentages within 0–100%" },
    doc: {
      zh: "完成率、合格率、满意度等比率不可能超过 100% 或为负；变动率、增长率等可以，不检查（domain-rules D5）。",
      en: "Completion, pass and satisfaction rates cannot exceed 100% or be negative; change and growth rates can and are not checked (domain-rules D5).",
    },
    fix: { zh: "改为 0% 到 100% 之间的值。", en: "Enter a value between 0% and 100%." },
    messages: { range: { zh: "“{name}”的指标值 {value}% 超出 0–100%", en: "\"{name}\": {value}% is outside 0–100%" } },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      const name = level3(row);
      if (UNBOUNDED.test(name)) continue;
      forTargets(row, (item, p) => {
        if (p.kind !== "number" || p.unit !== "%") return;
        const hi = p.upper ?? p.value;
        if (hi > 100 || p.value < 0) ctx.report({ cell: item.cell, messageId: "range", data: { name, value: fmt(p.value > 100 || p.value < 0 ? p.value : hi) } });
      });
    }
  },
);
