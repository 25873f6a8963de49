import { defineRule } from "../types";
import { group1, group2, level3, forTargets } from "../util";

export default defineRule(
  {
    id: "indicator/cost-operator",
    category: "indicator",
    severity: "warning",
    needs: ["full"],
    appliesTo: ["project-target", "department-target"],
    title: { zh: "成本指标使用上限（≤）", en: "Cost indicators use an upper bound (≤)" },
    doc: {
      zh: "成本指标是控制上限，应写成“≤”或“<”；写成“≥”“=”“>”意味着鼓励多花钱或无法考核（domain-rules C8）。",
      en: "A cost indicator is a ceiling and should use ≤ or <; ≥, = or > rewards spending more or cannot be assessed (domain-rules C8).",
    },
    fix: { zh: "成本指标改用“≤”写上限，如 ≤59万元。", en: "Write the cost as a ceiling with ≤, e.g. ≤59万元." },
    messages: {
      operator: { zh: "成本指标“{name}”应使用“≤”，而不是“{value}”", en: "Cost indicator \"{name}\" should use ≤, not \"{value}\"" },
      noCeiling: { zh: "成本指标“{name}”的目标“{value}”没有成本上限，应写成“≤金额”", en: "Cost indicator \"{name}\": the target \"{value}\" sets no ceiling; write ≤ an amount" },
    },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      if (!(group2(row) === "成本" || /成本$/.test(group2(row)) || group1(row) === "成本")) continue;
      forTargets(row, (item, p) => {
        if (p.kind === "number" && (p.op === ">=" || p.op === ">" || p.op === "=")) ctx.report({ cell: item.cell, messageId: "operator", data: { name: level3(row), value: item.text } });
        // A bare percentage (100%) under 成本: a completion rate, not an amount anything is held to.
        else if (p.kind === "number" && p.op === null && p.unit === "%") ctx.report({ cell: item.cell, messageId: "noCeiling", data: { name: level3(row), value: item.text } });
        // Words where the ceiling should be (按实际情况发放, 控制成本): nothing to hold the spending to.
        else if (p.kind === "text" || p.kind === "qualitative") ctx.report({ cell: item.cell, messageId: "noCeiling", data: { name: level3(row), value: item.text } });
      });
    }
  },
);
