/**
 * The corpus check: each real table is written as a real .xlsx, read back through the CLI's reader,
 * validated, and compared with its hand-checked expectations (fixtures/corpus/FORMAT.md).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import path from "node:path";
import { readWorkbookSnapshot } from "../../src/cli/snapshot";
import type { Finding } from "../../src/core/finding";
import type { Table } from "../../src/core/model";
import { columnLetters, parseA1, parseRange, rectAddress, type Rect } from "../../src/core/snapshot";
import { validateWorkbook } from "../../src/core/validate";
import { CorpusTableSchema, type CorpusTable } from "./schema";

export const CORPUS_DIR = path.join(__dirname, "..", "..", "fixtures", "corpus");

export async function loadCorpus(dir = CORPUS_DIR): Promise<CorpusTable[]> {
  const out: CorpusTable[] = [];
  // Table files only: the run's records (baseline, first reads) sit beside them.
  const records = new Set(["baseline.json", "first-reads.json"]);
  for (const name of (await fs.readdir(dir)).filter((n) => n.endsWith(".json") && !records.has(n)).sort()) {
    const file = path.join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(await fs.readFile(file, "utf8"));
    } catch (e) {
      throw new Error(`${file}: not valid JSON: ${(e as Error).message}`);
    }
    const parsed = CorpusTableSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: ${issue.path.join(".")}: ${issue.message}`);
    }
    if (`${parsed.data.id}.json` !== name) throw new Error(`${file}: id "${parsed.data.id}" does not match the file name`);
    out.push(parsed.data);
  }
  return out;
}

/** The published grid as a real workbook (values, merges) — what a department would send. */
export async function corpusWorkbook(t: CorpusTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t.sheet);
  t.grid.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== "") ws.getCell(r + 1, c + 1).value = v;
    }),
  );
  for (const m of t.merges) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface TableOutcome {
  id: string;
  province: string;
  level: string;
  kind: string;
  /** Right kind, and a range inside the expected one that holds every expected cell. */
  located: boolean;
  locatedAs: string[];
  form?: string;
  problems: string[];
  fundingExpected: number;
  fundingRead: number;
  valueColumnOk: boolean | undefined;
  mistakes: { cell: string; rules: string[]; found: boolean }[];
  cleanRows: number;
  falseAlarms: Finding[];
  score?: { expected: number; computed: number | undefined; grade: string; computedGrade: string | undefined; ok: boolean };
}

const FUNDING_KEYS = new Set(["funding", "expenses", "expenseTotal", "basic", "projectTotal", "projectLines", "dutyLines", "funds"]);

type CellLike = { row: number; col: number; value: unknown };
const isCell = (o: unknown): o is CellLike =>
  typeof o === "object" && o !== null && typeof (o as CellLike).row === "number" && typeof (o as CellLike).col === "number" && "value" in (o as object);

/** Every cell the table model read under its funding keys (amounts and labels), by A1 address. */
function fundingCells(table: Table): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const seen = new Set<unknown>();
  const walk = (o: unknown, depth: number) => {
    if (depth > 6 || o === null || typeof o !== "object" || seen.has(o)) return;
    seen.add(o);
    if (isCell(o)) out.set(`${columnLetters(o.col)}${o.row + 1}`, o.value);
    const values = Array.isArray(o) ? o : Object.values(o as object);
    for (const v of values) walk(v, depth + 1);
    if (!Array.isArray(o)) for (const k of ["label", "half", "full", "initial", "budget", "executed", "weight", "rate", "score"]) walk((o as Record<string, unknown>)[k], depth + 1);
  };
  for (const k of FUNDING_KEYS) walk((table as unknown as Record<string, unknown>)[k], 0);
  return out;
}

const contains = (outer: Rect, inner: Rect) => outer.top <= inner.top && outer.left <= inner.left && outer.bottom >= inner.bottom && outer.right >= inner.right;
const overlaps = (a: Rect, b: Rect) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

