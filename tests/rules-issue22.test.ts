/**
 * The eleven rule classes of issue 22, each with a table that fires and one that must stay silent. Tables are
 * built like the wave2 tables that show each case (fixtures/corpus/wave2, analysis.md). Some cases also run the
 * rule on a model built by hand (a fund line's 原因 cell, the 广水 department block, a self-evaluation's goal
 * texts); the 广水 block is now read by arithmetic (funding/block-sum) and goal texts under their labels are read
 * as fields, each with its own test read back from .xlsx.
 */
import type { Finding } from "../src/core/finding";
import type { CellItem, DepartmentTargetTable, SelfEvaluationTable, Table } from "../src/core/model";
import { NATIONAL_PROFILE, resolveProfile } from "../src/core/profile";
import { ALL_RULES } from "../src/core/rules";
import type { Report } from "../src/core/rules/types";
import type { CellValue } from "../src/core/snapshot";
import { validateWorkbook } from "../src/core/validate";
import { sheet, workbook } from "./helpers/grid";
import { byRule, projectFindings, withIndicator } from "./helpers/run";
import { projectTable } from "./helpers/projectTable";
import { compose } from "./helpers/grid";
import { roundTrip, selfEvalGrid, type IndRow } from "./helpers/selfEvaluation";

const one = (name: string, row: [string, string, string, CellValue, CellValue], rule: string) => byRule(projectFindings({ indicators: withIndicator(name, row) }), rule);

/** Validate a project table whose header rows are changed after building (goals, year). */
function projectWith(edit: (rows: CellValue[][]) => void, spec: Parameters<typeof projectTable>[0] = {}): Finding[] {
  const t = projectTable(spec);
  edit(t.rows);
  return validateWorkbook({ sheets: [compose("表1", [{ at: { row: 0, col: 0 }, ...t }])] }).findings;
}
const setField = (rows: CellValue[][], label: string, value: CellValue) => {
  const r = rows.find((x) => x[0] === label);
  if (!r) throw new Error(`no ${label}`);
  r[1] = value;
};

function selfEvalFindings(indicators: IndRow[], fund = { budget: 20, executed: 20, score: 10 } as { initial?: CellValue; budget: CellValue; executed: CellValue; score: CellValue }): Finding[] {
  const g = selfEvalGrid({ name: "水标尺制作安装", fund, indicators, total: { weight: 100, score: null } });
  return validateWorkbook(workbook({ name: "自评", origin: { row: 0, col: 0 }, values: g.rows, merges: g.merges })).findings;
}

