/**
 * Regional words the locators and the scorer used to hold in code are data (issue 11): a region's forms file
 * or profile adds a word, and a table that uses it is read or scored differently. Each test shows the
 * table without the word first, so it fails if the data path is not taken.
 */
import type { DepartmentTargetTable, SelfEvaluationTable } from "../src/core/model";
import { NATIONAL_PROFILE, resolveProfile } from "../src/core/profile";
import { resolveForms, vocabularyOf } from "../src/core/forms/vocabulary";
import type { VocabularyInput } from "../src/core/forms/schema";
import { evaluateSelfEvaluation, groupOf } from "../src/core/scoring/selfEvaluation";
import type { CellValue } from "../src/core/snapshot";
import { validateWorkbook } from "../src/core/validate";
import { sheet } from "./helpers/grid";
import { goodSpec, selfEvalGrid, type IndRow } from "./helpers/selfEvaluation";

/** A forms file holding one self-evaluation form of a region with the given vocabulary. */
function regionForms(kind: "department-target" | "self-evaluation", vocabulary: VocabularyInput) {
  return resolveForms({ version: 1, forms: [{ id: "region-x", kind, name: "某地表式", nameEn: "A region's form", source: "test", signature: {}, vocabulary }] });
}

/** A department form whose basic spending line is called 基本经费 (total 110 = 60 + 40 + 10 unaccounted). */
const deptRows: CellValue[][] = [
  ["某区部门整体绩效目标表"],
  ["2024年度"],
  ["单位名称", "某局"],
  ["单位主要职能", "职能"],
  ["部门整体资金（万元）", "收入", null, null, null, null, "全年预算数"],
  [null, null, "资金总额", null, null, null, 110],
  [null, null, "财政拨款", "小计", null, null, 110],
  [null, null, null, "一般公共预算资金", null, null, 110],
  [null, "支出", null, null, null, "半年计划执行数", "全年预算数"],
  [null, null, "基本经费", null, null, 30, 60],
  [null, null, "项目支出", null, null, 20, 40],
  [null, null, "项目一", null, null, 20, 40],
  ["年度目标", "目标"],
  ["一级指标", "二级指标", "三级指标", null, null, "半年指标值", "全年指标值"],
  ["产出指标", "数量指标", "完成事项", null, null, "≥1个", "≥2个"],
];

test("a region's department form names its basic spending line (funding.departmentLines.basic), and 基本 + 项目 is then checked", () => {
  const wb = { sheets: [sheet("部门", deptRows)] };
  const before = validateWorkbook(wb);
  const d0 = before.located.find((t) => t.kind === "department-target") as DepartmentTargetTable;
  expect(d0.basic).toBeUndefined();
  expect(d0.projectLines.map((l) => l.label.text)).toEqual(["基本经费", "项目一"]);
  expect(before.findings.some((f) => f.rule === "funding/basic-plus-project")).toBe(false);

  const forms = regionForms("department-target", { funding: { departmentLines: { basic: ["基本经费"] } } });
  const after = validateWorkbook(wb, { forms });
  const d1 = after.located.find((t) => t.kind === "department-target") as DepartmentTargetTable;
  expect(d1.basic?.label.text).toBe("基本经费");
  expect(d1.projectTotal?.label.text).toBe("项目支出");
  expect(d1.projectLines.map((l) => l.label.text)).toEqual(["项目一"]);
  // 60 + 40 = 100, not the 110 total: found only now that 基本经费 is read as the basic line.
  expect(after.findings.filter((f) => f.rule === "funding/basic-plus-project").map((f) => f.cell)).toEqual(["G6"]);
});

test("a region's department title word (department.titleWords) lets the title start a table that has no 单位名称 row", () => {
  const rows = [["某县机关事务中心综合绩效目标表"], ["年度目标", "目标"], ["一级指标", "二级指标", "三级指标", "全年指标值"], ["产出指标", "数量指标", "完成事项", "≥2个"]];
  const wb = { sheets: [sheet("S", rows)] };
  const forms = regionForms("department-target", { titles: ["综合绩效目标表$"], department: { titleWords: ["综合绩效"] } });
  expect(validateWorkbook(wb, { forms: regionForms("department-target", { titles: ["综合绩效目标表$"] }) }).tables.map((t) => t.kind)).not.toContain("department-target");
  expect(validateWorkbook(wb, { forms }).tables.map((t) => t.kind)).toContain("department-target");
});

