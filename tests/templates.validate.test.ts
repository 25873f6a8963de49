/**
 * The validator reads the templates: a filled template has no layout findings, and a template filled
 * with a seed-000 project's values yields the same findings as that table in the seed workbook.
 * Formulas are recalculated by LibreOffice first, as a user's Excel would.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { readWorkbookSnapshot } from "../src/cli/snapshot";
import { workbookFromPlan } from "../src/cli/renderPlan";
import { validateWorkbook, type ValidationResult } from "../src/core/validate";
import { buildTemplatePlan, type TemplateKind, type TemplateParams } from "../src/core/templates";
import { loadSeed000 } from "../scripts/fixtures/types";
import type { ProjectTable } from "../scripts/fixtures/types";
import { buildSeed000Workbook } from "../scripts/fixtures/seedWorkbook";
import { findOne, indicatorGroups, libreConvertAll, rightOf, tempDir } from "./helpers/templates";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const SEED_TABLES = [1, 2, 8] as const;
const KINDS: TemplateKind[] = ["project", "department", "self-evaluation"];
const results = new Map<string, ValidationResult>();

/** Write every filled workbook, recalculate them in one LibreOffice run, validate each. */
beforeAll(async () => {
  const files: [string, string][] = [];
  for (const kind of KINDS) {
    const wb = workbookFromPlan(buildTemplatePlan(kind, { year: 2026 }));
    fillTypical(kind, wb.worksheets[0]);
    files.push([`typical-${kind}`, await save(wb, `typical-${kind}`)]);
  }
  for (const i of SEED_TABLES) {
    const { params, fill } = templateFor(loadSeed000().tables[i]);
    const wb = workbookFromPlan(buildTemplatePlan("project", params));
    fill(wb.worksheets[0]);
    files.push([`seed-${i}`, await save(wb, `seed-${i}`)]);
  }
  {
    const wb = workbookFromPlan(buildTemplatePlan("self-evaluation", { year: 2025 }));
    fillScored(wb.worksheets[0]);
    files.push(["scored", await save(wb, "scored")]);
  }
  const outs = await libreConvertAll(files.map((f) => f[1]), path.join(tmp.dir, "recalc"));
  for (const [j, [name]] of files.entries()) results.set(name, validateWorkbook(await readWorkbookSnapshot(outs[j])));
});

async function save(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const p = path.join(tmp.dir, `${name}.xlsx`);
  await wb.xlsx.writeFile(p);
  return p;
}

const KIND: Record<TemplateKind, string> = { project: "project-target", department: "department-target", "self-evaluation": "self-evaluation", monitoring: "monitoring" };

/** Typical entries a user makes, so the validator has a complete table to read. */
function fillTypical(kind: TemplateKind, ws: ExcelJS.Worksheet): void {
  const set = (label: string, v: string | number) => {
    const [r, c] = findOne(ws, label);
    rightOf(ws, r, c).value = v;
  };
  if (kind === "project") {
    set("项目名称", "示例项目");
    set("主管部门", "无锡市数据局");
    set("项目类型", "常年安排项目");
    set("项目级次", "市本级");
    set("开始时间", "2026年");
    set("完成时间", "2026年");
    set("一般公共预算资金", 30);
    const [hr] = findOne(ws, "半年（程）计划执行数");
    ws.getCell(hr + 1, 3).value = "示例支出";
    ws.getCell(hr + 1, 4).value = 15;
    ws.getCell(hr + 1, 5).value = 30;
  } else if (kind === "department") {
    set("单位名称", "示例单位");
    ws.getCell(findOne(ws, "一般公共预算资金")[0], 7).value = 100;
    const [br] = findOne(ws, "基本支出");
    ws.getCell(br, 6).value = 20;
    ws.getCell(br, 7).value = 40;
    ws.getCell(br + 2, 3).value = "示例项目";
    ws.getCell(br + 2, 6).value = 30;
    ws.getCell(br + 2, 7).value = 60;
  } else {
    set("项目名称", "示例项目");
    const [r] = findOne(ws, "其中：当年财政拨款");
    ws.getCell(r, 3).value = 50;
    ws.getCell(r, 4).value = 50;
    ws.getCell(r, 5).value = 45;
  }
}

