/**
 * Sums found by arithmetic among a table's money blocks (the derived cells of the TU Dresden cell-role work:
 * a cell is a total because the cells above it add up to it, not because of its label alone).
 *
 * A row labelled as a total (合计, 小计, 总计 … — the catalogue's words) is checked column by column: the numbers
 * above it, up to a header or an earlier total, are its parts. The label proposes; the arithmetic decides. A
 * column whose stated figure lies within the range of its parts is an average or a rate (执行率, 单价), not
 * a sum, and is marked so. Blocks the labelled funding readers could not read (a 成本构成 block with columns
 * by year, a 收入构成 / 支出构成 block under a 部门总体资金情况 label) are read this way, so their broken sums
 * are found on a table never seen before.
 */
import type { DerivedSum, Table } from "../model";
import type { Vocabulary } from "../forms/vocabulary";
import { cellItemAt, labelIndex } from "../locate/region";
import { isBlank, type CellValue, type SheetView } from "../snapshot";

const NUMERIC = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/;

/** A cell's number: a number, or text that is only a number (968.1918, 74.8%); null for anything else. */
export function numberOf(v: CellValue): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  const t = v.normalize("NFKC").replace(/\s+/g, "");
  const pct = t.endsWith("%");
  const body = pct ? t.slice(0, -1) : t;
  if (!body || !NUMERIC.test(body) || !/\d/.test(body)) return null;
  const n = Number(body.replace(/,/g, ""));
  return pct ? n / 100 : n;
}

/** The last row of the table's money area: above the indicator rows (their totals are the scoring rules'). */
function moneyBottom(table: Table): number {
  const rows = "indicators" in table && Array.isArray(table.indicators) ? (table.indicators as { row: number }[]).map((i) => i.row) : [];
  const header = table.reading?.headerRow;
  const first = Math.min(header ?? Infinity, ...rows);
  return Number.isFinite(first) ? first - 1 : table.range.bottom;
}

export const sumHolds = (stated: number, sum: number): boolean => Math.abs(stated - sum) <= Math.max(0.005, Math.abs(stated) * 1e-9);

export function derivedSums(view: SheetView, table: Table, vocab: Vocabulary): DerivedSum[] {
  const { top, left, right } = table.range;
  const bottom = moneyBottom(table);
  const idx = labelIndex(view);
  const f = vocab.funding;
  const isSumLabel = (l: string) => f.expenseTotal.test(l) || f.isTotal(l);
  const sumRows = new Set<number>();
  for (let r = top; r <= bottom; r++) if (idx.find(r, left, right, isSumLabel) >= 0) sumRows.add(r);
  const out: DerivedSum[] = [];
  for (const r of sumRows) {
    const labelCol = idx.find(r, left, right, isSumLabel);
    const label = idx.labelAt(r, labelCol) ?? "";
    for (let c = labelCol + 1; c <= right; c++) {
      if (view.isCovered(r, c)) continue;
      const stated = numberOf(view.raw(r, c));
      if (stated === null) continue;
      const parts: DerivedSum["parts"] = [];
      for (let k = r - 1; k >= top && !sumRows.has(k); k--) {
        const v = cellItemAt(view, k, c).value;
        if (isBlank(v)) continue;
        const n = numberOf(v);
        if (n === null) break; // a header or a text line closes the block
        parts.push({ row: k, col: c, value: n });
      }
      const nonZero = parts.filter((p) => p.value !== 0);
      if (nonZero.length < 2) continue;
      parts.reverse();
      const sum = Math.round(parts.reduce((a, p) => a + p.value, 0) * 1e6) / 1e6;
      const values = nonZero.map((p) => p.value);
      const holds = sumHolds(stated, sum);
      // 元 in a 万元 block: one part 10,000 times too large, the sum holding once it is divided.
      const slip = holds ? undefined : parts.find((p) => Math.abs(p.value) >= Math.abs(stated) * 100 && sumHolds(stated, sum - p.value + p.value / 1e4));
      const average = !holds && !slip && stated >= Math.min(...values) && stated <= Math.max(...values);
      out.push({ row: r, col: c, label, stated, sum, parts, holds, ...(slip ? { slip } : {}), ...(average ? { average } : {}) });
    }
  }
  return out;
}