/** Run one rule on a model built by hand; returns its reports. */
function runRule(id: string, table: Table, profile = NATIONAL_PROFILE): Report[] {
  const rule = ALL_RULES.find((r) => r.meta.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  const out: Report[] = [];
  rule.check(table, { profile, report: (r) => out.push(r) });
  return out;
}
const item = (row: number, col: number, value: CellValue): CellItem => ({ cell: { row, col }, value, text: value === null ? "" : String(value) });

describe("1 a time target past the budget year", () => {
  test("2023.07-2024.01 and 2024年底前 in a 2026 table's neighbour years fire; the project period and in-year dates do not", () => {
    // The helper's table is a 2026 table (2026年度).
    const f = one("完成及时率", ["产出指标", "时效指标", "服务周期", "2026.07-2027.01", "2026.07-2027.01"], "indicator/year-past-budget");
    expect(f.map((x) => x.cell)).toEqual(["D37"]);
    expect(f[0].message).toContain("2027");
    expect(f[0].message).toContain("2026年12月底前");
    expect(one("完成及时率", ["产出指标", "时效指标", "系统上线时间", "2027年底前", "2027年底前"], "indicator/year-past-budget")).toHaveLength(1);
    // A name naming a period past the year (取得2018-2022监测资料 in 2020): 2026-2028.
    expect(one("完成及时率", ["产出指标", "时效指标", "取得2026-2028监测资料", "=100%", "=100%"], "indicator/year-past-budget")).toHaveLength(1);
    // Silent: inside the year, the project's own period, a plan's title, a count that looks like a year.
    expect(one("完成及时率", ["产出指标", "时效指标", "完成时间", "2026年6月", "2026年12月"], "indicator/year-past-budget")).toEqual([]);
    expect(one("完成及时率", ["产出指标", "时效指标", "建设周期", "2026-04", "2027-02"], "indicator/year-past-budget")).toEqual([]);
    expect(one("完成及时率", ["产出指标", "时效指标", "《2026-2028年规划》编制完成率", "=100%", "=100%"], "indicator/year-past-budget")).toEqual([]);
    expect(one("组织培训次数", ["产出指标", "数量指标", "受益人数", "≥2027人", "≥2027人"], "indicator/year-past-budget")).toEqual([]);
  });
});

describe("2 an actual that restates the target", () => {
  const base: IndRow[] = [
    ["产出指标", "数量指标", "安装坡面水标尺", "≥266米", "≥266米", 20, 20, ""],
    ["产出指标", "时效指标", "及时开工率", "≥90%", "92%", 20, 20, ""],
    ["产出指标", "成本指标", "成本控制数", "≤30万元", "完成", 10, 10, ""],
    ["效益指标", "社会效益指标", "群众生产生活条件改善状况", "显著提升", "显著提升", 30, 30, ""],
    ["满意度指标", "服务对象满意度指标", "受益户满意度", "≥95%", "96%", 10, 10, ""],
  ];
  test("≥266米 as the actual and 完成 for a quantitative cost fire; 92% and a qualitative 显著提升 do not", () => {
    const f = byRule(selfEvalFindings(base), "score/actual-restates-target");
    expect(f.map((x) => [x.cell, x.severity])).toEqual([["E12", "warning"], ["E14", "warning"]]);
    expect(f[0].message).toContain("≥266米");
    expect(f[0].message).toContain("得分无法计算");
    expect(f[1].message).toContain("完成");
  });
});

describe("3 the budget changed mid-year with no reason", () => {
  const table = (initial: number, budget: number, reason: string | undefined): SelfEvaluationTable => ({
    kind: "self-evaluation", sheet: "自评", name: "工资性支出", range: { top: 0, left: 0, bottom: 20, right: 10 }, anchor: { row: 0, col: 0 }, fields: {}, indicators: [],
    funds: [
      { label: item(8, 1, "总额"), initial: item(8, 3, initial), budget: item(8, 4, budget), executed: item(8, 5, budget), total: true, reason: reason === undefined ? undefined : item(8, 9, reason) },
      { label: item(9, 1, "其中:财政资金"), initial: item(9, 3, initial), budget: item(9, 4, budget), executed: item(9, 5, budget), reason: item(9, 9, "") },
    ],
  });
  const NOTE = "1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内);2.年中发生预算调整的(追加或调减),应单独说明理由";
  test("238.93 → 251.89 with the template's note or nothing fires once, on the total line", () => {
    const t = runRule("score/budget-changed-no-reason", table(238.93, 251.89, NOTE));
    expect(t.map((r) => [r.cell, r.messageId])).toEqual([[{ row: 8, col: 4 }, "template"]]);
    expect(t[0].data).toMatchObject({ initial: "238.93", budget: "251.89", change: "调增 +12.96" });
    expect(runRule("score/budget-changed-no-reason", table(0, 3.36, "")).map((r) => r.messageId)).toEqual(["empty"]);
  });
  test("silent with a reason, with no change, and on a form without a 原因 column", () => {
    expect(runRule("score/budget-changed-no-reason", table(238.93, 251.89, "年中追加人员工资调整资金12.96万元"))).toEqual([]);
    expect(runRule("score/budget-changed-no-reason", table(251.89, 251.89, ""))).toEqual([]);
    expect(runRule("score/budget-changed-no-reason", table(238.93, 251.89, undefined))).toEqual([]);
  });
});

describe("4 template prompt text left in", () => {
  test("请填写…, (≥**个) in a value, 指标1 with a value and a 填写说明 sentence fire; real content does not", () => {
    expect(one("组织培训次数", ["产出指标", "数量指标", "组织培训次数", "请填写指标值", "≥4次"], "indicator/template-text").map((f) => f.cell)).toEqual(["D35"]);
    expect(one("组织培训次数", ["产出指标", "数量指标", "组织培训次数", "≥2次", "(≥**个)"], "indicator/template-text")).toHaveLength(1);
    expect(one("组织培训次数", ["产出指标", "数量指标", "指标1", "≥2次", "≥4次"], "indicator/template-text")).toHaveLength(1);
    const goal = projectWith((rows) => setField(rows, "年度目标", "对照年度目标,说明相关任务目标的完成情况(100字以内)"));
    expect(byRule(goal, "indicator/template-text")).toHaveLength(1);
    expect(byRule(projectFindings(), "indicator/template-text")).toEqual([]);
    // A template's name with its operator and unit kept (项目总投入(≥**万元)) and the number filled in is fine.
    expect(one("组织培训次数", ["产出指标", "数量指标", "培训人数(≥**人)", "20", "40"], "indicator/template-text")).toEqual([]);
  });
});

describe("5 indicators filed under the wrong class (profile data)", () => {
  test("a rate under 成本, satisfaction under 质量, 支出率 under 数量, cost control under 生态效益 fire", () => {
    expect(one("项目总成本", ["产出指标", "成本指标", "资助标准达标率", "=100%", "=100%"], "indicator/misfiled")).toHaveLength(1);
    expect(one("培训合格率", ["产出指标", "质量指标", "资助对象满意度", "≥90%", "≥95%"], "indicator/misfiled")[0].message).toContain("满意度指标");
    expect(one("组织培训次数", ["产出指标", "产出数量指标", "资金支出率", "≥50%", "≥95%"], "indicator/misfiled")[0].message).toContain("预算执行率");
    expect(one("对单位履职的提升程度", ["效益指标", "生态效益", "对控制基建项目成本影响程度", "效果明显", "效果明显"], "indicator/misfiled")[0].message).toContain("成本指标");
    // 黄冈 2020: a work output filed as 服务对象满意度.
    expect(one("培训对象满意度", ["满意度指标", "服务对象满意度", "整编资料审核", "98%", "98%"], "indicator/misfiled")[0].message).toContain("产出或效益指标");
    expect(one("培训对象满意度", ["满意度指标", "服务对象满意度", "群众认可度", "≥90%", "≥90%"], "indicator/misfiled")).toEqual([]);
  });
  test("silent on the standard table, a ceiling under 成本, a coverage rate under 数量 and 降低成本 under 经济效益", () => {
    expect(byRule(projectFindings(), "indicator/misfiled")).toEqual([]);
    expect(one("项目总成本", ["产出指标", "成本指标", "人均培训成本", "≤100元", "≤100元"], "indicator/misfiled")).toEqual([]);
    expect(one("组织培训次数", ["产出指标", "数量指标", "建档立卡学生覆盖率", "=100%", "=100%"], "indicator/misfiled")).toEqual([]);
    expect(one("对单位履职的提升程度", ["效益指标", "经济效益", "降低企业物流成本", "有所降低", "有所降低"], "indicator/misfiled")).toEqual([]);
  });
  test("a profile file may add its own class", () => {
    const profile = resolveProfile({ indicatorWords: { ...NATIONAL_PROFILE.indicatorWords, misfiling: [{ name: "培训次数", under: { level2: ["数量$"] }, expected: { zh: "时效指标", en: "时效" } }] } });
    const f = byRule(projectFindings({}, { profile }), "indicator/misfiled");
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining("时效指标")]);
    expect(() => resolveProfile({ indicatorWords: { ...NATIONAL_PROFILE.indicatorWords, lowerIsBetter: ["(投诉"] } })).toThrow(/indicatorWords\.lowerIsBetter/);
  });
});

