/**
 * Typed twins: the seed workbooks rewritten the way Excel stores what people type — `100%` as 1 with a
 * percent format, `≥95%` as 0.95 with `"≥"0%`, dates as serials with 年/月/日 formats, totals as SUM
 * formulas with and without cached results — give the same findings on the same cells, with the same
 * messages, and the same scores as the text versions, through the streaming reader and through exceljs.
 */
import ExcelJS from "exceljs";
import { buildSeed000Workbook, buildSeed002Workbook } from "../scripts/fixtures/seedWorkbook";
import { buildSeed003Workbook } from "../scripts/fixtures/seed003Workbook";
import { readWorkbookSnapshot } from "../src/cli/snapshot";
import { readXlsx } from "../src/cli/xlsx";
import type { CellItem, Table } from "../src/core/model";
import { lineItems } from "./helpers/lineItems";
import { a1, shownValue } from "../src/core/snapshot";
import { validateWorkbook, type ValidationResult } from "../src/core/validate";

interface Counts {
  percent: number;
  date: number;
  formula: number;
}

/** Excel's serial for a calendar date (1900 system). */
function serial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}

/** The typed form of a text, with its format, only when it reads back as exactly the same text. */
function typed(text: string): { value: number; fmt: string; kind: "percent" | "date" } | undefined {
  const candidates: { value: number; fmt: string; kind: "percent" | "date" }[] = [];
  let m = /^([≥≤><=]?)(\d+(?:\.\d+)?)%$/.exec(text);
  if (m) candidates.push({ value: Number((Number(m[2]) / 100).toPrecision(15)), fmt: m[1] ? `"${m[1]}"0%` : "0%", kind: "percent" });
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text);
  if (m) candidates.push({ value: serial(+m[1], +m[2], +m[3]), fmt: 'yyyy"年"m"月"d"日"', kind: "date" });
  m = /^(\d{4})年(\d{1,2})月$/.exec(text);
  if (m) candidates.push({ value: serial(+m[1], +m[2], 1), fmt: 'yyyy"年"m"月"', kind: "date" });
  m = /^(\d{4})年$/.exec(text);
  if (m) candidates.push({ value: serial(+m[1], 1, 1), fmt: 'yyyy"年"', kind: "date" });
  m = /^(\d{4})[/](\d{1,2})[/](\d{1,2})$/.exec(text);
  if (m) candidates.push({ value: serial(+m[1], +m[2], +m[3]), fmt: "yyyy/m/d", kind: "date" });
  return candidates.find((c) => shownValue(c.value, c.fmt) === text);
}

/** Rewrite a text workbook as typed cells; `cache` keeps formula results in the file. */
async function typedTwin(buf: Buffer, located: Table[], cache: boolean): Promise<{ buf: Buffer; counts: Counts }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const counts: Counts = { percent: 0, date: 0, formula: 0 };
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        if (typeof cell.value !== "string") return;
        const t = typed(cell.value);
        if (!t) return;
        cell.value = t.value;
        // A fresh style object: exceljs shares one between the cells of a style id, and setting numFmt
        // on it would format every number of that style (a weight of 2 then shows as 200%).
        cell.style = { ...cell.style, numFmt: t.fmt };
        counts[t.kind]++;
      }),
    );
  }
  // Totals that equal the sum of their lines become SUM formulas over those lines.
  for (const t of located) {
    const ws = wb.getWorksheet(t.sheet)!;
    for (const { total, parts } of lineItems(t)) {
      const cells = parts.filter((p): p is CellItem => p !== undefined && typeof p.value === "number");
      if (!total || typeof total.value !== "number" || cells.length < 2) continue;
      const sum = Number(cells.reduce((s, p) => s + (p.value as number), 0).toPrecision(15));
      if (sum !== total.value) continue;
      const f = cells.map((p) => a1(p.cell.row, p.cell.col)).join("+");
      ws.getCell(total.cell.row + 1, total.cell.col + 1).value = (cache ? { formula: f, result: total.value } : { formula: f }) as ExcelJS.CellFormulaValue;
      counts.formula++;
    }
  }
  return { buf: Buffer.from(await wb.xlsx.writeBuffer()), counts };
}

