import { defineRule } from "../types";
import { level3, parsed } from "../util";

const PLACEHOLDER_NAME = /^(x{2,}|×{2,}|\*+|示例|样例|待定|XX指标)$|XXX/i;

export default defineRule(
  {
    id: "indicator/placeholder",
    category: "indicator",
    severity: "error",
    needs: ["full"],
    appliesTo: ["project-target", "department-target"],
    title: { zh: "不得保留占位符", en: "No placeholders left in" },
    doc: { zh: "模板中的占位符（*、XXX、待定）必须替换为实际内容（domain-rules D5）。", en: "Template placeholders (*, XXX, 待定) must be replaced with real content (domain-rules D5)." },
    fix: { zh: "把 *、XXX、待定 等占位符换成实际内容。", en: "Replace the placeholder (*, XXX, 待定) with the real content." },
    messages: {
      placeholder: { zh: "“{text}”是占位符，请填写实际内容", en: "\"{text}\" is a placeholder; fill in the real content" },
      unitOnly: { zh: "指标值“{text}”只有单位或运算符，没有数值", en: "The target \"{text}\" has a unit or operator but no number" },
    },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      if (row.level3?.text && PLACEHOLDER_NAME.test(level3(row))) ctx.report({ cell: row.level3.cell, messageId: "placeholder", data: { text: row.level3.text } });
      for (const item of [row.half, row.full]) {
        if (item && parsed(item).kind === "placeholder") {
          // The template's own blanks (*, XXX, 待定) or a unit/operator left without its number (公里, ≥ %).
          const blank = /^[\s*xX×待定补充填略?？]+$/.test(item.text);
          ctx.report({ cell: item.cell, messageId: blank ? "placeholder" : "unitOnly", data: { text: item.text } });
        }
      }
    }
  },
);
