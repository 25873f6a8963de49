import type { ProjectTargetTable } from "../src/core/model";
import { validateWorkbook } from "../src/core/validate";
import { compose, sheet } from "./helpers/grid";
import { projectTable } from "./helpers/projectTable";

describe("table locator", () => {
  test("several tables stacked and side by side, at any offset", () => {
    const a = projectTable({ name: "甲" });
    const b = projectTable({ name: "乙" });
    const c = projectTable({ name: "丙" });
    const s = compose("混合", [
      { at: { row: 5, col: 3 }, ...a },
      { at: { row: 5 + a.rows.length + 3, col: 3 }, ...b },
      { at: { row: 5, col: 10 }, ...c },
    ]);
    const res = validateWorkbook({ sheets: [s] });
    expect(res.tables.map((t) => [t.name, t.range])).toEqual([
      ["甲", `D6:H${5 + a.rows.length}`],
      ["丙", `K6:O${5 + c.rows.length}`],
      ["乙", `D${5 + a.rows.length + 4}:H${5 + a.rows.length + 3 + b.rows.length}`],
    ]);
    expect(res.findings).toEqual([]);
  });

  test("an origin other than A1 (as Office.js reports a used range) gives absolute addresses", () => {
    const t = projectTable({ name: "偏移", total: 50, expenses: [["偏移", 0, 59]] });
    const s = sheet("S", t.rows, [], { row: 9, col: 2 });
    s.merges = t.merges.map((m) => ({ top: m.top + 9, bottom: m.bottom + 9, left: m.left + 2, right: m.right + 2 }));
    const res = validateWorkbook({ sheets: [s] });
    expect(res.tables[0].range).toBe(`C10:G${9 + t.rows.length}`);
    const f = res.findings.find((x) => x.rule === "funding/expenses-equal-total")!;
    expect(f.cell).toBe("G29");
  });

  test("header variants: ASCII brackets, line breaks and stray spaces in labels", () => {
    const t = projectTable({ name: "变体", halfHeader: "半年(程)\n计划 执行数" });
    t.rows = t.rows.map((r) => r.map((v) => (v === "半年（程）指标值" ? "半年(程)\n指标值" : v === "项目名称" ? "项目 名称" : v === "全年（程）指标值" ? " 全年（程）指标值 " : v)));
    const res = validateWorkbook({ sheets: [compose("S", [{ at: { row: 0, col: 0 }, ...t }])] });
    expect(res.tables).toHaveLength(1);
    const p = res.located[0] as ProjectTargetTable;
    expect(p.indicatorHeader).toEqual({ row: expect.any(Number), hasHalf: true, hasFull: true, level1: { row: expect.any(Number), col: expect.any(Number) } });
    expect(p.expenses[0].half?.value).toBe(5);
    expect(res.findings).toEqual([]);
  });

  test("without merges (blank cells below 一级/二级) the groups are filled down", () => {
    const t = projectTable();
    const res = validateWorkbook({ sheets: [sheet("无合并", t.rows)] });
    const p = res.located[0] as ProjectTargetTable;
    const row = p.indicators.find((r) => r.level3?.text === "资金使用合规性")!;
    expect(row.level1?.text).toBe("过程");
    expect(row.level2?.text).toBe("资金管理");
  });

  test("a missing value column and a missing indicator header are clear findings, not crashes", () => {
    const t = projectTable();
    const noFull = t.rows.map((r) => (r[0] === "一级指标" ? r.slice(0, 4) : r));
    const res = validateWorkbook({ sheets: [compose("S", [{ at: { row: 0, col: 0 }, rows: noFull, merges: t.merges }])] });
    expect(res.findings.some((f) => f.rule === "layout/missing-column" && f.messageEn.includes("全年"))).toBe(true);

    const headless = t.rows.filter((r) => r[0] !== "一级指标");
    const res2 = validateWorkbook({ sheets: [sheet("S", headless)] });
    const un = res2.findings.filter((f) => f.rule === "layout/unreadable-table");
    expect(un).toHaveLength(1);
    expect(un[0].cell).toBe("A3");
  });

  test("an extra column (计量单位) is read as the unit", () => {
    const rows = projectTable().rows.map((r) => (r[0] === "一级指标" ? [...r, "计量单位"] : r));
    const res = validateWorkbook({ sheets: [sheet("S", rows)] });
    const p = res.located[0] as ProjectTargetTable;
    expect(p.indicators.length).toBeGreaterThan(0);
    expect(Object.keys(p.indicators[0].extra)).toEqual(["unit"]);
  });

  test("a sheet with no tables, an empty sheet and error values give no tables and no crash", () => {
    const res = validateWorkbook({
      sheets: [sheet("空", []), sheet("杂", [["项目名称"], [{ error: "#REF!" }, "😀".repeat(50)], [null, "x".repeat(10000)]])],
    });
    expect(res.tables).toEqual([]);
    expect(res.findings).toEqual([]);
  });

  test("a 部门整体 table followed by a project table on the same sheet", () => {
    const dept: (string | number | null)[][] = [
      ["无锡市市级部门整体预算绩效目标表"],
      ["2022年度"],
      ["单位名称", "某局"],
      ["单位主要职能", "职能"],
      ["部门整体资金（万元）", "收入", null, null, null, null, "全年预算数"],
      [null, null, "资金总额", null, null, null, 100],
      [null, null, "财政拨款", "小计", null, null, 100],
      [null, null, null, "一般公共预算资金", null, null, 100],
      [null, "支出", null, null, null, "半年计划执行数", "全年预算数"],
      [null, null, "基本支出", null, null, 30, 60],
      [null, null, "项目支出", null, null, 20, 40],
      [null, null, "项目一", null, null, 20, 30],
      ["年度目标", "目标"],
      ["一级指标", "二级指标", "三级指标", null, null, "半年指标值", "全年指标值"],
      ["产出指标", "数量指标", "完成事项", null, null, "≥1个", "≥2个"],
    ];
    const p = projectTable({ name: "项目一" });
    const s = compose("S", [{ at: { row: 0, col: 0 }, rows: dept }, { at: { row: dept.length + 2, col: 0 }, ...p }]);
    const res = validateWorkbook({ sheets: [s] });
    expect(res.tables.map((t) => t.kind)).toEqual(["department-target", "project-target"]);
    const lines = res.findings.filter((f) => f.rule === "funding/project-lines-sum");
    expect(lines.map((f) => f.cell).sort()).toEqual(["G11"]);
  });

  test("an indicator table with no header above it is read, checked and reported as split off", () => {
    const t = projectTable();
    const start = t.rows.findIndex((r) => r[0] === "一级指标");
    const lower = t.rows.slice(start).map((r) => (r[2] === "组织培训次数" ? [r[0], r[1], r[2], "≥5次", "≥4次"] : r));
    const res = validateWorkbook({ sheets: [sheet("指标", [[], ...lower])] });
    expect(res.tables).toHaveLength(1);
    expect(res.tables[0].range.startsWith("A2")).toBe(true);
    const rules = res.findings.map((f) => f.rule);
    expect(rules).toContain("layout/split-table");
    expect(rules).toContain("indicator/half-above-full");
    expect(rules).not.toContain("header/required-fields");
  });
});

