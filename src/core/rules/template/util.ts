import type { CellRef, Table } from "../../model";

export const TEMPLATE_KINDS_CHECKED = ["project-target", "department-target", "self-evaluation", "monitoring"] as const;

/** Where a table-wide template finding goes: its title, else the cell it was found by. */
export function titleCell(table: Table): CellRef {
  return table.title?.cell ?? table.anchor;
}
