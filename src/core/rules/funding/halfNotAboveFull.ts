import type { AmountLine } from "../../model";
import { defineRule } from "../types";
import { amountValue, fmt } from "../util";

export default defineRule(
  {
    id: "funding/half-not-above-full",
    category: "funding",
    severity: "error",
    appliesTo: ["project-target", "department-target"],
    title: { zh: "半年计划执行数不超过全年预算数", en: "Half-year plan not above the full-year budget" },
    doc: {
      zh: "每一支出行的半年（程）计划执行数不应大于全年（程）预算数（domain-rules H3）。",
      en: "For every expense line, the half-year planned spending must not exceed the full-year budget (domain-rules H3).",
    },
    fix: { zh: "把半年计划执行数改为不超过全年预算数。", en: "Lower the half-year planned amount to at most the full-year amount." },
    messages: {
      above: { zh: "“{name}”半年计划执行数 {half} 大于全年预算数 {full}", en: "\"{name}\": half-year plan {half} is above the full-year budget {full}" },
    },
  },
  (table, ctx) => {
    const lines: AmountLine[] =
      table.kind === "project-target"
        ? table.expenses
        : [table.basic, table.projectTotal, ...table.projectLines].filter((l): l is AmountLine => l !== undefined);
    for (const l of lines) {
      const h = amountValue(l.half);
      const f = amountValue(l.full);
      if (h === null || f === null || !l.half) continue;
      if (h > f + ctx.profile.amountTolerance) ctx.report({ cell: l.half.cell, messageId: "above", data: { name: l.label.text, half: fmt(h), full: fmt(f) } });
    }
  },
);
