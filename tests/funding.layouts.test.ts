/**
 * Two funding layouts of real published forms (fixtures/corpus): a department form's 年度履职目标 spending
 * sub-table (福建宁德), and a project form with the whole project's money block beside the year's
 * (新疆兵团). Both are read into the table model and checked; a region can name the sub-table's columns.
 */
import type { DepartmentTargetTable, ProjectTargetTable } from "../src/core/model";
import { resolveForms } from "../src/core/forms/vocabulary";
import type { CellValue } from "../src/core/snapshot";
import { validateWorkbook } from "../src/core/validate";
import { sheet } from "./helpers/grid";

/** The 宁德 layout, amounts changed per test: 资金总额 | 项目支出 | 基本支出, then the 履职目标 sub-table. */
function dutyRows(amounts: { total: number; project: number; basic: number; lines: [string, number][] }, amountHeader = "预算金额(万元)"): CellValue[][] {
  return [
    ["部门整体支出绩效目标表"],
    ["(2024年度)"],
    ["部门(单位)名称", "某研究室", null, "部门预算编码", "901"],
    ["年度\n预算\n安排\n(万元)", "资金总额", amounts.total],
    [null, "项目支出", amounts.project],
    [null, "基本支出", amounts.basic],
    ["年度\n总体\n目标", "目标1:完成年度任务。"],
    ["年度\n履职\n目标", "部门职能", "年度目标任务", "支出项目名称", amountHeader],
    ...amounts.lines.map(([label, v]): CellValue[] => [null, "职能", "任务", label, v]),
    [null, null, null, null, null],
    ["一级指标", "二级指标", "三级指标", "指标解释", "目标值"],
    ["产出指标", "数量指标", "编纂年鉴", "历史标准", "≥1部"],
  ];
}

const duty = (rows: CellValue[][], forms?: ReturnType<typeof resolveForms>) => {
  const r = validateWorkbook({ sheets: [sheet("部门", rows)] }, { forms });
  const t = r.located.find((x) => x.kind === "department-target") as DepartmentTargetTable;
  return { t, findings: r.findings.filter((f) => f.rule === "funding/duty-lines") };
};

test("the 履职目标 sub-table's lines are read, the 基本支出 line told apart, and a clean one stays clean", () => {
  const { t, findings } = duty(dutyRows({ total: 171.41, project: 60.8, basic: 110.61, lines: [["年鉴出版经费", 49.8], ["市志编纂经费", 11], ["基本支出", 110.61]] }));
  expect(t.dutyLines.map((l) => [l.label.text, l.full?.value, l.basic, l.full?.cell])).toEqual([
    ["年鉴出版经费", 49.8, false, { row: 8, col: 4 }],
    ["市志编纂经费", 11, false, { row: 9, col: 4 }],
    ["基本支出", 110.61, true, { row: 10, col: 4 }],
  ]);
  expect(findings).toEqual([]);
});

test("a 基本支出 line that differs from the budget's 基本支出 is reported on its amount (the published mistake)", () => {
  const { findings } = duty(dutyRows({ total: 171.41, project: 60.8, basic: 110.61, lines: [["年鉴出版经费", 49.8], ["市志编纂经费", 11], ["基本支出", 171.41]] }));
  expect(findings.map((f) => [f.cell, f.message])).toEqual([["E11", "履职目标中“基本支出”的预算金额 171.41，与年度预算安排的基本支出 110.61 不一致"]]);
});

test("projects that do not add up to 项目支出, and a sub-table over the total, are reported once each way", () => {
  const projects = duty(dutyRows({ total: 171.41, project: 60.8, basic: 110.61, lines: [["年鉴出版经费", 49.8], ["市志编纂经费", 20]] })).findings;
  expect(projects.map((f) => [f.cell, f.message])).toEqual([["E10", "履职目标中各支出项目合计 69.8，与项目支出 60.8 不一致（相差 9）"]]);
  // Without a 项目支出 line to compare with, the whole sub-table is held against 资金总额.
  const rows = dutyRows({ total: 100, project: 60, basic: 40, lines: [["甲", 80], ["乙", 30]] }).filter((r) => r[1] !== "项目支出");
  const over = duty(rows).findings;
  expect(over.map((f) => [f.cell, f.message])).toEqual([["E9", "履职目标中预算金额合计 110，超过资金总额 100"]]);
});

