/**
 * 项目支出绩效运行监控表 (双监控, 财预〔2019〕136号 layout as the provinces print it): budget execution to month
 * N (1–N月执行数, 执行率, 全年预计执行数) and each indicator's progress, forecast and likelihood, ten printed
 * columns A–J. The months are a parameter (default 7: 1–7月, the national mid-year round).
 */
import { vocabularyOf } from "../forms/vocabulary";
import { headingRows, headingThrough, titleOf } from "./heading";
import { headerRow, indicatorSection, LEVEL1_CHOICES, level2Choices, outcomeTreeOf } from "./indicators";
import type { ResolvedParams } from "./params";
import type { CellSpec, RowSpec, SpanSpec, TemplateSpec } from "./spec";

export const MONITORING_FUND_PARTS = ["其中：财政拨款", "其他资金"] as const;
/** Tick-box lines of the header, as the forms print them: the clerk replaces a □ with √. */
export const MONITORING_TICK_LINES: readonly (readonly [string, string])[] = [
  ["项目属性", "□新增项目　□延续项目"],
  ["项目类型", "□常年性项目　□一次性项目"],
];

const A = 0, B = 1, C = 2, D = 3, E = 4, F = 5, G = 6, H = 7, I = 8, J = 9;

export function monitoringSpec(p: ResolvedParams): TemplateSpec {
  const title = titleOf(p, "项目支出绩效运行监控表");
  const n = p.month;
  const period = `1-${n}月`;
  const mo = vocabularyOf().monitoring;
  const partKeys = MONITORING_FUND_PARTS.map((_, i) => `part.${i}`);
  type Ref = Parameters<NonNullable<CellSpec["formula"]>>[0];
  const sumParts = (col: number) => (r: Ref) => `SUM(${r.range(partKeys[0], col, partKeys[partKeys.length - 1])})`;
  const rate = (r: Ref) => `IFERROR(${r.self(D)}/${r.self(C)},"")`;
  const rows: RowSpec[] = [
    ...headingRows(p, title, `（${p.year}年${period}）`, J),
    { key: "name", height: 22, cells: [{ col: A, role: "label", value: "项目名称" }, { col: B, to: J, role: "inputCenter", anchor: "field.name" }] },
    {
      key: "dept",
      height: 22,
      cells: [
        { col: A, role: "label", value: "主管部门" },
        { col: B, to: E, role: "inputCenter", anchor: "field.department", value: p.unit?.name },
        { col: F, role: "label", value: "实施单位" },
        { col: G, to: J, role: "inputCenter", anchor: "field.implementer" },
      ],
    },
    ...MONITORING_TICK_LINES.map(([label, options], i): RowSpec => ({
      key: `tick.${i}`,
      height: 22,
      cells: [{ col: A, role: "label", value: label }, { col: B, to: J, role: "input", value: options, anchor: `field.tick${i}` }],
    })),
    headerRow("fundHeader", [[B, ""], [C, "年初预算数"], [D, `${period}执行数`], [E, `${period}执行率`], [F, "全年预计执行数"], [G, J, "序时进度"]], "header", 30),
    {
      key: "fundTotal",
      cells: [
        { col: B, role: "label", value: "年度资金总额" },
        { col: C, role: "amountTotal", formula: sumParts(C), anchor: "fund.budget" },
        { col: D, role: "amountTotal", formula: sumParts(D), anchor: "fund.executed" },
        { col: E, role: "percentTotal", formula: rate, anchor: "fund.rate" },
        { col: F, role: "amountTotal", formula: sumParts(F), anchor: "fund.forecast" },
        // The time elapsed: the execution light compares the rate with it (docs/monitoring.md).
        { col: G, to: J, role: "percentTotal", value: n / 12, anchor: "fund.pace" },
      ],
    },
    ...MONITORING_FUND_PARTS.map((label, i): RowSpec => ({
      key: partKeys[i],
      cells: [
        { col: B, role: "label", value: label },
        { col: C, role: "amount", anchor: `fund.part${i}.budget` },
        { col: D, role: "amount", anchor: `fund.part${i}.executed` },
        { col: E, role: "percentTotal", formula: rate },
        { col: F, role: "amount", anchor: `fund.part${i}.forecast` },
        { col: G, to: J, role: "dash", value: "—" },
      ],
    })),
    headerRow("goalHeader", [[B, E, "年初设定目标"], [F, J, `${period}实际完成情况`]], "header", 22),
    { key: "goal", height: 64, cells: [{ col: B, to: E, role: "input", anchor: "goal.target" }, { col: F, to: J, role: "input", anchor: "goal.actual" }] },
    headerRow(
      "indHeader",
      [[A, "一级指标"], [B, "二级指标"], [C, "三级指标"], [D, "年度指标值"], [E, `${period}执行情况`], [F, "全年预计完成情况"], [G, "完成目标可能性"], [H, "偏差原因分析"], [I, "完善措施"], [J, "备注"]],
      "header",
      30,
    ),
  ];
  const spans: SpanSpec[] = [
    { col: A, from: "fundHeader", through: partKeys[partKeys.length - 1], role: "group", value: `项目资金（${p.amountUnit}）` },
    { col: A, from: "goalHeader", through: "goal", role: "group", value: "年度总体目标" },
  ];
  const ind = indicatorSection(outcomeTreeOf(true, p.indicatorGroups, p.requiredRows), {
    keyPrefix: "ind",
    layout: {
      l1: A,
      l2: B,
      l3: C,
      values: [D],
      extraCells: () => [
        { col: E, role: "inputCenter" },
        { col: F, role: "inputCenter" },
        { col: G, role: "choice", list: mo.likelihoodChoices, prompt: { zh: "完成目标可能性：确定能 / 有可能 / 完全不可能；后两者须写明偏差原因和完善措施", en: "Likelihood of meeting the target; anything but 确定能 needs a reason and a remedy" } },
        { col: H, role: "choice", list: mo.reasonChoices, prompt: { zh: "偏差原因：经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他（可补充说明）", en: "Cause of the deviation (funding, rules, staff, equipment, other)" } },
        { col: I, role: "input" },
        { col: J, role: "input" },
      ],
    },
    rowsPerGroup: p.indicatorRows,
    groupRows: p.groupRows,
    level1List: p.lockGroups ? undefined : LEVEL1_CHOICES,
    level2List: p.lockGroups ? undefined : level2Choices(true),
    rowHeight: 20,
  });
  const after: RowSpec[] = [
    {
      key: "note",
      height: 42,
      cells: [
        {
          col: A,
          to: J,
          role: "note",
          value: `注：执行率 = ${period}执行数 ÷ 年初预算数；序时进度 = ${n}/12。执行率低于序时进度的 60% 为红灯，60%–80% 为黄灯，80% 及以上为绿灯。完成目标可能性为“有可能”或“完全不可能”的指标，须填写偏差原因分析和完善措施（财预〔2019〕136号）。`,
        },
      ],
    },
  ];
  return {
    kind: "monitoring",
    sheetName: "绩效运行监控表",
    title,
    // Portrait A4 like the other forms: every header on at most two lines (tests/templates.print.test.ts).
    columnWidths: [8, 15, 16, 11, 11, 11, 10, 11, 12, 8],
    tableCols: 10,
    rows: [...rows, ...ind.rows, ...after],
    spans: [...spans, ...ind.spans],
    repeatRows: { from: "title", through: headingThrough(p) },
    protect: p.protect,
  };
}
