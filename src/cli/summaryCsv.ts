/**
 * summary.csv: one line per file, shared by every run into the same output folder.
 *
 * - It is recognised as PerfCheck's by its header row, whose last column names the format
 *   (`PerfCheck summary.csv v3`), never by its name: a user's own summary.csv is left alone and this
 *   run's summary goes to the next free name (summary (2).csv …). The header is the first line, so Excel
 *   shows it as row 1 (v2 put a `# PerfCheck summary.csv v2` line above it; such files are still
 *   recognised, and rewritten as v3 when a run adds its lines).
 * - 说明 follows --lang; 检查时间 is the reviewer's local time with its offset (2026-12-06T21:05:00+08:00).
 * - Two runs into one folder keep each other's lines: the file is re-read and merged under a lock
 *   (a line per input file; a file checked again replaces its own line), then written atomically.
 * - Every text cell is neutralised against formula injection: a cell starting with = + - @ or a tab or
 *   carriage return gets a leading apostrophe, so `=1+2.xlsx` stays text when Excel opens the CSV.
 */
import { promises as fs } from "node:fs";
import { scoreStatusText } from "../core/scoring/present";
import path from "node:path";
import { withLock, writeFileAtomic } from "./atomicWrite";
import { readRegularFile } from "./inputs";
import { ignoredLabel, pick, statusOf, STATUS_LABEL, type FileReport, type Lang } from "./report";

/** The last header cell: names the format (its cells below stay empty). */
export const SUMMARY_FORMAT = "PerfCheck summary.csv v3";
/** v2's first line, above the header. */
export const LEGACY_MARKER = "# PerfCheck summary.csv v2";
export const SUMMARY_NAME = "summary.csv";

const HEADERS: Record<Lang, string[]> = {
  zh: ["文件", "状态", "单位", "项目", "表格数", "得分", "等级", "错误", "警告", "提示", "已忽略", "说明", "带标记副本", "检查时间", SUMMARY_FORMAT],
  en: ["file", "status", "unit", "project", "tables", "score", "grade", "errors", "warnings", "info", "ignored", "note", "annotated copy", "checked at", SUMMARY_FORMAT],
};
/** Where the 已忽略 column sits; lines written before it existed get it empty when merged. */
const IGNORED_COLUMN = 10;
/** v2 rows had neither the 已忽略 column nor the format column. */
const LEGACY_COLUMNS = HEADERS.zh.length - 2;

/** Local time with its offset, to the second: what a reviewer's clock showed (not UTC). */
export function localTimestamp(d: Date): string {
  const p = (n: number) => String(Math.abs(n)).padStart(2, "0");
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${sign}${p(Math.trunc(off / 60))}:${p(off % 60)}`;
}

/** A text cell Excel will not run: formula prefixes (and tab/CR, which some importers strip) get an apostrophe. */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function q(s: string): string {
  return `"${neutralise(s).replace(/"/g, '""')}"`;
}

/** One row (cells as strings; numbers left unquoted). */
export function summaryRow(r: FileReport, lang: Lang, at: string): string[] {
  const status = statusOf(r);
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of r.result?.findings ?? []) c[f.severity]++;
  const tables = r.result?.tables ?? [];
  const uniq = (xs: string[]) => [...new Set(xs.filter((x) => x !== ""))].join("；");
  const about = r.about ?? [];
  const scored = tables.filter((t) => t.score);
  const note = [r.error ?? "", ...(r.notices ?? []), r.copyError ?? "", ignoredNote(r, lang)].filter(Boolean).map((m) => pick(m, lang)).join(lang === "en" ? "; " : "；");
  return [
    path.resolve(r.file),
    STATUS_LABEL[status][lang],
    uniq(about.map((a) => a.unit)),
    uniq(about.map((a) => a.project)),
    String(tables.length),
    // A table with no total says why (不完整 / 未填写), never a partial sum.
    scored.map((t) => (t.score!.total === null ? scoreStatusText(t.score!, lang) : String(t.score!.total))).join("；"),
    scored.map((t) => t.score!.grade ?? "").join("；"),
    String(c.error),
    String(c.warning),
    String(c.info),
    String(r.result?.ignored?.length ?? 0),
    note,
    r.copy ? path.resolve(r.copy) : "",
    at,
    "",
  ];
}

