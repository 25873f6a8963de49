import type { IndicatorRow, Table } from "../../model";
import { defineRule } from "../types";
import { anyMatch, indicatorWords } from "../words";
import { level3 } from "../util";

/** The budget year: the one stated above the table, else the one its title starts with (2020年度…自评表). */
export function budgetYear(table: Table): number | undefined {
  if (table.year) return table.year.value;
  const m = /^\s*[(（]?(20\d{2})\s*年/.exec(table.title?.text ?? "");
  return m ? Number(m[1]) : undefined;
}

/** Years a text names as dates or periods: 2024年, 2023.07, 2024-01, 2018-2022. Titles in 《》 are left out. */
const NONE: readonly number[] = [];

export function yearsIn(text: string): readonly number[] {
  // Asked of every value and name of every row: a text with no 20xx (in either width) names no year.
  if (!/[2２][0０]/.test(text)) return NONE;
  const t = text.normalize("NFKC").replace(/《[^》]*》/g, "");
  const out: number[] = [];
  // A year stands as a date: followed by 年 or a month, or as one end of a range of years (not 2000户).
  for (const m of t.matchAll(/(?<!\d)(20\d{2})(?!\d)/g)) {
    const after = t.slice(m.index! + 4, m.index! + 12);
    const before = t.slice(Math.max(0, m.index! - 6), m.index!);
    if (/^\s*(年|[./-]\s*(0?[1-9]|1[0-2])(?!\d))/.test(after) || /^\s*[-~～—至到]+\s*20\d{2}/.test(after) || /20\d{2}\s*[-~～—至到]+\s*$/.test(before)) out.push(Number(m[1]));
  }
  return out;
}

/**
 * Class 1 of issue 22: an annual target that ends after the budget year (2024年底前, 2023.07-2024.01 in a 2023
 * table). The project's own period (建设周期, 实施期: profile.indicatorWords.projectPeriod) may run past the year;
 * mid-term targets are not annual and are left alone.
 */
export default defineRule(
  {
    id: "indicator/year-past-budget",
    category: "indicator",
    severity: "warning",
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "年度指标的时间超出预算年度", en: "An annual target runs past the budget year" },
    doc: {
      zh: "年度绩效指标只考核本预算年度：指标名称或指标值写的时间（2024年底前、2023.07-2024.01、2018-2022）晚于表的预算年度，年底无法考核。项目本身的建设周期、实施期可以跨年，不在此列（财预〔2021〕101号：年度指标与年度目标对应）。",
      en: "Annual indicators are assessed within the budget year: a date in the name or target (2024年底前, 2023.07-2024.01, 2018-2022) later than the table's year cannot be assessed at year end. The project's own period (建设周期, 实施期) may cross years and is left alone (Caiyu [2021] No. 101: annual indicators match the annual goal).",
    },
    fix: { zh: "把年度指标改成本年度内可完成、可考核的目标（如“当年12月底前”），跨年的内容写在中长期目标中。", en: "Set an annual target that can be met and assessed within the year (e.g. by December), and put what runs past it in the mid-term goals." },
    messages: {
      pastName: { zh: "“{name}”写到 {last} 年，超出 {year} 年预算年度；年度指标应是本年度内可考核的内容，跨年的部分写入中长期目标", en: "\"{name}\" runs to {last}, past the {year} budget year; an annual indicator must be assessable within the year, and what runs past it belongs in the mid-term goals" },
      past: { zh: "“{name}”写的时间“{text}”到 {last} 年，超出 {year} 年预算年度；年度指标应在本年度内可考核，如改为“{year}年12月底前”", en: "\"{name}\": \"{text}\" runs to {last}, past the {year} budget year; an annual target must be assessable within the year, e.g. by December {year}" },
    },
  },
  (table, ctx) => {
    const year = budgetYear(table);
    if (year === undefined) return;
    const words = indicatorWords(ctx.profile);
    const rows: IndicatorRow[] = table.indicators;
    for (const row of rows) {
      const name = level3(row);
      if (anyMatch(words.projectPeriod, name) || anyMatch(words.projectPeriod, row.level2?.text ?? "")) continue;
      for (const item of [row.level3, row.half, row.full]) {
        if (!item?.text) continue;
        const ys = yearsIn(item.text);
        if (!ys.length) continue;
        const last = Math.max(...ys);
        // A year far past the budget year is a plan's horizon (2035年远景目标) rather than a slip; ≤ 3 years on.
        if (last > year && last - year <= 3) {
          ctx.report({ cell: item.cell, messageId: item === row.level3 ? "pastName" : "past", data: { name: name || item.text, text: item.text, last, year } });
          break;
        }
      }
    }
  },
);
