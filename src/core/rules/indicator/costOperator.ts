import { moneyInYuan, type NumberValue } from "../../grammar/value";
import type { SelfEvaluationTable } from "../../model";
import { defineRule } from "../types";
import { amountValue, group1, group2, level3, forTargets } from "../util";

/** A bare cost amount that is the self-evaluation's whole budget (or more), in the fund block's unit. */
function restatesBudget(table: SelfEvaluationTable, p: NumberValue): boolean {
  const total = table.funds.find((f) => f.total) ?? table.funds[0];
  const budget = amountValue(total?.budget) ?? amountValue(total?.initial);
  if (budget === null || budget <= 0) return false;
  const unit = table.fundUnit?.text ?? "";
  const yuan = p.value * p.multiplier;
  const inBlockUnit = /元/.test(unit) && !/万元/.test(unit) ? yuan : yuan / 1e4;
  return inBlockUnit >= budget - 0.01;
}

export default defineRule(
  {
    id: "indicator/cost-operator",
    category: "indicator",
    severity: "warning",
    needs: ["full"],
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "成本指标使用上限（≤）", en: "Cost indicators use an upper bound (≤)" },
    doc: {
      zh: "成本指标是控制上限，应写成“≤”或“<”；写成“≥”“=”“>”意味着鼓励多花钱或无法考核（domain-rules C8）。只写金额不写运算符（250万、20万元、100元）也没有说明是上限，同样提示（财预〔2021〕101号）。自评表的年度指标值同样检查（只写金额时，在自评表中除非金额就是全部预算，仅作提示）。",
      en: "A cost indicator is a ceiling and should use ≤ or <; ≥, = or > rewards spending more or cannot be assessed (domain-rules C8). An amount with no operator (250万, 20万元, 100元) does not say it is a ceiling either and is reported too (Caiyu [2021] No. 101). Self-evaluation targets are checked alike (a bare amount there is information only, unless it is the whole budget).",
    },
    fix: { zh: "成本指标改用“≤”写上限，如 ≤59万元。", en: "Write the cost as a ceiling with ≤, e.g. ≤59万元." },
    messages: {
      operator: { zh: "成本指标“{name}”应使用“≤”，而不是“{value}”", en: "Cost indicator \"{name}\" should use ≤, not \"{value}\"" },
      noOperator: { zh: "成本指标“{name}”的目标“{value}”没有写“≤”，成本是控制上限，应写成“≤{value}”", en: "Cost indicator \"{name}\": the target \"{value}\" has no ≤; a cost is a ceiling, write ≤{value}" },
      noCeiling: { zh: "成本指标“{name}”的目标“{value}”没有成本上限，应写成“≤金额”", en: "Cost indicator \"{name}\": the target \"{value}\" sets no ceiling; write ≤ an amount" },
    },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      if (!(group2(row) === "成本" || /成本$/.test(group2(row)) || group1(row) === "成本")) continue;
      forTargets(row, (item, p) => {
        if (p.kind === "number" && (p.op === ">=" || p.op === ">" || p.op === "=")) ctx.report({ cell: item.cell, messageId: "operator", data: { name: level3(row), value: item.text } });
        // A bare percentage (100%) under 成本: a completion rate, not an amount anything is held to.
        // An amount with no operator (250万, 20万元, 100元): the ceiling is meant but not written.
        // (250万 under 成本 is money with its 元 left off.) In a self-evaluation the target was approved a year
        // ago and the corpus's reviewers (银川 2021: 15万元, 35万元, 14.8万元 as parts of 64.8) let it stand:
        // information there, unless the amount is the whole budget restated (中江 2022: 项目计划总投资 20万元 of 20),
        // which reads as “spend it all”, like =.
        else if (p.kind === "number" && p.op === null && (moneyInYuan(p) !== null || (p.unit === "" && p.multiplier > 1))) ctx.report({ cell: item.cell, messageId: "noOperator", data: { name: level3(row), value: item.text }, ...(table.kind === "self-evaluation" && !restatesBudget(table, p) ? { severity: "info" as const } : {}) });
        else if (p.kind === "number" && p.op === null && p.unit === "%") ctx.report({ cell: item.cell, messageId: "noCeiling", data: { name: level3(row), value: item.text } });
        // Words where the ceiling should be (按实际情况发放, 控制成本): nothing to hold the spending to.
        else if (p.kind === "text" || p.kind === "qualitative") ctx.report({ cell: item.cell, messageId: "noCeiling", data: { name: level3(row), value: item.text } });
      });
    }
  },
);
