import { defineRule } from "../types";
import { filled, indicatorName } from "./util";

export default defineRule(
  {
    id: "monitoring/empty-row",
    category: "monitoring",
    severity: "warning",
    appliesTo: ["monitoring"],
    title: { zh: "指标未填执行情况或完成目标可能性", en: "Indicator without progress or likelihood" },
    doc: {
      zh: "监控表的每个指标都应填写 1–N月执行情况和完成目标可能性；只写了指标名称和指标值的行是没有监控。",
      en: "Every indicator of a monitoring table needs its progress to date (1–N月执行情况) and the likelihood of meeting the target; a row with only its name and target has not been monitored.",
    },
    fix: { zh: "填写该指标截至监控月的执行情况，并选择完成目标可能性。", en: "Enter the indicator's progress to date and pick the likelihood." },
    messages: {
      empty: { zh: "“{indicator}”未填写{missing}", en: "\"{indicator}\" has no {missingEn}" },
    },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      // Only the columns the form has: a form with no likelihood column is not asked for one.
      const noProgress = !!row.progress && !filled(row.progress);
      const noLikelihood = !!row.likelihood && !filled(row.likelihood);
      if (!noProgress && !noLikelihood) continue;
      const missing = [noProgress ? "执行情况" : "", noLikelihood ? "完成目标可能性" : ""].filter(Boolean).join("和");
      const missingEn = [noProgress ? "progress to date" : "", noLikelihood ? "likelihood of meeting the target" : ""].filter(Boolean).join(" and ");
      ctx.report({ cell: (noProgress ? row.progress! : row.likelihood!).cell, messageId: "empty", data: { indicator: indicatorName(row), missing, missingEn } });
    }
  },
);
