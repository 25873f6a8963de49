/**
 * Undo an annotated copy: restore each flagged cell's own fill and note, drop the 校验结果 and state
 * sheets. A fill or note the user changed after flagging is theirs and is kept; values are never touched.
 */
import type ExcelJS from "exceljs";
import type { WorkbookSnapshot } from "../core/snapshot";
import { sheetSnapshot } from "./snapshot";
import { screenState, STATE_SHEET, STATE_TAG, type Screened } from "./state";
import { OVERLAY_MODE } from "./overlay";
import { SEVERITY_FILL } from "./annotate";

/** A conditional format PerfCheck's overlay added: expression rules `TRUE()` filling with one of our colours (as Excel, LibreOffice or exceljs write it back). */
function isOurOverlay(rules: ExcelJS.ConditionalFormattingRule[]): boolean {
  const colours = Object.values(SEVERITY_FILL).map((c) => c.slice(2).toUpperCase());
  return (
    rules.length > 0 &&
    rules.every((r) => {
      const f = (r as { formulae?: unknown[] }).formulae?.[0];
      const style = JSON.stringify((r as { style?: unknown }).style ?? {}).toUpperCase();
      return r.type === "expression" && typeof f === "string" && /^=?TRUE(\(\))?$/i.test(f.trim()) && colours.some((c) => style.includes(c));
    })
  );
}

export interface ClearOutcome {
  restored: number;
  /** Cells whose fill or note the user changed since flagging: left as the user made them. */
  keptUserEdits: number;
  removedSheets: string[];
  /** Sheets named like our state that failed the signature check: ignored, never acted on (zh / en). */
  ignored: string[];
}

/**
 * Screen an exceljs workbook's state: only the sheets named like ours and the result sheets they name
 * are snapshotted (a full snapshot of every sheet would cost a whole read just to look for our state).
 */
export function screenWorkbook(wb: ExcelJS.Workbook): Screened {
  const candidates = wb.worksheets.filter((w) => w.name.startsWith(STATE_SHEET) && w.getCell(1, 1).value === STATE_TAG);
  if (candidates.length === 0) return { ignored: [] };
  const named = new Set(candidates.map((w) => String(w.getCell(1, 3).value ?? "")));
  const sheets = wb.worksheets.filter((w) => candidates.includes(w) || named.has(w.name));
  const snap: WorkbookSnapshot = { sheets: sheets.map((w) => sheetSnapshot(w)) };
  return screenState(snap);
}

function noteText(n: ExcelJS.Cell["note"]): string {
  if (n === undefined || n === null) return "";
  return typeof n === "string" ? n : n.texts?.map((t) => t.text).join("") ?? "";
}

function parse<T>(s: unknown): T | null {
  if (typeof s !== "string" || s === "") return null;
  try {
    return JSON.parse(s) as T;
  } catch {
    return null;
  }
}

/**
 * exceljs has no API to remove a note: unset the cell's comment and the copy its value model kept from
 * loading (which the writer would otherwise put back).
 */
function removeNote(cell: ExcelJS.Cell): void {
  const internal = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  internal._comment = undefined;
  if (internal._value?.model) delete internal._value.model.comment;
}

/**
 * Null when the workbook carries no state PerfCheck can trust (not annotated by PerfCheck, or a forged or
 * stale state: then nothing is touched, and `screenWorkbook` says why).
 */
export function clearAnnotations(wb: ExcelJS.Workbook, screened: Screened = screenWorkbook(wb)): ClearOutcome | null {
  const state = screened.state;
  if (!state) return null;
  const st = wb.getWorksheet(state.stateSheet)!;
  const out: ClearOutcome = { restored: 0, keptUserEdits: 0, removedSheets: [], ignored: screened.ignored };
  const resultSheet = state.resultSheet;
  // Overlay copies (overlay.ts): the fills are conditional-format rules of ours on each flagged sheet —
  // taken off whole, the user's own rules kept; cells' own styles were never touched.
  const overlaySheets = new Set(state.rows.filter((r) => r[2] === OVERLAY_MODE).map((r) => r[0]));
  for (const name of overlaySheets) {
    const ws = wb.getWorksheet(name) as (ExcelJS.Worksheet & { conditionalFormattings?: { ref: string; rules: ExcelJS.ConditionalFormattingRule[] }[] }) | undefined;
    if (ws?.conditionalFormattings) ws.conditionalFormattings = ws.conditionalFormattings.filter((cf) => !isOurOverlay(cf.rules));
  }
  // The signed records, not the sheet's cells as they are now: what was verified is what is acted on.
  for (const [sheetName, addr, fillJson, noteJson, ourFill, ourNote] of state.rows) {
    const ws = wb.getWorksheet(sheetName);
    if (!ws || !/^[A-Z]{1,3}[1-9][0-9]{0,6}$/.test(addr)) continue;
    const cell = ws.getCell(addr);
    if (fillJson === OVERLAY_MODE) {
      // Only the note we added (if any) comes off; a note the user changed is theirs.
      const now = noteText(cell.note);
      if (noteJson === "1" && now === ourNote) {
        removeNote(cell);
        out.restored++;
      } else if (noteJson === "2" && ourNote && now.endsWith(ourNote)) {
        // Our text after the user's note: cut, the user's text kept.
        cell.note = now.slice(0, now.length - ourNote.length);
        out.restored++;
      } else if ((noteJson === "1" || noteJson === "2") && now !== "") out.keptUserEdits++;
      else out.restored++;
      continue;
    }
    const fill = parse<ExcelJS.Fill>(fillJson);
    const note = parse<ExcelJS.Comment | string>(noteJson);
    let userEdit = false;
    const current = cell.style?.fill as ExcelJS.FillPattern | undefined;
    if (current?.fgColor?.argb === ourFill) {
      // A fresh style object: exceljs shares one between the cells of a style id.
      const style = { ...cell.style };
      if (fill) style.fill = fill;
      else delete style.fill;
      cell.style = style;
    } else userEdit = true;
    const now = noteText(cell.note);
    if (now === ourNote) {
      if (note !== null) cell.note = note;
      else removeNote(cell);
    } else if (now.includes("PerfCheck")) {
      userEdit = true;
      const cut = now.indexOf("\n— PerfCheck —\n");
      if (cut >= 0) cell.note = now.slice(0, cut);
    } else userEdit = true;
    if (userEdit) out.keptUserEdits++;
    else out.restored++;
  }
  for (const name of [resultSheet, st.name]) {
    const ws = name ? wb.getWorksheet(name) : undefined;
    if (ws) {
      wb.removeWorksheet(ws.id);
      out.removedSheets.push(name);
    }
  }
  return out;
}
