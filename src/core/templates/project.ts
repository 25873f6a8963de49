/** 项目支出绩效目标表, the Wuxi layout of seed 000: five columns A–E. */
import { headingRows, headingThrough, titleOf } from "./heading";
import { headerRow, indicatorSection, LEVEL1_CHOICES, level2Choices, outcomeTreeOf, PROJECT_PROCESS_ROWS } from "./indicators";
import type { ResolvedParams } from "./params";
import type { RowSpec, SpanSpec, TemplateSpec } from "./spec";
import { joinSections } from "./spec";

export const PROJECT_TYPES = ["常年安排项目", "分年度安排项目", "一次性项目"] as const;
export const PROJECT_LEVELS = ["省级", "市本级", "区县级"] as const;

/** Income sources under 资金总额, in the seed's order. */
export const PROJECT_SOURCES = ["一般公共预算资金", "政府性基金", "国有资本金", "社保基金", "财政专户管理资金", "上年结转资金", "其他资金"] as const;

const A = 0, B = 1, C = 2, D = 3, E = 4;

function field(key: string, l1: string, l2: string, opts: { list1?: readonly string[]; list2?: readonly string[]; height?: number; anchor2?: string; value2?: string } = {}): RowSpec {
  return {
    key,
    height: opts.height,
    cells: [
      { col: A, role: "label", value: l1 },
      { col: B, to: C, role: opts.list1 ? "choice" : "inputCenter", list: opts.list1, anchor: `field.${key}` },
      { col: D, role: "label", value: l2 },
      { col: E, role: opts.list2 ? "choice" : "inputCenter", list: opts.list2, anchor: opts.anchor2, value: opts.value2 },
    ],
  };
}

function textField(key: string, label: string, height: number): RowSpec {
  return { key, height, cells: [{ col: A, role: "label", value: label }, { col: B, to: E, role: "input", anchor: `field.${key}` }] };
}

export function projectSpec(p: ResolvedParams): TemplateSpec {
  const title = titleOf(p, "项目支出绩效目标表");
  const rows: RowSpec[] = [
    ...headingRows(p, title, `（${p.year}年度）`, E),
    field("name", "项目名称", "主管部门", { anchor2: "field.department", value2: p.unit?.name }),
    field("type", "项目类型", "项目级次", { list1: PROJECT_TYPES, list2: PROJECT_LEVELS }),
    field("time", "开始时间", "完成时间"),
    field("unit", "实施单位", "项目负责人/联系电话", { height: 30 }),
    textField("necessity", "立项必要性", 60),
    textField("feasibility", "实施可行性", 60),
    textField("content", "项目实施内容", 60),
    // Funding: 收入 sources, then 支出 lines.
    { key: "inHeader", height: 30, cells: [{ col: C, to: D, role: "label" }, { col: E, role: "header", value: "全年（程）预算数" }] },
    {
      key: "total",
      cells: [
        { col: C, to: D, role: "label", value: "资金总额" },
        { col: E, role: "amountTotal", formula: (r) => `SUM(${r.range("src.0", E, `src.${PROJECT_SOURCES.length - 1}`)})`, anchor: "funding.total" },
      ],
    },
    ...PROJECT_SOURCES.map((s, i): RowSpec => ({
      key: `src.${i}`,
      cells: [{ col: C, to: D, role: "label", value: s }, { col: E, role: "amount", anchor: `funding.source.${s}` }],
    })),
    { key: "outHeader", height: 30, cells: [{ col: C, role: "label" }, { col: D, role: "header", value: "半年（程）计划执行数" }, { col: E, role: "header", value: "全年（程）预算数" }] },
    {
      key: "exp",
      repeat: p.expenseLines,
      cells: [{ col: C, role: "input", anchor: "expense.name" }, { col: D, role: "amount", anchor: "expense.half" }, { col: E, role: "amount", anchor: "expense.full" }],
    },
    {
      key: "expTotal",
      cells: [
        { col: C, role: "label", value: "合计" },
        { col: D, role: "amountTotal", formula: (r) => `SUM(${r.range("exp", D)})`, anchor: "expense.total.half" },
        { col: E, role: "amountTotal", formula: (r) => `SUM(${r.range("exp", E)})`, anchor: "expense.total.full" },
      ],
    },
    textField("longTerm", "中长期目标", 60),
    textField("annual", "年度目标", 60),
    headerRow("indHeader", [[A, "一级指标"], [B, "二级指标"], [C, "三级指标"], [D, "半年（程）指标值"], [E, "全年（程）指标值"]], "header", 30),
  ];
  const spans: SpanSpec[] = [
    { col: A, from: "inHeader", through: "expTotal", role: "group", value: `项目资金（${p.amountUnit}）` },
    { col: B, from: "inHeader", through: `src.${PROJECT_SOURCES.length - 1}`, role: "group", value: "收入" },
    { col: B, from: "outHeader", through: "expTotal", role: "group", value: "支出" },
  ];
  const layout = { l1: A, l2: B, l3: C, values: [D, E] };
  const ind = joinSections(
    indicatorSection(PROJECT_PROCESS_ROWS, { keyPrefix: "std", layout, rowsPerGroup: 1 }),
    indicatorSection(outcomeTreeOf(false, p.indicatorGroups, p.requiredRows), {
      keyPrefix: "out",
      layout,
      rowsPerGroup: p.indicatorRows,
      groupRows: p.groupRows,
      level1List: p.lockGroups ? undefined : LEVEL1_CHOICES,
      level2List: p.lockGroups ? undefined : level2Choices(false),
      rowHeight: 20,
    }),
  );
  return {
    kind: "project",
    sheetName: "项目绩效目标表",
    title,
    columnWidths: [14, 14, 36, 22, 22],
    tableCols: 5,
    rows: [...rows, ...ind.rows],
    spans: [...spans, ...ind.spans],
    repeatRows: { from: "title", through: headingThrough(p) },
    protect: p.protect,
  };
}
