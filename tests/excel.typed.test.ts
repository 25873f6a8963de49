/**
 * Typed twins through the Office.js adapter (issue 12): on every host profile of the strict fake, the seed
 * workbooks loaded as text and loaded the way Excel stores what people type — `100%` as 1 with a percent
 * format, `≥95%` as 0.95 with `"≥"0%`, dates as serials with 年/月/日 formats, totals as formulas whose
 * calculated value Office.js hands back — give the same findings on the same cells, with the same messages,
 * and the same scores, as each other and as the CLI reading the equivalent .xlsx.
 *
 * Two ways into the fake workbook:
 * - typing: every cell written through `range.values` / `range.formulas`, as a user types it; the fake
 *   coerces under General as Excel does (`100%` → 1 with `0%`, `2023年12月31日` → a serial with
 *   `yyyy"年"m"月"d"日"`). What Excel would not show as typed (`=50%`, which it would take for a formula)
 *   is typed with a leading apostrophe, as users do;
 * - stored: the model holds numbers and number formats directly, including forms typing cannot produce
 *   (`"≥"0%`, `yyyy"年"m"月"`) and formulas with their computed value.
 */
import ExcelJS from "exceljs";
import { buildSeed000Workbook, buildSeed002Workbook } from "../scripts/fixtures/seedWorkbook";
import { buildSeed003Workbook } from "../scripts/fixtures/seed003Workbook";
import { readWorkbookSnapshot } from "../src/cli/snapshot";
import { readXlsx } from "../src/cli/xlsx";
import type { CellItem, Table } from "../src/core/model";
import { lineItems } from "./helpers/lineItems";
import { a1, isCellError, parseA1, shownValue, type CellValue, type WorkbookSnapshot } from "../src/core/snapshot";
import { validateWorkbook, type ValidationResult } from "../src/core/validate";
import { readSnapshot } from "../src/excel/snapshot";
import { asExcel, coerceTyped, FakeContext, type HostProfile } from "./fakes/excel";
import { key, WorkbookModel } from "./fakes/excelModel";
import { capsOf, PROFILES, validateOn } from "./fakes/hostCases";

/** Excel's serial for a calendar date (1900 system; the 1904 system is 1462 days less). */
function serial(y: number, m: number, d: number, date1904 = false): number {
  return Date.UTC(y, m - 1, d) / 86400000 + 25569 - (date1904 ? 1462 : 0);
}

type Kind = "percent" | "date";

/** The typed form of a text, with its format, only when it reads back as exactly the same text. */
function typed(text: string, date1904 = false): { value: number; fmt: string; kind: Kind } | undefined {
  const candidates: { value: number; fmt: string; kind: Kind }[] = [];
  let m = /^([≥≤><=]?)(\d+(?:\.\d+)?)%$/.exec(text);
  if (m) candidates.push({ value: Number((Number(m[2]) / 100).toPrecision(15)), fmt: m[1] ? `"${m[1]}"0%` : "0%", kind: "percent" });
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text);
  if (m) candidates.push({ value: serial(+m[1], +m[2], +m[3], date1904), fmt: 'yyyy"年"m"月"d"日"', kind: "date" });
  m = /^(\d{4})年(\d{1,2})月$/.exec(text);
  if (m) candidates.push({ value: serial(+m[1], +m[2], 1, date1904), fmt: 'yyyy"年"m"月"', kind: "date" });
  m = /^(\d{4})年$/.exec(text);
  if (m) candidates.push({ value: serial(+m[1], 1, 1, date1904), fmt: 'yyyy"年"', kind: "date" });
  m = /^(\d{4})[/](\d{1,2})[/](\d{1,2})$/.exec(text);
  if (m) candidates.push({ value: serial(+m[1], +m[2], +m[3], date1904), fmt: "yyyy/m/d", kind: "date" });
  return candidates.find((c) => shownValue(c.value, c.fmt, date1904) === text);
}

interface TypedCell {
  sheet: string;
  row: number;
  col: number;
  text: string;
  value: number;
  fmt: string;
  kind: Kind;
}

interface FormulaCell {
  sheet: string;
  row: number;
  col: number;
  /** With the leading `=`, as Office.js writes and reads it. */
  formula: string;
  value: number;
}

/** The text workbook (as the CLI reads it) and how a user's Excel would store it typed. */
interface Plan {
  text: WorkbookSnapshot;
  cells: TypedCell[];
  formulas: FormulaCell[];
  date1904: boolean;
}

