/**
 * Self-evaluation scores under the schemes of issue 22 and the blank-table fix of issue 26 (item 6), on
 * tables built like the real ones of fixtures/corpus/wave2 (analysis.md gives the arithmetic of each; the
 * expected numbers below are worked out in the comments, not taken from the code). Each grid is written to a
 * real .xlsx and read back through the CLI's reader; the 20 + 80 and 得分系数 layouts, which the locators do
 * not read yet, are given as located tables (the model's goals / coefficient fields).
 */
import type { CellItem, SelfEvaluationIndicatorRow, SelfEvaluationTable } from "../src/core/model";
import { NATIONAL_PROFILE } from "../src/core/profile";
import { scoreTable, type TableScore } from "../src/core/scoring";
import { evaluateSelfEvaluation } from "../src/core/scoring/selfEvaluation";
import { incompleteText, scoreLine } from "../src/core/scoring/present";
import { validateWorkbook } from "../src/core/validate";
import { roundTrip, selfEvalGrid, type Grid, type IndRow, type SelfEvalSpec } from "./helpers/selfEvaluation";

async function scored(spec: SelfEvalSpec): Promise<{ table: SelfEvaluationTable; score: TableScore; rules: string[] }> {
  const snap = await roundTrip([{ name: "自评", grids: [{ grid: selfEvalGrid(spec) }] }]);
  const r = validateWorkbook(snap);
  const i = r.located.findIndex((x) => x.kind === "self-evaluation");
  const table = r.located[i];
  if (!table || table.kind !== "self-evaluation") throw new Error("no self-evaluation table located");
  return { table, score: r.tables[i].score!, rules: r.findings.map((f) => `${f.rule} ${f.cell}`) };
}

const item = (s: TableScore, name: string) => s.items.find((i) => i.indicator === name)!;

describe("cost rows and tables without indicators (wave3: 原州 2022, 临河 2022)", () => {
  const base = (cost: IndRow): IndRow[] => [
    ["产出指标", "数量指标", "培训人数", "≥50人", "50人", 30, 30, ""],
    ["产出指标", "成本指标", cost[2], cost[3], cost[4], cost[5], cost[6], cost[7]],
    ["效益指标", "社会效益指标", "服务覆盖率", "=100%", "100%", 30, 30, ""],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "92%", 20, 20, ""],
  ];
  test("a cost target with no operator is a ceiling: 36.2 under 38.75 earns the full weight, 9.34 entered differs", async () => {
    const { score } = await scored({ name: "送茶入户", fund: { budget: 38.75, executed: 38.75, weight: 10, score: 10 }, indicators: base(["", "", "项目成本", "38.75万元", "36.2万元", 10, 9.34, ""]), total: { weight: 100, score: 99.34 } });
    expect(item(score, "项目成本")).toMatchObject({ computed: 10, entered: 9.34, differs: true });
    // Over the ceiling it is scored as a ceiling missed: 38.75 / 40 × 10 = 9.69.
    const over = await scored({ name: "送茶入户", fund: { budget: 38.75, executed: 38.75, weight: 10, score: 10 }, indicators: base(["", "", "项目成本", "38.75万元", "40万元", 10, 9.69, ""]), total: { weight: 100, score: 99.69 } });
    expect(item(over.score, "项目成本")).toMatchObject({ computed: 9.69 });
    expect(item(over.score, "项目成本").differs).toBeFalsy();
    // A percentage under 成本 is a rate, not an amount: not turned into a ceiling (95% of 100% → 9.5).
    const rate = await scored({ name: "送茶入户", fund: { budget: 38.75, executed: 38.75, weight: 10, score: 10 }, indicators: base(["", "", "成本节约率", "100%", "95%", 10, 9.5, ""]), total: { weight: 100, score: 99.5 } });
    expect(item(rate.score, "成本节约率")).toMatchObject({ computed: 9.5 });
  });

  test("a lower-is-better name with no operator is a ceiling too (重庆 2021 部门自评: 预算调整率 3%, actual 0 → full)", async () => {
    const { score } = await scored({ name: "部门整体", fund: { budget: 100, executed: 100, weight: 10, score: 10 }, indicators: [...base(["", "", "项目成本", "≤38.75万元", "36.2万元", 10, 10, ""]).slice(0, 3), ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "92%", 10, 10, ""], ["效益指标", "社会效益指标", "预算调整率", "3%", "0%", 10, 10, ""]], total: { weight: 100, score: 100 } });
    expect(item(score, "预算调整率")).toMatchObject({ computed: 10 });
    // Silent the other way: a rate that should be high keeps ≥ (95% of 100% → 9.5).
    const up = await scored({ name: "部门整体", fund: { budget: 100, executed: 100, weight: 10, score: 10 }, indicators: [...base(["", "", "项目成本", "≤38.75万元", "36.2万元", 10, 10, ""]).slice(0, 3), ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "92%", 10, 10, ""], ["效益指标", "社会效益指标", "预算完成率", "100%", "95%", 10, 9.5, ""]], total: { weight: 100, score: 99.5 } });
    expect(item(up.score, "预算完成率")).toMatchObject({ computed: 9.5 });
  });

  test("a table whose indicator rows are missing gives no total, however its execution score is rescaled", async () => {
    const { score } = await scored({ name: "就业补助资金", fund: { budget: 7165.32, executed: 6993.35, weight: 10, score: null }, indicators: base(["", "", "项目成本", "≤38.75万元", "36.2万元", 10, 10, ""]).slice(0, 0), total: null });
    expect(score.total).toBeNull();
    expect(score.status).toBe("incomplete");
    expect(score.missing?.map((m) => m.indicator)).toContain("绩效指标（表中没有指标行）");
  });
});

