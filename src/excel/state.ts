/**
 * What the add-in remembers about its own flags, kept in the workbook's add-in settings
 * (ExcelApi 1.4, saved with the file, invisible to the sheet grid and to the CLI reader).
 * Only what restoring needs: which cells carry our remark and whether we created it.
 *
 * Sheets are keyed by worksheet id, not by name: a user who renames a flagged sheet must still be
 * able to clear its flags. The first write of every flagging batch records the union of the old
 * and the planned cells, so a batch Excel refuses part-way still leaves a state that covers
 * everything it may have written (the next run or clear finds and removes it).
 */

export const STATE_KEY = "perfcheck.flags.v1";

export interface CellRemark {
  /** We created the note/comment (delete on clear) rather than appending to a user's note (strip on clear). */
  created: boolean;
  /** Comment id when the remark is a threaded comment. */
  commentId?: string;
}

export interface SheetFlags {
  /** The sheet's name when the state was written (informative; the key is the id). */
  name?: string;
  /** A1 address → remark record. Cells coloured without a remark are listed with null. */
  cells: Record<string, CellRemark | null>;
}

export interface FlagState {
  /** 2: sheets keyed by worksheet id. 1 (older builds): keyed by name, migrated on read. */
  v: 1 | 2;
  /** Name of the 校验结果 sheet we created, if any. */
  resultsSheet?: string;
  /** Its worksheet id, so a rename does not make us create a second one. */
  resultsSheetId?: string;
  sheets: Record<string, SheetFlags>;
}

export function emptyState(): FlagState {
  return { v: 2, sheets: {} };
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
  const st = v as FlagState;
  if (typeof v !== "object" || v === null || (st.v !== 1 && st.v !== 2) || typeof st.sheets !== "object" || st.sheets === null) return emptyState();
  return st;
}

/**
 * Key the state by worksheet id: v1 states (keyed by name) are mapped through the current sheet
 * list; a v2 entry whose id is gone (sheet deleted) is dropped.
 */
export function normaliseState(state: FlagState, sheets: readonly { name: string; id: string }[]): FlagState {
  const out: FlagState = { v: 2, sheets: {} };
  if (state.resultsSheet) out.resultsSheet = state.resultsSheet;
  if (state.resultsSheetId) out.resultsSheetId = state.resultsSheetId;
  const byId = new Map(sheets.map((s) => [s.id, s]));
  const byName = new Map(sheets.map((s) => [s.name, s]));
  for (const [k, flags] of Object.entries(state.sheets)) {
    const sheet = state.v === 1 ? byName.get(k) : byId.get(k);
    if (!sheet) continue;
    out.sheets[sheet.id] = { name: sheet.name, cells: { ...flags.cells } };
  }
  // Created last run: its id was not known yet, its name still is.
  if (state.resultsSheet && !state.resultsSheetId) {
    const rs = byName.get(state.resultsSheet);
    if (rs) out.resultsSheetId = rs.id;
    else delete out.resultsSheet;
  }
  // Our results sheet may have been renamed by the user: its id still finds it.
  if (out.resultsSheetId) {
    const rs = byId.get(out.resultsSheetId);
    if (rs) out.resultsSheet = rs.name;
    else {
      delete out.resultsSheet;
      delete out.resultsSheetId;
    }
  }
  return out;
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

export function isEmptyState(state: FlagState): boolean {
  return !state.resultsSheet && Object.keys(state.sheets).length === 0;
}

/** Queue the settings write (or removal when nothing is flagged any more). */
export function queueStateSave(context: Excel.RequestContext, state: FlagState, existed: boolean): void {
  if (isEmptyState(state)) {
    if (existed) context.workbook.settings.getItem(STATE_KEY).delete();
    return;
  }
  // Stored as a string: settings values round-trip JSON, but a string keeps the shape under our control.
  context.workbook.settings.add(STATE_KEY, JSON.stringify(state));
}
