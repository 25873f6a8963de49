/**
 * Columns read by what their cells hold when no header word names them (issue 21, the Reading): a self-evaluation
 * whose 年度指标值 / 实际完成值 / 分值 / 得分 / 一级 / 二级 / 三级 / 计量单位 headers are a county's own words (here a
 * neutral 第N栏) must give the same findings as the same table headed in the catalogue's words; where the content
 * cannot say, the columns stay unread and the table says so. Real .xlsx written and read back.
 */
import type { CellValue } from "../src/core/snapshot";
import { validateWorkbook, type ValidationResult } from "../src/core/validate";
import type { ProjectTargetTable, SelfEvaluationTable } from "../src/core/model";
import * as M from "../scripts/mutate/mutations";
import { readWorkbook, renderReading } from "../src/core/reading/inspect";
import { goodSpec, roundTrip, selfEvalGrid, type Grid, type SelfEvalSpec } from "./helpers/selfEvaluation";

const HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"];

/** The hand-computed self-evaluation with one mistake: 培训合格率 met (98% against ≥95%) yet scored 14 of 15. */
function spec(): SelfEvalSpec {
  const s = goodSpec();
  s.indicators[1][6] = 14;
  return s;
}

/** That table with some of its indicator header cells renamed (column index → new label). */
function renamed(labels: Record<number, string>, edit?: (g: Grid, header: number) => void): Grid {
  const g = selfEvalGrid(spec());
  const header = g.rows.findIndex((r) => r[0] === "一级指标");
  for (const [c, l] of Object.entries(labels)) g.rows[header][Number(c)] = l;
  edit?.(g, header);
  return g;
}

const read = async (g: Grid) => validateWorkbook(await roundTrip([{ name: "自评", grids: [{ grid: g }] }]));
const keyed = (r: ValidationResult) => r.findings.map((f) => `${f.rule} ${f.cell} ${f.message}`).sort();
const selfEval = (r: ValidationResult) => r.located.find((t): t is SelfEvaluationTable => t.kind === "self-evaluation")!;

let worded: ValidationResult;
beforeAll(async () => {
  worded = await read(selfEvalGrid(spec()));
});

test("the worded table is the reference: read whole, scored, findings on its own rows", () => {
  const t = selfEval(worded);
  expect(t.indicators).toHaveLength(6);
  expect(t.columnsByContent).toBeUndefined();
  expect(worded.tables[0].score?.total).toBeDefined();
  expect(worded.findings.filter((f) => f.rule === "score/entered-differs").map((f) => f.cell)).toEqual(["G13"]);
});

test("a self-evaluation read by its words lists every column in 读作…, each checked against what its cells hold", async () => {
  const cols = (r: ReturnType<typeof readWorkbook>) => r.sheets[0].tables[0].columns.map((c) => [c.column, c.role, c.confidence]);
  const good = readWorkbook(await roundTrip([{ name: "自评", grids: [{ grid: selfEvalGrid(spec()) }] }]));
  expect(cols(good)).toEqual([["A", "level1", 0.9], ["B", "level2", 0.9], ["C", "level3", 0.9], ["D", "full", 0.9], ["E", "actual", 0.9], ["F", "weight", 0.9], ["G", "score", 0.9], ["H", "reason", 0.9]]);
  // Sentences under 年度指标值: the words stand, less sure, and the evidence says what the cells look like.
  const prose = readWorkbook(await roundTrip([{ name: "自评", grids: [{ grid: renamed({}, (g, header) => {
    for (let i = header + 1; i <= header + 6; i++) g.rows[i][3] = "详见附件中的项目实施方案说明材料第三部分";
  }) }] }]));
  const d = prose.sheets[0].tables[0].columns.find((c) => c.column === "D")!;
  expect([d.role, d.confidence, d.evidence]).toEqual(["full", 0.6, ["header:年度指标值→full", "content:explanation 6/6"]]);
});

