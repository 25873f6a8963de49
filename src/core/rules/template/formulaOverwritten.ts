import { a1 } from "../../snapshot";
import { expectedFormulas, formulaAt, movedFormula, normalFormula, valueAt } from "../../templates/returned";
import { isBlank } from "../../snapshot";
import { defineRule } from "../types";
import { TEMPLATE_KINDS_CHECKED } from "./util";

export default defineRule(
  {
    id: "template/formula-overwritten",
    category: "template",
    severity: "error",
    appliesTo: TEMPLATE_KINDS_CHECKED,
    title: { zh: "模板公式被改动", en: "Template formula changed" },
    doc: {
      zh: "分发模板中的公式单元格（合计、资金总额、执行率、得分、总分）应保留模板的公式。手工键入的数字不会随明细变化，是合计与明细不符最常见的来源；改过的公式则可能漏算或多算。比对时考虑了插入或删除的行（公式的引用像 Excel 那样随之移动）。自评表中定性指标的得分单元格允许直接填写分数，不在此检查之列。",
      en: "The formula cells of a distributed template (totals, 资金总额, 执行率, scores, 总分) must keep the template's formula. A typed number does not follow the lines it should add up, the usual source of totals that disagree; a changed formula may leave lines out or count some twice. Inserted and deleted rows are taken into account (references move as Excel moves them). A qualitative indicator's score in a self-evaluation may be typed, so it is not checked here.",
    },
    fix: { zh: "恢复模板的公式（可从新模板复制该单元格），不要直接键入合计或得分。", en: "Restore the template's formula (copy the cell from a fresh template); do not type totals or scores." },
    messages: {
      constant: { zh: "此处应为模板公式 ={formula}，现为键入的值 {value}", en: "This cell should hold the template's formula ={formula}; it holds a typed value {value}" },
      cleared: { zh: "模板公式 ={formula} 被清除", en: "The template's formula ={formula} was cleared" },
      changed: { zh: "公式被改为 ={found}，模板为 ={formula}", en: "The formula was changed to ={found}; the template has ={formula}" },
    },
  },
  (table, ctx) => {
    const t = ctx.template;
    const a = t?.alignment();
    if (!t?.expected || !a) return;
    for (const f of expectedFormulas(t.expected)) {
      const row = a.rowOf.get(f.row);
      const col = a.colOf[f.col];
      if (row === undefined || col === undefined) continue; // its row is gone: reported by template/structure
      const want = movedFormula(f.formula, a);
      if (want === undefined) continue;
      const found = formulaAt(t.sheet, row, col);
      const cell = { row, col };
      if (found === null) {
        const v = valueAt(t.sheet, row, col);
        // An indicator score of a 定性 row is the evaluator's to type; an empty one is left for scoring rules.
        if (f.role === "scoreFormula") continue;
        if (isBlank(v)) ctx.report({ cell, messageId: "cleared", data: { formula: want } });
        else ctx.report({ cell, messageId: "constant", data: { formula: want, value: typeof v === "object" && v !== null ? "#" : String(v) } });
        continue;
      }
      if (normalFormula(found) !== normalFormula(want)) ctx.report({ cell, messageId: "changed", data: { formula: want, found: found.replace(/^=/, ""), at: a1(row, col) } });
    }
  },
);
