/**
 * The state an annotated copy carries for `perfcheck clear`, and its signature. The state sheet is data
 * anyone can type, so nothing trusts it unless it is signed to the copy it describes: a run id, the result
 * sheet it names, and a SHA-256 over every flag record. A sheet named like ours that fails the check — a
 * forgery or a stale state — is ignored and reported: it never makes validate drop a sheet and never makes
 * clear touch a cell.
 *
 * Verification works on a WorkbookSnapshot (cell values only), so whichever reader builds the snapshot
 * (exceljs today, a streaming reader tomorrow) screens the same way.
 */
import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import type { SkippedSheet } from "../core/ignores";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../core/snapshot";

export const STATE_SHEET = "PerfCheck状态";
export const STATE_TAG = "perfcheck-flags";
export const STATE_VERSION = 2;
/** Header rows the 校验结果 sheet starts with (zh and en runs). */
export const RESULT_HEADERS = {
  zh: ["序号", "严重程度", "规则", "工作表", "单元格", "所在表格", "说明", "Message"],
  en: ["#", "Severity", "Rule", "Sheet", "Cell", "Table", "Message (zh)", "Message (en)"],
} as const;

export function newRunId(): string {
  return randomUUID();
}

/**
 * What a copy records of the input it was made from: the file name and a hash of its absolute path —
 * enough for a later run to know its own input's copy, and nothing of the reviewer's folders (a copy is
 * sent back to the department). `报表.xlsx#3f2a…` (32 hex digits of SHA-256).
 */
export function sourceIdentity(absolutePath: string): string {
  const abs = path.resolve(absolutePath);
  return `${path.basename(abs)}#${createHash("sha256").update(`perfcheck-source\n${abs}`).digest("hex").slice(0, 32)}`;
}

/**
 * Is the source a copy records this input? Copies made before the identity (an absolute path stored)
 * still count as this input's own.
 */
export function sameSource(recorded: string, absolutePath: string): boolean {
  const mine = sourceIdentity(absolutePath);
  return recorded === mine || (path.isAbsolute(recorded) && sourceIdentity(recorded) === mine);
}

