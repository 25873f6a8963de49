/**
 * The corpus waves (fixtures/corpus/wave2, wave3, …): real workbooks, each wave with a hand analysis of what a
 * reviewer must flag and what must stay silent and the recomputed self-evaluation totals (fixtures/labels/<wave>:
 * expected.json, expected-scores.json — the labels live apart from the corpus, which holds tables only). A wave is
 * any folder named wave<N> under fixtures/corpus; a new wave needs no code. Scored with the measure used on the
 * tables kept aside for acceptance:
 *   - a `flag` case is found when an error or warning lands on one of its rows (same file and sheet);
 *   - a `clean` case is a false alarm when one does;
 *   - a total counts when exactly one scored table sits on that sheet, within 0.05 and with the right grade.
 * Each workbook is read through the CLI's own reader, so this is what a reviewer's run sees.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { readXlsx } from "../../src/cli/xlsx/reader";
import type { Finding } from "../../src/core/finding";
import { validateWorkbook, type TableSummary } from "../../src/core/validate";

export const CORPUS_DIR = path.join(__dirname, "..", "..", "fixtures", "corpus");
export const LABELS_DIR = path.join(__dirname, "..", "..", "fixtures", "labels");
/** The tables of a wave. */
export const waveDir = (wave: string): string => path.join(CORPUS_DIR, wave);
/** The hand labels of a wave: answers, not tables. */
export const waveLabels = (wave: string): string => path.join(LABELS_DIR, wave);
// wave2 by name: the mutation engine and older callers read that wave alone.
export const WAVE_DIR = waveDir("wave2");
export const WAVE_LABELS = waveLabels("wave2");
export const FIRST_READS = path.join(CORPUS_DIR, "first-reads.json");

/** Every wave folder (wave<N>) under fixtures/corpus, in the order they were added (by number, not by text). */
export async function listWaves(root = CORPUS_DIR): Promise<string[]> {
  const entries = await fs.readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && /^wave\d+$/.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
}

export interface WaveCase {
  file: string;
  sheet: string;
  rows: number[];
  kind: "flag" | "clean";
  why: string;
}
export interface WaveTotal {
  file: string;
  sheet: string;
  total: number;
  grade: string;
}

/** What one run got on one workbook: enough to score it and to compare a later run with it. */
export interface WaveRead {
  file: string;
  tables: { sheet: string; kind: string; range: string; total?: number; grade?: string }[];
  findings: { rule: string; severity: string; sheet: string; cell: string }[];
}

export interface WaveScore {
  found: WaveCase[];
  missed: WaveCase[];
  alarms: WaveCase[];
  clean: number;
  flags: number;
  totals: { expected: WaveTotal; got?: { total: number; grade: string }; ok: boolean; scoredTables: number }[];
}

export async function loadWave(dir = WAVE_DIR, labels = WAVE_LABELS): Promise<{ cases: WaveCase[]; totals: WaveTotal[]; files: string[] }> {
  const cases = JSON.parse(await fs.readFile(path.join(labels, "expected.json"), "utf8")).cases as WaveCase[];
  const totals = JSON.parse(await fs.readFile(path.join(labels, "expected-scores.json"), "utf8")).tables as WaveTotal[];
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith(".xlsx")).sort();
  return { cases, totals, files };
}

function toRead(file: string, tables: TableSummary[], findings: Finding[]): WaveRead {
  return {
    file,
    tables: tables.map((t) => ({ sheet: t.sheet, kind: t.kind, range: t.range, ...(t.score && t.score.total !== null && t.score.total !== undefined ? { total: Number(t.score.total), grade: String(t.score.grade) } : {}) })),
    findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, sheet: f.sheet, cell: f.cell })),
  };
}

/** Read and validate one workbook of the wave as the CLI would. */
export async function readWaveFile(file: string, dir = WAVE_DIR): Promise<WaveRead> {
  const bytes = new Uint8Array(await fs.readFile(path.join(dir, file)));
  const wb = readXlsx(bytes).snapshot;
  const result = validateWorkbook(wb);
  return toRead(file, result.tables, result.findings);
}

const rowOf = (cell: string) => Number(cell.replace(/^.*!/, "").replace(/\$/g, "").match(/\d+/)?.[0]);

export function scoreWave(reads: WaveRead[], cases: WaveCase[], totals: WaveTotal[]): WaveScore {
  const hits = reads.flatMap((r) => r.findings.filter((f) => f.severity === "error" || f.severity === "warning").map((f) => ({ file: r.file, sheet: f.sheet, row: rowOf(f.cell) })));
  const out: WaveScore = { found: [], missed: [], alarms: [], clean: 0, flags: 0, totals: [] };
  for (const c of cases) {
    const hit = hits.some((h) => h.file === c.file && h.sheet === c.sheet && c.rows.includes(h.row));
    if (c.kind === "flag") {
      out.flags++;
      (hit ? out.found : out.missed).push(c);
    } else {
      out.clean++;
      if (hit) out.alarms.push(c);
    }
  }
  for (const t of totals) {
    const got = (reads.find((r) => r.file === t.file)?.tables ?? []).filter((x) => x.sheet === t.sheet && x.total !== undefined);
    const s = got.length === 1 ? { total: got[0].total!, grade: got[0].grade! } : undefined;
    const ok = !!s && Math.abs(s.total - t.total) <= 0.05 && s.grade === t.grade;
    out.totals.push({ expected: t, got: s, ok, scoredTables: got.length });
  }
  return out;
}

/**
 * The scores of several waves taken together. Cases and totals keep their own wave's file names, so the same file
 * name in two waves cannot be confused: each wave was scored against its own reads before being added here.
 */
export function sumScores(scores: WaveScore[]): WaveScore {
  return {
    found: scores.flatMap((s) => s.found),
    missed: scores.flatMap((s) => s.missed),
    alarms: scores.flatMap((s) => s.alarms),
    clean: scores.reduce((n, s) => n + s.clean, 0),
    flags: scores.reduce((n, s) => n + s.flags, 0),
    totals: scores.flatMap((s) => s.totals),
  };
}

export function waveLine(s: WaveScore): string {
  const right = s.totals.filter((t) => t.ok).length;
  return `found ${s.found.length}/${s.flags} = ${(s.found.length / Math.max(s.flags, 1)).toFixed(2)}; false alarms ${s.alarms.length}/${s.clean}; totals ${right}/${s.totals.length}`;
}
