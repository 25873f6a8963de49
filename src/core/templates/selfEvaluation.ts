/**
 * 项目支出绩效自评表, 财预〔2020〕10号 layout (domain-rules B1): eight printed columns A–H, plus three
 * scoring helper columns I–L right of the print area (指标性质, the scoring method it resolves to, and
 * the numbers read from the values).
 */
import { headingRows, headingThrough, titleOf } from "./heading";
import { headerRow, indicatorSection, LEVEL1_CHOICES, level2Choices, outcomeTreeOf } from "./indicators";
import type { ResolvedParams } from "./params";
import type { CellSpec, RowSpec, SpanSpec, TemplateSpec } from "./spec";

export const SELF_EVAL_FUND_PARTS = ["其中：当年财政拨款", "上年结转资金", "其他资金"] as const;
/** 指标性质 choices; ≥/≤/= are scored by formula, 定性 rows take the evaluator's score. */
export const NATURE_CHOICES = ["≥", "≤", "=", "定性"] as const;
export const EXECUTION_WEIGHT = 10;
export const TOTAL_WEIGHT = 100;

const A = 0, B = 1, C = 2, D = 3, E = 4, F = 5, G = 6, H = 7, I = 8, J = 9, K = 10, L = 11;

/**
 * The number in a written value: `≥95%` → 0.95, `≤15分钟` → 15, `=100次` → 100, a number as is, "" when
 * there is none. The LOOKUP over growing prefixes is the usual Excel idiom; LibreOffice evaluates it alike.
 */
export function numberInFormula(ref: string): string {
  let s = `TRIM(${ref})`;
  for (const op of ["≥", "≤", "=", ">", "<", "＝", "＞", "＜"]) s = `SUBSTITUTE(${s},"${op}","")`;
  const prefixes = Array.from({ length: 15 }, (_, i) => i + 1).join(",");
  return `IF(ISNUMBER(${ref}),${ref},IFERROR(-LOOKUP(1,-LEFT(${s},{${prefixes}})),""))`;
}

/**
 * How a row is scored: an operator written in the 年度指标值 itself (≥100次, <5%) wins over the picked
 * 指标性质, as the scoring engine reads it (src/core/scoring/assess.ts).
 */
export function effectiveNatureFormula(r: { self(col: number): string }): string {
  const first = `LEFT(TRIM(${r.self(D)}),1)`;
  return `IF(OR(${first}="≥",${first}=">"),"≥",IF(OR(${first}="≤",${first}="<"),"≤",IF(OR(${first}="=",${first}="＝"),"=",IF(${r.self(I)}="","",${r.self(I)}))))`;
}

/**
 * Indicator score per 财预〔2020〕10号 as issue #5 states it: ≥ → MIN(actual/target,1)×weight; ≤ → full
 * when actual ≤ target, else target/actual×weight; = → full when met, else the closer ratio×weight.
 * Blank (a 定性 row, no weight, unreadable numbers) leaves the cell for the evaluator. The helper
 * columns hold the scoring method (J) and the numbers read from the values (K, L).
 */
export function scoreFormula(r: { self(col: number): string }): string {
  const w = r.self(F), n = r.self(J), t = r.self(K), a = r.self(L);
  const ge = `MIN(${a}/${t},1)*${w}`;
  const le = `IF(${a}<=${t},${w},${t}/${a}*${w})`;
  const eq = `IF(${a}=${t},${w},MIN(${a}/${t},${t}/${a})*${w})`;
  return `IF(OR(${w}="",${n}="",${n}="定性",${t}="",${a}=""),"",IFERROR(IF(${n}="≥",${ge},IF(${n}="≤",${le},${eq})),""))`;
}

