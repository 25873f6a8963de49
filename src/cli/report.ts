/**
 * Report formats. JSON is a contract other tools read: `{"version":1,"files":[…]}` as issue 2 states it
 * (plus `score` per table where computed, `error` for a file that could not be read, and — added for
 * issue 14 — `profile` at the top and `status` on every file, so a tool can account for every file).
 *
 * Everything that came from a workbook or a file name is untrusted text: the text report strips control
 * characters and bidirectional overrides (a cell must not be able to clear or retitle the reviewer's
 * terminal, or reorder what it shows), the JSON escapes them, and the CSV neutralises formula prefixes.
 */
import type { Finding, Severity } from "../core/finding";
import { severityRank } from "../core/finding";
import type { IgnoredFinding } from "../core/ignores";
import type { Table } from "../core/model";
import type { TableSummary, ValidationResult } from "../core/validate";
import { scoreLine, scoreShort, unscoredText } from "../core/scoring/present";
import { lightText } from "../core/rules/monitoring/util";

export type Lang = "zh" | "en";

export function severityLabel(s: Severity, lang: Lang): string {
  if (lang === "en") return s;
  return s === "error" ? "错误" : s === "warning" ? "警告" : "提示";
}

export const KIND_LABEL: Record<string, { zh: string; en: string }> = {
  "project-target": { zh: "项目绩效目标表", en: "project target table" },
  "department-target": { zh: "部门整体绩效目标表", en: "department target table" },
  "self-evaluation": { zh: "绩效自评表", en: "self-evaluation table" },
  "evaluation-report": { zh: "评价报告评分表", en: "evaluation-report scoring table" },
  monitoring: { zh: "绩效运行监控表", en: "performance monitoring table" },
};

/** How a file is accounted for. `no-table` is a warning: a workbook where nothing was recognised never passes as “ok”. */
export type FileStatus = "checked" | "no-table" | "unreadable" | "skipped" | "too-large" | "duplicate";

export const STATUS_LABEL: Record<FileStatus, { zh: string; en: string }> = {
  checked: { zh: "已检查", en: "checked" },
  "no-table": { zh: "未识别到绩效表", en: "no table recognised" },
  unreadable: { zh: "无法读取", en: "unreadable" },
  skipped: { zh: "已跳过", en: "skipped" },
  "too-large": { zh: "超过大小上限", en: "over the size limit" },
  duplicate: { zh: "重复文件", en: "duplicate" },
};

/** A duplicate's note: the file it repeats byte for byte (zh / en). */
export function duplicateNote(first: string): string {
  return `与 ${first} 内容完全相同，只检查、计数一次 / byte-identical to ${first}; checked and counted once`;
}

/** What the report needs of a validation: no located tables (they do not cross a worker boundary, and memory stays flat). */
export type ReportResult = Pick<ValidationResult, "tables" | "findings"> & Partial<Pick<ValidationResult, "ignored" | "skippedSheets">>;

export interface FileReport {
  file: string;
  /** Derived from result/error when absent (statusOf). */
  status?: FileStatus;
  result?: ReportResult;
  /** The cause (unreadable), the reason (skipped) or the limit (too-large), zh / en. */
  error?: string;
  /** Per table (same order as result.tables): the unit and the project it is about. */
  about?: { unit: string; project: string }[];
  /** Things the reviewer should know that are not findings (an ignored forged state, a copy that drops macros). */
  notices?: string[];
  /** Where the annotated copy was written. */
  copy?: string;
  /** Why the copy could not be written (the file was still checked). */
  copyError?: string;
  /** Status duplicate: the earlier file of the run with the same bytes. */
  duplicateOf?: string;
  /** SHA-256 of the bytes read (FileOptions.digest): how the run finds duplicates; taken off before any output. */
  digest?: string;
}

export function statusOf(r: FileReport): FileStatus {
  if (r.status) return r.status;
  if (r.error || !r.result) return "unreadable";
  return r.result.tables.length === 0 ? "no-table" : "checked";
}

/** Unit and project of a located table, for the summary and the review workbook. */
export function aboutTable(t: Table): { unit: string; project: string } {
  const f = (t as { fields?: Record<string, { value?: { text: string } } | undefined> }).fields ?? {};
  const v = (...keys: string[]) => keys.map((k) => f[k]?.value?.text ?? "").find((x) => x !== "") ?? "";
  switch (t.kind) {
    case "department-target":
      return { unit: v("unitName") || t.name, project: "" };
    case "project-target":
      return { unit: v("implementer", "department"), project: t.name };
    case "self-evaluation":
    case "monitoring":
      return { unit: v("实施单位", "主管部门"), project: t.name };
    default:
      return { unit: "", project: t.name };
  }
}