describe("6 value and unit that do not fit (岳阳楼区 2023 layout)", () => {
  const grid = (rows: CellValue[][]) =>
    sheet("整体绩效目标表", [
      ["岳阳楼区价格认证鉴定中心2023年度整体绩效目标表"],
      ["部门(单位)名称", "岳阳楼区价格认证鉴定中心"],
      ["*部门(单位)职责", "负责价格认定工作"],
      ["*年度总体绩效目标", "做好涉案、价格认定工作。"],
      ["绩效指标"],
      ["一级指标", "二级指标", "三级指标", "指标值类型", "*指标值", "计量单位", "*指标解释", "*评(扣)分标准", "备注"],
      ...rows,
    ]);
  const run = (rows: CellValue[][]) => byRule(validateWorkbook(workbook(grid(rows))).findings, "indicator/value-unit-fit");
  test("28.8万元 with unit %, 按月安排 typed 定量, 应保尽保 with %, 2.5个 fire", () => {
    const f = run([
      ["产出指标", "数量指标", "业务工作支出安排金额", "定量", "28.8万元", "%", "考察业务工作支出安排情况", "未达指标值酌情扣分"],
      [null, "质量指标", "业务工作支出到位率", "定量", 100, "%", "考察到位情况", "未达指标值酌情扣分"],
      [null, "时效指标", "工作安排时间", "定量", "按月安排", null, "考察安排时间", "未达指标值酌情扣分"],
      [null, "数量指标", "培训场次", "定量", 2.5, "个", "考察培训", "未达指标值酌情扣分"],
      ["效益指标", "社会效益指标", "保证单位正常运转", "定性", "应保尽保", "%", "考察保障范围", "未达指标值酌情扣分"],
      ["满意度指标", "服务对象满意度指标", "当事人满意度", "定量", 90, "%", "考察满意度", "未达指标值酌情扣分"],
    ]);
    expect(f.map((x) => x.cell)).toEqual(["E7", "E9", "E10", "F11"]);
    expect(f[0].message).toContain("28.8万元");
  });
  test("a number with its unit column, a 定性 word without a unit and a whole count stay silent", () => {
    expect(
      run([
        ["产出指标", "数量指标", "鉴定案件数", "定量", 120, "件", "考察", "酌情扣分"],
        [null, "质量指标", "鉴定准确率", "定量", "≥95%", "%", "考察", "酌情扣分"],
        ["效益指标", "社会效益指标", "保证单位正常运转", "定性", "应保尽保", null, "考察", "酌情扣分"],
        ["满意度指标", "服务对象满意度指标", "当事人满意度", "定量", 90, "%", "考察", "酌情扣分"],
      ]),
    ).toEqual([]);
  });
});