export function selfEvaluationSpec(p: ResolvedParams): TemplateSpec {
  const title = titleOf(p, "项目支出绩效自评表");
  const partKeys = SELF_EVAL_FUND_PARTS.map((_, i) => `part.${i}`);
  const sumParts = (col: number) => (r: Parameters<NonNullable<CellSpec["formula"]>>[0]) => `SUM(${r.range(partKeys[0], col, partKeys[partKeys.length - 1])})`;
  const rate = (r: Parameters<NonNullable<CellSpec["formula"]>>[0]) => `IFERROR(${r.self(E)}/${r.self(D)},"")`;
  const rows: RowSpec[] = [
    ...headingRows(p, title, `（${p.year}年度）`, H),
    { key: "name", height: 22, cells: [{ col: A, role: "label", value: "项目名称" }, { col: B, to: H, role: "inputCenter", anchor: "field.name" }] },
    {
      key: "dept",
      height: 22,
      cells: [
        { col: A, role: "label", value: "主管部门" },
        { col: B, to: D, role: "inputCenter", anchor: "field.department", value: p.unit?.name },
        { col: E, role: "label", value: "实施单位" },
        { col: F, to: H, role: "inputCenter", anchor: "field.implementer" },
      ],
    },
    headerRow("fundHeader", [[B, ""], [C, "年初预算数"], [D, "全年预算数（A）"], [E, "全年执行数（B）"], [F, "分值"], [G, "执行率（B/A）"], [H, "得分"]], "header", 30),
    {
      key: "fundTotal",
      cells: [
        { col: B, role: "label", value: "年度资金总额" },
        { col: C, role: "amountTotal", formula: sumParts(C), anchor: "fund.initial" },
        { col: D, role: "amountTotal", formula: sumParts(D), anchor: "fund.budget" },
        { col: E, role: "amountTotal", formula: sumParts(E), anchor: "fund.executed" },
        { col: F, role: "score", value: p.executionWeight, anchor: "fund.weight" },
        { col: G, role: "percentTotal", formula: rate, anchor: "fund.rate" },
        { col: H, role: "scoreTotal", formula: (r) => `IFERROR(MIN(${r.self(E)}/${r.self(D)},1)*${r.self(F)},"")`, anchor: "fund.score" },
      ],
    },
    ...SELF_EVAL_FUND_PARTS.map((label, i): RowSpec => ({
      key: partKeys[i],
      cells: [
        { col: B, role: "label", value: label },
        { col: C, role: "amount", anchor: `fund.part${i}.initial` },
        { col: D, role: "amount", anchor: `fund.part${i}.budget` },
        { col: E, role: "amount", anchor: `fund.part${i}.executed` },
        { col: F, role: "dash", value: "—" },
        { col: G, role: "percentTotal", formula: rate },
        { col: H, role: "dash", value: "—" },
      ],
    })),
    headerRow("goalHeader", [[B, E, "预期目标"], [F, H, "实际完成情况"]], "header", 22),
    { key: "goal", height: 64, cells: [{ col: B, to: E, role: "input", anchor: "goal.expected" }, { col: F, to: H, role: "input", anchor: "goal.actual" }] },
    headerRow(
      "indHeader",
      [[A, "一级指标"], [B, "二级指标"], [C, "三级指标"], [D, "年度指标值"], [E, "实际完成值"], [F, "分值"], [G, "得分"], [H, "偏差原因分析及改进措施"], [I, "指标性质"], [J, "计分方式"], [K, "目标数值"], [L, "完成数值"]],
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
        { col: F, role: "score" },
        { col: G, role: "scoreFormula", formula: scoreFormula },
        { col: H, role: "input" },
        { col: I, role: "choice", list: NATURE_CHOICES, prompt: { zh: "指标性质：≥、≤、= 自动计分；定性指标请直接填写得分", en: "≥, ≤ and = are scored by formula; enter the score of a 定性 (qualitative) row" } },
        { col: J, role: "helper", formula: effectiveNatureFormula },
        { col: K, role: "helper", formula: (r) => numberInFormula(r.self(D)) },
        { col: L, role: "helper", formula: (r) => numberInFormula(r.self(E)) },
      ],
    },
    rowsPerGroup: p.indicatorRows,
    groupRows: p.groupRows,
    level1List: p.lockGroups ? undefined : LEVEL1_CHOICES,
    level2List: p.lockGroups ? undefined : level2Choices(true),
    rowHeight: 20,
  });
  const lastInd = ind.rows[ind.rows.length - 1].key!;
  const firstInd = ind.rows[0].key!;
  const after: RowSpec[] = [
    {
      key: "total",
      height: 22,
      cells: [
        { col: A, to: E, role: "header", value: "总分" },
        // The weights' own sum, not a constant 100: a sheet whose weights add to 105 must show 105.
        { col: F, role: "scoreTotal", formula: (r) => `SUM(${r.cell("fundTotal", F)},${r.range(firstInd, F, lastInd)})`, anchor: "total.weight" },
        { col: G, role: "scoreTotal", formula: (r) => `SUM(${r.cell("fundTotal", H)},${r.range(firstInd, G, lastInd)})`, anchor: "total.score" },
        { col: H, role: "label" },
      ],
    },
    {
      key: "note",
      height: 42,
      cells: [
        {
          col: A,
          to: H,
          role: "note",
          value:
            "注：预算执行率得分 = MIN(执行率, 1) × 分值。定量指标的年度指标值写明 ≥、≤、= 即自动计分（财预〔2020〕10号）：≥ 按 实际/目标 × 分值（不超过分值）；≤ 未超目标得满分，否则按 目标/实际 × 分值；= 达到得满分。定性指标请按完成程度（100%–80%、80%–60%、60%–0%）直接填写得分。得分低于分值时须填写偏差原因分析及改进措施。分值合计应为 100。",
        },
      ],
    },
  ];
  return {
    kind: "self-evaluation",
    sheetName: "项目支出绩效自评表",
    title,
    // Portrait A4 like the 10号 form: narrow 分值/得分, every header on at most two lines (tests/templates.print.test.ts).
    columnWidths: [10, 18, 20, 12, 12, 7, 10, 22, 10, 10, 10, 10],
    tableCols: 8,
    rows: [...rows, ...ind.rows, ...after],
    spans: [...spans, ...ind.spans],
    repeatRows: { from: "title", through: headingThrough(p) },
    protect: p.protect,
  };
}
