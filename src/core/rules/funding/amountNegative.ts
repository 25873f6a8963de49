import { defineRule } from "../types";
import { allAmountLines, amountValue, fmt } from "../util";

export default defineRule(
  {
    id: "funding/amount-negative",
    category: "funding",
    severity: "error",
    appliesTo: ["project-target", "department-target"],
    title: { zh: "金额不能为负", en: "Amounts are not negative" },
    doc: { zh: "预算金额不能为负数（domain-rules H2）。", en: "Budget amounts cannot be negative (domain-rules H2)." },
    fix: { zh: "改为正数；确有冲减请在备注中说明。", en: "Enter a positive amount; explain any deduction in a remark." },
    messages: { negative: { zh: "“{name}”的金额 {value} 为负数", en: "The amount {value} of \"{name}\" is negative" } },
  },
  (table, ctx) => {
    for (const line of allAmountLines(table)) {
      for (const item of [line.half, line.full]) {
        const v = amountValue(item);
        if (item && v !== null && v < 0) ctx.report({ cell: item.cell, messageId: "negative", data: { name: line.label.text, value: fmt(v) } });
      }
    }
  },
);