describe("7 a lower-is-better indicator with ≥", () => {
  test("投诉率 ≥5% and 事故发生率 >1% fire; ≤, 投诉率下降幅度 ≥10% and 0% do not", () => {
    const f = one("培训合格率", ["产出指标", "质量指标", "群众投诉率", "≥5%", "≥5%"], "indicator/lower-is-better");
    expect(f).toHaveLength(2);
    expect(f[0].message).toContain("≤5%");
    expect(one("培训合格率", ["产出指标", "质量指标", "安全事故发生率", ">1%", "<1%"], "indicator/lower-is-better")).toHaveLength(1);
    expect(one("培训合格率", ["产出指标", "质量指标", "群众投诉率", "≤5%", "≤5%"], "indicator/lower-is-better")).toEqual([]);
    expect(one("培训合格率", ["产出指标", "质量指标", "投诉率下降幅度", "≥10%", "≥10%"], "indicator/lower-is-better")).toEqual([]);
    expect(one("培训合格率", ["产出指标", "质量指标", "差错率", "0%", "0%"], "indicator/lower-is-better")).toEqual([]);
    expect(byRule(projectFindings(), "indicator/lower-is-better")).toEqual([]);
  });
});

describe("8 a field repeating another word for word", () => {
  test("a target copying the name fires; the standard table does not", () => {
    const f = one("组织培训次数", ["产出指标", "数量指标", "组织培训次数", "组织培训次数", "组织培训次数"], "indicator/repeated-text");
    expect(f.map((x) => x.cell)).toEqual(["D35"]);
    expect(byRule(projectFindings(), "indicator/repeated-text")).toEqual([]);
  });
  test("the same 三级 text across a whole 一级 group fires once", () => {
    const ind: [string, string, string, CellValue, CellValue][] = [
      ["产出指标", "数量指标", "88", "100", "100"],
      ["产出指标", "质量指标", "88", "100", "100"],
      ["产出指标", "时效指标", "88", "100", "100"],
      ["效益指标", "社会效益", "对单位履职的提升程度", "较高", "较高"],
      ["满意度指标", "服务对象满意度", "培训对象满意度", "≥90%", "≥90%"],
    ];
    const f = byRule(projectFindings({ indicators: ind }), "indicator/repeated-text");
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain("3 个三级指标都写成“88”");
  });
  test("年度目标 = 中长期目标 is information on a multi-year project only", () => {
    const same = (start: string, end: string) =>
      byRule(
        projectWith((rows) => {
          setField(rows, "中长期目标", "建成全市统一的数据共享平台");
          setField(rows, "年度目标", "建成全市统一的数据共享平台");
        }, { header: { 开始时间: start, 完成时间: end } }),
        "indicator/repeated-text",
      );
    expect(same("2025年", "2027年").map((f) => f.severity)).toEqual(["info"]);
    expect(same("2026年", "2026年")).toEqual([]);
  });
});