function planOf(text: WorkbookSnapshot, date1904 = false): Plan {
  const cells: TypedCell[] = [];
  for (const s of text.sheets)
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v !== "string") return;
        const t = typed(v, date1904);
        if (t) cells.push({ sheet: s.name, row: s.origin.row + r, col: s.origin.col + c, text: v, ...t });
      }),
    );
  // Totals that equal the sum of their lines become formulas over those lines.
  const formulas: FormulaCell[] = [];
  for (const t of validateWorkbook(text).located) {
    for (const { total, parts } of lineItems(t)) {
      const ps = parts.filter((p): p is CellItem => p !== undefined && typeof p.value === "number");
      if (!total || typeof total.value !== "number" || ps.length < 2) continue;
      const sum = Number(ps.reduce((acc, p) => acc + (p.value as number), 0).toPrecision(15));
      if (sum !== total.value) continue;
      formulas.push({ sheet: t.sheet, row: total.cell.row, col: total.cell.col, formula: `=${ps.map((p) => a1(p.cell.row, p.cell.col)).join("+")}`, value: total.value });
    }
  }
  return { text, cells, formulas, date1904 };
}

function modelValue(v: CellValue): { value: string | number | boolean; error?: boolean } | undefined {
  if (v === null || v === "") return undefined;
  if (isCellError(v)) return { value: v.error, error: true };
  return { value: v };
}

/** The workbook with its sheets and merges (structure, not typing); cells only with `fill`. */
function shell(plan: Plan, fill: boolean): WorkbookModel {
  const model = new WorkbookModel();
  model.date1904 = plan.date1904;
  for (const s of plan.text.sheets) {
    const sheet = model.addSheet(s.name);
    if (s.visibility === "hidden") sheet.visibility = "Hidden";
    sheet.merges.push(...s.merges.map((m) => ({ ...m })));
    if (!fill) continue;
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const cell = modelValue(v);
        if (cell) sheet.cells.set(key(s.origin.row + r, s.origin.col + c), cell);
      }),
    );
  }
  return model;
}

const textModel = (plan: Plan) => shell(plan, true);

/** Stored typed: numbers with their formats and formulas with their calculated values, straight into the model. */
function storedModel(plan: Plan): WorkbookModel {
  const model = shell(plan, true);
  for (const c of plan.cells) {
    const s = model.sheet(c.sheet);
    s.cells.set(key(c.row, c.col), { value: c.value });
    s.numberFormats.set(key(c.row, c.col), c.fmt);
  }
  for (const f of plan.formulas) model.sheet(f.sheet).cells.set(key(f.row, f.col), { value: f.value, formula: f.formula });
  return model;
}

/** What the user types for a text cell: the text itself where Excel shows what was typed, else with an apostrophe. */
function keystrokes(text: string): { typed: string; coerced: boolean } {
  const c = coerceTyped(text, undefined);
  if (c.value === text) return { typed: text, coerced: false };
  if (typeof c.value === "number" && shownValue(c.value, c.numberFormat ?? null) === text && !c.formula) return { typed: text, coerced: true };
  return { typed: `'${text}`, coerced: false };
}

/**
 * Typed through Office.js on the fake host: every sheet's cells written with `range.values` (one grid per
 * sheet), the totals with `range.formulas`. The fake does not calculate, so the test then plays Excel's
 * calculation engine and puts each formula's result in the model, which is what Office.js reads back.
 */
async function typedModel(plan: Plan, host: HostProfile): Promise<{ model: WorkbookModel; coerced: number }> {
  const model = shell(plan, false);
  const ctx = new FakeContext(model, { host });
  let coerced = 0;
  for (const s of plan.text.sheets) {
    if (s.values.length === 0) continue;
    const cols = Math.max(...s.values.map((r) => r.length));
    const grid = s.values.map((row) =>
      Array.from({ length: cols }, (_, c) => {
        const v = row[c] ?? null;
        if (v === null) return "";
        // The seeds hold no error values; typing one would need Excel's calculation (the fake does not calculate).
        if (isCellError(v)) throw new Error(`typed twin of an error value ${v.error}`);
        if (typeof v !== "string") return v;
        const k = keystrokes(v);
        if (k.coerced) coerced++;
        return k.typed;
      }),
    );
    ctx.workbook.worksheets.getItem(s.name).getRangeByIndexes(s.origin.row, s.origin.col, grid.length, cols).values = grid;
  }
  for (const f of plan.formulas) ctx.workbook.worksheets.getItem(f.sheet).getRangeByIndexes(f.row, f.col, 1, 1).formulas = [[f.formula]];
  await ctx.sync();
  // Excel's calculation: the fake stores 0 for every formula it cannot evaluate.
  for (const f of plan.formulas) {
    const cell = model.sheet(f.sheet).cells.get(key(f.row, f.col));
    expect(cell?.formula).toBe(f.formula);
    cell!.value = f.value;
  }
  return { model, coerced };
}

