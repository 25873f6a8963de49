/**
 * The Reading of a workbook as one plain, JSON-serialisable value: per sheet, the tables found (kind, range,
 * form, how the indicator table was found), each indicator column's role with its confidence and evidence,
 * the rows' roles, the funding lines with the sums found among them, and what could not be read. The CLI's
 * `perfcheck inspect` prints it and the pane's 读作… view draws it: both call `readWorkbook`, so they agree.
 */
import type { AmountLine, CellItem, IndicatorRow, Table } from "../model";
import type { FundingBlock } from "../model/project";
import { amountValue } from "../rules/util";
import { a1, columnLetters, type WorkbookSnapshot } from "../snapshot";
import { validateWorkbook, type ValidateOptions } from "../validate";
import { describeEvidence, ROLE_ZH } from "./roles";
export { ROLE_ZH };

export interface ReadColumn {
  /** Column letter (A, B …). */
  column: string;
  header: string;
  role: string;
  /** The role in Chinese, as the pane shows it. */
  roleZh: string;
  confidence: number;
  evidence: string[];
}

export interface ReadRow {
  row: number;
  role: "header" | "indicator" | "group";
  text: string;
}

export interface ReadFundingLine {
  line: "total" | "source" | "appropriation" | "part" | "expense" | "expense-total";
  label: string;
  cell?: string;
  value: number | null;
}

export interface ReadSum {
  /** What adds up: `资金总额 = 财政拨款 + 其他资金`. */
  what: string;
  stated: number | null;
  sum: number | null;
  holds: boolean;
}

export interface ReadTable {
  sheet: string;
  kind: string;
  range: string;
  name: string;
  form?: string;
  /** How the indicator table was found: by the header's words, or by what the cells hold. */
  by?: "words" | "content";
  headerRow?: number;
  columns: ReadColumn[];
  rows: ReadRow[];
  funding: ReadFundingLine[];
  sums: ReadSum[];
  /** Roles that could not be told: the rules that need them stay silent. */
  unsure: string[];
}

export interface WorkbookReading {
  version: 1;
  sheets: { name: string; tables: ReadTable[] }[];
}


const at = (i: CellItem | undefined) => (i ? a1(i.cell.row, i.cell.col) : undefined);

function fundingLines(f: FundingBlock | undefined, expenses: AmountLine[], expenseTotal?: AmountLine): ReadFundingLine[] {
  const out: ReadFundingLine[] = [];
  const push = (line: ReadFundingLine["line"], l: AmountLine | undefined) => {
    if (l) out.push({ line, label: l.label.text, cell: at(l.full), value: amountValue(l.full) });
  };
  if (f) {
    push("total", f.total);
    for (const s of f.sources) push(s === f.appropriation ? "appropriation" : "source", s);
    for (const p of f.appropriationParts) push("part", p);
  }
  for (const e of expenses) push("expense", e);
  push("expense-total", expenseTotal);
  return out;
}

function sumsOf(lines: ReadFundingLine[]): ReadSum[] {
  const out: ReadSum[] = [];
  const total = lines.find((l) => l.line === "total");
  const sources = lines.filter((l) => l.line === "source" || l.line === "appropriation");
  const add = (what: string, stated: number | null, parts: ReadFundingLine[]) => {
    const vals = parts.map((p) => p.value);
    // Nothing to add up (no lines, or none filled in, as on a blank template): no sum is claimed either way.
    if (!parts.length || vals.every((v) => v === null)) return;
    const sum = vals.reduce<number>((a, v) => a + (v ?? 0), 0);
    out.push({ what, stated, sum: Math.round(sum * 1e6) / 1e6, holds: stated !== null && Math.abs(stated - sum) < 0.005 });
  };
  if (total) add(`${total.label} = ${sources.map((s) => s.label).join(" + ")}`, total.value, sources);
  const expenses = lines.filter((l) => l.line === "expense");
  const et = lines.find((l) => l.line === "expense-total") ?? total;
  if (et && expenses.length) add(`${et.label} = ${expenses.map((s) => s.label).join(" + ")}`, et.value, expenses);
  return out;
}

/** The totals found by arithmetic (reading/sums.ts), averages and rates left out: they are not sums. */
function arithmeticSums(t: Table): ReadSum[] {
  return (t.sums ?? [])
    .filter((s) => !s.average)
    .map((s) => ({ what: `${s.label}（${a1(s.row, s.col)}）= ${s.parts.map((p) => a1(p.row, p.col)).join(" + ")}`, stated: s.stated, sum: s.sum, holds: s.holds }));
}

function indicatorRowsOf(t: Table): IndicatorRow[] {
  return "indicators" in t && Array.isArray(t.indicators) ? (t.indicators as IndicatorRow[]) : [];
}