describe("财预〔2020〕10号 on tables built like the wave2 ones", () => {
  test("永德: 时效 entered 7 and 知晓率 entered 9 — recomputed 99.8 优 beside the entered 96", async () => {
    // 执行 387664.62/387664.62 → 10; 时效 100 of ≧100 → 10 (entered 7); 知晓率 98 of ═100 → 0.98 × 10 = 9.8 (entered 9);
    // 10 + 10 + 10 + 10 + 10 + 10 + 9.8 + 10 + 10 + 10 = 99.8. Σ entered = 96 (the printed 总分).
    const rows: IndRow[] = [
      ["产出指标", "数量指标", "学生受资助人数", "≧735人次", "735人次", 10, 10, ""],
      ["产出指标", "质量指标", "营养改善计划覆盖率", "≧100%", "100%", 10, 10, ""],
      ["产出指标", "时效指标", "资金到位及时率", "≧100%", "100%", 10, 7, ""],
      ["产出指标", "成本指标", "生均补助标准达标率", "═100%", "100%", 10, 10, ""],
      ["效益指标", "经济效益指标", "减轻贫困学生家庭经济负担", "有效", "有效", 10, 10, ""],
      ["效益指标", "社会效益指标", "政策知晓率", "═100%", "98%", 10, 9, ""],
      ["效益指标", "可持续影响指标", "促进学校教育事业健康发展", "≧100%", "100%", 10, 10, ""],
      ["满意度指标", "服务对象满意度指标", "学生满意度", "≧95%", "100%", 10, 10, ""],
      ["满意度指标", "服务对象满意度指标", "家长满意度", "≧95%", "100%", 10, 10, ""],
    ];
    const { score, rules } = await scored({ name: "营养改善计划", fund: { budget: 387664.62, executed: 387664.62, weight: 10, score: 10 }, indicators: rows, total: { weight: 100, score: 96 } });
    // The two rows and the 总分 are reported: 96 against the recomputed 99.8.
    expect(rules.filter((x) => x.startsWith("score/entered-differs"))).toEqual(["score/entered-differs G14", "score/entered-differs G17", "score/entered-differs G21"]);
    expect(score).toMatchObject({ total: 99.8, grade: "优", status: "complete", entered: 96, totalDiffers: true });
    expect(item(score, "资金到位及时率")).toMatchObject({ entered: 7, computed: 10, differs: true });
    expect(item(score, "政策知晓率")).toMatchObject({ entered: 9, computed: 9.8, differs: true });
    expect(score.items.filter((i) => i.differs).map((i) => i.indicator)).toEqual(["资金到位及时率", "政策知晓率"]);
    expect(scoreLine(score)).toBe("审核得分 99.8（优） · 自评得分 96（不符）");
  });

  test("丽江: ﹦ targets met in full, the 满意度 score left blank — recomputed 100 优, entered 84", async () => {
    // 10 + 10 + 20 + 20 + 30 + 10 = 100; entered 10 + 9 + 19 + 19 + 27 + (blank) = 84, no 总分 row.
    const rows: IndRow[] = [
      ["产出指标", "数量指标", "卫片执法补助经费", "﹦72890元", 72890, 10, 9, ""],
      ["产出指标", "质量指标", "项目验收合格率", "﹦100%", "100%", 20, 19, ""],
      ["产出指标", "时效指标", "项目完成及时率", "﹦100%", "100%", 20, 19, ""],
      ["效益指标", "社会效益指标", "违法行为责停率", "≥95%", "95%", 30, 27, ""],
      ["满意度指标", "服务对象满意度指标", "满意度", "≥95%", "95%", 10, null, ""],
    ];
    const { score } = await scored({ fund: { budget: 7.29, executed: 7.29, weight: 10, score: 10 }, indicators: rows, total: null });
    expect(score).toMatchObject({ total: 100, grade: "优", status: "complete", entered: 84 });
    expect(item(score, "满意度")).toMatchObject({ entered: null, computed: 10 });
  });

  test("中江: weights add up to 110 and the actuals restate the targets — reported, total on the 百分制 110/110 × 100 = 100 优", async () => {
    const rows: IndRow[] = [
      ["产出指标（70分）", "数量指标", "安装坡面水标尺", "≥266米", "≥266米", 10, 10, ""],
      ["产出指标（70分）", "数量指标", "水标尺宽度", "≥50厘米", "≥50厘米", 10, 10, ""],
      ["产出指标（70分）", "质量指标", "项目(工程)验收合格率", "100%", "100%", 20, 20, ""],
      ["产出指标（70分）", "时效指标", "及时(按期)开工率", "≥90%", "≥90%", 10, 10, ""],
      ["产出指标（70分）", "时效指标", "及时(按期)完工率", "≥90%", "≥90%", 10, 10, ""],
      ["产出指标（70分）", "成本指标", "项目计划总投资", "20万元", "20万元", 10, 10, ""],
      ["效益指标（20分）", "社会效益指标", "受益脱贫(含监测对象)户人口数", "≥1000人", "≥1000人", 10, 10, ""],
      ["效益指标（20分）", "社会效益指标", "群众生产生活条件改善状况", "显著提升", "显著提升", 10, 10, ""],
      ["满意度指标（10分）", "服务对象满意度指标", "受益脱贫(含监测对象)户满意度", "≥95%", "≥95%", 10, 10, ""],
    ];
    const { score, rules } = await scored({ fund: { budget: 20, executed: 20, weight: 10, score: 10 }, indicators: rows, total: { weight: 100, score: 100 } });
    expect(score).toMatchObject({ total: 100, grade: "优", status: "complete", entered: 100, weightSum: 110, rawTotal: 110 });
    // ≥266米 as an actual is the target again: no recomputed score, the entered one kept and named.
    expect(item(score, "安装坡面水标尺")).toMatchObject({ computed: null, entered: 10, unscored: "restated" });
    expect(score.unverified?.map((r) => r.indicator)).toEqual(["安装坡面水标尺", "水标尺宽度", "及时(按期)开工率", "及时(按期)完工率", "受益脱贫(含监测对象)户人口数", "受益脱贫(含监测对象)户满意度"]);
    expect(scoreLine(score)).toContain("分值合计 110，按百分制折算（原始合计 110）");
    expect(scoreLine(score)).toContain("安装坡面水标尺（G12：实际完成值重述目标值，无实测值，无法核算）");
    expect(rules).toContain("score/weights-total F21");
  });

  test("an actual of 完成 against a number target is not scored as met", async () => {
    const rows: IndRow[] = [
      ["产出指标", "成本指标", "成本控制数", "≤30万元", "完成", 50, 50, ""],
      ["效益指标", "社会效益指标", "服务覆盖率", "100%", "100%", 30, 30, ""],
      ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 10, 10, ""],
    ];
    const { score } = await scored({ fund: { budget: 3.36, executed: 3.36, weight: 10, score: 10 }, indicators: rows, total: { weight: 100, score: 100 } });
    expect(item(score, "成本控制数")).toMatchObject({ computed: null, unscored: "restated" });
    expect(score.unverified).toEqual([{ cell: "G12", indicator: "成本控制数", reason: "restated" }]);
  });

  test("fractional weights (2.5, 1.25 …) are added exactly: 98.25 优", async () => {
    // 10 + 20 + 17.5 × 45/50 (= 15.75) + 12.5 + 13.75 + 16.25 + 8.75 + 1.25 = 98.25
    const rows: IndRow[] = [
      ["产出指标", "数量指标", "培训场次", "≥4场", "4场", 20, 20, ""],
      ["产出指标", "数量指标", "培训人数", "≥50人", "45人", 17.5, 15.75, "部分学员缺席"],
      ["产出指标", "质量指标", "合格率", "≥95%", "98%", 12.5, 12.5, ""],
      ["效益指标", "社会效益指标", "覆盖率", "≥90%", "92%", 13.75, 13.75, ""],
      ["效益指标", "可持续影响指标", "长效机制", "健全", "健全", 16.25, 16.25, ""],
      ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", 8.75, 8.75, ""],
      ["满意度指标", "服务对象满意度指标", "单位满意度", "≥90%", "95%", 1.25, 1.25, ""],
    ];
    const { score } = await scored({ fund: { budget: 100, executed: 100, weight: 10, score: 10 }, indicators: rows, total: { weight: 100, score: 98.25 } });
    expect(score).toMatchObject({ total: 98.25, grade: "优", status: "complete", entered: 98.25, totalDiffers: false });
    expect(score.weightSum).toBeUndefined();
    expect(item(score, "培训人数").computed).toBe(15.75);
  });
});

