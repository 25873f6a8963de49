import { defineRule } from "../types";
import { amountValue, differs, fmt, sumAmounts } from "../util";

export default defineRule(
  {
    id: "funding/project-lines-sum",
    category: "funding",
    severity: "error",
    appliesTo: ["department-target"],
    title: { zh: "项目明细之和等于项目支出", en: "Project lines add up to 项目支出" },
    doc: {
      zh: "部门整体表中，列出的各项目全年预算数之和应等于项目支出；半年计划执行数同理。",
      en: "In a department table, the listed project lines must add up to the stated 项目支出, for the full year and for the half-year plan.",
    },
    fix: { zh: "核对各项目明细金额，使其合计等于项目支出。", en: "Check the project lines so that they add up to 项目支出." },
    messages: {
      full: { zh: "项目明细全年预算合计 {sum}，与项目支出 {stated} 不一致（相差 {diff}）", en: "Project lines add up to {sum} for the full year, but 项目支出 states {stated} (difference {diff})" },
      half: { zh: "项目明细半年计划合计 {sum}，与项目支出半年数 {stated} 不一致（相差 {diff}）", en: "Project lines add up to {sum} for the half year, but 项目支出 states {stated} (difference {diff})" },
    },
  },
  (table, ctx) => {
    const p = table.projectTotal;
    if (!p || table.projectLines.length === 0) return;
    for (const which of ["full", "half"] as const) {
      const stated = amountValue(p[which]);
      const sum = sumAmounts(table.projectLines.map((l) => l[which]));
      if (stated === null || sum === null || !p[which]) continue;
      if (differs(sum, stated, ctx.profile.amountTolerance)) ctx.report({ cell: p[which]!.cell, messageId: which, data: { sum: fmt(sum), stated: fmt(stated), diff: fmt(sum - stated) } });
    }
  },
);
