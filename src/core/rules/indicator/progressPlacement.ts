import { defineRule } from "../types";
import { level3, target } from "../util";

export default defineRule(
  {
    id: "indicator/progress-placement",
    category: "indicator",
    severity: "warning",
    appliesTo: ["project-target", "department-target"],
    title: { zh: "“序时进度”只用于半年值", en: "序时进度 only as a half-year value" },
    doc: {
      zh: "“序时进度”表示按时间应达到的进度，只适合半年（程）指标值；全年值应写明确的数值（如 100%）（domain-rules D4）。",
      en: "序时进度 means the progress due by a date; it fits only the half-year column. The full-year target must be a definite value such as 100% (domain-rules D4).",
    },
    fix: { zh: "全年值改写为明确数值（如 =100%），“序时进度”只写在半年列。", en: "Write a definite full-year value (e.g. =100%); keep 序时进度 for the half-year column." },
    messages: { full: { zh: "“{name}”的全年指标值不应为“序时进度”", en: "\"{name}\": the full-year target should not be 序时进度" } },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      if (row.full && target(row, "full").kind === "progress" && row.half) ctx.report({ cell: row.full.cell, messageId: "full", data: { name: level3(row) } });
    }
  },
);
