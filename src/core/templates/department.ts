/** 部门整体绩效目标表, the layout of seed 002: seven columns A–G, with the 履职 block. */
import { headingRows, headingThrough, titleOf } from "./heading";
import { DEPARTMENT_PROCESS_ROWS, headerRow, indicatorSection, level2Choices, outcomeTreeOf } from "./indicators";
import type { ResolvedParams } from "./params";
import type { RowSpec, SpanSpec, TemplateSpec } from "./spec";
import { joinSections } from "./spec";

export const APPROPRIATION_PARTS = ["一般公共预算资金", "政府性基金", "财政专户管理资金"] as const;
export const DEPARTMENT_OTHER_SOURCES = ["国有资本金", "社保基金", "上年结转资金", "其他资金"] as const;

const A = 0, B = 1, C = 2, D = 3, E = 4, F = 5, G = 6;

function textField(key: string, label: string, height: number): RowSpec {
  return { key, height, cells: [{ col: A, role: "label", value: label }, { col: B, to: G, role: "input", anchor: `field.${key}` }] };
}

export function departmentSpec(p: ResolvedParams): TemplateSpec {
  const title = titleOf(p, "部门整体绩效目标表");
  const last = DEPARTMENT_OTHER_SOURCES.length - 1;
  const rows: RowSpec[] = [
    ...headingRows(p, title, `（${p.year}年度）`, G),
    { key: "unit", height: 22, cells: [{ col: A, role: "label", value: "单位名称" }, { col: B, to: G, role: "inputCenter", anchor: "field.unit", value: p.unit?.name }] },
    textField("functions", "单位主要职能", 72),
    textField("organisation", "机构设置及人员配置", 60),
    { key: "inHeader", height: 22, cells: [{ col: C, to: F, role: "label" }, { col: G, role: "header", value: "全年预算数" }] },
    {
      key: "total",
      cells: [
        { col: C, to: F, role: "label", value: "资金总额" },
        { col: G, role: "amountTotal", formula: (r) => `SUM(${r.cell("sub", G)},${r.range("other.0", G, `other.${last}`)})`, anchor: "funding.total" },
      ],
    },
    {
      key: "sub",
      cells: [
        { col: D, to: F, role: "label", value: "小计" },
        { col: G, role: "amountTotal", formula: (r) => `SUM(${r.range("part.0", G, `part.${APPROPRIATION_PARTS.length - 1}`)})`, anchor: "funding.appropriation" },
      ],
    },
    ...APPROPRIATION_PARTS.map((s, i): RowSpec => ({ key: `part.${i}`, cells: [{ col: D, to: F, role: "label", value: s }, { col: G, role: "amount", anchor: `funding.source.${s}` }] })),
    ...DEPARTMENT_OTHER_SOURCES.map((s, i): RowSpec => ({ key: `other.${i}`, cells: [{ col: C, to: F, role: "label", value: s }, { col: G, role: "amount", anchor: `funding.source.${s}` }] })),
    { key: "outHeader", height: 22, cells: [{ col: C, to: E, role: "label" }, { col: F, role: "header", value: "半年计划执行数" }, { col: G, role: "header", value: "全年预算数" }] },
    { key: "basic", cells: [{ col: C, to: E, role: "label", value: "基本支出" }, { col: F, role: "amount", anchor: "expense.basic.half" }, { col: G, role: "amount", anchor: "expense.basic.full" }] },
    {
      key: "projects",
      cells: [
        { col: C, to: E, role: "label", value: "项目支出" },
        { col: F, role: "amountTotal", formula: (r) => `SUM(${r.range("line", F)})`, anchor: "expense.projects.half" },
        { col: G, role: "amountTotal", formula: (r) => `SUM(${r.range("line", G)})`, anchor: "expense.projects.full" },
      ],
    },
    {
      key: "line",
      repeat: p.expenseLines,
      cells: [{ col: C, to: E, role: "input", anchor: "expense.name" }, { col: F, role: "amount", anchor: "expense.half" }, { col: G, role: "amount", anchor: "expense.full" }],
    },
    textField("longTerm", "中长期目标", 60),
    textField("annual", "年度目标", 60),
    headerRow("indHeader", [[A, "一级指标"], [B, "二级指标"], [C, E, "三级指标"], [F, "半年指标值"], [G, "全年指标值"]], "header", 22),
  ];
  const spans: SpanSpec[] = [
    { col: A, from: "inHeader", through: `line`, role: "group", value: `部门整体资金（${p.amountUnit}）` },
    { col: B, from: "inHeader", through: `other.${last}`, role: "group", value: "收入" },
    { col: C, from: "sub", through: `part.${APPROPRIATION_PARTS.length - 1}`, role: "group", value: "财政拨款" },
    { col: B, from: "outHeader", through: "line", role: "group", value: "支出" },
  ];
  const std = indicatorSection(DEPARTMENT_PROCESS_ROWS, { keyPrefix: "std", layout: { l1: A, l2: B, l3: C, l3To: E, values: [F, G] }, rowsPerGroup: 1 });

  // 履职: 二级 (the duty), 重点工作 and 对应项目 are the unit's own words, so every cell is an input.
  const duty: RowSpec[] = [
    headerRow("dutyHeader", [[A, "一级指标"], [B, "二级指标"], [C, "重点工作"], [D, "对应项目"], [E, "三级指标"], [F, "半年指标值"], [G, "全年指标值"]], "header", 22),
    {
      key: "duty",
      repeat: p.dutyRows,
      height: 30,
      cells: [
        { col: B, role: "input" },
        { col: C, role: "input" },
        { col: D, role: "input" },
        { col: E, role: "input" },
        { col: F, role: "inputCenter" },
        { col: G, role: "inputCenter" },
      ],
    },
  ];
  const dutySpan: SpanSpec = { col: A, from: "duty", through: "duty", role: "group", value: "履职" };
  // 产出 is the 履职 block's part of a department table; its own groups are the effects.
  const effect = indicatorSection(outcomeTreeOf(false, p.indicatorGroups, p.requiredRows).filter((g) => g.level1 !== "产出指标"), {
    keyPrefix: "out",
    layout: { l1: A, l2: B, l3: C, l3To: E, values: [F, G] },
    rowsPerGroup: p.indicatorRows,
    groupRows: p.groupRows,
    level1List: p.lockGroups ? undefined : ["效益指标", "满意度指标", "成本指标"],
    level2List: p.lockGroups ? undefined : level2Choices(false),
    rowHeight: 20,
  });
  const ind = joinSections(std, { rows: duty, spans: [dutySpan] }, effect);
  return {
    kind: "department",
    sheetName: "部门整体绩效目标表",
    title,
    // Portrait A4 at about 86%: every label on at most two lines (tests/templates.print.test.ts).
    columnWidths: [14, 18, 16, 16, 22, 14, 14],
    tableCols: 7,
    rows: [...rows, ...ind.rows],
    spans: [...spans, ...ind.spans],
    repeatRows: { from: "title", through: headingThrough(p) },
    protect: p.protect,
  };
}