/** The 10号 self-evaluation with a region's closing row 综合得分 instead of 总分. */
function selfEvalSheet(extra: IndRow[] = [], totalLabel = "总分") {
  const spec = goodSpec();
  spec.indicators.push(...extra);
  const grid = selfEvalGrid(spec);
  const rows = grid.rows.map((r) => (r[0] === "总分" ? [totalLabel, ...r.slice(1)] : r));
  return { sheets: [sheet("自评", rows)] };
}

test("a region's total-row label (selfEvaluation.totalRows) is read as the self-evaluation's total", () => {
  const wb = selfEvalSheet([], "综合得分");
  const total = (forms?: ReturnType<typeof resolveForms>) => (validateWorkbook(wb, { forms }).located.find((t) => t.kind === "self-evaluation") as SelfEvaluationTable).total;
  expect(total()).toBeUndefined();
  expect(total(regionForms("self-evaluation", { selfEvaluation: { totalRows: ["综合得分"] } }))?.score?.value).toBe(86);
});

test("a region's execution-rate name (profile scoring.executionRateNames) is scored against 100% when it has no target", () => {
  // 支出执行率 with no target, 90% spent, 分值 10, entered 10: only a known execution-rate name gets a target of 100%.
  const wb = selfEvalSheet([["产出指标", "时效指标", "支出执行率", "", "90%", 10, 10, ""]]);
  const t = validateWorkbook(wb).located.find((x) => x.kind === "self-evaluation") as SelfEvaluationTable;
  const item = (profile: typeof NATIONAL_PROFILE) => evaluateSelfEvaluation(t, profile).items.find((i) => i.indicator === "支出执行率");
  expect(item(NATIONAL_PROFILE)?.computed).toBeNull();
  const region = resolveProfile({ id: "region", scoring: { executionRateNames: ["预算执行率", "资金执行率", "支出执行率"] } });
  expect(item(region)?.computed).toBe(9); // min(90% / 100%, 1) × 10
  // The entered 10 against the computed 9 is now a finding.
  const scored = validateWorkbook(wb, { profile: region }).findings.filter((f) => f.rule.startsWith("score/") && /支出执行率/.test(f.message));
  expect(scored.length).toBeGreaterThan(0);
  expect(validateWorkbook(wb).findings.filter((f) => f.rule.startsWith("score/") && /支出执行率/.test(f.message))).toEqual([]);
});

test("a profile's group words (scoring.groups) classify a region's 一级 labels", () => {
  expect(groupOf("社会影响指标", NATIONAL_PROFILE)).toBeNull();
  const region = resolveProfile({ id: "region", scoring: { groups: { benefit: ["效益", "社会影响"] } } });
  expect(groupOf("社会影响指标", region)).toBe("benefit");
  expect(groupOf("产出指标", region)).toBe("output");
});

test("the built-in vocabulary answers as the code used to", () => {
  const v = vocabularyOf();
  expect(v.funding.departmentLine("基本支出合计")).toBe("basic");
  expect(v.funding.departmentLine("项目支出")).toBe("project");
  expect(v.funding.departmentLine("项目一")).toBeUndefined();
  expect(v.department.isTitle("某局部门整体支出绩效目标表")).toBe(true);
  expect(v.selfEvaluation.isFundUnitLabel("项目资金(万元)")).toBe(true);
  expect(v.selfEvaluation.isFundUnitLabel("项目名称")).toBe(false);
  expect(v.evaluationReport.columns.target("2023年目标值")).toBe(true);
  expect(v.evaluationReport.columns.actual("年度实际完成值")).toBe(true);
  expect(v.evaluationReport.columns.target("目标")).toBe(false);
});
