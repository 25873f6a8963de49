import type { AmountLine, CellItem, FundingBlock } from "../../model";
import { defineRule } from "../types";
import { amountValue, differs, fmt } from "../util";

/**
 * Class 9 of issue 22: an amount 10,000 times what its block implies — 元 written into a 万元 cell
 * (广水 2021: 基本支出 7242318 where 968.1918 − 243.96 = 724.2318). Shown by the block's own sum: the parts do
 * not add up to the total, and they do once that one amount is read as 元.
 */
export default defineRule(
  {
    id: "funding/unit-scale",
    category: "funding",
    severity: "error",
    appliesTo: ["project-target", "department-target"],
    title: { zh: "金额单位错位（万元栏填了元）", en: "An amount in the wrong unit (元 in a 万元 cell)" },
    doc: {
      zh: "某一金额是同一栏其他金额所示规模的一万倍：在以万元为单位的表中填了以元计的数。判断依据是表自身的合计：各项之和与合计不符，而把该金额除以 10000 后恰好相符。",
      en: "One amount is 10,000 times what its block implies: a figure in 元 entered in a 万元 table. The evidence is the block's own sum: the parts do not add up to the total, and they do once that amount is divided by 10,000.",
    },
    fix: { zh: "把该金额换算为万元（除以 10000）后填写。", en: "Convert the amount to 万元 (divide by 10,000)." },
    messages: {
      yuan: { zh: "“{label}”{value} 像是以元填写：按万元应为 {wan}，这样 {parts} 才等于“{total}”{totalValue}；请换算为万元", en: "\"{label}\" {value} looks like 元: in 万元 it is {wan}, and only then do {parts} add up to \"{total}\" {totalValue}; convert it to 万元" },
    },
  },
  (table, ctx) => {
    const tol = ctx.profile.amountTolerance;
    const unitText = table.funding.unitLabel?.text ?? "";
    // A table kept in 元 throughout has no 万元 cell to slip into.
    if (/元/.test(unitText) && !/万元/.test(unitText)) return;
    const seen = new Set<string>();
    const check = (total: AmountLine | undefined, parts: (AmountLine | undefined)[]) => {
      const t = amountValue(total?.full);
      const lines = parts.filter((l): l is AmountLine => !!l && amountValue(l.full) !== null);
      if (!total || t === null || t <= 0 || lines.length < 2) return;
      const values = lines.map((l) => amountValue(l.full)!);
      const sum = values.reduce((a, b) => a + b, 0);
      if (!differs(sum, t, tol)) return;
      values.forEach((v, k) => {
        if (v < t * 100) return;
        const fixed = sum - v + v / 1e4;
        if (differs(fixed, t, tol)) return;
        const cell: CellItem = lines[k].full!;
        const key = `${cell.cell.row}:${cell.cell.col}`;
        if (seen.has(key)) return;
        seen.add(key);
        const parts = lines.map((l, i) => (i === k ? fmt(v / 1e4) : fmt(values[i]))).join(" + ");
        ctx.report({ cell: cell.cell, messageId: "yuan", data: { label: lines[k].label.text, value: fmt(v), wan: fmt(v / 1e4), parts, total: total.label.text, totalValue: fmt(t) } });
      });
    };
    const blocks: FundingBlock[] = [table.funding, ...(table.funding.parallel ?? [])];
    for (const b of blocks) check(b.total, b.sources);
    if (table.kind === "project-target") check(table.expenseTotal ?? table.funding.total, table.expenses);
    else check(table.funding.total, [table.basic, table.projectTotal]);
  },
);
