import { byRule, projectFindings, ruleIds, STANDARD, withIndicator } from "./helpers/run";

describe("a clean standard project table", () => {
  test("raises nothing", () => {
    expect(projectFindings()).toEqual([]);
  });
});

describe("funding rules", () => {
  test("total-equals-sources fires when sources do not add up, not when they do", () => {
    const bad = byRule(projectFindings({ total: 10, sources: { 一般公共预算资金: 8, 上年结转资金: 1 }, expenses: [["x", 0, 10]] }), "funding/total-equals-sources");
    expect(bad).toHaveLength(1);
    expect(bad[0].message).toContain("9");
    expect(bad[0].cell).toBe("E11"); // the 资金总额 amount
    expect(byRule(projectFindings({ total: 10, sources: { 一般公共预算资金: 9, 上年结转资金: 1 }, expenses: [["x", 0, 10]] }), "funding/total-equals-sources")).toEqual([]);
    // Within tolerance (0.01 万元) is equal.
    expect(byRule(projectFindings({ total: 10, sources: { 一般公共预算资金: 9.995 }, expenses: [["x", 0, 10]] }), "funding/total-equals-sources")).toEqual([]);
  });

  test("expenses-equal-total fires on 59 vs 50 at the expense cell", () => {
    const f = byRule(projectFindings({ total: 50, expenses: [["评审", 0, 59]] }), "funding/expenses-equal-total");
    expect(f).toHaveLength(1);
    expect(f[0].cell).toBe("E20"); // the first expense line
    expect(f[0].messageEn).toContain("59");
    expect(byRule(projectFindings({ total: 50, expenses: [["a", 0, 20], ["b", 0, 30]] }), "funding/expenses-equal-total")).toEqual([]);
  });

  test("half-not-above-full", () => {
    expect(byRule(projectFindings({ total: 10, expenses: [["x", 12, 10]] }), "funding/half-not-above-full")).toHaveLength(1);
    expect(byRule(projectFindings({ total: 10, expenses: [["x", 10, 10]] }), "funding/half-not-above-full")).toEqual([]);
  });

  test("amount-numeric: text amounts are errors, numbers stored as text warnings", () => {
    const f = byRule(projectFindings({ total: 10, expenses: [["x", "269万", 10]] }), "funding/amount-numeric");
    expect(f.map((x) => x.severity)).toEqual(["error"]);
    const g = byRule(projectFindings({ total: "10", sources: { 一般公共预算资金: 10 }, expenses: [["x", 0, 10]] }), "funding/amount-numeric");
    expect(g.map((x) => x.severity)).toEqual(["warning"]);
  });

  test("amount-negative and amount-precision", () => {
    expect(byRule(projectFindings({ total: 10, expenses: [["x", -1, 10]] }), "funding/amount-negative")).toHaveLength(1);
    expect(byRule(projectFindings({ total: 0.1 + 0.2, expenses: [["x", 0, 0.3]] }), "funding/amount-precision").map((f) => f.cell)).toEqual(["E11", "E12"]);
    expect(byRule(projectFindings({ total: 53272.97674, expenses: [["x", 0, 53272.97674]] }), "funding/amount-precision")).toEqual([]);
  });

  test("amount-missing points at the empty full-year cell", () => {
    const f = byRule(projectFindings({ total: 9.77, expenses: [["法律事务", 0, null]] }), "funding/amount-missing");
    expect(f).toHaveLength(1);
    expect(f[0].cell).toBe("E20"); // the first expense line
  });

  test("half-year execution rate vs plan: 20 of 49.5 with =100% fires; =50% with 25 of 50 does not", () => {
    const ind = withIndicator("预算执行率", ["过程", "资金管理", "预算执行率", "=100%", "=100%"]);
    const f = byRule(projectFindings({ total: 49.5, expenses: [["数据工作推进", 20, 49.5]], indicators: ind }), "funding/half-year-execution-rate");
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe("warning");
    expect(f[0].message).toContain("40.4");
    expect(byRule(projectFindings({ total: 50, expenses: [["x", 25, 50]] }), "funding/half-year-execution-rate")).toEqual([]);
    // An all-zero half-year plan is probably unfilled: info only.
    const z = byRule(projectFindings({ total: 50, expenses: [["x", 0, 50]] }), "funding/half-year-execution-rate");
    expect(z.map((x) => x.severity)).toEqual(["info"]);
  });
});

