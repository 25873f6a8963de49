/**
 * Templates written as real .xlsx, read back, filled with exceljs, recalculated by LibreOffice
 * (headless) and checked against sums and scores computed here from the filled data.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { writeTemplate } from "../src/cli/commands/template";
import { buildTemplatePlan, LEVEL1_CHOICES, NATURE_CHOICES, PROJECT_LEVELS, PROJECT_TYPES, TEMPLATE_KINDS, type TemplateKind } from "../src/core/templates";
import { amounts, cached, findLabel, findOne, libreConvert, rightOf, tempDir, text } from "./helpers/templates";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const file = (kind: TemplateKind, suffix = "") => path.join(tmp.dir, `${kind}${suffix}.xlsx`);

async function load(p: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(p);
  return wb.worksheets.find((w) => w.state === "visible")!;
}

beforeAll(async () => {
  for (const kind of TEMPLATE_KINDS) await writeTemplate({ kind, out: file(kind), year: 2026, lines: 4, indicators: 2 });
  await writeTemplate({ kind: "project", out: file("project", "-protected"), protect: true });
});

describe("round trip through exceljs", () => {
  test.each(TEMPLATE_KINDS)("%s: merges, print set-up and column widths survive", async (kind) => {
    const ws = await load(file(kind));
    const plan = buildTemplatePlan(kind, { year: 2026, expenseLines: 4, indicatorRows: 2 });
    const merges = ((ws.model as { merges?: string[] }).merges ?? []).slice().sort();
    expect(merges.length).toBe(plan.merges.length);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: plan.print.orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toMatch(/^\$?1:\$?2$/);
    const lastCol = { project: "E", department: "G", "self-evaluation": "H", monitoring: "J" }[kind];
    expect(ws.pageSetup.printArea?.replace(/\$/g, "")).toBe(`A1:${lastCol}${plan.printArea!.bottom + 1}`);
    plan.columnWidths.forEach((w, i) => expect(ws.getColumn(i + 1).width).toBe(w));
    expect((ws as unknown as { sheetProtection?: unknown }).sheetProtection ?? null).toBeNull();
  });

  test("project: dropdowns on 项目类型, 项目级次, 一级 and 二级", async () => {
    const ws = await load(file("project"));
    const [tr, tc] = findOne(ws, "项目类型");
    const type = rightOf(ws, tr, tc);
    expect(type.dataValidation).toMatchObject({ type: "list", formulae: [`"${PROJECT_TYPES.join(",")}"`] });
    const [lr, lc] = findOne(ws, "项目级次");
    expect(rightOf(ws, lr, lc).dataValidation.formulae).toEqual([`"${PROJECT_LEVELS.join(",")}"`]);
    const [pr, pc] = findOne(ws, "产出指标");
    expect(ws.getCell(pr, pc).dataValidation.formulae).toEqual([`"${LEVEL1_CHOICES.join(",")}"`]);
    const [qr, qc] = findOne(ws, "质量指标");
    expect(ws.getCell(qr, qc).dataValidation.formulae![0]).toContain("服务对象满意度");
    // Standard rows carry no dropdown: they are fixed labels.
    const [dr, dc] = findOne(ws, "决策");
    expect(ws.getCell(dr, dc).dataValidation).toBeUndefined();
  });

  test("self-evaluation: 指标性质 dropdown on each indicator row, helper columns outside the print area", async () => {
    const ws = await load(file("self-evaluation"));
    const [hr] = findOne(ws, "偏差原因分析及改进措施");
    const [totalRow] = findOne(ws, "总分");
    const [, natureCol] = findOne(ws, "指标性质");
    expect(natureCol).toBe(9);
    for (let r = hr + 1; r < totalRow; r++) expect(ws.getCell(r, natureCol).dataValidation.formulae).toEqual([`"${NATURE_CHOICES.join(",")}"`]);
  });

  test("protection: on with --protect, input cells unlocked, labels and totals locked", async () => {
    const ws = await load(file("project", "-protected"));
    expect((ws as unknown as { sheetProtection?: unknown }).sheetProtection).toMatchObject({ sheet: true });
    const [nr, nc] = findOne(ws, "项目名称");
    expect(ws.getCell(nr, nc).protection?.locked).not.toBe(false);
    expect(rightOf(ws, nr, nc).protection?.locked).toBe(false);
    const [tr, tc] = findOne(ws, "资金总额");
    const total = rightOf(ws, tr, tc);
    expect(total.formula).toMatch(/^SUM\(/);
    expect(total.protection?.locked).not.toBe(false);
    const [sr, sc] = findOne(ws, "政府性基金");
    expect(rightOf(ws, sr, sc).protection?.locked).toBe(false);
  });
});

// ------------------------------------------------------------------ fill, recalculate, compare

/** 财预〔2020〕10号 as issue #5 states it, computed here independently of the sheet's formulas. */
function expectedScore(nature: string, target: string | number, actual: string | number, weight: number): number | null {
  const num = (v: string | number): number => {
    if (typeof v === "number") return v;
    const m = /^[≥≤=<>]*\s*(-?\d+(?:\.\d+)?)(%?)/.exec(v.trim())!;
    return Number(m[1]) / (m[2] ? 100 : 1);
  };
  // An operator written in the target wins over the picked 指标性质 (as the scoring engine reads it).
  const written = typeof target === "string" ? /^\s*([≥>]|[≤<]|=)/.exec(target)?.[1] : undefined;
  const op = written === ">" ? "≥" : written === "<" ? "≤" : written ?? nature;
  if (op === "" || op === "定性") return null;
  const t = num(target), a = num(actual);
  if (op === "≥") return Math.min(a / t, 1) * weight;
  if (op === "≤") return a <= t ? weight : (t / a) * weight;
  return a === t ? weight : Math.min(a / t, t / a) * weight;
}