test("a region names the sub-table's amount column (department.dutyAmount) and its lines are then read", () => {
  const rows = dutyRows({ total: 100, project: 60, basic: 40, lines: [["甲", 60], ["基本支出", 50]] }, "安排资金(万元)");
  expect(duty(rows).t.dutyLines).toEqual([]);
  const forms = resolveForms({ version: 1, forms: [{ id: "region-x", kind: "department-target", name: "某地", nameEn: "A region", source: "test", signature: {}, vocabulary: { department: { dutyAmount: ["安排资金"] } } }] });
  const { t, findings } = duty(rows, forms);
  expect(t.dutyLines.map((l) => l.label.text)).toEqual(["甲", "基本支出"]);
  expect(findings.map((f) => f.cell)).toEqual(["E10"]);
});

/** The 兵团 layout: the whole project's block (B–C) beside the year's (D–E) on the same rows. */
function parallelRows(project: { total: number; fiscal: number; other: number | null }, year: { total: number; fiscal: number }): CellValue[][] {
  return [
    ["某项目绩效目标申报表"],
    ["项目名称", "气调保鲜库建设项目"],
    ["主管部门", "农业农村局", null, "实施单位", "农业发展服务中心"],
    ["资金情况 (万元)", "项目资金总额:", project.total, "年度资金申请总额", year.total],
    [null, "其中:财政资金", project.fiscal, "其中:当年财政拨款", year.fiscal],
    [null, null, null, "上年结转资金", null],
    [null, "其他资金", project.other, "其他资金", null],
    ["项目绩效目标", "项目总目标", null, "年度总体目标"],
    [null, "建成保鲜库1座", null, "完成主体安装"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值"],
    [null, "产出指标", "数量指标", "新建保鲜库数量", "1座"],
  ];
}

const parallel = (rows: CellValue[][]) => {
  const r = validateWorkbook({ sheets: [sheet("项目", rows)] });
  const t = r.located.find((x) => x.kind === "project-target") as ProjectTargetTable;
  return { t, findings: r.findings.filter((f) => f.rule.startsWith("funding/")) };
};

test("the whole project's money block beside the year's is read too; the year's stays the table's funding", () => {
  const { t, findings } = parallel(parallelRows({ total: 1500, fiscal: 1500, other: null }, { total: 1500, fiscal: 1500 }));
  expect([t.funding.total?.full?.cell, t.funding.total?.full?.value]).toEqual([{ row: 3, col: 4 }, 1500]);
  expect(t.funding.parallel?.map((b) => [b.total?.label.text, b.total?.full?.value, b.sources.map((s) => s.full?.value)])).toEqual([["项目资金总额:", 1500, [1500, null]]]);
  expect(findings.filter((f) => f.severity === "error")).toEqual([]);
});

test("the whole project's block is checked like the year's, and the year cannot exceed the project", () => {
  const sums = parallel(parallelRows({ total: 1500, fiscal: 1200, other: 200 }, { total: 1000, fiscal: 1000 })).findings;
  expect(sums.filter((f) => f.rule === "funding/total-equals-sources").map((f) => [f.cell, f.message])).toEqual([["C4", "资金总额 1500 与各来源合计 1400 不一致（相差 100）"]]);
  const above = parallel(parallelRows({ total: 800, fiscal: 800, other: null }, { total: 1000, fiscal: 1000 })).findings;
  expect(above.filter((f) => f.rule === "funding/annual-within-project").map((f) => [f.cell, f.message])).toEqual([["E4", "年度资金总额 1000 大于项目资金总额 800"]]);
});