describe("indicator rules", () => {
  const one = (name: string, row: [string, string, string, string | number | null, string | number | null], rule: string) =>
    byRule(projectFindings({ indicators: withIndicator(name, row) }), rule);

  test("level2-under-level1: 经济效益 under 产出 is wrong; 成本指标 as 一级 (101号) is accepted", () => {
    expect(one("组织培训次数", ["产出指标", "经济效益", "组织培训次数", "≥2次", "≥4次"], "indicator/level2-under-level1")).toHaveLength(1);
    expect(one("项目总成本", ["成本指标", "经济成本指标", "项目总成本", "≤5万元", "≤10万元"], "indicator/level2-under-level1")).toEqual([]);
  });

  test("required-groups: missing 满意度 and an empty 满意度 group", () => {
    const noSat = STANDARD().filter((r) => r[0] !== "满意度指标");
    expect(byRule(projectFindings({ indicators: noSat }), "indicator/required-groups")).toHaveLength(1);
    const empty = withIndicator("培训对象满意度", ["满意度指标", "服务对象满意度", "", null, null]);
    const f = byRule(projectFindings({ indicators: empty }), "indicator/required-groups");
    expect(f).toHaveLength(1);
    expect(f[0].messageEn).toContain("服务对象满意度");
  });

  test("level3-missing, value-missing, placeholder", () => {
    expect(one("组织培训次数", ["产出指标", "数量指标", "", "≥2次", "≥4次"], "indicator/level3-missing")).toHaveLength(1);
    expect(one("组织培训次数", ["产出指标", "数量指标", "组织培训次数", "≥2次", null], "indicator/value-missing")).toHaveLength(1);
    expect(one("组织培训次数", ["产出指标", "数量指标", "组织培训次数", "*", "XXX"], "indicator/placeholder")).toHaveLength(2);
  });

  test("unit: missing, mismatched between half and full, 百分比", () => {
    expect(one("组织培训次数", ["产出指标", "数量指标", "组织培训次数", "≥2", "≥4"], "indicator/unit")).toHaveLength(2);
    const mm = one("组织培训次数", ["产出指标", "数量指标", "组织培训次数", "≥2期", "≥4次"], "indicator/unit");
    expect(mm.map((f) => f.severity)).toEqual(["error"]);
    // 百分比 is the 一体化 systems' spelling of %: the same unit, no finding (tianjin 2023 rows 12, 16, 25).
    expect(one("培训合格率", ["产出指标", "质量指标", "培训合格率", "≥90百分比", "≥95%"], "indicator/unit")).toEqual([]);
    expect(one("培训合格率", ["产出指标", "质量指标", "培训合格率", "≥90百分比", "≥95百分比"], "indicator/rate-needs-percent")).toEqual([]);
    expect(one("培训合格率", ["产出指标", "质量指标", "培训合格率", "≥90百分比", "≥95个"], "indicator/unit").map((f) => f.severity)).toEqual(["error"]);
  });

  test("half-above-full for cumulative targets, not for percentages", () => {
    expect(one("组织培训次数", ["产出指标", "数量指标", "组织培训次数", "≥5次", "≥4次"], "indicator/half-above-full")).toHaveLength(1);
    expect(one("培训合格率", ["产出指标", "质量指标", "培训合格率", "=100%", "=95%"], "indicator/half-above-full")).toEqual([]);
    expect(one("项目总成本", ["产出指标", "成本指标", "项目总成本", "≤20万元", "≤10万元"], "indicator/half-above-full")).toHaveLength(1);
  });

  test("percent-range, but not for change rates", () => {
    expect(one("培训合格率", ["产出指标", "质量指标", "培训合格率", "≥90%", "≥120%"], "indicator/percent-range")).toHaveLength(1);
    expect(one("培训合格率", ["产出指标", "质量指标", "经费变动率", "≥-5%", "≤120%"], "indicator/percent-range")).toEqual([]);
  });

  test("vacuous targets: ≥0 warns in the full-year column, info in the half-year one", () => {
    const f = one("组织培训次数", ["产出指标", "数量指标", "组织培训次数", "≥0次", "≥0次"], "indicator/vacuous-target");
    expect(f.map((x) => x.severity).sort()).toEqual(["info", "warning"]);
  });

  test("cost rules: operator and ceiling above the budget (units normalised)", () => {
    expect(one("项目总成本", ["产出指标", "成本指标", "项目总成本", "≥5万元", "≥10万元"], "indicator/cost-operator")).toHaveLength(2);
    const above = byRule(projectFindings({ total: 50, expenses: [["x", 0, 50]], indicators: withIndicator("项目总成本", ["产出指标", "成本指标", "项目总成本", "≤20万元", "≤59万元"]) }), "indicator/cost-above-budget");
    expect(above).toHaveLength(1);
    expect(byRule(projectFindings({ total: 50, expenses: [["x", 0, 50]], indicators: withIndicator("项目总成本", ["产出指标", "成本指标", "项目总成本", "≤20万元", "≤490000元"]) }), "indicator/cost-above-budget")).toEqual([]);
    expect(byRule(projectFindings({ total: 10, expenses: [["x", 0, 10]], indicators: withIndicator("项目总成本", ["产出指标", "成本指标", "人均审计费用", "≤1800元/天", "≤1800元/天"]) }), "indicator/cost-above-budget")).toEqual([]);
  });

  test("rate-needs-percent", () => {
    expect(one("培训合格率", ["产出指标", "质量指标", "培训合格率", "≥90", "≥95个"], "indicator/rate-needs-percent")).toHaveLength(2);
    expect(one("培训合格率", ["产出指标", "质量指标", "行政效率", "≥2次", "≥4次"], "indicator/rate-needs-percent")).toEqual([]);
  });

  test("misfiled: satisfaction outside 满意度, a cost under 数量, 预算执行率 under 产出", () => {
    expect(one("组织培训次数", ["产出指标", "数量指标", "学员满意度", "≥90%", "≥90%"], "indicator/misfiled")).toHaveLength(1);
    expect(one("组织培训次数", ["产出指标", "数量指标", "培训费用", "≤2万元", "≤4万元"], "indicator/misfiled")[0].messageEn).toContain("成本");
    expect(one("组织培训次数", ["产出指标", "数量指标", "预算执行率", "=50%", "=100%"], "indicator/misfiled")).toHaveLength(1);
    expect(projectFindings().filter((f) => f.rule === "indicator/misfiled")).toEqual([]);
  });

  test("duplicate rows are reported at the second occurrence", () => {
    const ind = STANDARD();
    ind.splice(12, 0, ["产出指标", "数量指标", "组织培训次数", "≥2次", "≥4次"]);
    const f = byRule(projectFindings({ indicators: ind }), "indicator/duplicate");
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain("C");
  });

  test("satisfaction minimum follows the profile", () => {
    const ind = withIndicator("培训对象满意度", ["满意度指标", "服务对象满意度", "培训对象满意度", "≥85%", "≥85%"]);
    expect(byRule(projectFindings({ indicators: ind }), "indicator/satisfaction-minimum")).toHaveLength(1);
    const lenient = { ...require("../src/core/profile").NATIONAL_PROFILE, satisfaction: { minPercent: 80 } };
    expect(byRule(projectFindings({ indicators: ind }, { profile: lenient }), "indicator/satisfaction-minimum")).toEqual([]);
  });

  test("序时进度 only in the half-year column", () => {
    expect(one("资金到位率", ["过程", "资金管理", "资金到位率", "序时进度", "序时进度"], "indicator/progress-placement")).toHaveLength(1);
  });

  test("vague benefit targets are info", () => {
    const f = one("对单位履职的提升程度", ["效益指标", "社会效益", "服务水平", "不断提升", "不断提升"], "indicator/vague-target");
    expect(f.map((x) => x.severity)).toEqual(["info"]);
  });

  test("value-unreadable for text with numbers", () => {
    expect(one("组织培训次数", ["产出指标", "数量指标", "响应", "普通2小时内，重大1小时内", "普通2小时内，重大1小时内"], "indicator/value-unreadable")).toHaveLength(2);
  });
});

