import type { AmountLine, CellItem, Table } from "../../src/core/model";

/** A table's summed money lines (total and its parts): where the typed-twin tests put SUM formulas. */
export function lineItems(t: Table): { total?: CellItem; parts: (CellItem | undefined)[] }[] {
  if (t.kind !== "project-target" && t.kind !== "department-target") return [];
  const full = (ls: AmountLine[]) => ls.map((l) => l.full);
  const out = [{ total: t.funding.total?.full, parts: full(t.funding.sources) }];
  if (t.kind === "project-target" && t.expenseTotal) out.push({ total: t.expenseTotal.full, parts: full(t.expenses) });
  return out;
}
