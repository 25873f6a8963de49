/** The form catalogue (issue 11): built-in forms valid, docs in step, a reviewer's forms file checked field by field and used. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { renderFormsDoc } from "../scripts/gen-forms-doc";
import { BUILTIN_FORMS } from "../src/core/forms/builtin";
import { FormCatalogueSchema } from "../src/core/forms/schema";
import { FormsError, resolveForms, vocabularyOf } from "../src/core/forms/vocabulary";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import { validateWorkbook } from "../src/core/validate";

test("the built-in catalogue fits its own schema", () => {
  expect(() => FormCatalogueSchema.parse(BUILTIN_FORMS)).not.toThrow();
});

test("docs/forms.md is generated from the catalogue and up to date", () => {
  expect(readFileSync(path.join(__dirname, "..", "docs", "forms.md"), "utf8")).toBe(renderFormsDoc());
});

test("a wrong forms file is refused with the field named", () => {
  const bad = { version: 1, forms: [{ ...BUILTIN_FORMS.forms[0], id: "x-form", vocabulary: { indicatorColumns: [{ role: "target", header: ["值"] }] } }] };
  expect(() => resolveForms(bad, "mine.json")).toThrow(FormsError);
  expect(() => resolveForms(bad, "mine.json")).toThrow(/mine\.json: 字段 forms\.0\.vocabulary\.indicatorColumns\.0\.role/);
  expect(() => resolveForms({ version: 1, forms: [{ ...BUILTIN_FORMS.forms[0], id: "y", extra: 1 }] })).toThrow(/forms\.0/);
  expect(() => resolveForms({ version: 1, forms: [{ ...BUILTIN_FORMS.forms[0], id: "z", signature: { titles: ["("] } }] })).toThrow(/正则/);
});

/** A county form the built-in catalogue does not know: anchored on 项目编号, targets under 预期指标值. */
const countySheet: WorkbookSnapshot = {
  sheets: [
    {
      name: "表1",
      origin: { row: 0, col: 0 },
      merges: [],
      values: [
        ["项目编号", "X-1", "主管部门", "某县教育局"],
        ["年度资金总额", 50, "", ""],
        ["一级指标", "二级指标", "三级指标", "预期指标值"],
        ["产出指标", "数量指标", "培训人次", "≥200人次"],
        ["产出指标", "成本指标", "项目总成本", "≤80万元"],
      ],
    },
  ],
};

test("a region's form added as data is read without touching code, and tables say which form they were read as", () => {
  const before = validateWorkbook(countySheet);
  expect(before.tables.filter((t) => t.kind === "project-target" && t.rect.top === 0)).toHaveLength(0);
  const forms = resolveForms({
    version: 1,
    forms: [
      {
        id: "county-x",
        kind: "project-target",
        name: "某县表式",
        nameEn: "A county form",
        source: "test",
        signature: { labels: ["项目编号", "预期指标值"] },
        vocabulary: {
          anchors: { "project-target": ["项目编号"] },
          fields: { "project-target": { 项目编号: "projectName" } },
          indicatorColumns: [{ role: "full", header: ["(^|/)预期指标值$"] }],
        },
      },
    ],
  });
  const after = validateWorkbook(countySheet, { forms });
  const t = after.tables.find((x) => x.kind === "project-target");
  expect(t?.form?.id).toBe("county-x");
  expect(t?.rect.top).toBe(0);
  // The cost ceiling 80 万元 above the 50 万元 budget is now seen, in the 预期指标值 column.
  expect(after.findings.some((f) => f.rule === "indicator/cost-above-budget" && f.cell === "D5")).toBe(true);
  expect(vocabularyOf(forms)).toBe(vocabularyOf(forms));
});

