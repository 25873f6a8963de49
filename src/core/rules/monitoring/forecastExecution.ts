import { defineRule } from "../types";
import { amountValue, differs, fmt } from "../util";

export default defineRule(
  {
    id: "monitoring/forecast-execution",
    category: "monitoring",
    severity: "error",
    appliesTo: ["monitoring"],
    title: { zh: "全年预计执行数低于已执行数或高于预算数", en: "Full-year forecast below the amount spent or above the budget" },
    doc: {
      zh: "全年预计执行数不能少于 1–N月已执行数（已经花出去的钱不会减少）；高于年初预算数则须有预算调整，作警告报告。",
      en: "The full-year forecast cannot be below what is already spent (1–N月执行数); a forecast above the budget needs a budget adjustment and is reported as a warning.",
    },
    fix: { zh: "核对全年预计执行数：不少于已执行数；超过预算的，说明预算调整情况。", en: "Check the forecast: no less than spent so far; above the budget only with an adjustment, explained." },
    messages: {
      belowExecuted: { zh: "“{line}”全年预计执行数 {forecast} 低于{period}已执行数 {executed}", en: "\"{line}\" forecasts {forecast} for the year, less than the {executed} already spent" },
      aboveBudget: { zh: "“{line}”全年预计执行数 {forecast} 高于预算数 {budget}", en: "\"{line}\" forecasts {forecast} for the year, more than its budget of {budget}" },
    },
  },
  (table, ctx) => {
    const tol = ctx.profile.amountTolerance;
    // A total summed by formula over parts none of which has a forecast shows 0: the column is unfilled, not 0.
    const partsUnfilled = table.funds.some((l) => !l.total) && table.funds.filter((l) => !l.total).every((l) => amountValue(l.forecast) === null);
    const period = table.month ? ` 1-${table.month.value}月` : "";
    for (const line of table.funds) {
      const forecast = amountValue(line.forecast);
      if (!line.forecast || forecast === null || (line.total && partsUnfilled && forecast === 0)) continue;
      const executed = amountValue(line.executed);
      const budget = amountValue(line.budget);
      const data = { period, line: line.label.text, forecast: fmt(forecast), executed: fmt(executed ?? 0), budget: fmt(budget ?? 0) };
      if (executed !== null && forecast < executed && differs(forecast, executed, tol)) ctx.report({ cell: line.forecast.cell, messageId: "belowExecuted", data });
      else if (budget !== null && budget > 0 && forecast > budget && differs(forecast, budget, tol)) ctx.report({ cell: line.forecast.cell, messageId: "aboveBudget", data, severity: "warning" });
    }
  },
);