describe("header rules", () => {
  test("required fields, dates, phone, markup", () => {
    const f = projectFindings({
      header: { 主管部门: "", 完成时间: "2121年", "项目负责人/ 联系电话": "张三 123", 实施单位: "<p>无锡市数据局</p>" },
    });
    expect(ruleIds(f)).toEqual(["header/contact-phone", "header/dates", "header/html-markup", "header/required-fields"]);
    expect(byRule(f, "header/dates")[0].severity).toBe("warning");
    expect(byRule(projectFindings({ header: { 开始时间: "2026年", 完成时间: "2025年" } }), "header/dates").map((x) => x.messageEn)[0]).toContain("before the start");
    expect(byRule(projectFindings({ header: { "项目负责人/ 联系电话": "单炜0510- 8182579 7" } }), "header/contact-phone")).toEqual([]);
    expect(byRule(projectFindings({ header: { "项目负责人/ 联系电话": "邵梦星8180 5529" } }), "header/contact-phone")).toEqual([]);
    expect(byRule(projectFindings({ header: { "项目负责人/ 联系电话": "13912345678" } }), "header/contact-phone")).toEqual([]);
  });
});

test("cost ceiling vs budget follows the funding block's unit (元 or 万元)", () => {
  const ind = withIndicator("项目总成本", ["产出指标", "成本指标", "项目总成本", "≤2万元", "≤6万元"]);
  // 资金总额 50 in 万元: a 6万元 ceiling is fine.
  expect(byRule(projectFindings({ total: 50, expenses: [["x", 0, 50]], indicators: ind }), "indicator/cost-above-budget")).toEqual([]);
  // The same table stated in 元: 资金总额 50000 元 < 6万元.
  const inYuan = projectFindings({ total: 50000, expenses: [["x", 0, 50000]], indicators: ind, fundingLabel: "项目资金（元）" });
  const f = byRule(inYuan, "indicator/cost-above-budget");
  expect(f).toHaveLength(1);
  expect(f[0].message).toContain("50000 元");
});