test("target and actual headed 第4栏 / 第5栏: found by content and order, the same findings and score", async () => {
  const r = await read(renamed({ 3: "第4栏", 4: "第5栏" }));
  expect(keyed(r)).toEqual(keyed(worded));
  expect(r.tables[0].score?.total).toEqual(worded.tables[0].score?.total);
  const by = selfEval(r).columnsByContent!;
  expect(by.map((c) => [c.role, c.col])).toEqual([["full", 3], ["actual", 4]]);
  expect(by.map((c) => c.evidence)).toEqual(["content:full 6/6", "position:actual"]);
  // inspect and the pane's 读作… list them, in a clerk's words.
  const reading = readWorkbook(await roundTrip([{ name: "自评", grids: [{ grid: renamed({ 3: "第4栏", 4: "第5栏" }) }] }]));
  const text = renderReading(reading);
  expect(text).toContain("D   指标值      0.7  “第4栏”  100% 的非空单元格（共 6 个）像指标值");
  expect(text).toContain("E   实际完成值    0.7  “第5栏”  是指标值与得分之间唯一的一列：实际完成值的位置");
  // The columns the words named are listed too, each checked against what its cells hold.
  expect(text).toContain("G   得分       0.9  “得分”  表头“得分”是得分的写法；100% 的非空单元格（共 6 个）像分值");
});

test("分值 and 得分 headed 第6栏 / 第7栏: found by arithmetic (the left sums to at most 100, the right never above it)", async () => {
  const r = await read(renamed({ 5: "第6栏", 6: "第7栏" }));
  expect(keyed(r)).toEqual(keyed(worded));
  expect(selfEval(r).columnsByContent!.map((c) => [c.role, c.col, c.evidence])).toEqual([["weight", 5, "sum:weight 90"], ["score", 6, "bound:score 6/6"]]);
});

test("the tree headed 第1栏 / 第2栏 / 第3栏 under a 自评表 title: 一级 and 二级 from the tree names, 三级 beside them", async () => {
  const r = await read(renamed({ 0: "第1栏", 1: "第2栏", 2: "第3栏" }));
  expect(keyed(r)).toEqual(keyed(worded));
  expect(selfEval(r).columnsByContent!.map((c) => [c.role, c.col])).toEqual([["level1", 0], ["level2", 1], ["level3", 2]]);
});

test("every column label but the reason's renamed 第N栏: the header found by its shape over the tree names, every column by content, the same findings and score", async () => {
  const r = await read(renamed({ 0: "第1栏", 1: "第2栏", 2: "第3栏", 3: "第4栏", 4: "第5栏", 5: "第6栏", 6: "第7栏" }));
  expect(keyed(r)).toEqual(keyed(worded));
  expect(r.tables[0].score?.total).toEqual(worded.tables[0].score?.total);
  expect(selfEval(r).columnsByContent!.map((c) => c.role).sort()).toEqual(["actual", "full", "level1", "level2", "level3", "score", "weight"]);
});

