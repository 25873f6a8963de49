/**
 * Excel.run with the options this host understands. RunOptions.delayForCellEdit (ExcelApi 1.11)
 * makes a batch wait while the user is typing in a cell instead of failing with
 * InvalidOperationInCellEditMode; older hosts ignore the option, so callers there retry instead.
 */
import type { Capabilities } from "./capabilities";

export type Runner = <T>(fn: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** A sync may wait for the user to finish editing a cell: live-mode batches get a longer timeout. */
export const LIVE_TIMEOUT_MS = 120_000;

export function excelRunner(caps: Pick<Capabilities, "delayForCellEdit">): Runner {
  return <T,>(fn: (context: Excel.RequestContext) => Promise<T>) =>
    caps.delayForCellEdit ? Excel.run<T>({ delayForCellEdit: true }, fn) : Excel.run<T>(fn);
}

export function isCellEditError(e: unknown): boolean {
  return (e as { code?: string })?.code === "InvalidOperationInCellEditMode";
}
