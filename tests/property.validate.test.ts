/**
 * Property tests for the locators and validator (issue 7): random and mutated grids — shuffled rows,
 * merges, blank rows, 10,000-character text, full-width digits, numbers stored as text, error values,
 * formulas with cached results, emoji — never make validateWorkbook throw or a rule crash, and every
 * finding points at a cell inside its sheet's snapshot on a sheet that exists.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { Rect, SheetSnapshot, WorkbookSnapshot } from "../src/core/snapshot";
import { a1, type CellValue } from "../src/core/snapshot";
import { validateWorkbook } from "../src/core/validate";
import { sheetSnapshot } from "../src/cli/snapshot";
import { writeProjectTable } from "../scripts/fixtures/projectTable";
import { loadSeed000 } from "../scripts/fixtures/types";
import { projectTable } from "./helpers/projectTable";

/** Labels every locator looks for, so random grids keep starting tables and half-tables. */
const LABELS = [
  "项目名称", "主管部门", "项目资金（万元）", "资金总额", "一般公共预算资金", "收入", "支出", "全年（程）预算数", "半年（程）计划执行数",
  "一级指标", "二级指标", "三级指标", "半年（程）指标值", "全年（程）指标值", "产出指标", "数量指标", "效益指标", "满意度指标",
  "单位名称", "部门整体资金（万元）", "小计", "合计", "权重", "自评分", "得分", "实际完成值", "年度指标值", "总目标", "明细目标",
  "项目支出绩效自评表", "无锡市本级项目预算绩效目标表", "分值", "绩效目标共10个，完成8个，完成率80%",
];
const HOSTILE: CellValue[] = [
  "１２３", "＝１００％", "≥９０％", "１，０００万元", "😀", "👍🏽项目", "<script>alert(1)</script>", "=SUM(A1:A3)", "#REF!", "  ", "\n", "\u3000",
  "-", "/", "NaN", "Infinity", "1e308", "-0", "１．５", "0x1F", "2025年13月40日前",
];

const longText = fc.constantFrom("长", "a", "😀", "１").map((ch) => ch.repeat(10_000));
const numberAsText = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x));
const fullWidthNumber = fc.integer({ min: 0, max: 1_000_000 }).map((n) => [...String(n)].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join(""));

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.constantFrom(...LABELS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 100_000 }) },
  { weight: 1, arbitrary: numberAsText },
  { weight: 1, arbitrary: fullWidthNumber },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom("#REF!", "#DIV/0!", "#N/A", "#VALUE!").map((error) => ({ error })) },
  { weight: 1, arbitrary: fc.constantFrom("≥90%", "≤5万元", "序时进度", "合规", "=100%", "2025年12月31日前", "≥2次") },
);

/** A merge at a random place of a rows×cols grid (it may overlap others: hosts should never send that, the core must survive it). */
function mergeIn(rows: number, cols: number): fc.Arbitrary<Rect> {
  return fc
    .tuple(fc.nat(rows - 1), fc.nat(cols - 1), fc.nat(4), fc.nat(3))
    .map(([top, left, h, w]) => ({ top, left, bottom: Math.min(rows - 1, top + h), right: Math.min(cols - 1, left + w) }));
}

const randomSheet = (name: string): fc.Arbitrary<SheetSnapshot> =>
  fc
    .tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 10 }), fc.nat(20), fc.nat(6))
    .chain(([rows, cols, oRow, oCol]) =>
      fc.record({
        values: fc.array(fc.array(cellValue, { minLength: 0, maxLength: cols }), { minLength: rows, maxLength: rows }),
        merges: fc.array(mergeIn(rows, cols), { maxLength: 8 }),
        long: fc.option(fc.tuple(fc.nat(rows - 1), fc.nat(cols - 1), longText), { freq: 4 }),
        formulas: fc.boolean(),
        visibility: fc.constantFrom("visible", "hidden", "veryHidden") as fc.Arbitrary<"visible" | "hidden" | "veryHidden">,
      }).map(({ values, merges, long, formulas, visibility }) => {
        if (long) {
          const [r, c, text] = long;
          while (values[r].length <= c) values[r].push(null);
          values[r][c] = text;
        }
        const snap: SheetSnapshot = {
          name,
          origin: { row: oRow, col: oCol },
          values,
          merges: merges.map((m) => ({ top: m.top + oRow, bottom: m.bottom + oRow, left: m.left + oCol, right: m.right + oCol })),
          visibility,
        };
        // Formulas with cached results: the value is the result, the formula sits beside it.
        if (formulas) snap.formulas = values.map((r) => r.map((v) => (typeof v === "number" ? "SUM(A1:A2)" : null)));
        return snap;
      }),
    );

/** Check the contract every front end relies on. */
function checkResult(wb: WorkbookSnapshot): void {
  const result = validateWorkbook(wb);
  const sheets = new Map(wb.sheets.map((s) => [s.name, s]));
  for (const f of result.findings) {
    const s = sheets.get(f.sheet);
    expect(s).toBeDefined();
    const width = Math.max(1, ...s!.values.map((r) => r?.length ?? 0));
    const inside =
      f.row >= s!.origin.row && f.row <= s!.origin.row + Math.max(0, s!.values.length - 1) && f.col >= s!.origin.col && f.col <= s!.origin.col + width - 1;
    if (!inside) throw new Error(`finding outside ${f.sheet} (${s!.values.length}×${width} at ${a1(s!.origin.row, s!.origin.col)}): ${JSON.stringify(f)}`);
    expect(f.cell).toBe(a1(f.row, f.col));
    // A rule that crashed is caught and reported; on any input that is a bug to fix, not a finding.
    if (f.rule === "internal/rule-failed") throw new Error(`rule crashed: ${f.message}`);
  }
  for (const t of result.tables) expect(sheets.has(t.sheet)).toBe(true);
}