/** The table with 年度指标值 over 指标性质 | 第5栏 (the number) | 第6栏 (the unit), the actual in 第7栏 (blank when asked). */
async function twoRow(blankActual = false): Promise<ValidationResult> {
  const g = selfEvalGrid(spec());
  const header = g.rows.findIndex((r) => r[0] === "一级指标");
  // 年度指标值 over 指标性质 | 第5栏 (the number) | 第6栏 (the unit); the rest of the header merged down over both rows.
  const rows = g.rows.map((row) => [...row.slice(0, 3), null, null, ...row.slice(3)]);
  rows[header] = ["一级指标", "二级指标", "三级指标", "年度指标值", null, null, "第7栏", "分值", "得分", "偏差原因分析及改进措施"];
  const sub: CellValue[] = [null, null, null, "指标性质", "第5栏", "第6栏", null, null, null, null];
  const split = (t: CellValue): [CellValue, CellValue, CellValue] => {
    const m = /^([≥≤=])(\d+)(.*)$/.exec(String(t));
    return m ? [m[1], Number(m[2]), m[3] || null] : [null, t, null];
  };
  const data = rows.slice(header + 1, header + 7).map((row, i) => {
    const [op, n, unit] = split(g.rows[header + 1 + i][3]);
    return [row[0], row[1], row[2], op, n, unit, blankActual ? null : g.rows[header + 1 + i][4], ...g.rows[header + 1 + i].slice(5)];
  });
  const out: CellValue[][] = [...rows.slice(0, header + 1), sub, ...data, ...rows.slice(header + 7)];
  const merges = [{ top: header, left: 3, bottom: header, right: 5 }, ...[0, 1, 2, 6, 7, 8, 9].map((c) => ({ top: header, left: c, bottom: header + 1, right: c }))];
  return validateWorkbook(await roundTrip([{ name: "自评", grids: [{ grid: { rows: out, merges } }] }]));
}

test("a two-row header whose parent (年度指标值) names one child and the others are 第N栏: the children's columns read by content", async () => {
  const r = await twoRow();
  const t = selfEval(r);
  expect(t.indicators).toHaveLength(6);
  expect(t.columnsByContent!.map((c) => [c.role, c.col])).toEqual(expect.arrayContaining([["full", 4], ["actual", 6], ["unit", 5]]));
  expect(r.findings.filter((f) => f.rule === "score/entered-differs").map((f) => f.cell)).toEqual(["I14"]);
});

test("the unit column between the target and an actual nobody filled in is told first: the empty column is still the actual", async () => {
  const r = await twoRow(true);
  expect(selfEval(r).columnsByContent!.map((c) => [c.role, c.col])).toEqual(expect.arrayContaining([["unit", 5], ["full", 4], ["actual", 6]]));
  expect(r.findings.filter((f) => f.rule === "score/missing-actual")).toHaveLength(6);
});

test("a target table whose every column label is 第N栏: the header found by its shape right over the tree names", async () => {
  const rows = (labels: string[]): CellValue[][] => [
    ["2024年项目支出绩效目标表", null, null, null, null],
    ["项目名称", "道路养护", null, null, null],
    ["项目资金（万元）", "资金总额", 120, null, null],
    labels,
    ["产出指标", "数量指标", "养护里程", "≥50公里", null],
    [null, "质量指标", "验收合格率", "≥95%", null],
    [null, "成本指标", "养护成本", "120万元", null],
    ["效益指标", "社会效益指标", "通行条件改善", "明显改善", null],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", null],
  ];
  const run = async (labels: string[]) => validateWorkbook(await roundTrip([{ name: "目标表", grids: [{ grid: { rows: rows(labels), merges: [] } }] }]));
  const words = await run(["一级指标", "二级指标", "三级指标", "指标值", "备注"]);
  const unnamed = await run(["第1栏", "第2栏", "第3栏", "第4栏", "备注"]);
  expect(words.findings.map((f) => f.rule)).toContain("indicator/cost-operator");
  expect(keyed(unnamed)).toEqual(keyed(words));
});