/** Keep what the report needs; drop the located tables. */
export function slimReport(file: string, result: ValidationResult): FileReport {
  const slim: ReportResult = { tables: result.tables, findings: result.findings };
  if (result.ignored.length) slim.ignored = result.ignored;
  if (result.skippedSheets?.length) slim.skippedSheets = result.skippedSheets;
  return { file, result: slim, about: result.located.map(aboutTable) };
}

// C0 (but tab and newline, which callers map), DEL, C1 — ESC and the 8-bit CSI/OSC among them — and the
// bidirectional embeddings, overrides and isolates.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Untrusted text for one line of terminal output: controls removed, line breaks and tabs as spaces. */
export function clean(s: string): string {
  return s.replace(CONTROL, "").replace(/[\n\t]/g, " ");
}

/** JSON with every control and bidi character as a \u escape: the same data once parsed, inert on a terminal. */
export function safeJson(v: unknown): string {
  return JSON.stringify(v).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export interface JsonFile {
  file: string;
  tables: { sheet: string; kind: string; name: string; range: string; score?: unknown; form?: string; template?: { kind: string; profile: string; name: string; version: string } }[];
  findings: { rule: string; severity: Severity; sheet: string; cell: string; message: string; messageEn: string }[];
  status: FileStatus;
  error?: string;
  /** Status duplicate: the first file of the run with the same bytes (this one was not checked again). */
  duplicateOf?: string;
  notices?: string[];
  copy?: string;
  copyError?: string;
  /** Findings the workbook's ignore list sets aside (kept by the add-in), with the clerk's reason: 已忽略. */
  ignored?: { rule: string; severity: Severity; sheet: string; cell: string; message: string; messageEn: string; reason: string; scope: "finding" | "rule"; at?: string; by?: string; bySource?: "recorded" | "workbook"; was?: string }[];
  /** The ignored findings counted by severity (present whenever `ignored` is). */
  ignoredCounts?: Record<Severity, number>;
  /** Sheets not searched for tables, with the reason (PerfCheck's own sheets). */
  skippedSheets?: { sheet: string; reason: string; reasonEn: string }[];
}

/** Ignored findings by severity: never counted with the findings, never lost either. */
export function ignoredCounts(r: FileReport): Record<Severity, number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of r.result?.ignored ?? []) c[f.severity]++;
  return c;
}

/** “已忽略 3（错误 2，警告 1）” — empty when nothing was ignored. */
export function ignoredLabel(r: FileReport, lang: Lang): string {
  const n = r.result?.ignored?.length ?? 0;
  if (!n) return "";
  const c = ignoredCounts(r);
  return lang === "en" ? `${n} ignored (${countLine(c, lang)})` : `已忽略 ${n}（${countLine(c, lang)}）`;
}

