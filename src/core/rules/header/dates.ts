import type { CellItem } from "../../model";
import { defineRule } from "../types";

/** Year (and month) from 2025年, 2025年12月, 2025-12, 2025.12, or an Excel date serial. */
export function yearMonth(item: CellItem | undefined): { year: number; month?: number } | undefined {
  if (!item) return undefined;
  if (typeof item.value === "number") {
    if (item.value >= 1900 && item.value <= 2200 && Number.isInteger(item.value)) return { year: item.value };
    if (item.value > 20000 && item.value < 120000) {
      const d = new Date(Math.round((item.value - 25569) * 86400000));
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
    }
    return undefined;
  }
  const text = item.text.normalize("NFKC");
  // A year alone, written as text (2020).
  const bare = /^\s*((?:19|20|21)\d{2})\s*$/.exec(text);
  if (bare) return { year: Number(bare[1]) };
  const m = /(\d{4})\s*(?:年|[-/.])\s*(?:(\d{1,2})\s*月?)?/.exec(text);
  if (!m) return undefined;
  return { year: Number(m[1]), month: m[2] ? Number(m[2]) : undefined };
}

function before(a: { year: number; month?: number }, b: { year: number; month?: number }): boolean {
  return a.year < b.year || (a.year === b.year && a.month !== undefined && b.month !== undefined && a.month < b.month);
}

export default defineRule(
  {
    id: "header/dates",
    category: "header",
    severity: "error",
    appliesTo: ["project-target"],
    title: { zh: "开始与完成时间合理", en: "Start and completion dates make sense" },
    doc: {
      zh: "完成时间不能早于开始时间，也不能早于预算年度；完成时间比预算年度晚几十年以上（如 2121 年）多半是笔误，给出警告。",
      en: "The completion date cannot precede the start date or the budget year; a completion date decades after the budget year (such as 2121) is most likely a typo and is warned about.",
    },
    fix: { zh: "核对开始/完成时间，改为预算年度内合理的年月。", en: "Check the start and end dates and correct them to a sensible date in the budget year." },
    messages: {
      endBeforeStart: { zh: "完成时间 {end} 早于开始时间 {start}", en: "Completion {end} is before the start {start}" },
      endBeforeYear: { zh: "完成时间 {end} 早于预算年度 {year}", en: "Completion {end} is before the budget year {year}" },
      farFuture: { zh: "完成时间 {end} 比预算年度 {year} 晚 {gap} 年，疑似笔误", en: "Completion {end} is {gap} years after the budget year {year}; likely a typo" },
      planBeforeYear: {
        zh: "进度计划“{item}”{start}—{end}，在 {year} 预算年度之前结束：已完成的工作不应列入本年计划，或日期填错",
        en: "Plan item \"{item}\" runs {start}–{end}, ending before the {year} budget year: finished work does not belong in this year's plan, or the dates are wrong",
      },
      unreadable: { zh: "无法读取“{label}”中的年份“{text}”", en: "Cannot read a year in \"{label}\": \"{text}\"" },
    },
  },
  (table, ctx) => {
    const startItem = table.fields.startTime?.value;
    const endItem = table.fields.endTime?.value;
    const start = yearMonth(startItem);
    const end = yearMonth(endItem);
    for (const [item, ym, label] of [[startItem, start, "开始时间"], [endItem, end, "完成时间"]] as const) {
      if (item && item.text && !ym) ctx.report({ cell: item.cell, messageId: "unreadable", data: { label, text: item.text }, severity: "warning" });
    }
    const budgetYear = table.year?.value;
    // A plan's lines (项目实施进度计划): one ending before the budget year is last years' work (宁乡 2021: 总体概念规划 2016–2020).
    if (budgetYear !== undefined) {
      for (const p of table.plan ?? []) {
        const e = yearMonth(p.end);
        if (e && e.year < budgetYear) ctx.report({ cell: p.end.cell, messageId: "planBeforeYear", data: { item: (p.label?.text ?? "").replace(/^\s*\d+[、.．]?\s*/, ""), start: p.start.text, end: p.end.text, year: budgetYear }, severity: "warning" });
      }
    }
    if (!endItem || !end) return;
    if (start && startItem && before(end, start)) ctx.report({ cell: endItem.cell, messageId: "endBeforeStart", data: { end: endItem.text, start: startItem.text } });
    const year = table.year?.value;
    if (year === undefined) return;
    if (end.year < year) ctx.report({ cell: endItem.cell, messageId: "endBeforeYear", data: { end: endItem.text, year } });
    else if (end.year - year > 30) ctx.report({ cell: endItem.cell, messageId: "farFuture", data: { end: endItem.text, year, gap: end.year - year }, severity: "warning" });
  },
);
