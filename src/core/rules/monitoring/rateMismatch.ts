import { defineRule } from "../types";
import { amountValue, fmt } from "../util";
import { pct, rateReadings } from "./util";

export default defineRule(
  {
    id: "monitoring/rate-mismatch",
    category: "monitoring",
    severity: "error",
    appliesTo: ["monitoring"],
    title: { zh: "执行率与执行数 ÷ 预算数不符", en: "Execution rate differs from executed ÷ budget" },
    doc: {
      zh: "监控表资金行的执行率应等于 1–N月执行数 ÷ 年初（全年）预算数。按两数重算，与所填执行率相差超过 0.5 个百分点时报告（财预〔2019〕136号）。",
      en: "A fund line's 执行率 should equal 1–N月执行数 ÷ the year's budget. Recomputed from the two and reported when the stated rate differs by more than 0.5 percentage points (Caiyu [2019] No. 136).",
    },
    fix: { zh: "按 执行数 ÷ 预算数 重新计算执行率，或核对执行数和预算数。", en: "Recompute the rate as executed ÷ budget, or check both amounts." },
    messages: {
      mismatch: {
        zh: "“{line}”执行率填为 {stated}，按 {executed} ÷ {budget} 应为 {rate}%",
        en: "\"{line}\" states an execution rate of {stated}, but {executed} ÷ {budget} is {rate}%",
      },
    },
  },
  (table, ctx) => {
    for (const line of table.funds) {
      const budget = amountValue(line.budget);
      const executed = amountValue(line.executed);
      const stated = rateReadings(line.rate);
      if (!line.rate || budget === null || budget <= 0 || executed === null || stated.length === 0) continue;
      const rate = executed / budget;
      if (stated.some((s) => Math.abs(s - rate) <= 0.005 + 1e-9)) continue;
      ctx.report({ cell: line.rate.cell, messageId: "mismatch", data: { line: line.label.text, stated: line.rate.text || pct(stated[0]) + "%", executed: fmt(executed), budget: fmt(budget), rate: pct(rate) } });
    }
  },
);