/** Who and when, as the ignore records it: “2026-12-01 张三”, the workbook's last-modified-by said as such. */
export function ignoreByLine(f: { at?: string; by?: string; bySource?: "recorded" | "workbook" }, lang: Lang): string {
  const parts: string[] = [];
  if (f.at) parts.push(f.at.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC"));
  if (f.by) parts.push(f.bySource === "workbook" ? (lang === "en" ? `${f.by} (workbook last saved by; not recorded)` : `${f.by}（工作簿最后修改人，未记录操作人）`) : f.by);
  if (!parts.length) return lang === "en" ? "when and by whom not recorded" : "未记录时间和操作人";
  return parts.join(" ");
}

export function jsonFile(r: FileReport, minSeverity: Severity = "info"): JsonFile {
  const out: JsonFile = {
    file: r.file,
    tables: (r.result?.tables ?? []).map((t) => {
      const o: JsonFile["tables"][number] = { sheet: t.sheet, kind: t.kind, name: t.name, range: t.range };
      if (t.score) o.score = t.score;
      if (t.form) o.form = t.form.id;
      if (t.template) o.template = t.template;
      return o;
    }),
    findings: (r.result?.findings ?? [])
      .filter((f) => severityRank(f.severity) <= severityRank(minSeverity))
      .map((f) => ({ rule: f.rule, severity: f.severity, sheet: f.sheet, cell: f.cell, message: f.message, messageEn: f.messageEn })),
    status: statusOf(r),
  };
  if (r.error) out.error = r.error;
  if (r.duplicateOf) out.duplicateOf = r.duplicateOf;
  if (r.notices?.length) out.notices = r.notices;
  if (r.copy) out.copy = r.copy;
  if (r.copyError) out.copyError = r.copyError;
  if (r.result?.ignored?.length) {
    out.ignored = r.result.ignored.map((f) => {
      const o: NonNullable<JsonFile["ignored"]>[number] = { rule: f.rule, severity: f.severity, sheet: f.sheet, cell: f.cell, message: f.message, messageEn: f.messageEn, reason: f.reason, scope: f.scope };
      if (f.at) o.at = f.at;
      if (f.by) Object.assign(o, { by: f.by, bySource: f.bySource });
      if (f.was) o.was = f.was;
      return o;
    });
    out.ignoredCounts = ignoredCounts(r);
  }
  if (r.result?.skippedSheets?.length) out.skippedSheets = r.result.skippedSheets.map((x) => ({ sheet: x.sheet, reason: x.reason, reasonEn: x.reasonEn }));
  return out;
}

function countLine(c: Record<Severity, number>, lang: Lang): string {
  return lang === "en"
    ? `${c.error} error(s), ${c.warning} warning(s), ${c.info} info`
    : `错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}`;
}

/** A zh / en message pair ("中文 / English") in the report's language. */
export function pick(msg: string, lang: Lang): string {
  return msg
    .split("\n")
    .map((line) => {
      const i = line.indexOf(" / ");
      if (i < 0) return line;
      const lead = line.match(/^\s*/)![0];
      return lang === "en" ? lead + line.slice(i + 3) : line.slice(0, i);
    })
    .join("\n");
}

function fileCounts(r: FileReport): Record<Severity, number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of r.result?.findings ?? []) c[f.severity]++;
  return c;
}