describe("a filled template reads with no layout findings", () => {
  test.each(KINDS)("%s", (kind) => {
    const res = results.get(`typical-${kind}`)!;
    expect(res.tables.map((t) => t.kind)).toEqual([KIND[kind]]);
    expect(res.findings.filter((f) => f.rule.startsWith("layout/") || f.rule.startsWith("internal/"))).toEqual([]);
    if (process.env.SHOW_FINDINGS) console.log(kind, res.findings.map((f) => `${f.cell} ${f.rule} ${f.message}`));
  });
});

// ------------------------------------------------------------------ sheet formulas vs the scoring engine

/** [指标性质, 年度指标值, 实际完成值, 分值, entered score of a 定性 row] */
const SCORED: [string, string, string, number, number?][] = [
  ["≥", "≥100次", "120次", 20],
  ["≥", "≥100次", "80次", 10],
  ["≤", "≤15分钟", "20分钟", 5],
  ["=", "=100%", "95%", 5],
  ["", "≥90%", "92.5%", 10],
  ["≤", "≥10次", "5次", 4],
  ["定性", "较高", "较高", 10, 9],
];

function fillScored(ws: ExcelJS.Worksheet): void {
  const [r] = findOne(ws, "其中：当年财政拨款");
  ws.getCell(r, 3).value = 80;
  ws.getCell(r, 4).value = 100;
  ws.getCell(r, 5).value = 87.5;
  const [hr] = findOne(ws, "偏差原因分析及改进措施");
  SCORED.forEach(([nature, target, actual, weight, entered], i) => {
    const row = hr + 1 + i;
    ws.getCell(row, 3).value = `指标${i + 1}`;
    ws.getCell(row, 4).value = target;
    ws.getCell(row, 5).value = actual;
    ws.getCell(row, 6).value = weight;
    if (nature) ws.getCell(row, 9).value = nature;
    if (entered !== undefined) ws.getCell(row, 7).value = entered;
  });
}

test("the sheet's score formulas agree with the scoring engine on every scored row", () => {
  const res = results.get("scored")!;
  expect(res.tables.map((t) => t.kind)).toEqual(["self-evaluation"]);
  const items = res.tables[0].score?.items ?? [];
  if (process.env.SHOW_FINDINGS) console.log(JSON.stringify(items), res.findings.map((f) => `${f.cell} ${f.rule} ${f.message}`));
  const both = items.filter((i) => i.computed !== null && i.entered !== null);
  // 执行率 + the six quantitative rows (the 定性 row's 较高 = 较高 is met, scored in full by the engine).
  expect(both.length).toBeGreaterThanOrEqual(7);
  for (const i of both) {
    if (i.indicator === "指标7") continue; // 定性: the evaluator's 9 stands against the engine's full marks on purpose
    expect([i.indicator, i.entered]).toEqual([i.indicator, expect.closeTo(i.computed!, 6)]);
  }
  // The engine flags only the 定性 row whose entered score departs from its computed one.
  const q = items.find((i) => i.indicator === "指标7")!;
  expect(res.findings.filter((f) => f.rule === "score/entered-differs").map((f) => f.cell)).toEqual([q.cell]);
  expect(res.findings.filter((f) => f.rule.startsWith("layout/"))).toEqual([]);
});

// ------------------------------------------------------------------ seed 000 values in the template

/** Groups of a seed table's indicator rows, "一级/二级" → rows in order. */
function seedGroups(t: ProjectTable): Map<string, ProjectTable["indicators"]> {
  const m = new Map<string, ProjectTable["indicators"]>();
  for (const r of t.indicators) m.set(`${r.level1}/${r.level2}`, [...(m.get(`${r.level1}/${r.level2}`) ?? []), r]);
  return m;
}

