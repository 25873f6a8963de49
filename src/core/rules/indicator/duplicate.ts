import { defineRule } from "../types";
import { level3 } from "../util";
import { a1 } from "../../snapshot";

export default defineRule(
  {
    id: "indicator/duplicate",
    category: "indicator",
    severity: "warning",
    needs: ["level3"],
    appliesTo: ["project-target", "department-target"],
    title: { zh: "指标重复", en: "Duplicated indicator" },
    doc: {
      zh: "同一张表中三级指标名称和指标值完全相同的行出现多次，通常是复制粘贴遗留，会重复计分。",
      en: "The same 三级 indicator with the same values appears more than once in a table: usually a copy-paste leftover, and it would be scored twice.",
    },
    fix: { zh: "删除重复行，或改写其中一行使之考核不同内容。", en: "Delete the duplicate row, or reword one of them to measure something else." },
    messages: { duplicate: { zh: "“{name}”与第 {first} 单元格的指标重复", en: "\"{name}\" duplicates the indicator at {first}" } },
  },
  (table, ctx) => {
    const seen = new Map<string, { row: number; col: number }>();
    for (const row of table.indicators) {
      const name = level3(row);
      if (!name || !row.level3) continue;
      const key = `${name}\u0000${row.half?.text ?? ""}\u0000${row.full?.text ?? ""}`;
      const first = seen.get(key);
      if (first) ctx.report({ cell: row.level3.cell, messageId: "duplicate", data: { name, first: a1(first.row, first.col) } });
      else seen.set(key, row.level3.cell);
    }
  },
);