test("random grids: the validator never throws and findings point at cells that exist", () => {
  fc.assert(
    fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 3 }).chain((ks) => fc.tuple(...ks.map((_, i) => randomSheet(`表${i + 1}`)))), (sheets) => {
      checkResult({ sheets });
    }),
    { numRuns: 150 },
  );
});

// ---- mutated copies of real tables

type Block = { values: CellValue[][]; merges: Rect[] };
let seedBlocks: Block[] = [];

beforeAll(() => {
  // Three seed-000 tables as the fixture writer lays them out, read back through the CLI reader.
  const wb = new ExcelJS.Workbook();
  seedBlocks = loadSeed000().tables.slice(0, 3).map((t, i) => {
    const ws = wb.addWorksheet(`s${i}`);
    writeProjectTable(ws, t, { row: 1, col: 1 });
    const snap = sheetSnapshot(ws);
    return { values: snap.values, merges: snap.merges };
  });
  const synthetic = projectTable({ name: "合成项目", total: 12, sources: { 一般公共预算资金: 10 } });
  seedBlocks.push({ values: synthetic.rows, merges: synthetic.merges });
});

type Mutation =
  | { kind: "shuffle"; seed: number }
  | { kind: "swap"; a: number; b: number }
  | { kind: "delete"; at: number }
  | { kind: "blank"; at: number }
  | { kind: "set"; at: number; col: number; v: CellValue }
  | { kind: "textNumbers" }
  | { kind: "fullWidth" }
  | { kind: "merge"; m: Rect }
  | { kind: "dropMerges" }
  | { kind: "long"; at: number; col: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("shuffle" as const), seed: fc.integer() }),
  fc.record({ kind: fc.constant("swap" as const), a: fc.nat(80), b: fc.nat(80) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(80) }),
  fc.record({ kind: fc.constant("blank" as const), at: fc.nat(80) }),
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(80), col: fc.nat(6), v: cellValue }),
  fc.constant({ kind: "textNumbers" as const }),
  fc.constant({ kind: "fullWidth" as const }),
  fc.record({ kind: fc.constant("merge" as const), m: mergeIn(60, 6) }),
  fc.constant({ kind: "dropMerges" as const }),
  fc.record({ kind: fc.constant("long" as const), at: fc.nat(80), col: fc.nat(5) }),
);

function mutate(block: Block, ms: Mutation[]): Block {
  let values = block.values.map((r) => r.slice());
  let merges = block.merges.map((m) => ({ ...m }));
  const n = () => Math.max(1, values.length);
  for (const m of ms) {
    switch (m.kind) {
      case "shuffle": {
        let x = m.seed >>> 0;
        for (let i = values.length - 1; i > 0; i--) {
          x = (x * 1103515245 + 12345) >>> 0;
          const j = x % (i + 1);
          [values[i], values[j]] = [values[j], values[i]];
        }
        break;
      }
      case "swap": {
        const a = m.a % n();
        const b = m.b % n();
        [values[a], values[b]] = [values[b], values[a]];
        break;
      }
      case "delete":
        values.splice(m.at % n(), 1);
        break;
      case "blank":
        values.splice(m.at % n(), 0, []);
        break;
      case "set": {
        const r = (values[m.at % n()] ??= []);
        while (r.length <= m.col) r.push(null);
        r[m.col] = m.v;
        break;
      }
      case "textNumbers":
        values = values.map((r) => r.map((v) => (typeof v === "number" ? String(v) : v)));
        break;
      case "fullWidth":
        values = values.map((r) => r.map((v) => (typeof v === "string" ? v.replace(/[0-9%=<>]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)) : v)));
        break;
      case "merge":
        merges.push(m.m);
        break;
      case "dropMerges":
        merges = [];
        break;
      case "long": {
        const r = (values[m.at % n()] ??= []);
        while (r.length <= m.col) r.push(null);
        r[m.col] = `${String(r[m.col] ?? "")}${"很长的说明".repeat(2000)}`;
        break;
      }
    }
  }
  // Row moves leave merges where they were: exactly the mess a careless edit makes.
  return { values, merges };
}

test("mutated copies of real project tables: never throws, findings inside the sheet", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(3), fc.array(mutation, { maxLength: 6 }), fc.nat(3), fc.nat(3)), { minLength: 1, maxLength: 3 }),
      (placed) => {
        const values: CellValue[][] = [];
        const merges: Rect[] = [];
        let row = 0;
        for (const [which, ms, gap, col] of placed) {
          const b = mutate(seedBlocks[which % seedBlocks.length], ms);
          row += gap;
          b.values.forEach((r, i) => (values[row + i] = [...new Array<CellValue>(col).fill(null), ...r]));
          for (const m of b.merges) merges.push({ top: m.top + row, bottom: m.bottom + row, left: m.left + col, right: m.right + col });
          row += b.values.length;
        }
        for (let i = 0; i < values.length; i++) values[i] ??= [];
        checkResult({ sheets: [{ name: "项目表", origin: { row: 0, col: 0 }, values, merges }] });
      },
    ),
    { numRuns: 120 },
  );
});

test("the unmutated tables are found (so the properties above exercise the locators, not an empty run)", () => {
  for (const b of seedBlocks) {
    const r = validateWorkbook({ sheets: [{ name: "t", origin: { row: 0, col: 0 }, values: b.values, merges: b.merges }] });
    expect(r.tables.map((t) => t.kind)).toEqual(["project-target"]);
  }
});