test("tables on hidden sheets are validated and said to be hidden", () => {
  const t = projectTable();
  const s = { ...sheet("藏", t.rows, []), visibility: "veryHidden" as const };
  const res = validateWorkbook({ sheets: [s] });
  const f = res.findings.filter((x) => x.rule === "layout/hidden-sheet");
  expect(f.map((x) => [x.severity, x.cell, x.messageEn])).toEqual([["info", "A3", 'This table is on the very hidden sheet "藏"']]);
  expect(validateWorkbook({ sheets: [sheet("见", t.rows)] }).findings).toEqual([]);
});

test("cell text is trimmed exactly as String.prototype.trim does, without copying untouched text", () => {
  const fc = require("fast-check") as typeof import("fast-check");
  const { textOf } = require("../src/core/locate/region") as typeof import("../src/core/locate/region");
  const spaces = [" ", "\t", "\n", "\u00a0", "\u3000", "\u2003", "\ufeff", "\u2028"];
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(...spaces), fc.string({ maxLength: 5 }), fc.constantFrom("项目", "≥90%")), { maxLength: 8 }), (parts) => {
      const s = parts.join("");
      expect(textOf(s)).toBe(s.trim());
    }),
    { numRuns: 300 },
  );
});

test("the national 项目支出绩效目标申报表 layout: 年度资金总额 / 其中：财政拨款 / 其他资金 and one 指标值 column", () => {
  const rows = [
    ["项目支出绩效目标申报表"],
    ["（2026年度）"],
    ["项目名称", "培训项目", null, null, null],
    ["主管部门及代码", "某局 101", null, "实施单位", "某局"],
    ["项目资金（万元）", "年度资金总额", null, null, 30],
    [null, "其中：财政拨款", null, null, 25],
    [null, "其他资金", null, null, 5],
    ["年度目标", "完成培训"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
    [null, "产出指标", "数量指标", "培训人次", "≥300人次"],
    [null, "产出指标", "成本指标", "项目总成本", "≤40万元"],
    [null, "效益指标", "社会效益", "业务能力提升", "明显"],
    [null, "满意度指标", "服务对象满意度", "学员满意度", "≥90%"],
  ];
  const res = validateWorkbook({ sheets: [sheet("申报表", rows)] });
  expect(res.tables).toHaveLength(1);
  const p = res.located[0] as ProjectTargetTable;
  expect(p.funding.sources.map((s) => s.label.text)).toEqual(["其中：财政拨款", "其他资金"]);
  expect(p.indicators.map((r) => r.full?.text)).toEqual(["≥300人次", "≤40万元", "明显", "≥90%"]);
  const rules = res.findings.map((f) => f.rule);
  expect(rules).not.toContain("funding/total-equals-sources");
  expect(rules).toContain("indicator/cost-above-budget"); // 40万元 > 30万元
});

test("101号 columns 指标性质 | 指标值 | 度量单位 are read together as one target", () => {
  const rows = [
    ["项目支出绩效目标表"],
    ["项目名称", "培训项目", null, null, null, null],
    ["项目资金（万元）", "年度资金总额", null, null, 30],
    [null, "财政拨款", null, null, 30],
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
    ["成本指标", "经济成本指标", "项目总成本", "≤", 40, "万元"],
    ["成本指标", "经济成本指标", "培训场地费", "≥", 5, "万元"],
    ["产出指标", "数量指标", "培训人次", "≥", 300, "人次"],
    ["满意度指标", "服务对象满意度", "学员满意度", "≥", 85, "%"],
  ];
  const res = validateWorkbook({ sheets: [sheet("101号", rows)] });
  const rules = res.findings.map((f) => f.rule).sort();
  expect(rules).toEqual(["indicator/cost-above-budget", "indicator/cost-operator", "indicator/required-groups", "indicator/satisfaction-minimum"]);
  expect(res.findings.find((f) => f.rule === "indicator/cost-above-budget")!.cell).toBe("E6");
  expect(res.findings.find((f) => f.rule === "indicator/cost-operator")!.cell).toBe("E7");
});

test("a locator that fails on a sheet is reported, and the other kinds' tables are still validated", () => {
  const { selfEvaluationLocator } = require("../src/core/locate/selfEvaluation") as typeof import("../src/core/locate/selfEvaluation");
  const spy = jest.spyOn(selfEvaluationLocator, "locate").mockImplementation(() => {
    throw new Error("boom");
  });
  try {
    const t = projectTable({ name: "仍然校验", total: 50, expenses: [["x", 0, 59]] });
    const res = validateWorkbook({ sheets: [compose("S", [{ at: { row: 0, col: 0 }, ...t }])] });
    expect(res.tables.map((x) => x.name)).toEqual(["仍然校验"]);
    expect(res.findings.some((f) => f.rule === "funding/expenses-equal-total")).toBe(true);
    const failed = res.findings.filter((f) => f.rule === "internal/rule-failed");
    expect(failed).toHaveLength(1);
    expect(failed[0].messageEn).toContain("self-evaluation: boom");
  } finally {
    spy.mockRestore();
  }
});
