import { isCellError, isUncalculated } from "../../snapshot";
import { defineRule } from "../types";
import { readCells } from "./cells";

export default defineRule(
  {
    id: "formula/error-value",
    category: "formula",
    severity: "error",
    // Target tables' amounts and targets already report error values (funding/amount-numeric,
    // indicator/value-unreadable); this covers the scored tables' weights, scores, budgets and rates, and a
    // monitoring table's budgets, amounts spent, rates and forecasts.
    appliesTo: ["self-evaluation", "evaluation-report", "monitoring"],
    title: { zh: "需要数字的单元格不是错误值", en: "Cells that need a number hold no error value" },
    doc: {
      zh: "分值、得分、预算数、执行数、执行率等需要数字的单元格中出现 #DIV/0!、#REF!、#VALUE!、#N/A 等错误值时，得分无法计算：多为引用了被删除的单元格或除以空白单元格。",
      en: "A weight, score, budget, executed amount or rate cell holding #DIV/0!, #REF!, #VALUE!, #N/A or another error value cannot be scored: usually a reference to a deleted cell or a division by a blank cell.",
    },
    fix: { zh: "检查该单元格的公式引用的单元格，修正后重新计算。", en: "Check the cells the formula refers to, correct them and recalculate." },
    messages: {
      error: { zh: "该单元格应为数字，却是错误值 {error}", en: "This cell should hold a number but holds the error {error}" },
    },
  },
  (table, ctx) => {
    for (const { item, number } of readCells(table)) {
      const v = item.value;
      if (number && isCellError(v) && !isUncalculated(v)) ctx.report({ cell: item.cell, messageId: "error", data: { error: v.error } });
    }
  },
);
