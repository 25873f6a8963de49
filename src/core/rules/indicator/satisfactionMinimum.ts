import { defineRule } from "../types";
import { fmt, group1, level3, target } from "../util";

export default defineRule(
  {
    id: "indicator/satisfaction-minimum",
    category: "indicator",
    severity: "warning",
    needs: ["full"],
    appliesTo: ["project-target", "department-target"],
    title: { zh: "满意度目标不低于下限", en: "Satisfaction target not below the minimum" },
    doc: {
      zh: "满意度指标的全年目标低于配置文件的 satisfaction.minPercent（默认 90%）时给出警告。全国没有硬性下限，故不作为错误（domain-rules C9）。",
      en: "A full-year satisfaction target below the profile's satisfaction.minPercent (default 90%) is warned about. There is no national hard minimum, so it is not an error (domain-rules C9).",
    },
    fix: { zh: "把满意度目标提高到不低于配置的下限（默认 ≥90%），或说明理由。", en: "Raise the satisfaction target to the profile's minimum (default ≥90%), or give the reason." },
    messages: { low: { zh: "“{name}”的满意度目标 {value}% 低于 {min}%", en: "\"{name}\": the satisfaction target {value}% is below {min}%" } },
  },
  (table, ctx) => {
    const min = ctx.profile.satisfaction.minPercent;
    for (const row of table.indicators) {
      const name = level3(row);
      if (!(group1(row) === "满意度" || /满意/.test(name))) continue;
      const p = target(row, "full");
      if (row.full && p.kind === "number" && p.unit === "%" && p.op !== "<=" && p.op !== "<" && p.value < min) {
        ctx.report({ cell: row.full.cell, messageId: "low", data: { name, value: fmt(p.value), min: fmt(min) } });
      }
    }
  },
);