test("a target table whose tree and 三级 columns are headed 第N栏, the names long: the table found by content, 三级 taken by its place right of the tree, and 读作… says why", async () => {
  const rows: CellValue[][] = [
    ["2024年项目支出绩效目标表", null, null, null],
    ["项目名称", "水毁修复", null, null],
    ["项目资金（万元）", "资金总额", 35, null],
    ["第1栏", "第2栏", "第3栏", "指标值"],
    ["产出指标", "数量指标", "开展防洪水利设施水毁修复工程的个数", "≥2个"],
    [null, "质量指标", "当年已完工项目在检查中发现的质量问题数", "≤0个"],
    [null, "时效指标", "截至当年十二月底项目完成修复的比例", "≥100%"],
    ["效益指标", "社会效益指标", "防洪水利设施恢复正常运行发挥防洪效益", "有效恢复"],
    ["满意度指标", "服务对象满意度指标", "受益群众对水毁修复工程质量的满意度", "≥90%"],
  ];
  const snap = await roundTrip([{ name: "目标表", grids: [{ grid: { rows, merges: [] } }] }]);
  const r = validateWorkbook(snap);
  expect(r.findings.filter((f) => f.rule === "layout/unsure-reading" || f.rule === "layout/missing-column")).toEqual([]);
  const t = r.located.find((x): x is ProjectTargetTable => x.kind === "project-target")!;
  expect(t.indicators.map((i) => i.level3?.text.slice(0, 4))).toEqual(["开展防洪", "当年已完", "截至当年", "防洪水利", "受益群众"]);
  const text = renderReading(readWorkbook(snap));
  expect(text).toContain("指标树右侧第一列名称：三级指标的位置");
});

test("a department self-evaluation with no tree, its names headed 第2栏: the header named by its actual and score columns under the title, the names the first column of names left of them", async () => {
  const grid = (names: string): Grid => ({
    rows: [
      ["部门整体绩效自评表", null, null, null, null, null, null],
      ["主管部门", "某中心", null, null, "自评总分(分)", 8, null],
      ["绩效指标", names, "计量单位", "年初指标值", "全年完成值", "指标权重(分)", "指标得分(分)"],
      [null, "财政供养人员控制率", "%", "100%", "92%", 2, 2],
      [null, "基础信息完善", "%", "100%", "100%", 2, 2],
      [null, "预算完成率", "%", "70%", "76%", 2, 2],
      [null, "政府采购执行率", "%", "100%", "100%", 2, 2],
    ],
    merges: [{ top: 0, left: 0, bottom: 0, right: 6 }, { top: 2, left: 0, bottom: 6, right: 0 }],
  });
  const run = async (names: string) => validateWorkbook(await roundTrip([{ name: "部门自评", grids: [{ grid: grid(names) }] }]));
  const words = await run("指标名称");
  const unnamed = await run("第2栏");
  expect(words.findings.filter((f) => f.rule === "score/entered-differs").map((f) => f.cell)).toEqual(["G4"]);
  expect(keyed(unnamed)).toEqual(keyed(words));
  expect(selfEval(unnamed).columnsByContent!.map((c) => [c.role, c.col])).toEqual([["level3", 1]]);
});

test("an actual column nobody filled in, alone between the target and the score, is still the actual: every row is reported unfilled", async () => {
  const r = await read(renamed({ 4: "第5栏" }, (g, header) => {
    for (let i = header + 1; i <= header + 6; i++) g.rows[i][4] = null;
  }));
  const t = selfEval(r);
  expect(t.columnsByContent!.map((c) => c.role)).toEqual(["actual"]);
  expect(r.findings.filter((f) => f.rule === "score/missing-actual").map((f) => f.cell)).toHaveLength(6);
});

test("where the content cannot say, the column stays unread and the table says so once: sentences in the only unnamed column", async () => {
  const r = await read(renamed({ 3: "第4栏" }, (g, header) => {
    for (let i = header + 1; i <= header + 6; i++) g.rows[i][3] = "详见附件中的项目实施方案说明材料第三部分";
  }));
  expect(selfEval(r).columnsByContent).toBeUndefined();
  expect(r.findings.filter((f) => f.rule === "layout/missing-column").map((f) => f.message)).toEqual(["表头缺少“年度指标值”列"]);
});

test("a table not scored yet (得分 blank) with 分值 and 得分 headed 第N栏: the weights, and the empty column right after them as the score", async () => {
  const blank = (g: Grid, header: number) => {
    for (let i = header + 1; i <= header + 6; i++) g.rows[i][6] = null;
  };
  const words = await read(renamed({}, blank));
  const r = await read(renamed({ 5: "第6栏", 6: "第7栏" }, blank));
  expect(words.findings.filter((f) => f.rule === "score/entered-differs" && f.message.includes("未填写得分")).length).toBeGreaterThanOrEqual(5);
  expect(keyed(r)).toEqual(keyed(words));
  expect(selfEval(r).columnsByContent!.map((c) => [c.role, c.evidence])).toEqual([["weight", "sum:weight 90"], ["score", "position:score"]]);
});

