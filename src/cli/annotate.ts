/**
 * Annotated copies for reviewers: problem cells get a fill per severity and a note, and a 校验结果
 * sheet lists every finding with a link to its cell. Works on a loaded exceljs workbook that is then
 * written elsewhere: the input file is never touched.
 */
import { severityArgb } from "../core/explain";
import type ExcelJS from "exceljs";
import type { Finding, Severity } from "../core/finding";
import type { ValidationResult } from "../core/validate";
import { severityLabel } from "./report";
import { newRunId, RESULT_HEADERS, signState, STATE_SHEET, STATE_TAG, STATE_VERSION, type RecordRow } from "./state";

/** The fills of src/core/explain.ts (one set for the add-in and the CLI), as exceljs ARGB. */
export const SEVERITY_FILL: Record<Severity, string> = { error: severityArgb("error"), warning: severityArgb("warning"), info: severityArgb("info") };
export const RESULT_SHEET = "校验结果";
/** Very hidden sheet in an annotated copy: what each flagged cell held before, so `perfcheck clear` can undo; signed (state.ts). */
export { STATE_SHEET };

/** One flagged cell: where, what it had, what we wrote. Stored as a row of the state sheet. */
export interface FlagRecord {
  sheet: string;
  cell: string;
  /** The cell's own fill before flagging (null: none). */
  fill: ExcelJS.Fill | null;
  /** The cell's own note before flagging (null: none). */
  note: ExcelJS.Comment | string | null;
  /** The fill and note text PerfCheck wrote. */
  ourFill: string;
  ourNote: string;
}

function freeName(wb: ExcelJS.Workbook, base: string): string {
  let name = base;
  for (let i = 2; wb.getWorksheet(name); i++) name = `${base} (${i})`;
  return name;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Worst severity first, so a cell with an error and a warning is filled as an error. */
function bySeverity(fs: Finding[]): Finding[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return [...fs].sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** Returns the run id the copy's state is signed with. */
export function annotateWorkbook(wb: ExcelJS.Workbook, result: ValidationResult, lang: "zh" | "en" = "zh", runId = newRunId(), source = ""): string {
  const byCell = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const key = `${f.sheet}\u0000${f.cell}`;
    const list = byCell.get(key) ?? [];
    list.push(f);
    byCell.set(key, list);
  }
  const records: FlagRecord[] = [];
  for (const list of byCell.values()) {
    const ws = wb.getWorksheet(list[0].sheet);
    if (!ws) continue;
    const sorted = bySeverity(list);
    const cell = ws.getCell(sorted[0].cell);
    const original = { fill: cell.style?.fill ? (JSON.parse(JSON.stringify(cell.style.fill)) as ExcelJS.Fill) : null, note: cell.note ?? null };
    // exceljs shares one style object between the cells of a style id: give this cell its own copy, or the
    // fill would spread to every cell formatted like it.
    cell.style = { ...cell.style, fill: { type: "pattern", pattern: "solid", fgColor: { argb: SEVERITY_FILL[sorted[0].severity] } } };
    const text = sorted.map((f) => `[${severityLabel(f.severity, lang)}] ${lang === "en" ? f.messageEn : f.message} (${f.rule})`).join("\n");
    const existing = cell.note;
    const prior = typeof existing === "string" ? existing : existing?.texts?.map((t) => t.text).join("") ?? "";
    cell.note = prior ? `${prior}\n— PerfCheck —\n${text}` : `PerfCheck\n${text}`;
    records.push({ sheet: ws.name, cell: sorted[0].cell, fill: original.fill, note: original.note, ourFill: SEVERITY_FILL[sorted[0].severity], ourNote: cell.note as string });
  }

  const ws = wb.addWorksheet(freeName(wb, RESULT_SHEET));
  const head = [...RESULT_HEADERS[lang]];
  ws.addRow(head).font = { bold: true };
  ws.columns = [{ width: 6 }, { width: 10 }, { width: 30 }, { width: 16 }, { width: 10 }, { width: 30 }, { width: 60 }, { width: 60 }];
  result.findings.forEach((f, i) => {
    const table = f.table !== undefined ? result.tables[f.table] : undefined;
    const row = ws.addRow([
      i + 1,
      severityLabel(f.severity, lang),
      f.rule,
      f.sheet,
      { text: f.cell, hyperlink: `#${quoteSheet(f.sheet)}!${f.cell}` },
      table ? `${table.name} (${table.range})` : "",
      f.message,
      f.messageEn,
    ]);
    row.getCell(2).fill = { type: "pattern", pattern: "solid", fgColor: { argb: SEVERITY_FILL[f.severity] } };
    row.getCell(5).font = { color: { argb: "FF0563C1" }, underline: true };
    row.alignment = { vertical: "top", wrapText: true };
  });
  if (result.findings.length === 0) ws.addRow(["", lang === "en" ? "No problems found" : "未发现问题"]);
  ws.views = [{ state: "frozen", ySplit: 1 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: head.length } };
  writeState(wb, ws.name, records, runId, source);
  return runId;
}

function writeState(wb: ExcelJS.Workbook, resultSheet: string, records: FlagRecord[], runId: string, source: string): void {
  const st = wb.addWorksheet(freeName(wb, STATE_SHEET), { state: "veryHidden" });
  const rows: RecordRow[] = records.map((r) => [r.sheet, r.cell, JSON.stringify(r.fill), JSON.stringify(r.note), r.ourFill, r.ourNote]);
  // Signed to this copy: clear and validate trust the state only when the signature matches (state.ts).
  st.addRow([STATE_TAG, STATE_VERSION, resultSheet, runId, signState(runId, resultSheet, rows, source), source]);
  for (const r of rows) st.addRow(r);
}
