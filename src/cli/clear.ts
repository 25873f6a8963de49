/**
 * Undo an annotated copy: restore each flagged cell's own fill and note, drop the 校验结果 and state
 * sheets. A fill or note the user changed after flagging is theirs and is kept; values are never touched.
 */
import type ExcelJS from "exceljs";
import { STATE_SHEET } from "./annotate";

export interface ClearOutcome {
  restored: number;
  /** Cells whose fill or note the user changed since flagging: left as the user made them. */
  keptUserEdits: number;
  removedSheets: string[];
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

/** Null when the workbook carries no PerfCheck state (it was not annotated by PerfCheck). */
export function clearAnnotations(wb: ExcelJS.Workbook): ClearOutcome | null {
  const st = wb.worksheets.find((w) => w.name.startsWith(STATE_SHEET) && w.getCell(1, 1).value === "perfcheck-flags");
  if (!st) return null;
  const out: ClearOutcome = { restored: 0, keptUserEdits: 0, removedSheets: [] };
  const resultSheet = String(st.getCell(1, 3).value ?? "");
  for (let r = 2; r <= st.rowCount; r++) {
    const row = st.getRow(r);
    const ws = wb.getWorksheet(String(row.getCell(1).value ?? ""));
    const addr = String(row.getCell(2).value ?? "");
    if (!ws || !addr) continue;
    const cell = ws.getCell(addr);
    const fill = parse<ExcelJS.Fill>(row.getCell(3).value);
    const note = parse<ExcelJS.Comment | string>(row.getCell(4).value);
    const ourFill = String(row.getCell(5).value ?? "");
    const ourNote = String(row.getCell(6).value ?? "");
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
