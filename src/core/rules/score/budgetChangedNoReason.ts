import { defineRule } from "../types";
import { amountValue, differs, fmt } from "../util";
import { anyMatch, indicatorWords } from "../words";

/**
 * Class 3 of issue 22: 年初预算数 differs from 全年预算数 / 调整后预算数 and the 原因 cell beside it is empty or
 * still holds the template's note. Only where the form has a 原因 column for the fund lines (fund column role
 * `reason`): the national 10号 form has none, and silence there is right.
 */
export default defineRule(
  {
    id: "score/budget-changed-no-reason",
    category: "score",
    severity: "warning",
    appliesTo: ["self-evaluation"],
    title: { zh: "年中调整预算未说明理由", en: "Budget changed mid-year with no reason" },
    doc: {
      zh: "年初预算数与调整后（全年）预算数不同，说明年中追加或调减了预算；表中“原因”栏应单独说明调整理由（四川等地自评表填报说明：年中发生预算调整的，应单独说明理由）。原因栏为空或仍是模板的填写说明时提示。",
      en: "When 年初预算数 differs from the adjusted (full-year) budget, the budget was raised or cut mid-year and the 原因 cell must say why (Sichuan and other forms: 年中发生预算调整的，应单独说明理由). Reported when the cell is empty or still holds the template's note.",
    },
    fix: { zh: "在原因栏写明预算调增或调减的理由（追加了什么、依据哪个文件）。", en: "State in the 原因 cell why the budget was raised or cut (what was added, on what authority)." },
    messages: {
      empty: { zh: "年初预算 {initial} 调整为 {budget}（{change}），原因栏为空；应说明调整理由", en: "The budget went from {initial} to {budget} ({change}) and the 原因 cell is empty; state why" },
      template: { zh: "年初预算 {initial} 调整为 {budget}（{change}），原因栏仍是模板的填写说明；应改写为实际调整理由", en: "The budget went from {initial} to {budget} ({change}) and the 原因 cell still holds the template's note; write the actual reason" },
    },
  },
  (table, ctx) => {
    const words = indicatorWords(ctx.profile);
    // The reason is given once, on the total line (总额 / 年度资金总额); its parts changed with it.
    const totals = table.funds.filter((l) => l.total);
    for (const line of totals.length ? totals : table.funds.slice(0, 1)) {
      if (!line.reason) continue;
      const initial = amountValue(line.initial);
      const budget = amountValue(line.budget);
      if (initial === null || budget === null || !differs(initial, budget, ctx.profile.amountTolerance)) continue;
      const text = line.reason.text.replace(/\s+/g, "");
      const template = text !== "" && anyMatch(words.templatePrompts, text);
      if (text !== "" && !template) continue;
      const d = budget - initial;
      const change = `${d > 0 ? "调增 +" : "调减 "}${fmt(d)}`;
      ctx.report({ cell: (line.budget ?? line.label).cell, messageId: template ? "template" : "empty", data: { initial: fmt(initial), budget: fmt(budget), change } });
    }
  },
);
