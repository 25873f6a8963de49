/** The cells a located table reads, for the formula rules (which look at every cell a rule may use). */
import type { CellItem, Field, IndicatorRow, Table } from "../../model";
import { allAmountLines } from "../util";

/** A cell the table reads, and whether a number is expected there. */
export interface ReadCell {
  item: CellItem;
  number: boolean;
}

function fields(fs: Partial<Record<string, Field>> | undefined, out: ReadCell[]): void {
  for (const f of Object.values(fs ?? {})) if (f?.value) out.push({ item: f.value, number: false });
}

function indicatorCells(rows: readonly IndicatorRow[], out: ReadCell[]): void {
  for (const r of rows) {
    for (const it of [r.half, r.full]) if (it) out.push({ item: it, number: false });
    for (const it of Object.values(r.extra)) if (it) out.push({ item: it, number: false });
  }
}

/** Every value cell of the table, each once (first mention wins). */
export function readCells(table: Table): ReadCell[] {
  const out: ReadCell[] = [];
  switch (table.kind) {
    case "project-target":
    case "department-target":
      fields(table.fields as Partial<Record<string, Field>>, out);
      for (const l of allAmountLines(table)) for (const it of [l.half, l.full]) if (it) out.push({ item: it, number: true });
      indicatorCells(table.indicators, out);
      break;
    case "self-evaluation":
      fields(table.fields, out);
      for (const f of table.funds) for (const it of [f.initial, f.budget, f.executed, f.weight, f.rate, f.score]) if (it) out.push({ item: it, number: true });
      for (const r of table.indicators) for (const it of [r.weight, r.score]) if (it) out.push({ item: it, number: true });
      indicatorCells(table.indicators, out);
      for (const r of table.indicators) if (r.actual) out.push({ item: r.actual, number: false });
      for (const it of [table.total?.weight, table.total?.score]) if (it) out.push({ item: it, number: true });
      break;
    case "monitoring":
      fields(table.fields, out);
      for (const f of table.funds) for (const it of [f.budget, f.executed, f.rate, f.forecast]) if (it) out.push({ item: it, number: true });
      for (const r of table.indicators) for (const it of [r.full, r.progress, r.forecast]) if (it) out.push({ item: it, number: false });
      break;
    case "evaluation-report":
      for (const b of table.blocks) {
        for (const r of b.rows) {
          for (const it of [r.weight, r.score]) if (it) out.push({ item: it, number: true });
          for (const it of [r.target, r.actual]) if (it) out.push({ item: it, number: false });
        }
      }
      break;
  }
  const seen = new Set<number>();
  return out.filter((c) => {
    const key = c.item.cell.row * 16384 + c.item.cell.col;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