describe("never a partial total presented as the total", () => {
  test("a row with no actual value: 不完整, naming the row, no grade", async () => {
    const rows: IndRow[] = [
      ["产出指标", "数量指标", "发放(缴纳)覆盖率", "=100%", null, 60, null, ""],
      ["效益指标", "社会效益指标", "足额保障率(参保率)", "=100%", "100%", 20, 20, ""],
      ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 10, 10, ""],
    ];
    const { score } = await scored({ fund: { budget: 251.89, executed: 251.89, weight: 10, score: null }, indicators: rows, total: { weight: 100, score: null } });
    expect(score).toMatchObject({ total: null, grade: null, status: "incomplete" });
    expect(score.missing).toEqual([{ cell: "G12", indicator: "发放(缴纳)覆盖率", reason: "missing-actual" }]);
    expect(incompleteText(score)).toBe("不完整（缺少：发放(缴纳)覆盖率（G12：未填实际完成值））");
    // The rows that can be scored still are: 执行 251.89/251.89 → 10.
    expect(item(score, "预算执行率")).toMatchObject({ computed: 10, entered: null });
  });

  test("池州: a total line of 0 / 0 scores on its sub-lines, and a table with no 满意度 row is 不完整", async () => {
    const rows: IndRow[] = [
      ["产出指标", "数量指标", "基建工程委托业务项目数量", "≥50个", "50个", 40, 40, ""],
      ["产出指标", "成本指标", "项目总成本", "≤90万元", "90万元", 10, 10, ""],
      ["效益指标", "社会效益指标", "对维护基建市场公平的影响程度", "达成预期指标", "达成预期指标", 30, 30, ""],
    ];
    const spec: SelfEvalSpec = { fund: { initial: 0, budget: 0, executed: 0, weight: 10, score: 0 }, indicators: rows, total: null };
    const grid = selfEvalGrid(spec);
    // 其中：当年财政拨款 90 / 89.974 / 89.974 under a 年度资金总额 row of zeros.
    grid.rows[5].splice(2, 3, 90, 90, 89.974);
    const snap = await roundTrip([{ name: "自评", grids: [{ grid }] }]);
    const r = validateWorkbook(snap);
    const score = r.tables.find((t) => t.kind === "self-evaluation")!.score!;
    expect(item(score, "预算执行率")).toMatchObject({ computed: 10, entered: 0, differs: true }); // 89.974 / 90 = 0.9997 → 10 × 0.9997 = 10.00
    expect(score).toMatchObject({ total: null, grade: null, status: "incomplete" });
    expect(score.missing?.map((m) => [m.indicator, m.reason])).toEqual([["满意度指标", "missing-rows"]]);
  });

  test("临翔: a sub-line repeating the execution weight and score is not counted twice", async () => {
    const rows: IndRow[] = [
      ["产出指标", "数量指标", "收容所", "≥200平方米", "204.46平方米", 50, 50, ""],
      ["效益指标", "社会效益指标", "提供务工岗位", "≥15个", "15个", 30, 30, ""],
      ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 10, 10, ""],
    ];
    const grid = selfEvalGrid({ fund: { budget: 32.4, executed: 31.69, weight: 10, score: 9 }, indicators: rows, total: { weight: 100, score: 99 } });
    grid.rows[5][5] = 10; // 其中：当年财政拨款 given 分值 10 / 得分 9 again
    grid.rows[5][7] = 9;
    const r = validateWorkbook(await roundTrip([{ name: "自评", grids: [{ grid }] }]));
    const score = r.tables[0].score!;
    // 31.69 / 32.4 = 0.97809 → 9.78; 9.78 + 50 + 30 + 10 = 99.78 — not 109.56 over 110.
    expect(score).toMatchObject({ total: 99.78, grade: "优", status: "complete" });
    expect(score.items.filter((i) => i.indicator.startsWith("预算执行率")).map((i) => i.computed)).toEqual([9.78]);
    // The repeat is still reported, on the weight that takes 预算执行率 past its 10.
    expect(r.findings.filter((f) => f.rule === "score/weights-split").map((f) => [f.cell, f.message])).toEqual([["F6", "“预算执行率”分值合计 20，规定为 10"]]);
  });

  test("#26 item 6: a blank template has no score — 未填写, no grade; the CLI line says so", async () => {
    const rows: IndRow[] = [
      ["产出指标", "数量指标", "指标1", null, null, null, null, null],
      ["效益指标", "社会效益指标", "指标2", null, null, null, null, null],
      ["满意度指标", "服务对象满意度指标", "指标3", null, null, null, null, null],
    ];
    const { score } = await scored({ fund: { budget: null, executed: null, weight: 10, score: null }, indicators: rows, total: { weight: null, score: null } });
    expect(score).toMatchObject({ total: null, grade: null, status: "blank", entered: null });
    expect(scoreLine(score)).toBe("审核得分 未填写，无法评分");
    expect(scoreLine(score, "en")).toBe("recomputed not filled in: no score");
  });

  test("#26 item 6: an empty budget (0 of 0) earns nothing for 预算执行率: the total is 不完整", async () => {
    const rows: IndRow[] = [
      ["产出指标", "数量指标", "培训人数", "≥50人", "50人", 50, 50, ""],
      ["效益指标", "社会效益指标", "覆盖率", "≥90%", "92%", 30, 30, ""],
      ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 10, 10, ""],
    ];
    const { score } = await scored({ fund: { budget: 0, executed: 0, weight: 10, score: 10 }, indicators: rows, total: { weight: 100, score: 100 } });
    expect(item(score, "预算执行率")).toMatchObject({ computed: null, unscored: "empty-budget", entered: 10 });
    expect(score).toMatchObject({ total: null, grade: null, status: "incomplete" });
    expect(incompleteText(score)).toBe("不完整（缺少：预算执行率（H5：预算数为 0，无法计算执行率））");
  });
});

