import { defineRule } from "../types";
import { amountValue, differs, fmt } from "../util";

export default defineRule(
  {
    id: "funding/basic-plus-project",
    category: "funding",
    severity: "error",
    appliesTo: ["department-target"],
    title: { zh: "基本支出 + 项目支出 = 资金总额", en: "Basic plus project expenses equal total funding" },
    doc: {
      zh: "部门整体表中，基本支出与项目支出的全年预算数之和应等于资金总额。",
      en: "In a department table, 基本支出 plus 项目支出 (full year) must equal 资金总额.",
    },
    fix: { zh: "核对基本支出、项目支出和资金总额，使前两者之和等于总额。", en: "Check 基本支出, 项目支出 and the total so that the first two add up to the total." },
    messages: {
      mismatch: { zh: "基本支出 {basic} + 项目支出 {project} = {sum}，与资金总额 {total} 不一致", en: "Basic {basic} + project {project} = {sum}, which differs from total funding {total}" },
    },
  },
  (table, ctx) => {
    const t = amountValue(table.funding.total?.full);
    const b = amountValue(table.basic?.full);
    const p = amountValue(table.projectTotal?.full);
    if (t === null || b === null || p === null) return;
    if (differs(b + p, t, ctx.profile.amountTolerance)) {
      ctx.report({ cell: table.funding.total!.full!.cell, messageId: "mismatch", data: { basic: fmt(b), project: fmt(p), sum: fmt(b + p), total: fmt(t) } });
    }
  },
);
