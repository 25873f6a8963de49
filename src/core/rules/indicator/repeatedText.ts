import { memoLabel } from "../../locate/labels";
import type { CellItem, Field, IndicatorRow } from "../../model";
import { defineRule } from "../types";
import { group1, level3 } from "../util";
import { anyMatch, indicatorWords } from "../words";
import { yearsIn } from "./yearPastBudget";

const norm = memoLabel((s: string) => s.normalize("NFKC").replace(/[\s,，。.;；:：、]+/g, ""));

/**
 * Class 8 of issue 22: a field that repeats another word for word — 年度目标 identical to 长期目标, a target
 * identical to the indicator's name, the same text in every 三级 cell of a 一级 group. The goals' case is only
 * information: a one-year project may state the same goal twice.
 */
export default defineRule(
  {
    id: "indicator/repeated-text",
    category: "indicator",
    severity: "warning",
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "内容逐字重复另一栏", en: "A field repeats another word for word" },
    doc: {
      zh: "指标值照抄指标名称、一个一级指标下所有三级指标写成同一句话，说明该栏没有实际填写；年度目标与中长期（实施期）目标逐字相同时提示核对（一年期项目可以相同，仅作提示）。",
      en: "A target that copies the indicator's name, or the same text in every 三级 cell of a 一级 group, means the cell was not really filled in; an annual goal word for word the same as the long-term goal is pointed out for checking (a one-year project may have the same, so information only).",
    },
    fix: { zh: "分别填写：指标值写可考核的数值或标准，三级指标写各自的内容，年度目标写本年度要完成的部分。", en: "Fill each in its own right: a measurable target, a distinct name per indicator, the year's share in the annual goal." },
    messages: {
      goals: { zh: "年度目标与{long}逐字相同；年度目标应写本年度要完成的部分（一年期项目可忽略）", en: "The annual goal is word for word the {longEn}; it should state this year's share (ignore for a one-year project)" },
      valueIsName: { zh: "“{name}”的指标值照抄了指标名称，没有可考核的目标；应写成数值加单位或明确的标准", en: "The target of \"{name}\" copies the name and sets nothing to assess; write a number with a unit or a clear standard" },
      sameInGroup: { zh: "“{group}”下 {count} 个三级指标都写成“{text}”；每个三级指标应写各自的考核内容", en: "All {count} 三级 indicators under \"{group}\" read \"{text}\"; each needs its own content" },
    },
  },
  (table, ctx) => {
    const fields = table.fields as Record<string, Field | undefined>;
    const annual = fields.annualGoal?.value;
    const long = fields.longTermGoal?.value;
    // Only for a project whose own period crosses years (开始 2023 / 完成 2025, 实施期 2023.07-2024.01): a
    // one-year or recurring project states the same goal twice with good reason.
    const period = indicatorWords(ctx.profile).projectPeriod;
    const years: number[] = [];
    for (const [key, f] of Object.entries(fields)) {
      if (f?.value && (key === "startTime" || key === "endTime" || anyMatch(period, f.label.text))) years.push(...yearsIn(f.value.text));
    }
    const span = years.length ? Math.max(...years) - Math.min(...years) : 0;
    const multiYear = span >= 1 && span <= 10;
    if (multiYear && annual && long && norm(annual.text).length >= 6 && norm(annual.text) === norm(long.text)) {
      ctx.report({ cell: annual.cell, messageId: "goals", data: { long: fields.longTermGoal!.label.text || "长期目标", longEn: "long-term goal" }, severity: "info" });
    }
    for (const row of table.indicators) {
      const name = level3(row);
      if (norm(name).length < 2) continue;
      for (const item of [row.half, row.full]) {
        // (A merged cell read as both name and value is one cell, not a copy.)
        const same = item && row.level3 && item.cell.row === row.level3.cell.row && item.cell.col === row.level3.cell.col;
        if (item?.text && !same && norm(item.text) === norm(name) && !/^\d/.test(norm(name))) {
          ctx.report({ cell: item.cell, messageId: "valueIsName", data: { name } });
          break;
        }
      }
    }
    // Same 三级 text throughout one 一级 group spanning several 二级. A group is a merged 一级 cell or, unmerged,
    // the same 一级 text written down adjacent rows (an export that repeats the group on every row).
    const groups = new Map<string, IndicatorRow[]>();
    let run = { text: "", key: "", last: -2 };
    for (const row of table.indicators) {
      if (!row.level3?.text || !row.level1?.text) continue;
      const cellKey = `${row.level1.cell.row}:${row.level1.cell.col}`;
      const text = norm(row.level1.text);
      const key = run.text === text && run.last === row.row - 1 ? run.key : cellKey;
      run = { text, key, last: row.row };
      const list = groups.get(key) ?? [];
      list.push(row);
      groups.set(key, list);
    }
    for (const rows of groups.values()) {
      if (rows.length < 3) continue;
      const first = norm(rows[0].level3!.text);
      const level2s = new Set(rows.map((r) => r.level2?.text ?? ""));
      if (level2s.size < 2 || !rows.every((r) => norm(r.level3!.text) === first)) continue;
      const cell: CellItem = rows[0].level3!;
      ctx.report({ cell: cell.cell, messageId: "sameInGroup", data: { group: group1(rows[0]) || rows[0].level1!.text, count: rows.length, text: cell.text } });
    }
  },
);