function templateFor(t: ProjectTable): { params: TemplateParams; fill: (ws: ExcelJS.Worksheet) => void } {
  const groups = seedGroups(t);
  const groupRows: Record<string, number> = {};
  for (const [k, rows] of groups) if (!/^(决策|过程)\//.test(k)) groupRows[k.split("/")[1]] = rows.length;
  const params: TemplateParams = { region: t.title.replace(/项目预算绩效目标表$/, ""), year: Number(t.year.replace(/年度$/, "")), expenseLines: Math.max(1, t.expenses?.length ?? 0), groupRows };
  const plan = buildTemplatePlan("project", params);
  return {
    params,
    fill: (ws) => {
      for (const f of [...t.fields, ...(t.goals ?? [])]) {
        const [r, c] = findOne(ws, f.label);
        if (f.value !== "") rightOf(ws, r, c).value = f.value;
      }
      for (const s of t.funding!.sources.slice(1)) {
        const [r, c] = findOne(ws, s.label);
        if (s.amount !== null) rightOf(ws, r, c).value = s.amount;
      }
      const [hr] = findOne(ws, "半年（程）计划执行数");
      (t.expenses ?? []).forEach((e, i) => {
        ws.getCell(hr + 1 + i, 3).value = e.name;
        if (e.half !== null) ws.getCell(hr + 1 + i, 4).value = e.half;
        if (e.full !== null) ws.getCell(hr + 1 + i, 5).value = e.full;
      });
      const header = plan.cells.find((c) => c.value === "一级指标")!.row;
      const planned = indicatorGroups(plan, 0, 1, header + 1);
      expect([...planned.keys()].sort()).toEqual([...groups.keys()].sort());
      for (const [k, rows] of groups) {
        const at = planned.get(k)!;
        expect(at.length).toBe(rows.length);
        rows.forEach((r, i) => {
          const row = at[i] + 1;
          ws.getCell(row, 3).value = r.level3 === "" ? null : r.level3;
          ws.getCell(row, 4).value = r.half === "" ? null : r.half;
          ws.getCell(row, 5).value = r.full === "" ? null : r.full;
        });
      }
    },
  };
}

/** Findings as rule + message with cell addresses taken out, so two layouts compare. */
function findingKeys(res: ValidationResult, table: number): string[] {
  return res.findings
    .filter((f) => f.table === table)
    .map((f) => `${f.rule} ${f.messageEn.replace(/\b[A-Z]{1,3}\d+\b/g, "@")}`)
    .sort();
}

describe("a template filled with seed-000 values gives the seed workbook's findings", () => {
  let seedResult: ValidationResult;
  beforeAll(async () => {
    seedResult = validateWorkbook(await readWorkbookSnapshot(await buildSeed000Workbook()));
  });

  // 数据工作推进, 信息化项目评审服务费 (expenses ≠ total, cost above budget), 数据和政务服务对标进位长效提升整合项目 (vague target).
  test.each([...SEED_TABLES])("seed table %i", (i) => {
    const t = loadSeed000().tables[i];
    const res = results.get(`seed-${i}`)!;
    expect(res.tables.length).toBe(1);
    const seedTable = seedResult.tables.find((x) => x.name === t.fields[0].value)!;
    expect(seedTable).toBeDefined();
    const expected = findingKeys(seedResult, seedTable.index);
    expect(expected.length).toBeGreaterThan(0);
    expect(findingKeys(res, 0)).toEqual(expected);
    // The recalculated 资金总额 is what the seed states.
    const total = res.located[0].kind === "project-target" ? res.located[0].funding.total?.full?.value : undefined;
    expect(total).toBeCloseTo(t.funding!.sources[0].amount!, 6);
  });
});

