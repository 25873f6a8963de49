import { defineRule } from "../types";
import type { CellItem } from "../../model";
import { amountValue, differs, fmt } from "../util";

/** 元 per unit a label states in brackets (预算金额(万元) → 10000), or undefined where it states none. */
function unitOf(label: string | undefined): number | undefined {
  const m = label?.replace(/\s+/g, "").match(/[(（](万元|元)[)）]/);
  return m ? (m[1] === "万元" ? 1e4 : 1) : undefined;
}

/**
 * Some department forms list their spending a second time in a 年度履职目标 sub-table (支出项目名称 |
 * 预算金额): the projects and a 基本支出 line. Those amounts must agree with the 年度预算安排 above them.
 */
export default defineRule(
  {
    id: "funding/duty-lines",
    category: "funding",
    severity: "error",
    appliesTo: ["department-target"],
    title: { zh: "履职目标中的预算金额与年度预算安排一致", en: "Amounts in the duty sub-table agree with the annual budget" },
    doc: {
      zh: "部门整体表的“年度履职目标”子表按支出项目列出预算金额时：其中的基本支出应等于年度预算安排的基本支出，各项目金额之和应等于项目支出，全部金额之和不应超过资金总额。依据：表式本身——该子表按职能重述年度预算安排（如福建市级部门整体支出绩效目标表）。",
      en: "When a department table's 年度履职目标 sub-table lists budget amounts per spending item: its 基本支出 line must equal the 基本支出 of the annual budget, its project lines must add up to 项目支出, and all of them together must not exceed 资金总额. Source: the form itself — the sub-table restates the annual budget by duty (e.g. 福建 city department forms).",
    },
    fix: { zh: "核对履职目标子表的预算金额，使基本支出、项目合计与上方年度预算安排一致。", en: "Check the amounts of the duty sub-table so that its 基本支出 and its project total match the annual budget above." },
    messages: {
      basic: { zh: "履职目标中“{label}”的预算金额 {amount}，与年度预算安排的基本支出 {basic} 不一致", en: "The duty sub-table gives {amount} for “{label}”, but the annual budget's 基本支出 is {basic}" },
      projects: { zh: "履职目标中各支出项目合计 {sum}，与项目支出 {project} 不一致（相差 {diff}）", en: "The duty sub-table's projects add up to {sum}, but 项目支出 is {project} (difference {diff})" },
      total: { zh: "履职目标中预算金额合计 {sum}，超过资金总额 {total}", en: "The duty sub-table's amounts add up to {sum}, more than total funding {total}" },
    },
  },
  (table, ctx) => {
    const lines = table.dutyLines.filter((l) => amountValue(l.full) !== null);
    if (lines.length === 0) return;
    // Each block states its own unit: a sub-table in 万元 under a budget in 元 (or the other way) is compared in
    // the budget's unit, not figure against figure. Where either says no unit, the figures are compared as written.
    const dutyUnit = unitOf(table.dutyAmountHeader?.text);
    const budgetUnit = unitOf(table.funding.unitLabel?.text);
    const scale = dutyUnit !== undefined && budgetUnit !== undefined ? dutyUnit / budgetUnit : 1;
    const duty = (item: CellItem | undefined) => amountValue(item)! * scale;
    const tol = ctx.profile.amountTolerance;
    let reported = false;
    const basic = amountValue(table.basic?.full);
    for (const l of lines.filter((l) => l.basic)) {
      const v = duty(l.full);
      if (basic !== null && differs(v, basic, tol)) {
        ctx.report({ cell: l.full!.cell, messageId: "basic", data: { label: l.label.text, amount: fmt(v), basic: fmt(basic) } });
        reported = true;
      }
    }
    const projects = lines.filter((l) => !l.basic);
    const project = amountValue(table.projectTotal?.full);
    const sum = projects.reduce((n, l) => n + duty(l.full), 0);
    if (projects.length > 0 && project !== null && differs(sum, project, tol)) {
      ctx.report({ cell: projects[projects.length - 1].full!.cell, messageId: "projects", data: { sum: fmt(sum), project: fmt(project), diff: fmt(sum - project) } });
      reported = true;
    }
    // The whole sub-table over the total: said once, only when no line above was already blamed.
    const total = amountValue(table.funding.total?.full);
    const all = lines.reduce((n, l) => n + duty(l.full), 0);
    if (!reported && total !== null && all > total && differs(all, total, tol)) {
      ctx.report({ cell: lines[lines.length - 1].full!.cell, messageId: "total", data: { sum: fmt(all), total: fmt(total) } });
    }
  },
);
