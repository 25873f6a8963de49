import { defineRule } from "../types";
import { amountOf } from "../util";

export default defineRule(
  {
    id: "funding/amount-missing",
    category: "funding",
    severity: "error",
    appliesTo: ["project-target", "department-target"],
    title: { zh: "必填金额不能为空", en: "Required amounts are filled in" },
    doc: {
      zh: "资金总额和每条支出明细的全年预算数必须填写；空着的来源按 0 计，不报告。",
      en: "资金总额 and the full-year amount of every expense line must be filled in; an empty source counts as 0 and is not reported.",
    },
    fix: { zh: "填写该金额；确实为零请填 0。", en: "Enter the amount; enter 0 if it really is zero." },
    messages: {
      total: { zh: "资金总额为空", en: "Total funding is empty" },
      line: { zh: "支出“{name}”的全年预算数为空", en: "The full-year amount of expense \"{name}\" is empty" },
    },
  },
  (table, ctx) => {
    const total = table.funding.total;
    if (total && amountOf(total.full).state === "blank") ctx.report({ cell: (total.full ?? total.label).cell, messageId: "total" });
    const lines = table.kind === "project-target" ? table.expenses : table.projectLines;
    for (const l of lines) {
      if (l.label.text && amountOf(l.full).state === "blank" && l.full) ctx.report({ cell: l.full.cell, messageId: "line", data: { name: l.label.text } });
    }
  },
);
