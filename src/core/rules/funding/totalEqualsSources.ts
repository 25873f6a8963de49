import { defineRule } from "../types";
import { amountValue, differs, fmt, sumAmounts } from "../util";

export default defineRule(
  {
    id: "funding/total-equals-sources",
    category: "funding",
    severity: "error",
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "资金总额等于各来源之和", en: "Total funding equals the sum of its sources" },
    doc: {
      zh: "资金总额 = 一般公共预算资金 + 政府性基金 + 国有资本金 + 社保基金 + 财政专户管理资金 + 上年结转资金 + 其他资金（有“财政拨款 小计”时以小计代替其组成部分）。容差取配置文件的 amountTolerance（万元）。",
      en: "资金总额 must equal the sum of the sources (with a 财政拨款 subtotal standing for its parts). Tolerance: the profile's amountTolerance (万元).",
    },
    fix: { zh: "核对各资金来源，使资金总额等于各来源之和（或改用求和公式）。", en: "Check the sources so that 资金总额 equals their sum (or use a SUM formula)." },
    messages: {
      mismatch: { zh: "资金总额 {total} 与各来源合计 {sum} 不一致（相差 {diff}）", en: "Total funding {total} differs from the sum of sources {sum} (difference {diff})" },
    },
  },
  (table, ctx) => {
    if (table.kind === "self-evaluation") {
      // 10号 自评表: 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, in the budget column and the 年初 column.
      const total = table.funds.find((f) => f.total);
      const parts = table.funds.filter((f) => !f.total);
      if (!total || parts.length === 0 || !/年度资金总额/.test(total.label.text.replace(/\s+/g, ""))) return;
      for (const key of ["budget", "initial"] as const) {
        const cell = total[key];
        const t = amountValue(cell);
        const sum = sumAmounts(parts.map((p) => p[key]));
        if (!cell || t === null || sum === null) continue;
        if (differs(t, sum, ctx.profile.amountTolerance)) {
          ctx.report({ cell: cell.cell, messageId: "mismatch", data: { total: fmt(t), sum: fmt(sum), diff: fmt(t - sum) } });
          return;
        }
      }
      return;
    }
    // The year's block and any block beside it (the whole project's).
    for (const block of [table.funding, ...(table.funding.parallel ?? [])]) {
      const total = block.total;
      const t = amountValue(total?.full);
      if (!total?.full || t === null || block.sources.length === 0) continue;
      const sum = sumAmounts(block.sources.map((s) => s.full));
      if (sum === null) continue;
      if (differs(t, sum, ctx.profile.amountTolerance)) {
        ctx.report({ cell: total.full.cell, messageId: "mismatch", data: { total: fmt(t), sum: fmt(sum), diff: fmt(t - sum) } });
      }
    }
  },
);