interface Filled {
  check: (ws: ExcelJS.Worksheet) => void;
}

function fillProject(ws: ExcelJS.Worksheet): Filled {
  const sources = ["一般公共预算资金", "政府性基金", "国有资本金", "社保基金", "财政专户管理资金", "上年结转资金", "其他资金"];
  const src = amounts(7, sources.length);
  sources.forEach((l, i) => {
    const [r, c] = findOne(ws, l);
    rightOf(ws, r, c).value = src[i];
  });
  const [hr] = findOne(ws, "半年（程）计划执行数");
  const [sumRow] = findOne(ws, "合计");
  const half = amounts(11, sumRow - hr - 1, 100);
  const full = amounts(13, sumRow - hr - 1, 300);
  for (let r = hr + 1, i = 0; r < sumRow; r++, i++) {
    ws.getCell(r, 3).value = `支出${i + 1}`;
    ws.getCell(r, 4).value = half[i];
    ws.getCell(r, 5).value = full[i];
  }
  return {
    check: (out) => {
      const [tr, tc] = findOne(out, "资金总额");
      expect(cached(rightOf(out, tr, tc))).toBeCloseTo(src.reduce((a, b) => a + b, 0), 6);
      const [sr] = findOne(out, "合计");
      expect(sr - hr - 1).toBe(4);
      expect(cached(out.getCell(sr, 4))).toBeCloseTo(half.reduce((a, b) => a + b, 0), 6);
      expect(cached(out.getCell(sr, 5))).toBeCloseTo(full.reduce((a, b) => a + b, 0), 6);
    },
  };
}

function fillDepartment(ws: ExcelJS.Worksheet): Filled {
  const parts = ["一般公共预算资金", "政府性基金", "财政专户管理资金"];
  const others = ["国有资本金", "社保基金", "上年结转资金", "其他资金"];
  const p = amounts(3, parts.length, 5000);
  const o = amounts(5, others.length, 800);
  parts.forEach((l, i) => ws.getCell(findOne(ws, l)[0], 7).value = p[i]);
  others.forEach((l, i) => ws.getCell(findOne(ws, l)[0], 7).value = o[i]);
  const [basicRow] = findOne(ws, "基本支出");
  ws.getCell(basicRow, 6).value = 800.5;
  ws.getCell(basicRow, 7).value = 1700.25;
  const [projRow] = findOne(ws, "项目支出");
  const [longRow] = findOne(ws, "中长期目标");
  const half = amounts(17, longRow - projRow - 1, 300);
  const full = amounts(19, longRow - projRow - 1, 900);
  for (let r = projRow + 1, i = 0; r < longRow; r++, i++) {
    ws.getCell(r, 3).value = `项目${i + 1}`;
    ws.getCell(r, 6).value = half[i];
    ws.getCell(r, 7).value = full[i];
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    check: (out) => {
      expect(cached(out.getCell(findOne(out, "小计")[0], 7))).toBeCloseTo(sum(p), 6);
      expect(cached(out.getCell(findOne(out, "资金总额")[0], 7))).toBeCloseTo(sum(p) + sum(o), 6);
      expect(longRow - projRow - 1).toBe(4);
      expect(cached(out.getCell(projRow, 6))).toBeCloseTo(sum(half), 6);
      expect(cached(out.getCell(projRow, 7))).toBeCloseTo(sum(full), 6);
      // Inputs stay as typed.
      expect(cached(out.getCell(basicRow, 7))).toBe(1700.25);
    },
  };
}

