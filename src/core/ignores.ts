/**
 * Findings a clerk has judged acceptable, kept in the workbook itself so the CLI and a colleague's
 * add-in honour them too. They live in a very hidden sheet `PerfCheck忽略`:
 *
 *   row 1   perfcheck-ignores | 2 | PerfCheck 忽略清单（请勿编辑）
 *   row 2   规则 | 工作表 | 单元格 | 值指纹 | 原因 | 时间 | 操作人 | 原值     (header, for whoever unhides the sheet)
 *   row 3…  one entry per row; a whole rule is ignored by a row with only the rule (and a reason)
 *
 * An entry for one finding names the cell and a fingerprint of its value when it was ignored; when
 * the value changes the fingerprint no longer matches and the finding comes back. Version 2 adds when,
 * by whom and what the cell showed, for the reviewer; version 1 lists (five columns) are still read.
 *
 * Ignores are the clerk's tool, and anyone can write such a sheet by hand: they never decide what the
 * reviewer sees. The sheet is recognised only by its whole structure (name, marker, header row, hidden,
 * nothing but entries below), never by a word in A1, and front ends list ignored findings apart with
 * their reasons (and can turn ignores off). Pure: no Office, no Node.
 */
import type { Finding } from "./finding";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "./snapshot";
import { isCellError, parseA1 } from "./snapshot";

export const IGNORE_SHEET = "PerfCheck忽略";
export const IGNORE_MARKER = "perfcheck-ignores";
export const IGNORE_VERSION = 2;
export const IGNORE_HEADER = ["规则 rule", "工作表 sheet", "单元格 cell", "值指纹 value", "原因 reason", "时间 when", "操作人 by", "原值 value shown"] as const;
/** The five columns of a version-1 list. */
const IGNORE_HEADER_V1 = IGNORE_HEADER.slice(0, 5);
/** What is kept of the cell's value for the reviewer to read (the fingerprint is what matches). */
const WAS_MAX = 200;

export interface IgnoreEntry {
  rule: string;
  /** Absent for a whole-rule ignore. */
  sheet?: string;
  cell?: string;
  /** valueHash() of the cell when it was ignored. */
  value?: string;
  reason?: string;
  /** When it was ignored (ISO 8601, UTC). */
  at?: string;
  /** Who ignored it, as the host tells (the pane: the workbook's last author; Office gives no signed-out user name). */
  by?: string;
  /** The cell's value as text when it was ignored (what the clerk looked at), at most 200 characters. */
  was?: string;
}

/** When and by whom an ignore was recorded, where the host can tell. */
export interface IgnoreMeta {
  at?: string;
  by?: string;
}

export interface IgnoredFinding extends Finding {
  /** The reason the clerk gave ("" when none). */
  reason: string;
  /** Whether the finding itself or its whole rule was ignored. */
  scope: "finding" | "rule";
  /** When the ignore was recorded (absent in lists written before version 2). */
  at?: string;
  /** Who recorded it; `bySource` says whether the list says so or it is the workbook's last-modified-by. */
  by?: string;
  bySource?: "recorded" | "workbook";
  /** The cell's value when it was ignored. */
  was?: string;
}

/** A sheet the validation did not look for tables in, and why (zh / en). */
export interface SkippedSheet {
  sheet: string;
  reason: string;
  reasonEn: string;
}

const s = (v: CellValue | undefined): string => (v === null || v === undefined ? "" : isCellError(v) ? v.error : String(v)).trim();

