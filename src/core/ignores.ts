/**
 * Findings a clerk has judged acceptable, kept in the workbook itself so the CLI and a colleague's
 * add-in honour them too. They live in a very hidden sheet `PerfCheck忽略`:
 *
 *   row 1   perfcheck-ignores | 1 | PerfCheck 忽略清单（请勿编辑）
 *   row 2   规则 | 工作表 | 单元格 | 值指纹 | 原因            (header, for whoever unhides the sheet)
 *   row 3…  one entry per row; a whole rule is ignored by a row with only the rule (and a reason)
 *
 * An entry for one finding names the cell and a fingerprint of its value when it was ignored; when
 * the value changes the fingerprint no longer matches and the finding comes back. Pure: no Office, no Node.
 */
import type { Finding } from "./finding";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "./snapshot";
import { isCellError, parseA1 } from "./snapshot";

export const IGNORE_SHEET = "PerfCheck忽略";
export const IGNORE_MARKER = "perfcheck-ignores";
export const IGNORE_VERSION = 1;
export const IGNORE_HEADER = ["规则 rule", "工作表 sheet", "单元格 cell", "值指纹 value", "原因 reason"] as const;

export interface IgnoreEntry {
  rule: string;
  /** Absent for a whole-rule ignore. */
  sheet?: string;
  cell?: string;
  /** valueHash() of the cell when it was ignored. */
  value?: string;
  reason?: string;
}

export interface IgnoredFinding extends Finding {
  /** The reason the clerk gave ("" when none). */
  reason: string;
  /** Whether the finding itself or its whole rule was ignored. */
  scope: "finding" | "rule";
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

/** The ignore sheet of a snapshot: by its marker in A1 (a renamed sheet still counts), else by name. */
export function isIgnoreSheet(sheet: SheetSnapshot): boolean {
  const first = sheet.origin.row === 0 && sheet.origin.col === 0 ? sheet.values[0]?.[0] : null;
  return first === IGNORE_MARKER || (sheet.name === IGNORE_SHEET && sheet.values.length === 0);
}

/** Entries from the sheet's values (absolute from A1). Rows that are not entries are skipped, never fatal. */
export function parseIgnoreRows(values: readonly (readonly CellValue[])[]): IgnoreEntry[] {
  if (s(values[0]?.[0]) !== IGNORE_MARKER) return [];
  const out: IgnoreEntry[] = [];
  for (let r = 2; r < values.length; r++) {
    const row = values[r] ?? [];
    const rule = s(row[0]);
    if (!/^[a-z]+\/[a-z0-9-]+$/.test(rule)) continue;
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
    out.push(e);
  }
  return out;
}

/** The rows to write, A1 first, all text (the writer formats the range as text so nothing is reinterpreted). */
export function ignoreRows(entries: readonly IgnoreEntry[]): string[][] {
  return [
    [IGNORE_MARKER, String(IGNORE_VERSION), "PerfCheck 忽略清单（请勿编辑）", "PerfCheck ignore list (do not edit)", ""],
    [...IGNORE_HEADER],
    ...entries.map((e) => [e.rule, e.sheet ?? "", e.cell ?? "", e.value ?? "", e.reason ?? ""]),
  ];
}

/** Ignores stored in a snapshot (none when it has no ignore sheet). */
export function readIgnores(wb: WorkbookSnapshot): IgnoreEntry[] {
  const sheet = wb.sheets.find(isIgnoreSheet);
  if (!sheet || sheet.origin.row !== 0 || sheet.origin.col !== 0) return [];
  return parseIgnoreRows(sheet.values);
}

/** The value of one cell of a snapshot (null when outside what was read). */
export function cellValueAt(wb: WorkbookSnapshot, sheet: string, cell: string): CellValue {
  const snap = wb.sheets.find((x) => x.name === sheet);
  const p = parseA1(cell);
  if (!snap || !p) return null;
  return snap.values[p.row - snap.origin.row]?.[p.col - snap.origin.col] ?? null;
}

const sameEntry = (a: IgnoreEntry, b: IgnoreEntry) => a.rule === b.rule && (a.sheet ?? "") === (b.sheet ?? "") && (a.cell ?? "") === (b.cell ?? "");

/** Ignore one finding; `value` is the cell's current value. Replaces an earlier entry for the same rule and cell. */
export function ignoreFinding(entries: readonly IgnoreEntry[], f: Pick<Finding, "rule" | "sheet" | "cell">, value: CellValue, reason?: string): IgnoreEntry[] {
  const e: IgnoreEntry = { rule: f.rule, sheet: f.sheet, cell: f.cell, value: valueHash(value) };
  if (reason?.trim()) e.reason = reason.trim();
  return [...entries.filter((x) => !sameEntry(x, e)), e];
}

/** Ignore a rule for the whole workbook. */
export function ignoreRule(entries: readonly IgnoreEntry[], rule: string, reason?: string): IgnoreEntry[] {
  const e: IgnoreEntry = { rule };
  if (reason?.trim()) e.reason = reason.trim();
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
  const byRule = new Map<string, string>();
  const byCell = new Map<string, IgnoreEntry>();
  for (const e of entries) {
    if (e.sheet && e.cell) byCell.set(`${e.rule}\u0000${e.sheet}\u0000${e.cell}`, e);
    else byRule.set(e.rule, e.reason ?? "");
  }
  const kept: Finding[] = [];
  const ignored: IgnoredFinding[] = [];
  for (const f of findings) {
    const ruleReason = byRule.get(f.rule);
    if (ruleReason !== undefined) {
      ignored.push({ ...f, reason: ruleReason, scope: "rule" });
      continue;
    }
    const e = byCell.get(`${f.rule}\u0000${f.sheet}\u0000${f.cell}`);
    if (e && (e.value === undefined || e.value === valueHash(cellValueAt(wb, f.sheet, f.cell)))) {
      ignored.push({ ...f, reason: e.reason ?? "", scope: "finding" });
      continue;
    }
    kept.push(f);
  }
  return { kept, ignored };
}
