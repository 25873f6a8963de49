import { defineRule } from "../types";
import { level3, parsed } from "../util";

export default defineRule(
  {
    id: "indicator/value-unreadable",
    category: "indicator",
    severity: "warning",
    needs: ["full"],
    appliesTo: ["project-target", "department-target"],
    title: { zh: "指标值可读", en: "Target values can be read" },
    doc: {
      zh: "指标值应写成“运算符 + 数值 + 单位”（如 ≥25期、≤59万元、=100%）或规范的定性词（充分、合规…）。含数字却无法按此读取的文字（如“普通2小时内，重大1小时内”）难以考核；Excel 错误值（#REF! 等）是错误。",
      en: "Targets should read as operator + number + unit (≥25期, ≤59万元, =100%) or a standard qualitative word (充分, 合规 …). Text with numbers that cannot be read that way is hard to assess; Excel error values (#REF! …) are errors.",
    },
    fix: { zh: "改写为“运算符 + 数值 + 单位”（如 ≤2小时）或规范的定性词。", en: "Rewrite as operator + number + unit (e.g. ≤2小时) or a standard qualitative word." },
    messages: {
      unreadable: { zh: "“{name}”的指标值“{value}”无法按“运算符+数值+单位”读取", en: "The target \"{value}\" of \"{name}\" cannot be read as operator + number + unit" },
      error: { zh: "“{name}”的指标值是错误值 {value}", en: "The target of \"{name}\" is the error value {value}" },
    },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      for (const item of [row.half, row.full]) {
        const p = parsed(item);
        if (!item) continue;
        if (p.kind === "error") ctx.report({ cell: item.cell, messageId: "error", data: { name: level3(row), value: item.text }, severity: "error" });
        else if (p.kind === "text" && /\d/.test(p.raw.normalize("NFKC"))) ctx.report({ cell: item.cell, messageId: "unreadable", data: { name: level3(row), value: item.text } });
      }
    }
  },
);
