import type { Finding } from "../finding";
import type { Table, TableKind } from "../model";
import type { SheetView } from "../snapshot";

/** A layout problem the locator met (a table it found but could not fully read). */
export interface LayoutProblem {
  row: number;
  col: number;
  messageId: "unreadable-table" | "missing-column" | "missing-block" | "split-table";
  data: Record<string, string | number>;
}

export interface LocateResult {
  table: Table;
  problems: LayoutProblem[];
}

/** One locator per table kind; each finds every table of its kind on a sheet by its labels. */
export interface KindLocator {
  kind: TableKind;
  locate(view: SheetView): LocateResult[];
}

export type { Finding };
