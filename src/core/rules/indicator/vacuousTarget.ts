import { defineRule } from "../types";
import { level3, forTargets } from "../util";

export default defineRule(
  {
    id: "indicator/vacuous-target",
    category: "indicator",
    severity: "warning",
    needs: ["full"],
    appliesTo: ["project-target", "department-target"],
    title: { zh: "指标值有实际约束", en: "Targets constrain something" },
    doc: {
      zh: "“≥0”“≥0%”这样的指标值任何结果都能达到，等于没有目标。半年列写 ≥0 表示上半年不考核时，给出提示即可；全年列为警告。",
      en: "A target such as ≥0 or ≥0% is met by any result, so it sets no target. In the half-year column it usually means \"nothing due by mid-year\" and is reported as info; in the full-year column as a warning.",
    },
    fix: { zh: "写一个真正要达到的目标值（如 ≥95%）。", en: "Write a target that actually has to be reached (e.g. ≥95%)." },
    messages: { vacuous: { zh: "“{name}”的指标值“{value}”任何结果都能达到", en: "\"{name}\": the target \"{value}\" is met by any result" } },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      forTargets(row, (item, p, which) => {
        if (p.kind !== "number" || p.op !== ">=" || p.value !== 0) return;
        ctx.report({ cell: item.cell, messageId: "vacuous", data: { name: level3(row), value: item.text }, severity: which === "half" ? "info" : "warning" });
      });
    }
  },
);