function readTable(t: Table, form: string | undefined): ReadTable {
  const r = t.reading;
  const rows: ReadRow[] = [];
  if (r?.headerRow !== undefined) rows.push({ row: r.headerRow + 1, role: "header", text: "" });
  for (const row of indicatorRowsOf(t)) {
    const name = row.level3?.text ?? "";
    rows.push({ row: row.row + 1, role: name || row.full?.text ? "indicator" : "group", text: name || row.level2?.text || row.level1?.text || "" });
  }
  let funding: ReadFundingLine[] = [];
  if (t.kind === "project-target") funding = fundingLines(t.funding, t.expenses, t.expenseTotal);
  else if (t.kind === "department-target") funding = fundingLines(t.funding, [...(t.basic ? [t.basic] : []), ...t.projectLines], t.projectTotal);
  // A monitoring table's budget lines: the total and its sources, by their 预算数 (the light is on the total).
  else if (t.kind === "monitoring") funding = t.funds.map((l) => ({ line: l.total ? ("total" as const) : ("source" as const), label: l.label.text, cell: at(l.budget), value: amountValue(l.budget) }));
  return {
    sheet: t.sheet,
    kind: t.kind,
    range: `${a1(t.range.top, t.range.left)}:${a1(t.range.bottom, t.range.right)}`,
    name: t.name,
    form,
    by: r?.by,
    headerRow: r?.headerRow !== undefined ? r.headerRow + 1 : undefined,
    columns: [
      ...(r?.columns ?? []).map((c) => ({ column: columnLetters(c.col), header: c.header, role: c.role, roleZh: ROLE_ZH[c.role] ?? c.role, confidence: c.confidence, evidence: c.evidence })),
      // A self-evaluation's columns, by words checked against content or by content alone (locate/selfEvaluationColumns.ts).
      ...(t.kind === "self-evaluation" ? (t.columns ?? []).map((c) => ({ column: columnLetters(c.col), header: c.header, role: c.role, roleZh: ROLE_ZH[c.role] ?? c.role, confidence: c.confidence, evidence: c.evidence })) : []),
    ],
    rows,
    funding,
    sums: [...sumsOf(funding), ...arithmeticSums(t)],
    unsure: r?.unsure ?? [],
  };
}

/** How every sheet of the workbook (or only `options.sheets`) is read. */
export function readWorkbook(wb: WorkbookSnapshot, options: ValidateOptions = {}): WorkbookReading {
  const result = validateWorkbook(wb, options);
  const sheets = new Map<string, ReadTable[]>();
  for (const s of wb.sheets) if (!options.sheets || options.sheets.includes(s.name)) sheets.set(s.name, []);
  result.located.forEach((t, i) => sheets.get(t.sheet)?.push(readTable(t, result.tables[i]?.form?.id)));
  return { version: 1, sheets: [...sheets].map(([name, tables]) => ({ name, tables })) };
}

/** The Reading as text, in Chinese or English: what `perfcheck inspect` prints. */
export function renderReading(r: WorkbookReading, lang: "zh" | "en" = "zh"): string {
  const zh = lang === "zh";
  const out: string[] = [];
  for (const s of r.sheets) {
    out.push(`${zh ? "工作表" : "sheet"} ${s.name}: ${s.tables.length ? `${s.tables.length} ${zh ? "张表" : "table(s)"}` : zh ? "未识别到绩效表" : "no table recognised"}`);
    for (const t of s.tables) {
      out.push(`  [${t.range}] ${t.kind}「${t.name}」${t.form ? ` form=${t.form}` : ""}`);
      if (t.by) out.push(`    ${zh ? "指标表" : "indicator table"}: ${zh ? (t.by === "content" ? "按单元格内容识别" : "按表头文字识别") : t.by === "content" ? "found by its content" : "found by its header words"}${t.headerRow ? `, ${zh ? "表头第" : "header row "}${t.headerRow}${zh ? "行" : ""}` : ""}`);
      for (const c of t.columns) {
        out.push(`    ${c.column.padEnd(3)} ${(zh ? c.roleZh : c.role).padEnd(8)} ${c.confidence.toFixed(1)}  ${c.header ? `“${c.header}”` : "—"}  ${c.evidence.map((e) => describeEvidence(e, zh ? "zh" : "en")).join(zh ? "；" : "; ")}`);
      }
      const ind = t.rows.filter((x) => x.role === "indicator").length;
      if (t.rows.length) out.push(`    ${zh ? "指标行" : "indicator rows"}: ${ind}${ind ? ` (${t.rows.filter((x) => x.role === "indicator").map((x) => x.row).join(",")})` : ""}`);
      for (const f of t.funding) out.push(`    ${zh ? "资金" : "funding"} ${f.line.padEnd(13)} ${f.cell ?? "—"} ${f.value ?? "—"}  ${f.label}`);
      for (const x of t.sums) out.push(`    ${x.holds ? "✓" : "✗"} ${x.what}: ${x.stated ?? "—"} ${x.holds ? "=" : "≠"} ${x.sum ?? "—"}`);
      if (t.unsure.length) out.push(`    ${zh ? "未能确定" : "unsure"}: ${t.unsure.map((u) => (zh ? ROLE_ZH[u] ?? u : u)).join(zh ? "、" : ", ")}`);
    }
  }
  return out.join("\n") + "\n";
}
