import { defineRule } from "../types";
import { amountValue, differs, fmt, sumAmounts } from "../util";

export default defineRule(
  {
    id: "funding/expenses-equal-total",
    category: "funding",
    severity: "error",
    appliesTo: ["project-target"],
    title: { zh: "支出全年预算合计等于资金总额", en: "Full-year expenses add up to total funding" },
    doc: {
      zh: "项目表中各支出明细的全年（程）预算数之和应等于资金总额；有“合计”行时，合计也应等于明细之和。",
      en: "The full-year amounts of the 支出 lines must add up to 资金总额; a 合计 line, where present, must equal the lines.",
    },
    fix: { zh: "核对各支出明细的全年预算数，使合计等于资金总额。", en: "Check the full-year amounts of the expense lines so that they add up to 资金总额." },
    messages: {
      mismatch: { zh: "支出全年预算合计 {sum} 与资金总额 {total} 不一致（相差 {diff}）", en: "Full-year expenses add up to {sum} but total funding is {total} (difference {diff})" },
      totalLine: { zh: "支出合计 {stated} 与明细之和 {sum} 不一致", en: "The expense total line {stated} differs from the sum of the lines {sum}" },
    },
  },
  (table, ctx) => {
    const t = amountValue(table.funding.total?.full);
    const lines = table.expenses;
    if (lines.length === 0) return;
    const sum = sumAmounts(lines.map((l) => l.full));
    if (table.expenseTotal?.full) {
      const stated = amountValue(table.expenseTotal.full);
      if (stated !== null && sum !== null && differs(stated, sum, ctx.profile.amountTolerance)) {
        ctx.report({ cell: table.expenseTotal.full.cell, messageId: "totalLine", data: { stated: fmt(stated), sum: fmt(sum) } });
      }
    }
    if (t === null) return;
    // No usable amount at all: funding/amount-missing reports the empty cells.
    if (sum === null) return;
    if (differs(t, sum, ctx.profile.amountTolerance)) {
      const cell = (lines.length === 1 ? lines[0].full?.cell : undefined) ?? table.funding.total!.full!.cell;
      ctx.report({ cell, messageId: "mismatch", data: { sum: fmt(sum), total: fmt(t), diff: fmt(sum - t) } });
    }
  },
);
