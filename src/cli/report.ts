/**
 * Report formats. JSON is a contract other tools read: `{"version":1,"files":[…]}` exactly as issue 2
 * states it (plus `score` per table where computed, and `error` for a file that could not be read).
 */
import type { Finding, Severity } from "../core/finding";
import { severityRank } from "../core/finding";
import type { TableSummary, ValidationResult } from "../core/validate";

export type Lang = "zh" | "en";

export function severityLabel(s: Severity, lang: Lang): string {
  if (lang === "en") return s;
  return s === "error" ? "错误" : s === "warning" ? "警告" : "提示";
}

const KIND_LABEL: Record<string, { zh: string; en: string }> = {
  "project-target": { zh: "项目绩效目标表", en: "project target table" },
  "department-target": { zh: "部门整体绩效目标表", en: "department target table" },
  "self-evaluation": { zh: "绩效自评表", en: "self-evaluation table" },
  "evaluation-report": { zh: "评价报告评分表", en: "evaluation-report scoring table" },
};

export interface FileReport {
  file: string;
  result?: ValidationResult;
  error?: string;
}

export interface JsonFile {
  file: string;
  tables: { sheet: string; kind: string; name: string; range: string; score?: unknown }[];
  findings: { rule: string; severity: Severity; sheet: string; cell: string; message: string; messageEn: string }[];
  error?: string;
}

export function jsonFile(r: FileReport): JsonFile {
  const out: JsonFile = {
    file: r.file,
    tables: (r.result?.tables ?? []).map((t) => {
      const o: JsonFile["tables"][number] = { sheet: t.sheet, kind: t.kind, name: t.name, range: t.range };
      if (t.score) o.score = t.score;
      return o;
    }),
    findings: (r.result?.findings ?? []).map((f) => ({ rule: f.rule, severity: f.severity, sheet: f.sheet, cell: f.cell, message: f.message, messageEn: f.messageEn })),
  };
  if (r.error) out.error = r.error;
  return out;
}

function countLine(c: Record<Severity, number>, lang: Lang): string {
  return lang === "en"
    ? `${c.error} error(s), ${c.warning} warning(s), ${c.info} info`
    : `错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}`;
}

/** Text report for one file: grouped by table, then severity. */
export function textFile(r: FileReport, lang: Lang): string {
  const lines: string[] = [r.file];
  if (r.error) {
    lines.push(`  ${lang === "en" ? "cannot read" : "无法读取"}: ${r.error}`);
    return lines.join("\n");
  }
  const res = r.result!;
  if (res.tables.length === 0) lines.push(`  ${lang === "en" ? "no performance table found" : "未找到绩效表"}`);
  const byTable = new Map<number | undefined, Finding[]>();
  for (const f of res.findings) {
    const list = byTable.get(f.table) ?? [];
    list.push(f);
    byTable.set(f.table, list);
  }
  const tableBlock = (t: TableSummary | undefined, fs: Finding[]) => {
    if (t) {
      const kind = KIND_LABEL[t.kind]?.[lang] ?? t.kind;
      lines.push(`  [${t.sheet}!${t.range}] ${kind}「${t.name}」 — ${countLine(t.counts, lang)}`);
      if (t.score) lines.push(`    ${lang === "en" ? "score" : "得分"}: ${t.score.total} (${t.score.grade})`);
    } else if (fs.length) {
      lines.push(`  ${lang === "en" ? "outside any table" : "表格之外"}`);
    }
    const sorted = [...fs].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.row - b.row || a.col - b.col);
    for (const f of sorted) {
      lines.push(`    ${severityLabel(f.severity, lang).padEnd(lang === "en" ? 8 : 3)} ${`${f.sheet}!${f.cell}`.padEnd(14)} ${lang === "en" ? f.messageEn : f.message}  (${f.rule})`);
    }
  };
  for (const t of res.tables) tableBlock(t, byTable.get(t.index) ?? []);
  if (byTable.has(undefined)) tableBlock(undefined, byTable.get(undefined)!);
  return lines.join("\n");
}

export interface Totals {
  files: number;
  unreadable: number;
  tables: number;
  error: number;
  warning: number;
  info: number;
}

export function addTotals(t: Totals, r: FileReport): void {
  t.files++;
  if (r.error) t.unreadable++;
  for (const f of r.result?.findings ?? []) t[f.severity]++;
  t.tables += r.result?.tables.length ?? 0;
}

export function textSummary(t: Totals, lang: Lang): string {
  return lang === "en"
    ? `Summary: ${t.files} file(s) (${t.unreadable} unreadable), ${t.tables} table(s), ${t.error} error(s), ${t.warning} warning(s), ${t.info} info`
    : `汇总：${t.files} 个文件（${t.unreadable} 个无法读取），${t.tables} 张表，错误 ${t.error}，警告 ${t.warning}，提示 ${t.info}`;
}

/** One CSV line per file for the reviewer's summary (UTF-8 with BOM so Excel shows Chinese). */
export function csvSummaryHeader(): string {
  return "\ufefffile,tables,errors,warnings,info,status\n";
}

export function csvSummaryLine(r: FileReport): string {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of r.result?.findings ?? []) c[f.severity]++;
  const status = r.error ? `unreadable: ${r.error}` : c.error ? "errors" : "ok";
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [q(r.file), r.result?.tables.length ?? 0, c.error, c.warning, c.info, q(status)].join(",") + "\n";
}