describe("9 an amount in the wrong unit (广水 2021: 元 in a 万元 cell)", () => {
  const dept = (basic: number): DepartmentTargetTable => ({
    kind: "department-target", sheet: "部门整体", name: "广水市人民政府办公室", range: { top: 0, left: 0, bottom: 14, right: 5 }, anchor: { row: 0, col: 0 }, fields: {},
    funding: { total: { label: item(12, 1, "合计"), full: item(12, 2, 968.1918) }, sources: [], appropriationParts: [] },
    basic: { label: item(10, 1, "基本支出"), full: item(10, 2, basic) },
    projectTotal: { label: item(11, 1, "项目支出"), full: item(11, 2, 243.96) },
    projectLines: [], dutyLines: [], indicators: [],
  });
  test("7242318 + 243.96 against 968.1918 fires on the 基本支出 cell", () => {
    const r = runRule("funding/unit-scale", dept(7242318));
    expect(r.map((x) => x.cell)).toEqual([{ row: 10, col: 2 }]);
    expect(r[0].data).toMatchObject({ wan: "724.2318" });
  });
  test("silent when the parts add up, and when a big part does not add up even in 元", () => {
    expect(runRule("funding/unit-scale", dept(724.2318))).toEqual([]);
    expect(runRule("funding/unit-scale", dept(8000000))).toEqual([]);
  });
  test("a project expense line in 元 fires through the whole pipeline", () => {
    const f = byRule(projectFindings({ total: 50, expenses: [["设备购置", 0, 300000], ["培训", 0, 20]] }), "funding/unit-scale");
    expect(f.map((x) => x.cell)).toEqual(["E20"]);
    expect(byRule(projectFindings({ total: 50, expenses: [["设备购置", 0, 30], ["培训", 0, 20]] }), "funding/unit-scale")).toEqual([]);
  });
});

describe("10 sums stated in prose", () => {
  test("池州: 30 + 30 + 29.99 against the stated 89.97万元 fires; 30 × 3 against 90万元 does not", () => {
    const bad = projectWith((rows) => setField(rows, "年度目标", "本项目共完成预算资金89.97万元。其中:30万元用于预算编制;30万元用于审计;29.99万元用于设计、规划、测绘。"));
    const f = byRule(bad, "funding/prose-sums");
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain("89.99万元");
    const good = projectWith((rows) => setField(rows, "年度目标", "本项目共申请预算资金90万元。其中:30万元用于预算编制;30万元用于审计;30万元用于设计。"));
    expect(byRule(good, "funding/prose-sums")).toEqual([]);
  });
  test("池州 村级: parts in 元 against a stated 元 total", () => {
    const bad = projectWith((rows) => setField(rows, "年度目标", "本项目共申请预算资金2026400元,其中村级组织运转400000元,基本报酬252000元,工资28000元,村级事务补助960000元,目标奖励100000元。"));
    expect(byRule(bad, "funding/prose-sums")[0].message).toContain("174万元");
  });
  test("东莞: 532 + 387 = 919 named against the table's amount", () => {
    const text = (a: number) => projectWith((rows) => setField(rows, "年度目标", `${a}万元用于道路改造，387万元用于桥梁加固`), { total: 919, expenses: [["工程", 0, 919]] });
    expect(byRule(text(532), "funding/prose-sums")).toEqual([]);
    expect(byRule(text(523), "funding/prose-sums")).toHaveLength(1);
  });
});

describe("11 quantity × standard against the budget", () => {
  test("补助1200人，每人500元 = 60万元 against 50万元 fires; against 60万元 it does not", () => {
    const f = (total: number) => projectWith((rows) => setField(rows, "年度目标", "补助困难群众1200人，每人500元"), { total, expenses: [["补助", 0, total]] });
    const bad = byRule(f(50), "funding/quantity-standard");
    expect(bad).toHaveLength(1);
    expect(bad[0].message).toContain("60万元");
    expect(byRule(f(60), "funding/quantity-standard")).toEqual([]);
  });
  test("a standard in another unit than the count says nothing", () => {
    const g = projectWith((rows) => setField(rows, "年度目标", "补助1200人，每户500元"), { total: 10, expenses: [["补助", 0, 10]] });
    expect(byRule(g, "funding/quantity-standard")).toEqual([]);
  });
});