function asNumber(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const n = Number(v.normalize("NFKC").replace(/[,\s]|万元|元/g, ""));
    return Number.isFinite(n) && v.trim() !== "" ? n : undefined;
  }
  return undefined;
}

export async function evaluateTable(t: CorpusTable): Promise<TableOutcome> {
  const snap = await readWorkbookSnapshot(await corpusWorkbook(t));
  const result = validateWorkbook(snap);
  const expected = parseRange(t.expect.range)!;
  const candidates = result.located.filter((x) => overlaps(x.range, expected));
  const problems: string[] = [];
  const outcome: TableOutcome = {
    id: t.id,
    province: t.provenance.province,
    level: t.provenance.level,
    kind: t.kind,
    located: false,
    locatedAs: candidates.map((c) => `${c.kind} ${rectAddress(c.range)}`),
    problems,
    fundingExpected: t.expect.funding.length,
    fundingRead: 0,
    valueColumnOk: undefined,
    mistakes: [],
    cleanRows: t.expect.cleanRows.length,
    falseAlarms: [],
  };
  const table = candidates.length === 1 && candidates[0].kind === t.kind ? candidates[0] : undefined;
  if (!table) problems.push(candidates.length === 0 ? "not located" : `located as ${outcome.locatedAs.join(", ")}`);
  else {
    outcome.form = result.tables[result.located.indexOf(table)]?.form?.id;
    const mustHold = [...t.expect.funding.map((f) => f.cell), ...t.expect.mistakes.map((m) => m.cell)].map((c) => parseA1(c)!);
    const inside = contains(expected, table.range) && mustHold.every((p) => p.row >= table.range.top && p.row <= table.range.bottom && p.col >= table.range.left && p.col <= table.range.right);
    if (!inside) problems.push(`range ${rectAddress(table.range)} vs expected ${t.expect.range}`);
    outcome.located = inside;
    const read = fundingCells(table);
    for (const f of t.expect.funding) {
      const v = read.get(f.cell);
      // Read: the right cell, holding the figure (as a number, or inside text such as “…资金50” that amount-numeric reports).
      const n = asNumber(v);
      const inText = typeof v === "string" && new RegExp(`(^|[^\\d.])${String(f.value).replace(".", "\\.")}([^\\d]|$)`).test(v.normalize("NFKC"));
      if (v !== undefined && ((n !== undefined && Math.abs(n - f.value) < 1e-6) || (n === undefined && inText))) outcome.fundingRead++;
      else problems.push(`funding ${f.line} ${f.cell}=${f.value} not read${v !== undefined ? ` (read ${JSON.stringify(v)})` : ""}`);
    }
    if (t.expect.valueColumns.length) {
      const cols = new Set<string>();
      const rows = (table as { indicators?: { row: number; full?: { col: number; row: number } }[] }).indicators ?? [];
      const [first, last] = t.expect.indicatorRows ?? [1, Infinity];
      for (const r of rows) if (r.row + 1 >= first && r.row + 1 <= last && r.full) cols.add(columnLetters(r.full.col));
      // A table cut off above its indicator rows has no value column to find (nothing to judge).
      outcome.valueColumnOk = rows.length === 0 && !t.expect.indicatorRows ? undefined : cols.size > 0 && [...cols].every((c) => t.expect.valueColumns.includes(c));
      if (outcome.valueColumnOk === false) problems.push(`value column read ${[...cols].join(",") || "none"}, expected ${t.expect.valueColumns.join(",")}`);
    }
    if (t.expect.score) {
      const s = result.tables[result.located.indexOf(table)]?.score;
      const computed = s?.total ?? undefined;
      const ok = computed !== undefined && Math.abs(computed - t.expect.score.total) <= 0.05 && s?.grade === t.expect.score.grade;
      outcome.score = { expected: t.expect.score.total, computed, grade: t.expect.score.grade, computedGrade: s?.grade ?? undefined, ok };
      if (!ok) problems.push(`score ${computed ?? "none"} ${s?.grade ?? ""} vs ${t.expect.score.total} ${t.expect.score.grade}`);
    }
  }
  const inTable = result.findings.filter((f) => overlaps({ top: f.row, left: f.col, bottom: f.row, right: f.col }, expected));
  for (const m of t.expect.mistakes) {
    // Found when one of its rules fires on its cell, or on its row (a missing reason is reported on the reason cell of the row the transcriber pointed at).
    const at = parseA1(m.cell)!;
    const found = inTable.some((f) => m.rules.includes(f.rule) && (f.cell === m.cell || f.row === at.row));
    outcome.mistakes.push({ cell: m.cell, rules: m.rules, found });
  }
  const clean = new Set(t.expect.cleanRows);
  const mistakeCells = new Set(t.expect.mistakes.map((m) => m.cell));
  outcome.falseAlarms = inTable.filter((f) => f.severity !== "info" && clean.has(f.row + 1) && !mistakeCells.has(f.cell));
  return outcome;
}

