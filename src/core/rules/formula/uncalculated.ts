import { isUncalculated } from "../../snapshot";
import { defineRule } from "../types";
import { readCells } from "./cells";

export default defineRule(
  {
    id: "formula/uncalculated",
    category: "formula",
    severity: "info",
    appliesTo: ["project-target", "department-target", "self-evaluation", "evaluation-report", "monitoring"],
    title: { zh: "公式已计算", en: "Formulas are calculated" },
    doc: {
      zh: "有些系统导出的工作簿只有公式、没有计算结果。PerfCheck 会自行计算简单公式（引用、加减乘除、百分比、SUM、ROUND、MIN、MAX、IF、IFERROR 等）；其余公式无法得知结果，既不当作空白也不猜测，而是提示在 Excel 中重新计算后再校验。",
      en: "Some exported workbooks hold formulas without their results. PerfCheck computes the simple ones itself (references, + − × ÷, percentages, SUM, ROUND, MIN, MAX, IF, IFERROR …); for any other formula the result is unknown, so it is neither read as blank nor guessed, and the cell asks for a recalculation in Excel.",
    },
    fix: { zh: "在 Excel 中打开并重新计算（按 F9）后保存，再校验。", en: "Open the workbook in Excel, recalculate (F9), save, and validate again." },
    messages: {
      uncalculated: { zh: "公式未计算，请在 Excel 中重新计算后再校验：{formula}", en: "The formula has not been calculated; recalculate in Excel and validate again: {formula}" },
    },
  },
  (table, ctx) => {
    for (const { item } of readCells(table)) {
      const v = item.value;
      if (isUncalculated(v)) ctx.report({ cell: item.cell, messageId: "uncalculated", data: { formula: v.error } });
    }
  },
);
