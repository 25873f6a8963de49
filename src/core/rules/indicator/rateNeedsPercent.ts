import { defineRule } from "../types";
import { level3, forTargets } from "../util";

const RATE = /率$/;
const NOT_PERCENT = /效率$|频率$|功率$|汇率$|速率$/;

export default defineRule(
  {
    id: "indicator/rate-needs-percent",
    category: "indicator",
    severity: "warning",
    needs: ["full"],
    appliesTo: ["project-target", "department-target"],
    title: { zh: "“率”类指标用百分比", en: "Rate indicators use a percentage" },
    doc: {
      zh: "名称以“率”结尾的指标（完成率、合格率、覆盖率…）的定量指标值应为百分比；效率、频率等除外。",
      en: "An indicator named …率 (completion, pass, coverage rate …) should have a percentage as its quantitative target; 效率, 频率 and the like excepted.",
    },
    fix: { zh: "把指标值写成百分比，如 ≥95%。", en: "Write the value as a percentage, e.g. ≥95%." },
    messages: { percent: { zh: "“{name}”是比率指标，指标值“{value}”应为百分比", en: "\"{name}\" is a rate; the target \"{value}\" should be a percentage" } },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      const name = level3(row);
      if (!RATE.test(name) || NOT_PERCENT.test(name)) continue;
      forTargets(row, (item, p) => {
        if (p.kind === "number" && p.unit !== "%" && p.unit !== "‰" && !/%|百分比/.test(row.extra.unit?.text ?? "")) {
          ctx.report({ cell: item.cell, messageId: "percent", data: { name, value: item.text } });
        }
      });
    }
  },
);
