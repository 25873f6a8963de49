/**
 * The corpus waves (fixtures/corpus/wave2, wave3, …) and their hand labels (fixtures/labels/<wave>): the labels
 * parse, every labelled workbook, sheet and row exists as the CLI's reader sees it, no row is labelled both a
 * mistake and clean, every labelled total carries the grade of its band, and every workbook has its blind first
 * read recorded. Nothing here asks that today's findings match the labels: the floors on found / false alarms are
 * set by the lead after tuning, and a wave's first read is kept as it was (scripts/corpus/first-reads.ts).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { readXlsx } from "../src/cli/xlsx/reader";
import type { SheetSnapshot } from "../src/core/snapshot";
import { FIRST_READS, listWaves, waveDir, waveLabels } from "../scripts/corpus/wave";

const Case = z.object({
  file: z.string().regex(/\.xlsx$/),
  sheet: z.string().min(1),
  rows: z.array(z.number().int().positive()).min(1),
  kind: z.enum(["flag", "clean"]),
  why: z.string().min(10),
});
const Total = z.object({ file: z.string().regex(/\.xlsx$/), sheet: z.string().min(1), total: z.number().min(0).max(100), grade: z.enum(["优", "良", "中", "差"]) });
const Cases = z.object({ cases: z.array(Case) });
const Totals = z.object({ tables: z.array(Total) });

/** 财预〔2020〕10号 bands, the grades the labels use. */
const gradeOf = (total: number): string => (total >= 90 ? "优" : total >= 80 ? "良" : total >= 60 ? "中" : "差");

/** Whether Excel row `row` (1-based) of the sheet holds something: a value, or a merged area with a value that covers it. */
export function rowHasContent(sheet: SheetSnapshot, row: number): boolean {
  const r = row - 1;
  const at = (ar: number, ac: number) => sheet.values[ar - sheet.origin.row]?.[ac - sheet.origin.col];
  const filled = (v: unknown) => v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "");
  const line = sheet.values[r - sheet.origin.row];
  if (line && line.some(filled)) return true;
  return sheet.merges.some((m) => m.top <= r && r <= m.bottom && filled(at(m.top, m.left)));
}

interface Wave {
  name: string;
  files: string[];
  cases: z.infer<typeof Case>[];
  totals: z.infer<typeof Total>[];
  sheets: Map<string, SheetSnapshot[]>;
}
const waves: Wave[] = [];

beforeAll(async () => {
  for (const name of await listWaves()) {
    const files = (await fs.readdir(waveDir(name))).filter((f) => f.endsWith(".xlsx")).sort();
    const cases = Cases.parse(JSON.parse(await fs.readFile(path.join(waveLabels(name), "expected.json"), "utf8"))).cases;
    const totals = Totals.parse(JSON.parse(await fs.readFile(path.join(waveLabels(name), "expected-scores.json"), "utf8"))).tables;
    const sheets = new Map<string, SheetSnapshot[]>();
    for (const f of files) sheets.set(f, readXlsx(new Uint8Array(await fs.readFile(path.join(waveDir(name), f)))).snapshot.sheets);
    waves.push({ name, files, cases, totals, sheets });
  }
}, 60_000);

test("the waves are found by folder, wave2 and wave3 among them, in number order", () => {
  const names = waves.map((w) => w.name);
  expect(names).toEqual(expect.arrayContaining(["wave2", "wave3"]));
  expect(names.map((n) => Number(n.slice(4)))).toEqual([...names.map((n) => Number(n.slice(4)))].sort((a, b) => a - b));
});

test("wave3 holds its transcribed tables and their labels (flags and clean rows)", () => {
  const w3 = waves.find((w) => w.name === "wave3")!;
  expect(w3.files.length).toBeGreaterThanOrEqual(4);
  expect(w3.cases.filter((c) => c.kind === "flag").length).toBeGreaterThanOrEqual(5);
  expect(w3.cases.filter((c) => c.kind === "clean").length).toBeGreaterThanOrEqual(15);
});

test("every labelled workbook, sheet and row exists as the CLI's reader sees it, and every workbook is labelled", () => {
  const problems: string[] = [];
  for (const w of waves) {
    for (const c of w.cases) {
      const sheets = w.sheets.get(c.file);
      if (!sheets) {
        problems.push(`${w.name}/${c.file}: no such workbook`);
        continue;
      }
      const sheet = sheets.find((s) => s.name === c.sheet);
      if (!sheet) {
        problems.push(`${w.name}/${c.file}: no sheet "${c.sheet}"`);
        continue;
      }
      for (const r of c.rows) if (!rowHasContent(sheet, r)) problems.push(`${w.name}/${c.file} · ${c.sheet}: row ${r} is empty or beyond the sheet`);
    }
    for (const t of w.totals) {
      if (!w.sheets.get(t.file)?.some((s) => s.name === t.sheet)) problems.push(`${w.name}/${t.file}: total on a missing sheet "${t.sheet}"`);
    }
    for (const f of w.files) if (!w.cases.some((c) => c.file === f)) problems.push(`${w.name}/${f}: a workbook with no labelled row`);
  }
  expect(problems).toEqual([]);
});

test("no row is labelled both a mistake and clean, and every labelled total has the grade of its band", () => {
  const problems: string[] = [];
  for (const w of waves) {
    const seen = new Map<string, string>();
    for (const c of w.cases)
      for (const r of c.rows) {
        const key = `${c.file} · ${c.sheet} r${r}`;
        const before = seen.get(key);
        if (before && before !== c.kind) problems.push(`${w.name}: ${key} is both ${before} and ${c.kind}`);
        seen.set(key, c.kind);
      }
    for (const t of w.totals) if (gradeOf(t.total) !== t.grade) problems.push(`${w.name}/${t.file}: total ${t.total} is ${gradeOf(t.total)}, labelled ${t.grade}`);
  }
  expect(problems).toEqual([]);
});

test("every workbook of every wave has its blind first read recorded under <wave>/<file>", async () => {
  const entries = (JSON.parse(await fs.readFile(FIRST_READS, "utf8")) as { entries: Record<string, { file: string }> }).entries;
  const missing: string[] = [];
  for (const w of waves) for (const f of w.files) if (entries[`${w.name}/${f}`]?.file !== f) missing.push(`${w.name}/${f}`);
  expect(missing).toEqual([]);
});

test("the row check itself tells a filled row from an empty one, a merged one and one past the sheet", () => {
  const sheet: SheetSnapshot = {
    name: "t",
    origin: { row: 0, col: 0 },
    values: [["标题", null], [null, null], ["  ", null], [null, 5]],
    merges: [{ top: 0, left: 0, bottom: 1, right: 1 }],
  };
  expect(rowHasContent(sheet, 1)).toBe(true);
  expect(rowHasContent(sheet, 2)).toBe(true); // covered by the merged title
  expect(rowHasContent(sheet, 3)).toBe(false); // blanks only
  expect(rowHasContent(sheet, 4)).toBe(true);
  expect(rowHasContent(sheet, 9)).toBe(false);
});
