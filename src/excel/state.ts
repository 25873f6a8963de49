/**
 * What the add-in remembers about its own flags, kept in the workbook's add-in settings
 * (ExcelApi 1.4, saved with the file, invisible to the sheet grid and to the CLI reader).
 * Only what restoring needs: which cells carry our remark and whether we created it.
 */

export const STATE_KEY = "perfcheck.flags.v1";

export interface CellRemark {
  /** We created the note/comment (delete on clear) rather than appending to a user's note (strip on clear). */
  created: boolean;
  /** Comment id when the remark is a threaded comment. */
  commentId?: string;
}

export interface SheetFlags {
  /** A1 address → remark record. Cells coloured without a remark are listed with null. */
  cells: Record<string, CellRemark | null>;
}

export interface FlagState {
  v: 1;
  /** Name of the 校验结果 sheet we created, if any. */
  resultsSheet?: string;
  sheets: Record<string, SheetFlags>;
}

export function emptyState(): FlagState {
  return { v: 1, sheets: {} };
}

export function parseState(raw: unknown): FlagState {
  let v = raw;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      return emptyState();
    }
  }
  if (typeof v !== "object" || v === null || (v as FlagState).v !== 1 || typeof (v as FlagState).sheets !== "object") return emptyState();
  return v as FlagState;
}

export interface StateHandle {
  read(): FlagState;
  /** The setting was present (so saving "nothing" must delete it). */
  existed(): boolean;
}

/** Queue the settings read; call read() after the sync. */
export function queueStateLoad(context: Excel.RequestContext): StateHandle {
  const item = context.workbook.settings.getItemOrNullObject(STATE_KEY);
  item.load("value");
  return { read: () => (item.isNullObject ? emptyState() : parseState(item.value)), existed: () => !item.isNullObject };
}

/** Queue the settings write (or removal when nothing is flagged any more). */
export function queueStateSave(context: Excel.RequestContext, state: FlagState, existed: boolean): void {
  const empty = !state.resultsSheet && Object.keys(state.sheets).length === 0;
  if (empty) {
    if (existed) context.workbook.settings.getItem(STATE_KEY).delete();
    return;
  }
  // Stored as a string: settings values round-trip JSON, but a string keeps the shape under our control.
  context.workbook.settings.add(STATE_KEY, JSON.stringify(state));
}
