/**
 * Targets completed from a template written in the indicator's name (宁夏 application forms:
 * 苗木成活率(≥**%) | 85, 项目总投入(≥**万元) | 6070), and cost targets that set no ceiling (a bare 100%).
 */
import type { CellValue } from "../src/core/snapshot";
import { validateWorkbook } from "../src/core/validate";
import { sheet } from "./helpers/grid";

function table(rows: CellValue[][]): CellValue[][] {
  return [
    ["项目支出绩效目标申报表"],
    ["项目名称", "苗木种植项目"],
    ["资金情况(万元)", "年度资金总额", 6070],
    [null, "其中:财政拨款", 6070],
    ["年度目标", "完成种植"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ...rows,
  ];
}

const findings = (rows: CellValue[][]) => validateWorkbook({ sheets: [sheet("S", table(rows))] }).findings.map((f) => [f.rule, f.cell, f.message]);

test("the operator and unit written in the name complete a bare number", () => {
  const out = findings([
    ["产出指标", "质量指标", "苗木成活率(≥**%)", 85],
    [null, "成本指标", "项目总投入(≥**万元)", 6070],
  ]);
  // 85 reads as ≥85%: no missing unit, no bare-number rate finding.
  expect(out.filter(([, cell]) => cell === "D7")).toEqual([]);
  // 6070 reads as ≥6070万元: a cost written as a lower bound.
  expect(out.filter(([rule]) => rule === "indicator/cost-operator")).toEqual([["indicator/cost-operator", "D8", "成本指标“项目总投入(≥**万元)”应使用“≤”，而不是“6070”"]]);
});

test("without the template in the name, the same numbers are what they were (no operator, no unit)", () => {
  const out = findings([
    ["产出指标", "质量指标", "苗木成活率", 85],
    [null, "成本指标", "项目总投入", 6070],
  ]);
  expect(out.filter(([rule]) => rule === "indicator/cost-operator")).toEqual([]);
  expect(out.some(([rule, cell]) => rule === "indicator/rate-needs-percent" && cell === "D7")).toBe(true);
});

test("a bare percentage under 成本 sets no ceiling; ≤ a percentage does", () => {
  const bare = findings([["产出指标", "成本指标", "开展活动", "100%"]]);
  expect(bare.filter(([rule]) => rule === "indicator/cost-operator")).toEqual([["indicator/cost-operator", "D7", "成本指标“开展活动”的目标“100%”没有成本上限，应写成“≤金额”"]]);
  const bounded = findings([["产出指标", "成本指标", "成本超支率", "≤5%"]]);
  expect(bounded.filter(([rule]) => rule === "indicator/cost-operator")).toEqual([]);
});
