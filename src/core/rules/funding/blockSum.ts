import type { CellItem, DerivedSum, Table } from "../../model";
import { a1 } from "../../snapshot";
import { defineRule } from "../types";
import { allAmountLines, differs, fmt } from "../util";

const KEY = (row: number, col: number) => `${row}:${col}`;

/**
 * The cells the labelled funding readers already read as money lines (资金总额, 支出 lines, 合计 …): their sums
 * are the other funding rules' to check, and a second finding on the same cell would say the same thing twice.
 */
function readCells(table: Table): Set<string> {
  const out = new Set<string>();
  const add = (item: CellItem | undefined) => void (item && out.add(KEY(item.cell.row, item.cell.col)));
  if (table.kind === "project-target" || table.kind === "department-target") for (const l of allAmountLines(table)) (add(l.half), add(l.full));
  else if (table.kind === "self-evaluation") for (const f of table.funds) (add(f.initial), add(f.budget), add(f.executed));
  return out;
}

/**
 * A total the table states that its own parts do not add up to, in a block the labelled readers did not
 * read (a 成本构成 block with a column per year; 收入构成 / 支出构成 under 部门总体资金情况). The row is shown
 * to be a sum row by arithmetic: another column of the same row adds up over the same rows, or the figure
 * adds up once one part is read as 元 in a 万元 table. A label alone never raises the finding.
 */
export default defineRule(
  {
    id: "funding/block-sum",
    category: "funding",
    severity: "error",
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "合计与各项之和不符（按算术识别的合计行）", en: "A total that its parts do not add up to (total row found by arithmetic)" },
    doc: {
      zh: "资金构成、成本测算等区块中的“合计”“小计”行：同一行其他列的合计与上方各项之和相符，说明这是合计行；本列却不相符。若把某一项按元换算为万元后恰好相符，则指出该项填错了单位。",
      en: "A 合计 / 小计 row of a funding or cost block: another column of the same row adds up over the same rows, which shows it is a total row, but this column does not. Where the sum holds once one part is read as 元 rather than 万元, that part is named.",
    },
    fix: { zh: "核对各项金额与合计，改正算错或填错单位的数。", en: "Check the parts and the total, and correct the wrong figure or unit." },
    messages: {
      sum: {
        zh: "“{label}”{stated} ≠ 上方各项之和 {parts} = {sum}（同一行{other}的合计相符）",
        en: "\"{label}\" {stated} ≠ the sum of the parts above, {parts} = {sum} (the total in {other} of the same row adds up)",
      },
      yuan: {
        zh: "{cell}的 {value} 像是以元填写：按万元应为 {wan}，这样各项之和才等于“{label}”{stated}；请换算为万元",
        en: "{value} in {cell} looks like 元: in 万元 it is {wan}, and only then do the parts add up to \"{label}\" {stated}; convert it to 万元",
      },
    },
  },
  (table, ctx) => {
    const sums = table.sums ?? [];
    if (sums.length === 0) return;
    const tol = ctx.profile.amountTolerance;
    const read = readCells(table);
    const byRow = new Map<number, DerivedSum[]>();
    for (const s of sums) if (!s.average) byRow.set(s.row, [...(byRow.get(s.row) ?? []), s]);
    const sameParts = (a: DerivedSum, b: DerivedSum) => a.parts.length > 0 && b.parts.length > 0 && a.parts[0].row === b.parts[0].row && a.parts[a.parts.length - 1].row === b.parts[b.parts.length - 1].row;
    for (const row of byRow.values()) {
      for (const s of row) {
        if (!differs(s.stated, s.sum, tol) || read.has(KEY(s.row, s.col))) continue;
        const slip = s.slip;
        if (slip) {
          ctx.report({ cell: { row: slip.row, col: slip.col }, messageId: "yuan", data: { cell: a1(slip.row, slip.col), value: fmt(slip.value), wan: fmt(slip.value / 1e4), label: s.label, stated: fmt(s.stated) } });
          continue;
        }
        const other = row.find((o) => o !== s && sameParts(o, s) && !differs(o.stated, o.sum, tol));
        if (!other) continue;
        ctx.report({
          cell: { row: s.row, col: s.col },
          messageId: "sum",
          data: { label: s.label, stated: fmt(s.stated), parts: s.parts.map((p) => fmt(p.value)).join(" + "), sum: fmt(s.sum), other: a1(other.row, other.col) },
        });
      }
    }
  },
);