const NUMERIC = new Set([4, 7, 8, 9, IGNORED_COLUMN]);

/**
 * The ignored findings in the note: counts and the clerks' reasons, so a file whose errors were all set
 * aside never reads as clean in the summary.
 */
function ignoredNote(r: FileReport, lang: Lang): string {
  const ignored = r.result?.ignored ?? [];
  if (!ignored.length) return "";
  const reasons = [...new Set(ignored.map((f) => f.reason || (lang === "en" ? "no reason given" : "未填写原因")))];
  const label = ignoredLabel(r, lang);
  return lang === "en" ? `${label} — reasons: ${reasons.join("; ")}` : `${label}，原因：${reasons.join("；")}`;
}

export function csvLine(cells: string[]): string {
  return cells.map((v, i) => (NUMERIC.has(i) && /^\d+$/.test(v) ? v : q(v))).join(",") + "\r\n";
}

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Undo neutralise on a cell read back (so merging never stacks apostrophes). */
function unneutralise(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

/** Is this file a summary PerfCheck wrote (v3: our header row; v2: our marker line above it)? Undefined when it does not exist. */
export async function readOurSummary(file: string): Promise<{ ours: boolean; rows: string[][] } | undefined> {
  let text: string;
  try {
    text = (await readRegularFile(file, 200 * 1024 * 1024)).toString("utf8");
  } catch (e) {
    if ((e as { message?: string }).message?.includes("ENOENT")) return undefined;
    try {
      await fs.lstat(file);
    } catch {
      return undefined;
    }
    return { ours: false, rows: [] };
  }
  const body = text.replace(/^\ufeff/, "");
  const brk = body.match(/\r?\n/);
  const first = brk ? body.slice(0, brk.index) : body;
  if (first === LEGACY_MARKER) {
    const rows = brk ? parseCsv(body.slice(brk.index! + brk[0].length)).slice(1) : []; // minus the header row
    return { ours: true, rows: rows.filter((r) => r.length === LEGACY_COLUMNS).map((r) => [...r.slice(0, IGNORED_COLUMN), "", ...r.slice(IGNORED_COLUMN)].map(unneutralise).concat("")) };
  }
  const rows = parseCsv(body);
  const head = rows[0] ?? [];
  const isOurHeader = (Object.values(HEADERS) as string[][]).some((h) => h.length === head.length && h.every((x, i) => x === head[i]));
  if (!isOurHeader) return { ours: false, rows: [] };
  return { ours: true, rows: rows.slice(1).filter((r) => r.length === HEADERS.zh.length).map((r) => r.map(unneutralise)) };
}

/**
 * Write this run's lines into the summary in `dir`: merged into PerfCheck's own summary.csv if there is
 * one, else into the first free name — never over a file PerfCheck did not write. Returns the path used.
 */
export async function writeSummary(dir: string, reports: { rows: string[][] }, lang: Lang, reserved: (p: string) => boolean = () => false): Promise<string> {
  for (let i = 1; i < 100; i++) {
    const name = i === 1 ? SUMMARY_NAME : `summary (${i}).csv`;
    const file = path.join(dir, name);
    if (reserved(file)) continue;
    const existing = await readOurSummary(file);
    if (existing && !existing.ours) continue;
    await withLock(file, async () => {
      // Read again under the lock: another run may have added its lines since.
      const now = await readOurSummary(file);
      if (now && !now.ours) throw new Error(`${file} 已被其他程序写入，不会覆盖 / ${file} was written by something else; not overwritten`);
      const mine = new Set(reports.rows.map((r) => r[0]));
      const kept = (now?.rows ?? []).filter((r) => !mine.has(r[0]));
      let out = "\ufeff" + csvLine(HEADERS[lang]);
      for (const r of [...kept, ...reports.rows]) out += csvLine(r);
      await writeFileAtomic(file, out);
    });
    return file;
  }
  throw new Error(`${dir} 中没有可用的汇总文件名 / no free summary file name in ${dir}`);
}