test("a two-row header's unit and nature columns are never read as the target", () => {
  const v = vocabularyOf();
  expect(v.indicatorRole("年度指标值/度量单位")).toBe("unit");
  expect(v.indicatorRole("年度指标值/指标性质")).toBe("nature");
  expect(v.indicatorRole("年度指标值/指标值")).toBe("full");
  expect(v.indicatorRole("指标值类型")).toBe("nature");
  expect(v.indicatorRole("评扣分标准")).not.toBe("full");
  expect(v.indicatorRole("中期指标值")).toBe("midterm");
  expect(v.indicatorRole("区域目标值/新罗区")).toBe("full");
});

/** One project table with the given indicator header and rows under a 项目名称 / 资金总额 block. */
function projectSheet(header: (string | number)[], rows: (string | number)[][], funding: (string | number)[][] = [["年度资金总额", 50]]): WorkbookSnapshot {
  return { sheets: [{ name: "表", origin: { row: 0, col: 0 }, merges: [], values: [["项目名称", "测试项目"], ...funding, header, ...rows] }] };
}

test("中期 and 年度 blocks on the same rows: both are checked, each finding on its own block's cell", () => {
  const r = validateWorkbook(
    projectSheet(["一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值"], [
      ["产出指标", "成本指标", "设备采购成本", "≥100万元", "≤40万元"],
      ["产出指标", "数量指标", "采购设备数量", "≥10台", "≥5台"],
    ]),
  );
  const cost = r.findings.filter((f) => f.rule === "indicator/cost-operator");
  expect(cost.map((f) => f.cell)).toEqual(["D4"]);
});

test("the target column of an area allocation form is the first area column", () => {
  const r = validateWorkbook(
    projectSheet(["一级指标", "二级指标", "三级指标", "指标方向", "笏石街道", "埭头镇"], [["产出指标", "数量指标", "修复工程", "≥", "公里", "1"]]),
  );
  expect(r.findings).toContainEqual(expect.objectContaining({ rule: "indicator/placeholder", cell: "E4" }));
});

test("a unit written in the indicator's name counts as its unit", () => {
  const r = validateWorkbook(projectSheet(["一级指标", "二级指标", "三级指标", "指标值"], [["产出指标", "数量指标", "新造林面积（亩）", "30000"], ["产出指标", "数量指标", "新造林面积", "30000"]]));
  expect(r.findings.filter((f) => f.rule === "indicator/unit").map((f) => f.cell)).toEqual(["D5"]);
});

test("amounts in 元 inside a 万元 table are reported once, on the largest", () => {
  const r = validateWorkbook(projectSheet(["一级指标", "二级指标", "三级指标", "指标值"], [["产出指标", "数量指标", "x", "1个"]], [["项目资金（万元）", "年度资金总额", 2751417.82], ["", "其中：财政拨款", 2751417.82]]));
  const scale = r.findings.filter((f) => f.rule === "funding/amount-precision" && /亿元/.test(f.message));
  expect(scale).toHaveLength(1);
});

test("the README's example: 慈溪's 项目具体目标表 added as a JSON form is read as that form, no longer as a split-off table", async () => {
  const { corpusWorkbook, loadCorpus } = await import("../scripts/corpus/evaluate");
  const { readWorkbookSnapshot } = await import("../src/cli/snapshot");
  const t = (await loadCorpus()).find((x) => x.id === "zhejiang-ningbo-cixi-2023-proj-1")!;
  const snap = await readWorkbookSnapshot(await corpusWorkbook(t));
  const before = validateWorkbook(snap);
  expect(before.findings.map((f) => f.rule)).toContain("layout/split-table");
  const forms = resolveForms(JSON.parse(readFileSync(path.join(__dirname, "..", "docs", "examples", "forms-zhejiang-cixi.json"), "utf8")));
  const after = validateWorkbook(snap, { forms });
  expect(after.tables.map((x) => [x.range, x.form?.id])).toEqual([["A1:D13", "zhejiang-project-goals"]]);
  expect(after.findings.map((f) => f.rule)).not.toContain("layout/split-table");
});
