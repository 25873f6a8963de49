/**
 * Indicator trees are profile data (profile.trees, named in indicatorTrees): a region's profile file adds its
 * local tree, and a 二级 name written in the 一级 column is reported against the accepted trees.
 */
import { profileFromJson } from "../src/core/profileCheck";
import type { CellValue } from "../src/core/snapshot";
import { validateWorkbook } from "../src/core/validate";
import { sheet } from "./helpers/grid";

function table(rows: CellValue[][]): CellValue[][] {
  return [["项目支出绩效目标表"], ["项目名称", "某项目"], ["年度目标", "完成任务"], ["一级指标", "二级指标", "三级指标", "指标值"], ...rows];
}

const treeFindings = (rows: CellValue[][], profile = profileFromJson("{}", "national.json")) =>
  validateWorkbook({ sheets: [sheet("S", table(rows))] }, { profile })
    .findings.filter((f) => f.rule === "indicator/level2-under-level1")
    .map((f) => [f.cell, f.message]);

test("a 二级 name in the 一级 column is reported once, on the 一级 cell, naming where it belongs", () => {
  const rows: CellValue[][] = [
    ["数量指标", "培训人数", "≥50人", null],
    [null, "培训场次", "≥5场", null],
  ];
  expect(treeFindings(rows, profileFromJson("{}", "p.json"))).toEqual([["A5", "一级指标列填的是二级指标“数量指标”，一级指标应为“产出”"]]);
  // A correct table is left alone.
  expect(treeFindings([["产出指标", "数量指标", "培训人数", "≥50人"]])).toEqual([]);
});

test("a region's own tree (trees + indicatorTrees in its profile file) decides what belongs where", () => {
  const rows: CellValue[][] = [["预期产出指标", "数量指标", "新建道路", "≥3公里"], ["预期产出指标", "经济效益指标", "带动产值", "≥100万元"]];
  // Under the national trees 预期产出 is no 一级 of theirs: nothing is said about its 二级.
  expect(treeFindings(rows)).toEqual([]);
  const local = profileFromJson(JSON.stringify({ id: "某县", trees: { 某县: { 预期产出: ["数量", "质量", "时效"], 效益: ["经济效益", "社会效益"] } }, indicatorTrees: ["某县"] }), "某县.json");
  expect(treeFindings(rows, local)).toEqual([["B6", "二级指标“经济效益指标”不属于一级指标“预期产出指标”，应在“效益”下"]]);
});

test("a profile naming a tree it does not define, or a tree that is not 一级 → [二级], is refused with the field", () => {
  expect(() => profileFromJson(JSON.stringify({ indicatorTrees: ["某县"] }), "p.json")).toThrow(/indicatorTrees: no tree named 某县/);
  expect(() => profileFromJson(JSON.stringify({ trees: { 某县: { 产出: "数量" } } }), "p.json")).toThrow(/trees\.某县\.产出: 应为数组/);
});