/** Text report for one file: grouped by table, then severity; findings below `minSeverity` left out. */
export function textFile(r: FileReport, lang: Lang, minSeverity: Severity = "info"): string {
  const lines: string[] = [clean(r.file)];
  const status = statusOf(r);
  if (status === "unreadable") {
    // “无法读取: ” followed by the cause in the run's language (the JSON keeps both).
    lines.push(`  ${lang === "en" ? "cannot read" : "无法读取"}: ${clean(pick(r.error ?? "", lang))}`);
    return lines.join("\n");
  }
  if (status === "skipped" || status === "too-large" || status === "duplicate") {
    lines.push(`  ${STATUS_LABEL[status][lang]}: ${clean(pick(r.error ?? "", lang))}`);
    return lines.join("\n");
  }
  for (const n of r.notices ?? []) lines.push(`  ${lang === "en" ? "note" : "注意"}: ${clean(pick(n, lang))}`);
  for (const x of r.result?.skippedSheets ?? []) lines.push(`  ${lang === "en" ? `sheet not checked: "${clean(x.sheet)}" — ${clean(x.reasonEn)}` : `未检查的工作表：“${clean(x.sheet)}”——${clean(x.reason)}`}`);
  if (r.copyError) lines.push(`  ${lang === "en" ? "copy not written" : "副本未写出"}: ${clean(pick(r.copyError, lang))}`);
  const res = r.result!;
  if (res.tables.length === 0) {
    lines.push(`  ${severityLabel("warning", lang)} ${lang === "en" ? "no performance table recognised: check the file is the right form" : "未识别到任何绩效表，请确认报送的是绩效表"}`);
  }
  const byTable = new Map<number | undefined, Finding[]>();
  for (const f of res.findings) {
    if (severityRank(f.severity) > severityRank(minSeverity)) continue;
    const list = byTable.get(f.table) ?? [];
    list.push(f);
    byTable.set(f.table, list);
  }
  const tableBlock = (t: TableSummary | undefined, fs: Finding[]) => {
    if (t) {
      const kind = KIND_LABEL[t.kind]?.[lang] ?? t.kind;
      const form = t.form ? (lang === "en" ? ` (read as ${clean(t.form.nameEn)})` : `（按“${clean(t.form.name)}”读取）`) : "";
      // A table made from a bureau's distributed template names the template and its version (issue 24).
      const tpl = t.template ? (lang === "en" ? ` [template ${clean(t.template.profile)} ${clean(t.template.version)}]` : `［模板「${clean(t.template.name)}」${clean(t.template.version)} 版］`) : "";
      const ign = res.ignored?.filter((f) => f.table === t.index).length ?? 0;
      const ignText = ign ? (lang === "en" ? `, ${ign} ignored` : `，已忽略 ${ign}`) : "";
      lines.push(`  [${clean(t.sheet)}!${t.range}] ${kind}「${clean(t.name)}」${form}${tpl} — ${countLine(t.counts, lang)}${ignText}`);
      if (t.light) lines.push(`    ${lang === "en" ? "execution" : "执行进度"}: ${lightText(t.light, lang)}`);
      if (t.score) {
        lines.push(`    ${lang === "en" ? "score" : "得分"}: ${clean(scoreLine(t.score, lang))}`);
        // Per row, entered beside recomputed; ≠ marks a difference over the tolerance.
        for (const it of t.score.items) {
          const why = it.computed === null && it.unscored ? (lang === "en" ? ` (${unscoredText(it.unscored, lang)})` : `（${unscoredText(it.unscored, lang)}）`) : "";
          const e = it.entered ?? "—";
          const c = it.computed ?? "—";
          lines.push(`      ${it.cell.padEnd(6)} ${clean(it.indicator)}: ${lang === "en" ? `weight ${it.weight}, entered ${e}, recomputed ${c}` : `分值 ${it.weight}，自评 ${e}，审核 ${c}`}${it.differs ? (lang === "en" ? " ≠" : " ≠") : ""}${why}`);
        }
      }
    } else if (fs.length) {
      lines.push(`  ${lang === "en" ? "outside any table" : "表格之外"}`);
    }
    const sorted = [...fs].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.row - b.row || a.col - b.col);
    for (const f of sorted) {
      lines.push(`    ${severityLabel(f.severity, lang).padEnd(lang === "en" ? 8 : 3)} ${`${clean(f.sheet)}!${f.cell}`.padEnd(14)} ${clean(lang === "en" ? f.messageEn : f.message)}  (${f.rule})`);
    }
  };
  for (const t of res.tables) tableBlock(t, byTable.get(t.index) ?? []);
  if (byTable.has(undefined)) tableBlock(undefined, byTable.get(undefined)!);
  // Set aside in the workbook (the add-in's 忽略): listed apart, whole-rule ignores first, each with the
  // clerk's reason, when and by whom — counted apart, never dropped (a file whose errors are all ignored
  // must not read as clean).
  if (res.ignored?.length) {
    const c = ignoredCounts(r);
    lines.push(`  ${lang === "en" ? `ignored in the workbook: ${res.ignored.length} (${countLine(c, lang)}) — set aside by whoever edited the workbook; --no-ignores shows them as findings` : `已忽略 ${res.ignored.length}（${countLine(c, lang)}）——由编辑工作簿的人记录在工作簿中；用 --no-ignores 可按未忽略检查`}`);
    const why = (f: IgnoredFinding) => (f.reason ? clean(f.reason) : lang === "en" ? "no reason given" : "未填写原因");
    const item = (f: IgnoredFinding) => `${severityLabel(f.severity, lang).padEnd(lang === "en" ? 8 : 3)} ${`${clean(f.sheet)}!${f.cell}`.padEnd(14)} ${clean(lang === "en" ? f.messageEn : f.message)}  (${f.rule})`;
    const byRule = new Map<string, IgnoredFinding[]>();
    for (const f of res.ignored) if (f.scope === "rule") byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
    for (const [rule, fs] of byRule) {
      const f = fs[0];
      lines.push(`    ${lang === "en" ? `whole rule ${rule} ignored for the workbook (${fs.length})` : `整条规则 ${rule} 在本工作簿忽略（${fs.length} 条）`} — ${lang === "en" ? "reason" : "原因"}：${why(f)}；${clean(ignoreByLine(f, lang))}`);
      for (const x of fs) lines.push(`      ${item(x)}`);
    }
    for (const f of res.ignored) {
      if (f.scope === "rule") continue;
      const was = f.was !== undefined ? (lang === "en" ? `; the cell held “${clean(f.was)}”` : `；当时单元格为“${clean(f.was)}”`) : "";
      lines.push(`    ${item(f)} — ${lang === "en" ? "reason" : "原因"}：${why(f)}；${clean(ignoreByLine(f, lang))}${was}`);
    }
  }
  return lines.join("\n");
}

