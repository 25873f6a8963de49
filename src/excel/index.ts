/** The Office.js adapter: host I/O only; validation lives in src/core. */
export * from "./capabilities";
export * from "./sync";
export { readSnapshot, toCellValue, type Scope, type SnapshotRead, type SheetInfo, MAX_CELLS_PER_READ, BLOCK_CELLS } from "./snapshot";
export { writeFlags, clearFlags, remarkText, stripRemark, FLAG_TAG, NOTE_MARKER, RESULTS_SHEET, SEVERITY_FILL, type FlagOutcome, type Lang, type FlagOptions } from "./flags";
export { insertTemplate, charsToPoints, type InsertOutcome } from "./template";
export { validateAndFlag, type RunOptions, type RunResult } from "./validate";
export { startLive, type LiveHandle, type Runner } from "./live";
export { STATE_KEY, type FlagState } from "./state";
