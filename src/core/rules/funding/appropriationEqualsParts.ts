import { defineRule } from "../types";
import { amountValue, differs, fmt, sumAmounts } from "../util";

export default defineRule(
  {
    id: "funding/appropriation-equals-parts",
    category: "funding",
    severity: "error",
    appliesTo: ["project-target", "department-target"],
    title: { zh: "财政拨款小计等于其组成之和", en: "财政拨款 subtotal equals its parts" },
    doc: {
      zh: "财政拨款 小计 = 一般公共预算资金 + 政府性基金 + 财政专户管理资金（表中列在财政拨款下的各项）。",
      en: "The 财政拨款 subtotal must equal the lines listed under it (一般公共预算资金, 政府性基金, 财政专户管理资金).",
    },
    fix: { zh: "使财政拨款小计等于其下各项之和（或改用求和公式）。", en: "Make the 财政拨款 subtotal equal the sum of its parts (or use a SUM formula)." },
    messages: {
      mismatch: { zh: "财政拨款小计 {total} 与其组成合计 {sum} 不一致", en: "The 财政拨款 subtotal {total} differs from the sum of its parts {sum}" },
    },
  },
  (table, ctx) => {
    for (const block of [table.funding, ...(table.funding.parallel ?? [])]) {
      const a = block.appropriation;
      const t = amountValue(a?.full);
      if (!a?.full || t === null || block.appropriationParts.length === 0) continue;
      const sum = sumAmounts(block.appropriationParts.map((p) => p.full));
      if (sum !== null && differs(t, sum, ctx.profile.amountTolerance)) ctx.report({ cell: a.full.cell, messageId: "mismatch", data: { total: fmt(t), sum: fmt(sum) } });
    }
  },
);