/** `--summary`: one line per file — its status, the file, and the counts or the reason. */
export function summaryLine(r: FileReport, lang: Lang): string {
  const status = statusOf(r);
  const label = STATUS_LABEL[status][lang];
  if (status === "unreadable" || status === "skipped" || status === "too-large" || status === "duplicate") return `${label}\t${clean(r.file)}\t${clean(pick(r.error ?? "", lang))}`;
  const c = fileCounts(r);
  const tables = r.result!.tables;
  const scores = tables.filter((t) => t.score).map((t) => clean(scoreShort(t.score!, lang)));
  const parts = [lang === "en" ? `${tables.length} table(s)` : `${tables.length} 张表`, countLine(c, lang)];
  const ign = ignoredLabel(r, lang);
  if (ign) parts.push(ign);
  if (scores.length) parts.push(`${lang === "en" ? "score" : "得分"} ${scores.join(" ")}`);
  if (r.notices?.length) parts.push(lang === "en" ? `${r.notices.length} note(s)` : `注意 ${r.notices.length} 条`);
  return `${label}\t${clean(r.file)}\t${parts.join(lang === "en" ? ", " : "，")}`;
}

export interface Totals {
  files: number;
  unreadable: number;
  skipped: number;
  tooLarge: number;
  noTable: number;
  /** Byte-identical repeats of an earlier file: not in `files`, nor in any other count. */
  duplicate?: number;
  tables: number;
  error: number;
  warning: number;
  info: number;
  /** Findings set aside by the workbooks' ignore lists, by severity (not in error/warning/info). */
  ignored?: Record<Severity, number>;
  /** Forms the tables were read as: id → zh / en name. */
  forms?: Map<string, { zh: string; en: string }>;
}

export function emptyTotals(): Totals {
  return { files: 0, unreadable: 0, skipped: 0, tooLarge: 0, noTable: 0, tables: 0, error: 0, warning: 0, info: 0, ignored: { error: 0, warning: 0, info: 0 }, forms: new Map() };
}

/** “表式：…” — the forms the run's tables were read as (empty when none was identified). */
export function formsLine(t: Totals, lang: Lang): string {
  const names = [...(t.forms ?? new Map()).values()].map((f) => clean(lang === "en" ? f.en : f.zh));
  if (!names.length) return "";
  return lang === "en" ? `Forms read: ${names.join("; ")}` : `所用表式：${names.join("；")}`;
}

export function addTotals(t: Totals, r: FileReport): void {
  const s = statusOf(r);
  if (s === "duplicate") {
    t.duplicate = (t.duplicate ?? 0) + 1;
    return;
  }
  t.files++;
  if (s === "unreadable") t.unreadable++;
  else if (s === "skipped") t.skipped++;
  else if (s === "too-large") t.tooLarge++;
  else if (s === "no-table") t.noTable++;
  for (const f of r.result?.findings ?? []) t[f.severity]++;
  t.ignored ??= { error: 0, warning: 0, info: 0 };
  for (const f of r.result?.ignored ?? []) t.ignored[f.severity]++;
  t.tables += r.result?.tables.length ?? 0;
  for (const tb of r.result?.tables ?? []) if (tb.form) t.forms?.set(tb.form.id, { zh: tb.form.name, en: tb.form.nameEn });
}

export function textSummary(t: Totals, lang: Lang): string {
  const extra: string[] = [];
  if (lang === "en") {
    if (t.noTable) extra.push(`${t.noTable} with no table recognised`);
    if (t.skipped) extra.push(`${t.skipped} skipped`);
    if (t.tooLarge) extra.push(`${t.tooLarge} over the size limit`);
    if (t.duplicate) extra.push(`${t.duplicate} duplicate(s) of another file, counted once`);
    return `Summary: ${t.files} file(s) (${t.unreadable} unreadable)${extra.map((x) => ", " + x).join("")}, ${t.tables} table(s), ${t.error} error(s), ${t.warning} warning(s), ${t.info} info${ignoredTotal(t, lang)}`;
  }
  if (t.noTable) extra.push(`${t.noTable} 个未识别到绩效表`);
  if (t.skipped) extra.push(`${t.skipped} 个已跳过`);
  if (t.tooLarge) extra.push(`${t.tooLarge} 个超过大小上限`);
  if (t.duplicate) extra.push(`另有 ${t.duplicate} 个重复文件（与其他文件内容相同，只计一次）`);
  return `汇总：${t.files} 个文件（${t.unreadable} 个无法读取）${extra.map((x) => "，" + x).join("")}，${t.tables} 张表，错误 ${t.error}，警告 ${t.warning}，提示 ${t.info}${ignoredTotal(t, lang)}`;
}

function ignoredTotal(t: Totals, lang: Lang): string {
  const c = t.ignored;
  const n = c ? c.error + c.warning + c.info : 0;
  if (!c || !n) return "";
  return lang === "en" ? `; ${n} ignored in the workbooks (${countLine(c, lang)})` : `；另有已忽略 ${n}（${countLine(c, lang)}）`;
}