test("a score above its neighbour is not a score: numbers that break score ≤ weight leave 得分 unread", async () => {
  const r = await read(renamed({ 5: "第6栏", 6: "第7栏" }, (g, header) => {
    // The right column now holds numbers above the left on every row: no weight-and-score pair.
    for (let i = header + 1; i <= header + 6; i++) g.rows[i][6] = Number(g.rows[i][5]) + 5;
  }));
  expect(selfEval(r).columnsByContent ?? []).toEqual([]);
  expect(r.findings.filter((f) => f.rule === "layout/missing-column").map((f) => f.message).sort()).toEqual(["表头缺少“分值”列", "表头缺少“得分”列"]);
});

test("an index-like header (一级 | 二级 | 三级 | 分值 | 得分) of a self-evaluation is read once, as the self-evaluation, not again as a report", async () => {
  const r = await read(renamed({ 3: "第4栏", 4: "第5栏" }));
  expect(r.located.map((t) => t.kind)).toEqual(["self-evaluation"]);
});

test("a target table's unit column headed 第N栏: the unit read from the column of unit words, no unit finding", async () => {
  const rows: CellValue[][] = [
    ["2024年项目支出绩效目标表", null, null, null, null],
    ["项目名称", "道路养护", null, null, null],
    ["项目资金（万元）", "资金总额", 120, null, null],
    ["一级指标", "二级指标", "三级指标", "指标值", "第5栏"],
    ["产出指标", "数量指标", "养护里程", "≥50", "公里"],
    [null, "质量指标", "验收合格率", "≥95", "%"],
    [null, "成本指标", "养护成本", "≤120", "万元"],
    ["效益指标", "社会效益指标", "通行条件改善", "明显改善", null],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90", "%"],
  ];
  const r = validateWorkbook(await roundTrip([{ name: "目标表", grids: [{ grid: { rows, merges: [] } }] }]));
  const t = r.located.find((x): x is ProjectTargetTable => x.kind === "project-target")!;
  expect(t).toBeDefined();
  expect(r.findings.filter((f) => f.rule === "indicator/unit")).toEqual([]);
  // The same table with the unit column emptied: now every quantitative target lacks its unit.
  const bare = rows.map((row, i) => (i >= 4 ? [...row.slice(0, 4), null] : row));
  const r2 = validateWorkbook(await roundTrip([{ name: "目标表", grids: [{ grid: { rows: bare, merges: [] } }] }]));
  expect(r2.findings.filter((f) => f.rule === "indicator/unit").length).toBeGreaterThan(0);
});

test("the unknown-headers mutation renames one family of columns to 第N栏 and leaves the rest, only over headers with rows under them", () => {
  const g = selfEvalGrid(goodSpec());
  const wb = { sheets: [{ name: "自评", origin: { row: 0, col: 0 }, values: g.rows, merges: g.merges }] };
  const header = g.rows.findIndex((r) => r[0] === "一级指标");
  const out = M.mutate(wb, "自评", M.unknownHeaders, "weights");
  if ("notApplicable" in out) throw new Error(out.notApplicable);
  expect(out.snapshot.sheets[0].values[header]).toEqual([...HEADER.slice(0, 5), "第6栏", "第7栏", HEADER[7]]);
  const cut = { sheets: [{ ...wb.sheets[0], values: g.rows.slice(0, header + 1) }] };
  expect(M.mutate(cut, "自评", M.unknownHeaders, "weights")).toEqual({ notApplicable: "no weights column named in a header with rows under it" });
});