/** [指标性质, 年度指标值, 实际完成值, 分值, entered score for 定性 rows] */
const SELF_ROWS: [string, string | number, string | number, number, number?][] = [
  ["≥", "≥100次", "120次", 20],
  ["≥", "≥100次", "80次", 10],
  ["≤", "≤15分钟", "10分钟", 5],
  ["≤", "≤15分钟", "20分钟", 5],
  ["=", "=100%", "100%", 5],
  ["=", "=100%", "95%", 5],
  ["≥", 50, 25, 4],
  ["定性", "较高", "较高", 10, 9],
  ["≥", "≥90%", "92.5%", 10],
  ["", "≥2所", "2所", 5],
  ["≤", "≤10万元", "0万元", 6],
  ["=", "=12个", "15个", 5],
  ["≤", "≥10次", "5次", 4],
  ["", 8, 6, 3],
];

function fillSelfEvaluation(ws: ExcelJS.Worksheet): Filled {
  const parts = ["其中：当年财政拨款", "上年结转资金", "其他资金"];
  const budget = amounts(23, 3, 200);
  const executed = budget.map((b, i) => Math.round(b * [0.9, 1, 0.5][i] * 100) / 100);
  const initial = amounts(29, 3, 200);
  parts.forEach((l, i) => {
    const [r] = findOne(ws, l);
    ws.getCell(r, 3).value = initial[i];
    ws.getCell(r, 4).value = budget[i];
    ws.getCell(r, 5).value = executed[i];
  });
  const [hr] = findOne(ws, "偏差原因分析及改进措施");
  const [totalRow] = findOne(ws, "总分");
  const rows = Array.from({ length: totalRow - hr - 1 }, (_, i) => hr + 1 + i);
  expect(rows.length).toBeGreaterThanOrEqual(SELF_ROWS.length);
  SELF_ROWS.forEach(([nature, target, actual, weight, entered], i) => {
    const r = rows[i];
    ws.getCell(r, 3).value = `指标${i + 1}`;
    ws.getCell(r, 4).value = target;
    ws.getCell(r, 5).value = actual;
    ws.getCell(r, 6).value = weight;
    if (nature) ws.getCell(r, 9).value = nature;
    if (entered !== undefined) ws.getCell(r, 7).value = entered; // a 定性 row: the evaluator's score replaces the formula
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const B = sum(executed), A = sum(budget);
  const fundScore = Math.min(B / A, 1) * 10;
  const scores = SELF_ROWS.map(([n, t, a, w, entered]) => entered ?? expectedScore(n, t, a, w));
  return {
    check: (out) => {
      const [fr] = findOne(out, "年度资金总额");
      expect(cached(out.getCell(fr, 3))).toBeCloseTo(sum(initial), 6);
      expect(cached(out.getCell(fr, 4))).toBeCloseTo(A, 6);
      expect(cached(out.getCell(fr, 5))).toBeCloseTo(B, 6);
      expect(cached(out.getCell(fr, 7))).toBeCloseTo(B / A, 9);
      expect(cached(out.getCell(fr, 8))).toBeCloseTo(fundScore, 9);
      parts.forEach((l, i) => expect(cached(out.getCell(findOne(out, l)[0], 7))).toBeCloseTo(executed[i] / budget[i], 9));
      SELF_ROWS.forEach((_, i) => {
        const got = cached(out.getCell(rows[i], 7));
        if (scores[i] === null) expect(got === undefined || got === null || got === "").toBe(true);
        else expect(got).toBeCloseTo(scores[i]!, 9);
      });
      // Untouched rows (no weight) stay blank.
      for (const r of rows.slice(SELF_ROWS.length)) expect(text(out.getCell(r, 7))).toBe("");
      expect(cached(out.getCell(totalRow, 7))).toBeCloseTo(fundScore + sum(scores.map((s) => s ?? 0)), 9);
      // 总分's 分值 is the sum of the weights as filled (10 for 执行率 + the rows'), not a constant 100.
      expect(cached(out.getCell(totalRow, 6))).toBeCloseTo(10 + sum(SELF_ROWS.map((row) => row[3] as number)), 9);
    },
  };
}

/** The monitoring table: the total line sums its parts, each 执行率 is 执行数 ÷ 预算数, 序时进度 is 7/12. */
function fillMonitoring(ws: ExcelJS.Worksheet): Filled {
  const parts = ["其中：财政拨款", "其他资金"];
  const budget = amounts(17, parts.length, 300);
  const spent = budget.map((b, i) => Math.round(b * (0.3 + 0.2 * i) * 100) / 100);
  const forecast = budget.map((b) => Math.round(b * 0.9 * 100) / 100);
  const rows = parts.map((l, i) => {
    const [r, c] = findOne(ws, l);
    ws.getCell(r, c + 1).value = budget[i];
    ws.getCell(r, c + 2).value = spent[i];
    ws.getCell(r, c + 4).value = forecast[i];
    return [r, c] as const;
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    check: (out) => {
      const [tr, tc] = findOne(out, "年度资金总额");
      expect(cached(out.getCell(tr, tc + 1))).toBeCloseTo(sum(budget), 6);
      expect(cached(out.getCell(tr, tc + 2))).toBeCloseTo(sum(spent), 6);
      expect(cached(out.getCell(tr, tc + 3))).toBeCloseTo(sum(spent) / sum(budget), 9);
      expect(cached(out.getCell(tr, tc + 4))).toBeCloseTo(sum(forecast), 6);
      expect(cached(out.getCell(tr, tc + 5))).toBeCloseTo(7 / 12, 9);
      rows.forEach(([r, c], i) => expect(cached(out.getCell(r, c + 3))).toBeCloseTo(spent[i] / budget[i], 9));
    },
  };
}

describe("LibreOffice recalculation of filled templates", () => {
  const fillers: Record<TemplateKind, (ws: ExcelJS.Worksheet) => Filled> = {
    project: fillProject,
    department: fillDepartment,
    "self-evaluation": fillSelfEvaluation,
    monitoring: fillMonitoring,
  };
  const checks = new Map<TemplateKind, Filled>();
  const outputs = new Map<TemplateKind, ExcelJS.Worksheet>();

  beforeAll(async () => {
    const filledFiles: string[] = [];
    for (const kind of TEMPLATE_KINDS) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file(kind));
      const ws = wb.worksheets[0];
      checks.set(kind, fillers[kind](ws));
      const p = path.join(tmp.dir, `filled-${kind}.xlsx`);
      await wb.xlsx.writeFile(p);
      filledFiles.push(p);
    }
    const outDir = path.join(tmp.dir, "recalc");
    for (const [i, kind] of TEMPLATE_KINDS.entries()) outputs.set(kind, await load(await libreConvert(filledFiles[i], outDir)));
  });

  test.each(TEMPLATE_KINDS)("%s: LibreOffice's results equal the sums and scores computed from the data", (kind) => {
    checks.get(kind)!.check(outputs.get(kind)!);
  });

  test.each(TEMPLATE_KINDS)("%s: merges and dropdowns survive a LibreOffice save", (kind) => {
    const ws = outputs.get(kind)!;
    const plan = buildTemplatePlan(kind, { year: 2026, expenseLines: 4, indicatorRows: 2 });
    expect(((ws.model as { merges?: string[] }).merges ?? []).length).toBe(plan.merges.length);
    expect(plan.validations.length).toBeGreaterThan(5);
    for (const v of plan.validations) {
      const dv = ws.getCell(v.range.top + 1, v.range.left + 1).dataValidation;
      expect(dv?.type).toBe("list");
      expect(dv.formulae![0]).toBe(`"${v.list.join(",")}"`);
    }
    expect(findLabel(ws, kind === "self-evaluation" ? "总分" : kind === "monitoring" ? "年度资金总额" : "资金总额").length).toBe(1);
  });
});
