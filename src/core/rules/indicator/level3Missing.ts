import { defineRule } from "../types";

export default defineRule(
  {
    id: "indicator/level3-missing",
    category: "indicator",
    severity: "error",
    needs: ["level3"],
    appliesTo: ["project-target", "department-target"],
    title: { zh: "有指标值必须有三级指标名称", en: "Values need a 三级 indicator name" },
    doc: { zh: "填了指标值的行必须写明三级指标名称，否则无法知道考核什么。", en: "A row with target values must name its 三级 indicator, or nobody knows what is measured." },
    fix: { zh: "在该行写明三级指标名称，或删除多余的指标值。", en: "Name the third-level indicator on this row, or delete the stray value." },
    messages: { missing: { zh: "此行填了指标值“{value}”，但没有三级指标名称", en: "This row has the value \"{value}\" but no 三级 indicator name" } },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      if (!row.level3 || row.level3.text) continue;
      const v = row.full?.text || row.half?.text;
      if (v) ctx.report({ cell: row.level3.cell, messageId: "missing", data: { value: v } });
    }
  },
);