/** The CLI's .xlsx of the same typed workbook: the text file rewritten with exceljs per the plan. */
async function typedXlsx(buf: Buffer, plan: Plan): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  if (plan.date1904) wb.properties.date1904 = true;
  for (const c of plan.cells) {
    const cell = wb.getWorksheet(c.sheet)!.getCell(c.row + 1, c.col + 1);
    cell.value = c.value;
    // A fresh style object: exceljs shares one between the cells of a style id.
    cell.style = { ...cell.style, numFmt: c.fmt };
  }
  for (const f of plan.formulas)
    wb.getWorksheet(f.sheet)!.getCell(f.row + 1, f.col + 1).value = { formula: f.formula.slice(1), result: f.value } as ExcelJS.CellFormulaValue;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function comparable(r: ValidationResult) {
  return {
    tables: r.tables.map((t) => ({ sheet: t.sheet, range: t.range, kind: t.kind, counts: t.counts, score: t.score })),
    findings: r.findings.map((f) => [f.rule, f.severity, f.sheet, f.cell, f.message, f.messageEn].join(" | ")),
  };
}

async function adapterResult(host: HostProfile, model: WorkbookModel): Promise<ValidationResult> {
  return (await validateOn(host, model, "workbook", { flag: false })).run.result;
}

const SEEDS: [string, () => Promise<Buffer>][] = [
  ["seed 000", buildSeed000Workbook],
  ["seed 002", buildSeed002Workbook],
  ["seed 003", buildSeed003Workbook],
];

interface Seed {
  buf: Buffer;
  plan: Plan;
  cli: ValidationResult;
  cliTyped: ValidationResult;
  /** The annotate path still reads with exceljs. */
  exceljsTyped: ValidationResult;
}

const seeds = new Map<string, Promise<Seed>>();
function seedOf(name: string, build: () => Promise<Buffer>): Promise<Seed> {
  let p = seeds.get(name);
  if (!p) {
    p = (async () => {
      const buf = await build();
      const plan = planOf(readXlsx(buf).snapshot);
      const tbuf = await typedXlsx(buf, plan);
      return {
        buf,
        plan,
        cli: validateWorkbook(readXlsx(buf).snapshot),
        cliTyped: validateWorkbook(readXlsx(tbuf).snapshot),
        exceljsTyped: validateWorkbook(await readWorkbookSnapshot(tbuf)),
      };
    })();
    seeds.set(name, p);
  }
  return p;
}

describe.each(PROFILES)("%s", (_label, host) => {
  const caps = capsOf(host);

  describe.each(SEEDS)("%s", (name, build) => {
    let seed: Seed;
    let text: ValidationResult;
    beforeAll(async () => {
      seed = await seedOf(name, build);
      text = await adapterResult(host, textModel(seed.plan));
    });

    test("the text version through the adapter finds what the CLI finds", () => {
      expect(text.findings.length).toBeGreaterThan(0);
      // Without getMergedAreasOrNullObject (before ExcelApi 1.13) the adapter reads no merges: the CLI differs there by design.
      if (caps.mergedAreas) expect(comparable(text)).toEqual(comparable(seed.cli));
      // …and the CLI reading the typed .xlsx finds what it finds in the text one.
      expect(comparable(seed.cliTyped)).toEqual(comparable(seed.cli));
      expect(comparable(seed.exceljsTyped)).toEqual(comparable(seed.cli));
    });

    test("stored typed (numbers, number formats, formulas with their values): same findings, messages and scores", async () => {
      const model = storedModel(seed.plan);
      // The adapter really reads it typed: formats on stored numbers, formulas where totals were.
      const read = await readSnapshot(asExcel(new FakeContext(model, { host })), "workbook", { capabilities: caps });
      const formats = read.snapshot.sheets.flatMap((s) => s.formats?.flat() ?? []).filter((f) => f !== null);
      expect(formats.length).toBe(seed.plan.cells.length);
      expect(read.snapshot.sheets.some((s) => s.formulas !== undefined)).toBe(seed.plan.formulas.length > 0);
      expect(comparable(await adapterResult(host, model))).toEqual(comparable(text));
    });

    test("typed through range.values / range.formulas as a user types: same findings, messages and scores", async () => {
      const { model, coerced } = await typedModel(seed.plan, host);
      const numbersWithFormats = model.sheets.reduce((n, s) => n + s.numberFormats.size, 0);
      expect(numbersWithFormats).toBe(coerced);
      expect(comparable(await adapterResult(host, model))).toEqual(comparable(text));
    });
  });
});