// ---- Located tables the locators do not produce yet: the model carries the layout. ----

let col = 0;
const cell = (row: number, value: string | number | null): CellItem => ({ cell: { row, col: col++ }, value, text: value === null ? "" : String(value) });

function indicator(row: number, l1: string, name: string, target: string, actual: string, score: number | null, extra: Partial<SelfEvaluationIndicatorRow> = {}): SelfEvaluationIndicatorRow {
  return { row, level1: cell(row, l1), level3: cell(row, name), full: cell(row, target), actual: cell(row, actual), score: cell(row, score), extra: {}, ...extra };
}

describe("20 + 80 layout (黄冈): goals with weights, rows with none", () => {
  const huanggang = (): SelfEvaluationTable => ({
    kind: "self-evaluation",
    sheet: "水土保持监测",
    name: "水土保持监测",
    range: { top: 0, left: 0, bottom: 17, right: 6 },
    anchor: { row: 7, col: 3 },
    fields: {},
    funds: [{ label: cell(6, "年度财政资金总额"), budget: cell(6, 10), executed: cell(6, 10), score: cell(6, 20), total: true }],
    executionWeight: { value: 20, cell: { row: 5, col: 6 } },
    goals: [
      { label: cell(7, "年度绩效目标1（40分）"), weight: 40, first: 8, last: 11 },
      { label: cell(12, "年度绩效目标2（40分）"), weight: 40, first: 13, last: 16 },
    ],
    indicators: [
      indicator(8, "产出指标", "监测数据必须合格", "100%", "100%", 10),
      indicator(9, "产出指标", "取得2018-2022监测资料", "100%", "100%", 10),
      indicator(11, "满意度指标", "整编资料审核", "98%", "98%", 19.6),
      indicator(13, "产出指标", "监测数据资料整编", "100%", "100%", 20),
      indicator(14, "产出指标", "完成年度资料上报", "100%", "100%", 20),
    ],
    total: { label: cell(17, "总分"), score: cell(17, 99.6) },
  });

  test("the last row of a goal takes its weight minus its siblings': 整编资料审核 40 − 10 − 10 = 20 → 20, entered 19.6; total 100 优 beside 99.6", () => {
    const s = scoreTable(huanggang(), NATIONAL_PROFILE)!;
    expect(s).toMatchObject({ total: 100, grade: "优", status: "complete", entered: 99.6, totalDiffers: true });
    expect(item(s, "预算执行率")).toMatchObject({ weight: 20, computed: 20 }); // 10/10 × 20
    expect(item(s, "整编资料审核")).toMatchObject({ weight: 20, weightImplied: true, computed: 20, entered: 19.6, differs: true });
    expect(item(s, "监测数据必须合格")).toMatchObject({ weight: 10, computed: 10 });
    expect(s.weightSum).toBeUndefined(); // 20 + 40 + 40
  });

  test("a goal whose rows cannot give their weights leaves the total 不完整", () => {
    const t = huanggang();
    t.indicators[0] = indicator(8, "产出指标", "监测数据必须合格", "100%", "90%", 9); // missed: its weight is not its score
    const s = scoreTable(t, NATIONAL_PROFILE)!;
    expect(s).toMatchObject({ total: null, grade: null, status: "incomplete" });
    expect(s.missing?.map((m) => [m.indicator, m.reason])).toEqual([
      ["监测数据必须合格", "no-weight"],
      ["取得2018-2022监测资料", "no-weight"],
      ["整编资料审核", "no-weight"],
    ]);
  });
});