export interface CorpusSummary {
  tables: number;
  located: number;
  fundingExpected: number;
  fundingRead: number;
  valueColumns: { ok: number; of: number };
  recall: { found: number; of: number };
  falseAlarms: number;
  cleanRows: number;
  scores: { ok: number; of: number };
}

export function summarise(outcomes: TableOutcome[]): CorpusSummary {
  const s: CorpusSummary = { tables: outcomes.length, located: 0, fundingExpected: 0, fundingRead: 0, valueColumns: { ok: 0, of: 0 }, recall: { found: 0, of: 0 }, falseAlarms: 0, cleanRows: 0, scores: { ok: 0, of: 0 } };
  for (const o of outcomes) {
    if (o.located) s.located++;
    s.fundingExpected += o.fundingExpected;
    s.fundingRead += o.fundingRead;
    if (o.valueColumnOk !== undefined) {
      s.valueColumns.of++;
      if (o.valueColumnOk) s.valueColumns.ok++;
    }
    s.recall.of += o.mistakes.length;
    s.recall.found += o.mistakes.filter((m) => m.found).length;
    s.falseAlarms += o.falseAlarms.length;
    s.cleanRows += o.cleanRows;
    if (o.score) {
      s.scores.of++;
      if (o.score.ok) s.scores.ok++;
    }
  }
  return s;
}

/** What a run achieved per table, recorded so a later run can be held to it (fixtures/corpus/baseline.json). */
export interface BaselineEntry {
  located: boolean;
  fundingRead: number;
  valueColumnOk: boolean | null;
  found: string[];
  falseAlarms: number;
  scoreOk: boolean | null;
}

export function baselineOf(o: TableOutcome): BaselineEntry {
  return {
    located: o.located,
    fundingRead: o.fundingRead,
    valueColumnOk: o.valueColumnOk ?? null,
    found: o.mistakes.filter((m) => m.found).map((m) => m.cell),
    falseAlarms: o.falseAlarms.length,
    scoreOk: o.score ? o.score.ok : null,
  };
}

/** Where an outcome falls short of its recorded baseline (empty: no regression). */
export function regressions(o: TableOutcome, b: BaselineEntry): string[] {
  const now = baselineOf(o);
  const out: string[] = [];
  if (b.located && !now.located) out.push("no longer located right");
  if (now.fundingRead < b.fundingRead) out.push(`funding figures read ${now.fundingRead} < ${b.fundingRead}`);
  if (b.valueColumnOk && !now.valueColumnOk) out.push("value column no longer right");
  for (const cell of b.found) if (!now.found.includes(cell)) out.push(`mistake at ${cell} no longer found`);
  if (now.falseAlarms > b.falseAlarms) out.push(`false alarms ${now.falseAlarms} > ${b.falseAlarms}`);
  if (b.scoreOk && !now.scoreOk) out.push("score no longer agrees");
  return out;
}
