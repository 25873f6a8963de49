import { defineRule } from "../types";
import { allAmountLines, amountOf } from "../util";

export default defineRule(
  {
    id: "funding/amount-numeric",
    category: "funding",
    severity: "error",
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "金额应为数字", en: "Amounts are numbers" },
    doc: {
      zh: "资金金额单元格应填数字（单位已在表头写明为万元）。“269万”这样的文字无法参与合计；以文本形式存储的数字可以读取，但 Excel 不会把它计入公式，故给出警告。",
      en: "Amount cells must hold numbers (the unit, 万元, is in the header). Text such as \"269万\" cannot be summed; a number stored as text can be read but Excel formulas skip it, so it is warned about.",
    },
    fix: { zh: "只填数字（单位万元已在表头），删除“万”“元”等文字；文本型数字请转换为数字。", en: "Enter a plain number (the unit 万元 is in the header); convert numbers stored as text." },
    messages: {
      text: { zh: "“{name}”的金额“{text}”不是数字", en: "The amount \"{text}\" of \"{name}\" is not a number" },
      textNumber: { zh: "“{name}”的金额“{text}”以文本形式存储，Excel 公式不会计入", en: "The amount \"{text}\" of \"{name}\" is stored as text; Excel formulas will skip it" },
      error: { zh: "“{name}”的金额单元格是错误值 {text}", en: "The amount cell of \"{name}\" holds the error {text}" },
    },
  },
  (table, ctx) => {
    const lines =
      table.kind === "self-evaluation"
        ? // A dash in a self-evaluation's fund row means "none" (the sub-rows carry no score), not a wrong amount.
          table.funds.map((f) => ({ label: f.label, items: [f.initial, f.budget, f.executed].filter((i) => !/^[\s—\-－/]+$/.test(i?.text ?? "")) }))
        : allAmountLines(table).map((l) => ({ label: l.label, items: [l.half, l.full] }));
    for (const line of lines) {
      for (const item of line.items) {
        if (!item) continue;
        const a = amountOf(item);
        const data = { name: line.label.text, text: item.text };
        if (a.state === "text") ctx.report({ cell: item.cell, messageId: "text", data });
        else if (a.state === "text-number") ctx.report({ cell: item.cell, messageId: "textNumber", data, severity: "warning" });
        else if (a.state === "error") ctx.report({ cell: item.cell, messageId: "error", data });
      }
    }
  },
);