describe("得分系数 (重庆科学城 department self-evaluation)", () => {
  test("政府采购执行率 72.74% of 100% → 0.7274 × 2 = 1.45, entered 2 (系数 100%)", () => {
    const row = (r: number, name: string, target: string, actual: string, w: number, coef: string, score: number | null) =>
      indicator(r, "", name, target, actual, score, { weight: cell(r, w), coefficient: cell(r, coef) });
    const t: SelfEvaluationTable = {
      kind: "self-evaluation",
      sheet: "部门整体绩效自评表",
      name: "部门整体绩效自评表",
      range: { top: 0, left: 0, bottom: 21, right: 10 },
      anchor: { row: 7, col: 1 },
      fields: {},
      funds: [],
      indicators: [row(16, "政府采购执行率", "100%", "72.74%", 2, "100%", 2), row(21, "固定资产利用率", "90%", "100%", 2, "100%", null)],
    };
    const r = evaluateSelfEvaluation(t, NATIONAL_PROFILE);
    expect(r.items.map((i) => [i.indicator, i.entered, i.computed, i.differs])).toEqual([
      ["政府采购执行率", 2, 1.45, true],
      ["固定资产利用率", 2, 2, false], // no score cell: 系数 100% × 2
    ]);
  });
});

describe("schemes chosen by what the table shows (form catalogue)", () => {
  // 项目决策 / 项目管理 / 项目绩效 with 2 / 13 / 85 stated in the 一级 labels; 预算执行率 is an indicator row with no target (100%).
  const sectioned = (管理: number): IndRow[] => [
    ["项目决策（2分）", "决策过程", "立项规范性", "规范", "规范", 2, 2, ""],
    ["项目管理（13分）", "资金管理", "预算执行率", null, "95%", 管理 - 5, 管理 - 5, ""],
    ["项目管理（13分）", "组织实施", "制度执行有效性", "有效", "有效", 5, 5, ""],
    ["项目绩效（85分）", "产出指标", "培训人数", "≥50人", "50人", 45, 45, ""],
    ["项目绩效（85分）", "效益指标", "覆盖率", "≥90%", "92%", 30, 30, ""],
    ["项目绩效（85分）", "满意度指标", "满意度", "≥90%", "95%", 10, 10, ""],
  ];

  /** The helper's grid without the 10号 fund header (an evaluation-style table has no 年初预算数 / 全年执行数 block). */
  const withoutFundHeader = (g: Grid): Grid => {
    g.rows.splice(3, 1);
    return { rows: g.rows, merges: g.merges.map((m) => (m.top > 3 ? { ...m, top: m.top - 1, bottom: m.bottom - 1 } : m)) };
  };

  test("项目决策 / 项目管理 / 项目绩效 (2 / 13 / 85): scored as the rows add up, no 10号 split, no 10号 groups required", async () => {
    const grid = withoutFundHeader(selfEvalGrid({ name: "评价式", indicators: sectioned(13), total: { weight: 100, score: 100 } }));
    const r = validateWorkbook(await roundTrip([{ name: "自评", grids: [{ grid }] }]));
    const t = r.tables.find((x) => x.kind === "self-evaluation")!;
    expect(t.form?.id).toBe("evaluation-style-self-evaluation");
    // 2 + 0.95 × 8 (= 7.6) + 5 + 45 + 30 + 10 = 99.6
    expect(t.score).toMatchObject({ total: 99.6, grade: "优", status: "complete", entered: 100 });
    expect(t.score!.items.find((i) => i.indicator === "预算执行率")).toMatchObject({ computed: 7.6, entered: 8, differs: true });
    expect(r.findings.filter((f) => f.rule === "score/weights-split")).toEqual([]);
  });

  test("a section whose rows do not add up to its stated weight is reported against it", async () => {
    const grid = withoutFundHeader(selfEvalGrid({ name: "评价式", indicators: sectioned(14).map((row, i) => (i === 3 ? ([...row.slice(0, 5), 44, 44, ""] as IndRow) : row)), total: { weight: 100, score: 100 } }));
    const r = validateWorkbook(await roundTrip([{ name: "自评", grids: [{ grid }] }]));
    expect(r.findings.filter((f) => f.rule === "score/weights-split").map((f) => f.message)).toEqual(["“项目管理”分值合计 14，规定为 13", "“项目绩效”分值合计 84，规定为 85"]);
  });

  test("黄冈 (wave2) is read as the Hubei goal form: goal blocks and the execution weight from their labels, total 100 优 beside 99.6", async () => {
    const { readXlsx } = await import("../src/cli/xlsx/reader");
    const { promises: fsp } = await import("node:fs");
    const bytes = new Uint8Array(await fsp.readFile("fixtures/corpus/wave2/hubei-huanggang-2020-selfeval.xlsx"));
    const r = validateWorkbook(readXlsx(bytes).snapshot);
    const first = r.tables.find((x) => x.kind === "self-evaluation")!;
    expect(first.form?.id).toBe("hubei-goal-self-evaluation");
    const t = r.located.find((x) => x.kind === "self-evaluation") as SelfEvaluationTable;
    expect(t.goals?.map((g) => [g.label.text, g.weight, g.first + 1, g.last + 1])).toEqual([
      ["年度绩效目标1(40分)", 40, 8, 12],
      ["年度绩效目标2(40分)", 40, 13, 17],
    ]);
    expect(t.executionWeight?.value).toBe(20);
    expect(t.funds.filter((f) => f.total).map((f) => f.label.text)).toEqual(["年度财政资金总额"]);
    expect(first.score?.total).toBeCloseTo(100, 2);
    expect(first.score?.grade).toBe("优");
    expect(r.findings.filter((f) => f.rule === "score/entered-differs").map((f) => f.cell)).toEqual(["G12", "G18"]);
  });

  test("one weighted label beside the indicators is a note, not a goal block: no goals, no implied weights", async () => {
    const { readXlsx } = await import("../src/cli/xlsx/reader");
    const { promises: fsp } = await import("node:fs");
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fsp.readFile("fixtures/corpus/wave2/hubei-huanggang-2020-selfeval.xlsx")) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    ws.getCell("A13").value = "年度绩效目标2";
    const r = validateWorkbook(readXlsx(new Uint8Array(await wb.xlsx.writeBuffer())).snapshot);
    const t = r.located.find((x) => x.kind === "self-evaluation") as SelfEvaluationTable;
    expect(t.goals).toBeUndefined();
    expect(r.tables[0].score?.total ?? null).toBeNull();
  });
});