/**
 * Seed 000 with two mistakes a clerk makes in typed cells: a 完成时间 typed as a date before the budget year,
 * and a 资金到位率 target typed as 120%. Their findings must quote what the user sees.
 */
async function mistaken(): Promise<{ snap: WorkbookSnapshot; sheet: string; dateCell: string; pctCell: string; year: number }> {
  const snap = readXlsx(await buildSeed000Workbook()).snapshot;
  const t = validateWorkbook(snap).located.find((x) => x.kind === "project-target" && x.fields.endTime?.value && x.year && x.indicators.some((i) => i.level3?.text === "资金到位率" && i.full));
  if (t?.kind !== "project-target") throw new Error("seed 000 has no project table with 完成时间 and 资金到位率");
  const end = t.fields.endTime!.value!.cell;
  const pct = t.indicators.find((i) => i.level3?.text === "资金到位率")!.full!.cell;
  const s = snap.sheets.find((x) => x.name === t.sheet)!;
  const set = (at: { row: number; col: number }, v: string) => (s.values[at.row - s.origin.row][at.col - s.origin.col] = v);
  set(end, "2023年12月31日");
  set(pct, "120%");
  return { snap, sheet: t.sheet, dateCell: a1(end.row, end.col), pctCell: a1(pct.row, pct.col), year: t.year!.value };
}

function messagesAt(r: ValidationResult, sheet: string, cell: string): string[] {
  return r.findings.filter((f) => f.sheet === sheet && f.cell === cell).map((f) => f.message);
}

describe.each(PROFILES)("%s: typed mistakes are quoted as the user sees them", (_label, host) => {
  test.each([false, true])("1904 date system: %p", async (date1904) => {
    const m = await mistaken();
    const plan = planOf(m.snap, date1904);
    const date = plan.cells.find((c) => c.sheet === m.sheet && a1(c.row, c.col) === m.dateCell)!;
    const pct = plan.cells.find((c) => c.sheet === m.sheet && a1(c.row, c.col) === m.pctCell)!;
    expect([date.kind, date.value]).toEqual(["date", serial(2023, 12, 31, date1904)]);
    expect([pct.kind, pct.value, pct.fmt]).toEqual(["percent", 1.2, "0%"]);

    const text = await adapterResult(host, textModel(plan));
    const dateMessage = `完成时间 2023年12月31日 早于预算年度 ${m.year}`;
    expect(messagesAt(text, m.sheet, m.dateCell)).toContain(dateMessage);
    expect(messagesAt(text, m.sheet, m.pctCell).some((x) => x.includes("120%") && x.includes("资金到位率"))).toBe(true);

    const stored = storedModel(plan);
    const typedIn = await typedModel(plan, host);
    // Typing went through Excel's coercion: the mistakes are stored as a serial and a fraction with formats.
    const cellOf = (model: WorkbookModel, at: string) => {
      const { row, col } = parseA1(at)!;
      return [model.sheet(m.sheet).cells.get(key(row, col))?.value, model.sheet(m.sheet).numberFormats.get(key(row, col))];
    };
    expect(cellOf(typedIn.model, m.dateCell)).toEqual([date.value, 'yyyy"年"m"月"d"日"']);
    expect(cellOf(typedIn.model, m.pctCell)).toEqual([1.2, "0%"]);

    const cli = validateWorkbook(readXlsx(await typedXlsx(await buildSeed000Workbook(), plan)).snapshot);
    for (const r of [await adapterResult(host, stored), await adapterResult(host, typedIn.model), cli]) {
      expect(comparable(r)).toEqual(comparable(text));
      const quoted = [...messagesAt(r, m.sheet, m.dateCell), ...messagesAt(r, m.sheet, m.pctCell)];
      expect(quoted).toContain(dateMessage);
      // Never the stored serial or the bare fraction.
      for (const x of quoted) expect([x, x.includes(String(date.value)) || /\b1\.2\b/.test(x)]).toEqual([x, false]);
    }
    // The adapter knows the date system from Excel itself (DATE(1904,1,1) is 0 there), in the same read.
    const ctx = new FakeContext(stored, { host });
    const read = await readSnapshot(asExcel(ctx), "workbook", { capabilities: capsOf(host) });
    expect(read.snapshot.date1904 === true).toBe(date1904);
    expect(ctx.syncCount).toBe(2);
  });

  test("a reader that dropped number formats or the date system would be caught", async () => {
    const m = await mistaken();
    const plan = planOf(m.snap, true);
    const want = comparable(await adapterResult(host, textModel(plan)));
    const read = (await readSnapshot(asExcel(new FakeContext(storedModel(plan), { host })), "workbook", { capabilities: capsOf(host) })).snapshot;
    expect(comparable(validateWorkbook(read))).toEqual(want);
    // 1900 serials of a 1904 workbook: every typed date four years and a day early.
    const wrongEpoch = validateWorkbook({ ...read, date1904: false });
    expect(comparable(wrongEpoch)).not.toEqual(want);
    expect(messagesAt(wrongEpoch, m.sheet, m.dateCell).join()).toContain("2019年12月30日");
    // Stored values without their formats: 120% reads as 1.2, 100% as 1.
    const bare = validateWorkbook({ ...read, sheets: read.sheets.map(({ formats: _f, ...s }) => s) });
    expect(comparable(bare)).not.toEqual(want);
    expect(messagesAt(bare, m.sheet, m.pctCell).join()).not.toContain("120%");
  });
});