function comparable(r: ValidationResult) {
  return {
    tables: r.tables.map((t) => ({ sheet: t.sheet, range: t.range, kind: t.kind, counts: t.counts, score: t.score })),
    findings: r.findings.map((f) => [f.rule, f.severity, f.sheet, f.cell, f.message, f.messageEn].join(" | ")),
  };
}

const SEEDS: [string, () => Promise<Buffer>][] = [
  ["seed 000", buildSeed000Workbook],
  ["seed 002", buildSeed002Workbook],
  ["seed 003", buildSeed003Workbook],
];

describe.each(SEEDS)("%s typed twin", (_name, build) => {
  let text: ValidationResult;
  let buf: Buffer;
  beforeAll(async () => {
    buf = await build();
    text = validateWorkbook(readXlsx(buf).snapshot);
  });

  test.each([true, false])("same findings and scores (formula results cached: %p)", async (cache) => {
    const twin = await typedTwin(buf, text.located, cache);
    // The twin really is typed: otherwise this test could not fail.
    expect(twin.counts.percent + twin.counts.date).toBeGreaterThan(0);
    const streamed = readXlsx(twin.buf).snapshot;
    // …and the reader sees it typed: number formats on stored numbers, formulas where totals were.
    expect(streamed.sheets.some((s) => s.formats?.some((r) => r.some((f) => f !== null)))).toBe(true);
    expect(streamed.sheets.some((s) => s.formulas !== undefined)).toBe(twin.counts.formula > 0);
    const want = comparable(text);
    expect(comparable(validateWorkbook(streamed))).toEqual(want);
    // The annotate path still reads with exceljs: it must agree too.
    expect(comparable(validateWorkbook(await readWorkbookSnapshot(twin.buf)))).toEqual(want);
  });
});

test("the twins cover percentages, dates and formulas across the seeds", async () => {
  const total: Counts = { percent: 0, date: 0, formula: 0 };
  for (const [, build] of SEEDS) {
    const buf = await build();
    const { counts } = await typedTwin(buf, validateWorkbook(readXlsx(buf).snapshot).located, false);
    for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += counts[k];
  }
  expect(total.percent).toBeGreaterThan(20);
  expect(total.date).toBeGreaterThan(5);
  expect(total.formula).toBeGreaterThan(5);
});

test("a typed value the reader did not turn back into text would be caught", async () => {
  // Read the typed twin without formats: percentages come back as fractions and findings change.
  const buf = await buildSeed000Workbook();
  const text = validateWorkbook(readXlsx(buf).snapshot);
  const twin = await typedTwin(buf, text.located, true);
  const snap = readXlsx(twin.buf).snapshot;
  for (const s of snap.sheets) delete s.formats;
  expect(comparable(validateWorkbook(snap))).not.toEqual(comparable(text));
});

test("through perfcheck validate --format json: the typed twin's report is the text version's", async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const { runCli } = await import("./helpers/cli");
  const dir = mkdtempSync(path.join(tmpdir(), "perfcheck-twin-"));
  try {
    const buf = await buildSeed002Workbook();
    const text = validateWorkbook(readXlsx(buf).snapshot);
    const twin = await typedTwin(buf, text.located, false);
    expect(twin.counts.percent).toBeGreaterThan(0);
    writeFileSync(path.join(dir, "text.xlsx"), buf);
    writeFileSync(path.join(dir, "typed.xlsx"), twin.buf);
    const report = async (name: string) => {
      const { out } = await runCli(["validate", "--format", "json", path.join(dir, name)]);
      const file = (JSON.parse(out) as { files: { findings: unknown[]; tables: unknown[] }[] }).files[0];
      return { tables: file.tables, findings: file.findings };
    };
    const a = await report("text.xlsx");
    expect(a.findings.length).toBeGreaterThan(0);
    expect(await report("typed.xlsx")).toEqual(a);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
