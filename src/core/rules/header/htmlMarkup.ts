import type { Field } from "../../model";
import { defineRule } from "../types";

const MARKUP = /<\/?(p|br|div|span|ul|ol|li|b|strong|i|em|font|table|tr|td|script|style|img|a)(\s[^>]*)?\/?>|&(nbsp|lt|gt|amp|quot);/i;

export default defineRule(
  {
    id: "header/html-markup",
    category: "header",
    severity: "warning",
    appliesTo: ["project-target", "department-target"],
    title: { zh: "文本中残留 HTML 标记", en: "HTML markup left in text" },
    doc: {
      zh: "从网页系统导出的文字常残留 <p>、<li>、&nbsp; 等标记，打印和上报时会原样显示。此规则只报告，不会渲染或删除它们。",
      en: "Text exported from web systems often keeps markup such as <p>, <li> or &nbsp;, which prints as-is. This rule reports it; it never renders or strips it.",
    },
    fix: { zh: "删除文字中的 <p>、&nbsp; 等标记，只保留正文。", en: "Delete the <p>, &nbsp; and similar tags, keeping only the text." },
    messages: { markup: { zh: "“{label}”中残留 HTML 标记“{tag}”", en: "\"{label}\" contains the HTML markup \"{tag}\"" } },
  },
  (table, ctx) => {
    for (const f of Object.values(table.fields as Record<string, Field | undefined>)) {
      const v = f?.value;
      if (!v || !v.text) continue;
      const m = MARKUP.exec(v.text);
      if (m) ctx.report({ cell: v.cell, messageId: "markup", data: { label: f!.label.text, tag: m[0].slice(0, 40) } });
    }
  },
);