describe("cost targets with no ≤ (tianjin, 湘潭, 中江)", () => {
  test("20万元, 250万 and 100元 under 成本 warn; ≤20万元 does not", () => {
    for (const v of ["20万元", "250万", "100元"]) {
      const f = one("项目总成本", ["产出指标", "成本指标", "项目总成本", `≤${v}`, v], "indicator/cost-operator");
      expect(f.map((x) => [x.cell, x.severity])).toEqual([["E38", "warning"]]);
      expect(f[0].message).toContain(`应写成“≤${v}”`);
    }
    expect(one("项目总成本", ["产出指标", "成本指标", "项目总成本", "≤5万元", "≤10万元"], "indicator/cost-operator")).toEqual([]);
  });
  test("in a self-evaluation a bare part of the budget is information (银川 2021), the whole budget a warning (中江 2022)", () => {
    const rows = (cost: string): IndRow[] => [
      ["产出指标", "数量指标", "安装坡面水标尺", "≥266米", "270米", 40, 40, ""],
      ["产出指标", "成本指标", "办公所需成本", cost, cost, 20, 20, ""],
      ["效益指标", "社会效益指标", "群众生产生活条件改善状况", "显著提升", "显著提升", 30, 30, ""],
    ];
    expect(byRule(selfEvalFindings(rows("15万元")), "indicator/cost-operator").map((x) => x.severity)).toEqual(["info"]);
    expect(byRule(selfEvalFindings(rows("20万元")), "indicator/cost-operator").map((x) => x.severity)).toEqual(["warning"]);
    expect(byRule(selfEvalFindings(rows("≤20万元")), "indicator/cost-operator")).toEqual([]);
  });
});

describe("read back from a real .xlsx", () => {
  test("中江-style self-evaluation: the restated actuals and the bare cost are found after an exceljs round trip", async () => {
    const g = selfEvalGrid({
      name: "水标尺制作安装",
      fund: { budget: 20, executed: 20, score: 10 },
      indicators: [
        ["产出指标", "数量指标", "安装坡面水标尺", "≥266米", "≥266米", 30, 30, ""],
        ["产出指标", "成本指标", "项目计划总投资", "20万元", "20万元", 20, 20, ""],
        ["效益指标", "社会效益指标", "群众生产生活条件改善状况", "显著提升", "显著提升", 30, 30, ""],
        ["满意度指标", "服务对象满意度指标", "受益户满意度", "≥95%", "≥95%", 10, 10, ""],
      ],
      total: { weight: 100, score: 100 },
    });
    const wb = await roundTrip([{ name: "自评", grids: [{ grid: g }] }]);
    const f = validateWorkbook(wb).findings;
    expect(byRule(f, "score/actual-restates-target").map((x) => x.cell)).toEqual(["E12", "E15"]);
    // 20万元 is the whole budget restated with no ≤: a warning even in a self-evaluation.
    expect(byRule(f, "indicator/cost-operator").map((x) => [x.cell, x.severity])).toEqual([["D13", "warning"]]);
  }, 60_000);
});

describe("self-evaluation goal texts, once the locator reads them as fields (池州 r12, 青神 r6)", () => {
  const selfEval = (fields: Record<string, string>): SelfEvaluationTable => ({
    kind: "self-evaluation", sheet: "村级补助及运转经费", name: "村级补助及运转经费", range: { top: 0, left: 0, bottom: 21, right: 8 }, anchor: { row: 0, col: 0 }, indicators: [],
    fields: Object.fromEntries(Object.entries(fields).map(([k, v], i) => [k, { label: item(10, i * 5, k), value: item(11, i * 5 + 1, v) }])),
    funds: [{ label: item(6, 1, "年度资金总额"), initial: item(6, 3, 202.64), budget: item(6, 4, 132.912), executed: item(6, 5, 132.912), total: true }],
  });
  test("parts in 元 that miss the stated 2026400元 fire; the 实际 text that adds up does not", () => {
    const r = runRule("funding/prose-sums", selfEval({
      预期目标: "本项目共申请预算资金2026400元,其中村级组织运转400000元,村民组长,党小组长基本报酬252000元,村民监督委员会 工资28000元,村级事务补助960000元,村级工作目标奖励100000元。",
      实际完成情况: "本项目共完成预算资金1329120.67元,其中村级组织运转439120.67元,村民组长,党小组长基本报酬152000元,村民监督委员会 工资28000元,村级事务补助660000元,村级工作目标奖励50000元。",
    }));
    expect(r.map((x) => [x.cell, x.messageId])).toEqual([[{ row: 11, col: 1 }, "stated"]]);
    expect(r[0].data).toMatchObject({ sum: "174万元", diff: "28.64万元" });
  });
  test("a 填写说明 left in 年度目标完成情况 fires; a real account does not", () => {
    expect(runRule("indicator/template-text", selfEval({ 年度目标完成情况: "对照年度目标,说明相关任务目标的完成情况(100字以内)" }))).toHaveLength(1);
    expect(runRule("indicator/template-text", selfEval({ 年度目标完成情况: "全年按时足额发放工资，社保及时缴纳。" }))).toEqual([]);
  });
});