/** The file name a recorded source names (for messages). */
export function sourceName(recorded: string): string {
  return path.isAbsolute(recorded) ? path.basename(recorded) : recorded.replace(/#[0-9a-f]{32}$/, "");
}

/** The six strings of one flag record as stored: sheet, cell, own fill (JSON), own note (JSON), our fill, our note. */
export type RecordRow = [string, string, string, string, string, string];

export function signState(runId: string, resultSheet: string, rows: RecordRow[], source = ""): string {
  const h = createHash("sha256");
  h.update(JSON.stringify(["perfcheck-state", STATE_VERSION, runId, resultSheet, source, rows.length]));
  for (const r of rows) h.update("\n" + JSON.stringify(r));
  return h.digest("hex");
}

function at(s: SheetSnapshot, row: number, col: number): CellValue {
  return s.values[row - s.origin.row]?.[col - s.origin.col] ?? null;
}

const str = (v: CellValue) => (v === null || v === undefined ? "" : typeof v === "object" ? "" : String(v));

export interface VerifiedState {
  stateSheet: string;
  resultSheet: string;
  runId: string;
  /** The input this copy was made from (sourceIdentity: file name and path hash; an absolute path in older copies), so a later run never replaces another file's copy. */
  source: string;
  rows: RecordRow[];
}

export interface Screened {
  state?: VerifiedState;
  /** Sheets that look like our state but fail the check, with why (zh / en). */
  ignored: string[];
}

/** A rule id as the core writes them (`funding/amount-missing`). */
const RULE_ID = /^[a-z]+\/[a-z0-9-]+$/;

function resultSheetLooksOurs(s: SheetSnapshot): boolean {
  const head = [0, 1, 2, 3, 4, 5, 6, 7].map((c) => str(at(s, 0, c)));
  if (![RESULT_HEADERS.zh, RESULT_HEADERS.en].some((h) => h.every((x, i) => head[i] === x))) return false;
  // Every row below is a finding (its number, then a rule id in the third column), blank, or the single
  // "no problems" row; nothing right of the eighth column. A sheet holding a performance table can never pass.
  const rows = s.values.length + s.origin.row;
  for (let r = 0; r < rows; r++) {
    const row = s.values[r - s.origin.row] ?? [];
    if (row.length + s.origin.col > 8 && row.slice(8 - s.origin.col).some((v) => v !== null && v !== "")) return false;
    if (r === 0) continue;
    const cells = [0, 1, 2, 3, 4, 5, 6, 7].map((c) => str(at(s, r, c)));
    if (cells.every((x) => x === "")) continue;
    if (/^\d+$/.test(cells[0]) && RULE_ID.test(cells[2])) continue;
    if (r === 1 && rows === 2 && cells.every((x, i) => (i === 1 ? x === "未发现问题" || x === "No problems found" : x === ""))) continue;
    return false;
  }
  return true;
}

/** Find and check PerfCheck's state in a workbook; at most one verified state is returned. */
export function screenState(wb: WorkbookSnapshot): Screened {
  const out: Screened = { ignored: [] };
  for (const s of wb.sheets) {
    if (!s.name.startsWith(STATE_SHEET) || str(at(s, 0, 0)) !== STATE_TAG) continue;
    const why = checkOne(wb, s);
    if (typeof why === "string") out.ignored.push(`工作表“${s.name}”像 PerfCheck 的状态表，但${why}，已忽略（所有工作表照常检查） / sheet "${s.name}" looks like PerfCheck's state but ${WHY_EN[why] ?? why}; ignored (every sheet is checked)`);
    else if (out.state) out.ignored.push(`工作表“${s.name}”是第二个 PerfCheck 状态表，已忽略 / sheet "${s.name}" is a second PerfCheck state; ignored`);
    else out.state = why;
  }
  return out;
}

const WHY_EN: Record<string, string> = {
  "版本不符": "its version is not ours",
  "签名不符（伪造或已过期）": "its signature does not match (forged or stale)",
  "不是深度隐藏的工作表": "it is not a very hidden sheet",
  "它指向的结果表不存在或不是 PerfCheck 的校验结果表": "the result sheet it names is missing or is not PerfCheck's result sheet",
  "它记录的单元格指向结果表或状态表本身": "its records point at the result or state sheet itself",
};

function checkOne(wb: WorkbookSnapshot, s: SheetSnapshot): VerifiedState | string {
  if (str(at(s, 0, 1)) !== String(STATE_VERSION)) return "版本不符";
  const resultSheet = str(at(s, 0, 2));
  const runId = str(at(s, 0, 3));
  const signature = str(at(s, 0, 4));
  const source = str(at(s, 0, 5));
  const rows: RecordRow[] = [];
  const n = s.values.length + s.origin.row;
  for (let r = 1; r < n; r++) {
    const row = [0, 1, 2, 3, 4, 5].map((c) => str(at(s, r, c))) as RecordRow;
    if (row.every((x) => x === "")) continue;
    rows.push(row);
  }
  if (!runId || signState(runId, resultSheet, rows, source) !== signature) return "签名不符（伪造或已过期）";
  // LibreOffice writes a very hidden sheet back as hidden: either is accepted, a visible one is not.
  if (s.visibility === "visible") return "不是深度隐藏的工作表";
  const result = wb.sheets.find((x) => x.name === resultSheet);
  if (!result || result === s || !resultSheetLooksOurs(result)) return "它指向的结果表不存在或不是 PerfCheck 的校验结果表";
  if (rows.some((r) => r[0] === resultSheet || r[0] === s.name)) return "它记录的单元格指向结果表或状态表本身";
  return { stateSheet: s.name, resultSheet, runId, source, rows };
}

/**
 * The snapshot to validate: a verified state's own two sheets taken out (they are our output, not the
 * user's tables); anything unverified left in and reported.
 */
export function screenSnapshot(wb: WorkbookSnapshot): { snapshot: WorkbookSnapshot; notices: string[]; runId?: string; state?: VerifiedState; skippedSheets: SkippedSheet[] } {
  const { state, ignored } = screenState(wb);
  if (!state) return { snapshot: wb, notices: ignored, skippedSheets: [] };
  const drop = new Set([state.stateSheet, state.resultSheet]);
  return { snapshot: { ...wb, sheets: wb.sheets.filter((s) => !drop.has(s.name)) }, notices: ignored, runId: state.runId, state, skippedSheets: ownSheetsSkipped(state) };
}

/** The two sheets of a verified state, as skipped sheets with the reason (listed in every report). */
export function ownSheetsSkipped(state: Pick<VerifiedState, "stateSheet" | "resultSheet">): SkippedSheet[] {
  return [
    { sheet: state.resultSheet, reason: "PerfCheck 先前写出的校验结果表（已核实签名）", reasonEn: "PerfCheck's own results sheet from an earlier run (signature verified)" },
    { sheet: state.stateSheet, reason: "PerfCheck 带标记副本的状态表（已核实签名）", reasonEn: "PerfCheck's state sheet of an annotated copy (signature verified)" },
  ];
}
