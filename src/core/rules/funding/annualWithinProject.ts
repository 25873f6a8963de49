import { defineRule } from "../types";
import { amountValue, differs, fmt } from "../util";

/**
 * Forms with two money blocks on the same rows — the whole project's (项目资金总额) beside the year's
 * (年度资金申请总额) — ask for this year's part of the project: it cannot be more than the whole.
 */
export default defineRule(
  {
    id: "funding/annual-within-project",
    category: "funding",
    severity: "error",
    appliesTo: ["project-target"],
    title: { zh: "年度资金不超过项目资金总额", en: "This year's funding does not exceed the project's total" },
    doc: {
      zh: "同一表中并列填写项目资金总额（整个项目期）与年度资金总额时，年度资金总额不应大于项目资金总额。依据：申报表把年度资金作为项目总资金的当年部分（如兵团、内蒙古等地的项目绩效目标申报表）。",
      en: "When a form states the whole project's funding (项目资金总额) beside this year's (年度资金申请总额), this year's total cannot exceed the project's. Source: the application forms treat the year's funding as a part of the project's (e.g. the 兵团 and Inner Mongolia project application forms).",
    },
    fix: { zh: "核对年度资金总额与项目资金总额，年度数应为项目总额中的当年部分。", en: "Check both totals: this year's should be this year's part of the project total." },
    messages: {
      above: { zh: "年度资金总额 {annual} 大于项目资金总额 {project}", en: "This year's total {annual} is more than the project's total {project}" },
    },
  },
  (table, ctx) => {
    const annual = table.funding.total?.full;
    const a = amountValue(annual);
    if (!annual || a === null) return;
    for (const block of table.funding.parallel ?? []) {
      const p = amountValue(block.total?.full);
      if (p !== null && a > p && differs(a, p, ctx.profile.amountTolerance)) ctx.report({ cell: annual.cell, messageId: "above", data: { annual: fmt(a), project: fmt(p) } });
    }
  },
);
