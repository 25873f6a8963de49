import { parseValue } from "../../grammar/value";
import { scoringTerms } from "../../scoring/terms";
import { defineRule } from "../types";
import { fmt, level3, sumAmounts } from "../util";

export default defineRule(
  {
    id: "funding/half-year-execution-rate",
    category: "funding",
    severity: "warning",
    appliesTo: ["project-target"],
    title: { zh: "半年预算执行率目标与半年计划一致", en: "Half-year execution-rate target matches the half-year plan" },
    doc: {
      zh: "“预算执行率”的半年指标值应与支出计划相符：Σ半年计划执行数 / Σ全年预算数。两者相差超过配置文件 halfYear.executionRateTolerance 个百分点时报告；半年计划全为 0 时多半是漏填，仅作提示。",
      en: "The half-year target of 预算执行率 should match the plan: Σ half-year planned / Σ full-year budget. Reported when they differ by more than the profile's halfYear.executionRateTolerance percentage points; an all-zero half-year plan is usually unfilled and is reported as info.",
    },
    fix: { zh: "使半年预算执行率目标等于 半年计划执行数合计 / 全年预算数合计，或调整支出计划。", en: "Set the half-year execution-rate target to Σ half-year plan / Σ full-year budget, or adjust the plan." },
    messages: {
      unfilled: {
        zh: "半年预算执行率目标为 {target}%，但各支出行的半年计划执行数均为 0，请确认是否漏填",
        en: "The half-year execution-rate target is {target}% but every half-year planned amount is 0; check whether the plan was left unfilled",
      },
      mismatch: {
        zh: "半年预算执行率目标为 {target}%，但支出计划半年仅执行 {half} / {full} = {rate}%",
        en: "The half-year execution-rate target is {target}% but the plan spends {half} of {full} = {rate}% by mid-year",
      },
    },
  },
  (table, ctx) => {
    const isExecutionRate = scoringTerms(ctx.profile).isExecutionRate;
    const row = table.indicators.find((r) => r.half && isExecutionRate(level3(r)));
    if (!row?.half) return;
    const v = parseValue(row.half.value);
    if (v.kind !== "number" || v.unit !== "%") return;
    const half = sumAmounts(table.expenses.map((l) => l.half));
    const full = sumAmounts(table.expenses.map((l) => l.full));
    if (half === null || full === null || full <= 0) return;
    const rate = (half / full) * 100;
    if (half === 0 && v.value > 0) {
      // An all-zero half-year column is usually a plan nobody filled in, rather than a plan to spend nothing.
      ctx.report({ cell: row.half.cell, messageId: "unfilled", data: { target: fmt(v.value) }, severity: "info" });
      return;
    }
    if (Math.abs(rate - v.value) > ctx.profile.halfYear.executionRateTolerance) {
      ctx.report({ cell: row.half.cell, messageId: "mismatch", data: { target: fmt(v.value), half: fmt(half), full: fmt(full), rate: fmt(Math.round(rate * 10) / 10) } });
    }
  },
);