/** Every number of the seed as text: ASCII digits (typed with an apostrophe, or Excel would make it a number) or full-width ones. */
function numbersAsText(snap: WorkbookSnapshot, fullWidth: boolean): WorkbookSnapshot {
  const asText = (n: number) => (fullWidth ? String(n).replace(/[0-9.]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)) : String(n));
  return { ...snap, sheets: snap.sheets.map((s) => ({ ...s, values: s.values.map((row) => row.map((v) => (typeof v === "number" ? asText(v) : v))) })) };
}

describe.each(PROFILES)("%s: numbers stored as text", (_label, host) => {
  test.each([false, true])("full-width digits: %p — typed through Office.js, the CLI's findings", async (fullWidth) => {
    const buf = await buildSeed002Workbook();
    const original = readXlsx(buf).snapshot;
    const snap = numbersAsText(original, fullWidth);
    const { model } = await typedModel({ text: snap, cells: [], formulas: [], date1904: false }, host);
    // Excel kept them as text (an apostrophe, or digits it does not parse).
    const stored = model.sheets.flatMap((x) => [...x.cells.values()].map((c) => c.value));
    expect(stored.some((v) => typeof v === "number")).toBe(false);
    const got = await adapterResult(host, model);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    for (const s of snap.sheets)
      s.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (typeof original.sheets.find((x) => x.name === s.name)!.values[r][c] === "number") wb.getWorksheet(s.name)!.getCell(s.origin.row + r + 1, s.origin.col + c + 1).value = v as string;
        }),
      );
    const cli = validateWorkbook(readXlsx(Buffer.from(await wb.xlsx.writeBuffer())).snapshot);
    if (capsOf(host).mergedAreas) expect(comparable(got)).toEqual(comparable(cli));
    // Read as the numbers they show: nothing the numeric version finds is lost; the only additions say they are text.
    const want = comparable(await adapterResult(host, textModel({ text: original, cells: [], formulas: [], date1904: false }))).findings;
    const have = comparable(got).findings;
    expect(want.filter((f) => !have.includes(f))).toEqual([]);
    const added = have.filter((f) => !want.includes(f));
    expect(added.length).toBeGreaterThan(0);
    expect(added.filter((f) => !f.startsWith("funding/amount-numeric | warning"))).toEqual([]);
  });
});

test("the plans really type percentages, dates and totals, and typing coerces some of them", async () => {
  let percent = 0;
  let date = 0;
  let formulas = 0;
  let coerced = 0;
  for (const [name, build] of SEEDS) {
    const { plan } = await seedOf(name, build);
    percent += plan.cells.filter((c) => c.kind === "percent").length;
    date += plan.cells.filter((c) => c.kind === "date").length;
    formulas += plan.formulas.length;
    coerced += (await typedModel(plan, PROFILES[0][1])).coerced;
  }
  expect(percent).toBeGreaterThan(20);
  expect(date).toBeGreaterThan(5);
  expect(formulas).toBeGreaterThan(5);
  expect(coerced).toBeGreaterThan(5);
});
