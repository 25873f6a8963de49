import type { Finding } from "../finding";
import type { Table, TableKind } from "../model";
import type { SheetView } from "../snapshot";
import type { Vocabulary } from "../forms/vocabulary";

/** A layout problem the locator met (a table it found but could not fully read). Typed per message, so every
 * placeholder of the zh and en templates is filled. */
export type LayoutProblem = { row: number; col: number } & (
  | { messageId: "unreadable-table" | "split-table"; data: { reason: string; reasonEn: string } }
  | { messageId: "missing-column"; data: { column: string } }
  | { messageId: "missing-block"; data: { block: string } }
);

export interface LocateResult {
  table: Table;
  problems: LayoutProblem[];
}

/** One locator per table kind; each finds every table of its kind on a sheet by its labels. */
export interface KindLocator {
  kind: TableKind;
  locate(view: SheetView, vocab: Vocabulary): LocateResult[];
}

export type { Finding };