describe("texts written under their labels (预期目标 | 实际完成情况 over the texts: 池州 2022, 青神 2023)", () => {
  async function goalTexts(goal: string, result: string): Promise<Finding[]> {
    const g = selfEvalGrid({ name: "委托业务项目", fund: { budget: 90, executed: 89.97, score: 10 }, indicators: [["产出指标", "数量指标", "委托业务项目数量", "≥50个", "50个", 90, 90, ""]], total: { weight: 100, score: 100 } });
    const r = g.rows.findIndex((x) => x[1] === "完成年度培训任务");
    g.rows[r][1] = goal;
    g.rows[r][5] = result;
    return validateWorkbook(await roundTrip([{ name: "自评", grids: [{ grid: g }] }])).findings;
  }
  const cells = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule).map((f) => f.cell);
  test("the parts a result text lists are held to the total it states, and a prompt left under a label is found", async () => {
    const f = await goalTexts("本项目共申请预算资金90万元。其中:30万元用于预算编制;30万元用于审计;30万元用于设计", "本项目共完成预算资金89.97万元。其中:30万元用于预算编制;30万元用于审计;29.99万元用于设计");
    expect(cells(f, "funding/prose-sums")).toEqual(["F10"]);
    const p = await goalTexts("严格执行相关政策，保障工资及时足额发放，预算编制科学合理。", "对照年度目标,说明相关任务目标的完成情况(100字以内)");
    expect(cells(p, "indicator/template-text")).toEqual(["F10"]);
  });
  test("silent: texts whose sums hold and that are filled in", async () => {
    const f = await goalTexts("本项目共申请预算资金90万元。其中:30万元用于预算编制;30万元用于审计;30万元用于设计", "本项目共完成预算资金89.97万元。其中:30万元用于预算编制;30万元用于审计;29.97万元用于设计");
    expect(cells(f, "funding/prose-sums")).toEqual([]);
    expect(cells(f, "indicator/template-text")).toEqual([]);
  });
});

describe("a progress plan's lines against the budget year (宁乡 2021: 总体概念规划 2016–2020 in a 2021 table)", () => {
  const grid = (first: [string, CellValue, CellValue]): CellValue[][] => [
    ["项目绩效目标表", null, null, null, null, null],
    ["(2021年度)", null, null, null, null, null],
    ["项目名称", "镇域内基础设施建设", null, "项目属性", "延续项目", null],
    ["项目实施进度计划", "项目实施内容", null, null, "开始时间", "完成时间"],
    [null, first[0], null, null, first[1], first[2]],
    [null, "2、核心区规划", null, null, "2021", "2021"],
    ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "备注"],
    [null, "产出指标", "数量指标", "改造道路长度", "≥3公里", null],
    [null, "效益指标", "社会效益指标", "群众出行条件", "改善", null],
    [null, "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", null],
  ];
  const plans = async (first: [string, CellValue, CellValue]) =>
    validateWorkbook(await roundTrip([{ name: "表", grids: [{ grid: { rows: grid(first), merges: [] } }] }])).findings.filter((f) => f.message.includes("进度计划"));
  test("a line that ended before the budget year is reported on its end date", async () => {
    const f = await plans(["1总体概念规划", "2016", "2020"]);
    expect(f.map((x) => `${x.rule} ${x.cell}`)).toEqual(["header/dates F5"]);
    expect(f[0].message).toContain("总体概念规划");
  });
  test("silent: lines within or running past the budget year", async () => {
    expect(await plans(["1总体概念规划", "2020", "2021"])).toEqual([]);
    expect(await plans(["1总体概念规划", 2021, 2023])).toEqual([]);
  });
});