/** FNV-1a over a canonical text of the value: numbers at 12 significant digits so both hosts agree. */
export function valueHash(v: CellValue | undefined): string {
  let text: string;
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) text = "";
  else if (typeof v === "number") text = `n:${Number(v.toPrecision(12))}`;
  else if (typeof v === "boolean") text = `b:${v}`;
  else if (isCellError(v)) text = `e:${v.error}`;
  else text = `s:${v.trim()}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A leading letter keeps Excel from reading the fingerprint as a number.
  return `v${h.toString(16).padStart(8, "0")}`;
}

const RULE_ID = /^[a-z]+\/[a-z0-9-]+$/;

/**
 * Is this PerfCheck's ignore list? Only by its whole structure: the name PerfCheck gives it, hidden (the
 * pane makes it very hidden; LibreOffice saves that back as hidden), the marker and version in row 1, the
 * header row of version 1 or 2 in row 2, and below only entries (a rule id first) or blank rows, nothing
 * right of the header. A word typed in A1 of a data sheet makes it nothing of the kind — and a sheet with a
 * performance table can never pass (validate also looks for tables on it before leaving it out).
 */
export function isIgnoreSheet(sheet: SheetSnapshot): boolean {
  if (sheet.name !== IGNORE_SHEET) return false;
  if (sheet.visibility !== "veryHidden" && sheet.visibility !== "hidden") return false;
  if (sheet.values.length === 0) return true; // an empty list (the pane deletes the sheet when it empties)
  if (sheet.origin.row !== 0 || sheet.origin.col !== 0) return false;
  const row0 = sheet.values[0] ?? [];
  if (s(row0[0]) !== IGNORE_MARKER || !["1", "2"].includes(s(row0[1]))) return false;
  const header = (sheet.values[1] ?? []).map(s);
  while (header.length && header[header.length - 1] === "") header.pop();
  const width = [IGNORE_HEADER, IGNORE_HEADER_V1].find((h) => h.length === header.length && h.every((x, i) => header[i] === x))?.length;
  if (!width) return false;
  for (let r = 2; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    if (row.slice(width).some((v) => s(v) !== "")) return false;
    if (row.every((v) => s(v) === "")) continue;
    if (!RULE_ID.test(s(row[0]))) return false;
  }
  return true;
}

/** The cell's value as a reviewer would read it (text, number, error code), cut to 200 characters. */
export function shownValue(v: CellValue | undefined): string {
  const t = s(v);
  return t.length > WAS_MAX ? t.slice(0, WAS_MAX - 1) + "…" : t;
}

/** Entries from the sheet's values (absolute from A1). Rows that are not entries are skipped, never fatal. */
export function parseIgnoreRows(values: readonly (readonly CellValue[])[]): IgnoreEntry[] {
  if (s(values[0]?.[0]) !== IGNORE_MARKER) return [];
  const out: IgnoreEntry[] = [];
  for (let r = 2; r < values.length; r++) {
    const row = values[r] ?? [];
    const rule = s(row[0]);
    if (!RULE_ID.test(rule)) continue;
    const e: IgnoreEntry = { rule };
    const sheet = s(row[1]);
    const cell = s(row[2]).toUpperCase();
    if (sheet && parseA1(cell)) {
      e.sheet = sheet;
      e.cell = cell;
      const v = s(row[3]);
      if (v) e.value = v;
    } else if (sheet || cell) continue; // half an address: not a whole-rule ignore either
    const reason = s(row[4]);
    if (reason) e.reason = reason;
    const at = s(row[5]);
    if (at) e.at = at;
    const by = s(row[6]);
    if (by) e.by = by;
    const was = s(row[7]);
    if (was && e.cell) e.was = was;
    out.push(e);
  }
  return out;
}

/** The rows to write, A1 first, all text (the writer formats the range as text so nothing is reinterpreted). */
export function ignoreRows(entries: readonly IgnoreEntry[]): string[][] {
  return [
    [IGNORE_MARKER, String(IGNORE_VERSION), "PerfCheck 忽略清单（请勿编辑）", "PerfCheck ignore list (do not edit)", "", "", "", ""],
    [...IGNORE_HEADER],
    ...entries.map((e) => [e.rule, e.sheet ?? "", e.cell ?? "", e.value ?? "", e.reason ?? "", e.at ?? "", e.by ?? "", e.was ?? ""]),
  ];
}

/** Ignores stored in a snapshot (none when it has no ignore list of PerfCheck's structure). */
export function readIgnores(wb: WorkbookSnapshot): IgnoreEntry[] {
  const sheet = wb.sheets.find(isIgnoreSheet);
  if (!sheet || sheet.origin.row !== 0 || sheet.origin.col !== 0) return [];
  return parseIgnoreRows(sheet.values);
}

const withMeta = (e: IgnoreEntry, meta: IgnoreMeta | undefined): IgnoreEntry => {
  if (meta?.at) e.at = meta.at;
  if (meta?.by?.trim()) e.by = meta.by.trim();
  return e;
};

/** The value of one cell of a snapshot (null when outside what was read). */
export function cellValueAt(wb: WorkbookSnapshot, sheet: string, cell: string): CellValue {
  const snap = wb.sheets.find((x) => x.name === sheet);
  const p = parseA1(cell);
  if (!snap || !p) return null;
  return snap.values[p.row - snap.origin.row]?.[p.col - snap.origin.col] ?? null;
}

const sameEntry = (a: IgnoreEntry, b: IgnoreEntry) => a.rule === b.rule && (a.sheet ?? "") === (b.sheet ?? "") && (a.cell ?? "") === (b.cell ?? "");

/** Ignore one finding; `value` is the cell's current value. Replaces an earlier entry for the same rule and cell. */
export function ignoreFinding(entries: readonly IgnoreEntry[], f: Pick<Finding, "rule" | "sheet" | "cell">, value: CellValue, reason?: string, meta?: IgnoreMeta): IgnoreEntry[] {
  const e: IgnoreEntry = { rule: f.rule, sheet: f.sheet, cell: f.cell, value: valueHash(value) };
  if (reason?.trim()) e.reason = reason.trim();
  withMeta(e, meta);
  const was = shownValue(value);
  if (was) e.was = was;
  return [...entries.filter((x) => !sameEntry(x, e)), e];
}

/** Ignore a rule for the whole workbook. */
export function ignoreRule(entries: readonly IgnoreEntry[], rule: string, reason?: string, meta?: IgnoreMeta): IgnoreEntry[] {
  const e: IgnoreEntry = { rule };
  if (reason?.trim()) e.reason = reason.trim();
  withMeta(e, meta);
  return [...entries.filter((x) => !sameEntry(x, e)), e];
}

/** Take back the ignore that set this finding aside (its own entry, or its rule's). */
export function restoreIgnored(entries: readonly IgnoreEntry[], f: Pick<IgnoredFinding, "rule" | "sheet" | "cell" | "scope">): IgnoreEntry[] {
  const target: IgnoreEntry = f.scope === "rule" ? { rule: f.rule } : { rule: f.rule, sheet: f.sheet, cell: f.cell };
  return entries.filter((x) => !sameEntry(x, target));
}

/**
 * Split findings into those still shown and those set aside. A finding entry matches when rule,
 * sheet and cell agree and the cell's value still has the stored fingerprint.
 */
export function applyIgnores(wb: WorkbookSnapshot, findings: readonly Finding[], entries: readonly IgnoreEntry[]): { kept: Finding[]; ignored: IgnoredFinding[] } {
  if (entries.length === 0) return { kept: findings as Finding[], ignored: [] };
  const byRule = new Map<string, IgnoreEntry>();
  const byCell = new Map<string, IgnoreEntry>();
  for (const e of entries) {
    if (e.sheet && e.cell) byCell.set(`${e.rule}\u0000${e.sheet}\u0000${e.cell}`, e);
    else byRule.set(e.rule, e);
  }
  // Who, when nobody recorded it: the workbook's last-modified-by (docProps/core.xml), said as such.
  const fallbackBy = wb.docProperties?.lastModifiedBy?.trim();
  const meta = (e: IgnoreEntry): Pick<IgnoredFinding, "at" | "by" | "bySource" | "was"> => {
    const m: Pick<IgnoredFinding, "at" | "by" | "bySource" | "was"> = {};
    if (e.at) m.at = e.at;
    if (e.by) Object.assign(m, { by: e.by, bySource: "recorded" });
    else if (fallbackBy) Object.assign(m, { by: fallbackBy, bySource: "workbook" });
    if (e.was) m.was = e.was;
    return m;
  };
  const kept: Finding[] = [];
  const ignored: IgnoredFinding[] = [];
  for (const f of findings) {
    const ruleEntry = byRule.get(f.rule);
    if (ruleEntry !== undefined) {
      ignored.push({ ...f, reason: ruleEntry.reason ?? "", scope: "rule", ...meta(ruleEntry) });
      continue;
    }
    const e = byCell.get(`${f.rule}\u0000${f.sheet}\u0000${f.cell}`);
    if (e && (e.value === undefined || e.value === valueHash(cellValueAt(wb, f.sheet, f.cell)))) {
      ignored.push({ ...f, reason: e.reason ?? "", scope: "finding", ...meta(e) });
      continue;
    }
    kept.push(f);
  }
  return { kept, ignored };
}
