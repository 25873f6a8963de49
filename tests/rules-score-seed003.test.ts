/**
 * Seed 003 (无锡市 2019 信息技术产业扶持资金 绩效评价报告): its scoring tables, transcribed with their mistakes,
 * written to a real .xlsx and read back. Every inconsistency the report holds is listed here and must be found
 * from the data; nothing else may be reported.
 */
import seed from "../fixtures/seeds/seed003.json";
import { buildSeed003Workbook } from "../scripts/fixtures/seed003Workbook";
import { readWorkbookSnapshot } from "../src/cli/snapshot";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import { a1 } from "../src/core/snapshot";
import { validateWorkbook, type ValidationResult } from "../src/core/validate";

let snap: WorkbookSnapshot;
let result: ValidationResult;

beforeAll(async () => {
  snap = await readWorkbookSnapshot(await buildSeed003Workbook());
  result = validateWorkbook(snap);
});

/** The Excel row of the first cell after `after` (a header label) whose text is `label`. */
function rowOf(sheet: string, label: string, after?: string): number {
  const s = snap.sheets.find((x) => x.name === sheet)!;
  let start = 0;
  if (after) start = s.values.findIndex((r) => r.some((v) => typeof v === "string" && v.replace(/\s/g, "") === after));
  for (let r = Math.max(start, 0); r < s.values.length; r++) if (s.values[r].some((v) => typeof v === "string" && v.trim() === label)) return r;
  throw new Error(`${sheet}: no "${label}"`);
}
const cell = (col: string, row: number) => `${col}${row + 1}`;
const sentence = (sheet: string, start: string) => {
  const s = snap.sheets.find((x) => x.name === sheet)!;
  const r = s.values.findIndex((row) => typeof row[0] === "string" && row[0].startsWith(start));
  return a1(r, 0);
};

interface Expect {
  sheet: string;
  rule: string;
  cell: string;
  /** A fragment of the Chinese message (names the numbers). */
  says: string;
}

function expected(): Expect[] {
  const C = "智慧城市";
  const G = "电子政务";
  const D = "项目名称"; // rows under the 明细 header
  return [
    // 智慧城市: completion 38/55 = 69.09%, stated 70%.
    { sheet: C, rule: "score/completion-count", cell: sentence(C, "2019年"), says: "38/55 = 69.09%，而写明完成率 70%" },
    // 专项管理类: 规范运作 stated 15, items 3 + 6 + 7 = 16.
    { sheet: C, rule: "score/subtotal-mismatch", cell: cell("E", rowOf(C, "规范运作")), says: "写明自评分 15" },
    // 绩效目标类 60, but 专项总目标 7 + 明细项目目标 43 = 50.
    { sheet: C, rule: "score/subtotal-mismatch", cell: cell("D", rowOf(C, "绩效目标类指标")), says: "写明权重 60" },
    // 合计 76.5, but 29 (management items) + 6 + 31.5 (the two target tables' rows) = 66.5.
    { sheet: C, rule: "score/subtotal-mismatch", cell: cell("E", rowOf(C, "合计")), says: "76.5，而 专项管理类指标 29 + 绩效目标类指标 37.5 为 66.5" },
    // 明细: stated 34.5 but the rows add up to 31.5; "共 55 个明细目标" but 48 rows (weights 43 do add up).
    { sheet: C, rule: "score/subtotal-mismatch", cell: sentence(C, "明细项目目标权重"), says: "写明自评分 34.5，而 48 行自评分之和 为 31.5" },
    { sheet: C, rule: "score/subtotal-mismatch", cell: sentence(C, "明细项目目标权重"), says: "写明共 55 个目标" },
    // 有效网评数据 10万条 = 10万条: met, scored 0.
    { sheet: C, rule: "score/met-not-full", cell: cell("F", rowOf(C, "有效网评数据的抓取和分析数", D)), says: "已实现却得 0 分" },
    // 提供出游服务人数 1万 (人) against 61 条订单.
    { sheet: C, rule: "score/unit-mismatch", cell: cell("E", rowOf(C, "提供出游服务人数", D)), says: "单位 万人" },
    // 旅行社 205 ≥ 200: met, scored 0.
    { sheet: C, rule: "score/met-not-full", cell: cell("F", rowOf(C, "旅行社信息采集与分析数", D)), says: "目标 200 家、实现 205 家" },
    // 星级酒店 42 < 50: missed, scored full.
    { sheet: C, rule: "score/missed-full", cell: cell("F", rowOf(C, "星级酒店信息采集与分析数", D)), says: "完成 84%" },
    // Partial scores off their completion band: 70% → 0.6–0.8, 90% → 0.8–1, 18/30 = 60% → 0.6–0.8; all scored 0.5.
    { sheet: C, rule: "score/partial-band", cell: cell("F", rowOf(C, "建成政府公共服务热线AI智能服务平台", D)), says: "完成 70%" },
    { sheet: C, rule: "score/partial-band", cell: cell("F", rowOf(C, "建成政务服务自助式智能服务系统", D)), says: "完成 90%" },
    { sheet: C, rule: "score/partial-band", cell: cell("F", rowOf(C, "对接国家政务信息资源共享网站库表接口数", D)), says: "完成 60%（18个/30个）" },

    // 电子政务: 共 27 but 5 + 23 = 28 rows; 明细 22 stated but 23 rows; 20/22 = 90.91% stated as 86.96% (= 20/23).
    { sheet: G, rule: "score/completion-count", cell: sentence(G, "2019年"), says: "绩效目标写明共 27 个，而表中有 28 个目标" },
    { sheet: G, rule: "score/completion-count", cell: sentence(G, "2019年"), says: "明细项目绩效目标写明共 22 个，而表中有 23 个目标" },
    { sheet: G, rule: "score/completion-count", cell: sentence(G, "2019年"), says: "20/22 = 90.91%，而写明完成率 86.96%" },
    // 目标设置 stated 8 / 6, items 3 + 3 = 6 / 4 + 4 = 8; each item scored 4 of 3.
    { sheet: G, rule: "score/subtotal-mismatch", cell: cell("D", rowOf(G, "目标设置")), says: "写明权重 8" },
    { sheet: G, rule: "score/subtotal-mismatch", cell: cell("E", rowOf(G, "目标设置")), says: "写明自评分 6" },
    { sheet: G, rule: "score/above-weight", cell: cell("E", rowOf(G, "绩效目标合理性")), says: "得分 4 超过分值 3" },
    { sheet: G, rule: "score/above-weight", cell: cell("E", rowOf(G, "绩效目标明确性")), says: "得分 4 超过分值 3" },
    // 绩效目标类 60 but 10 + 40 = 50; 合计 81 but 28 + 8 + 35 = 71.
    { sheet: G, rule: "score/subtotal-mismatch", cell: cell("D", rowOf(G, "绩效目标类指标")), says: "写明权重 60" },
    { sheet: G, rule: "score/subtotal-mismatch", cell: cell("E", rowOf(G, "合计")), says: "81，而 专项管理类指标 28 + 绩效目标类指标 43 为 71" },
    // 明细 stated 37, rows 35.
    { sheet: G, rule: "score/subtotal-mismatch", cell: sentence(G, "明细项目目标权重"), says: "写明自评分 37，而 23 行自评分之和 为 35" },
    // CIO 受训人天 800 against 104 人.
    { sheet: G, rule: "score/unit-mismatch", cell: cell("E", rowOf(G, "CIO 和信息安全员受训人天", D)), says: "单位 人天" },
    // 市(县)区信息化实战运用能力 99% of 100%: band 1.6–2, scored 1.
    { sheet: G, rule: "score/partial-band", cell: cell("F", rowOf(G, "市(县)区信息化实战运用能力", D)), says: "应得 1.6–2 分" },
    // 提交的社情民意占比 87% ≥ 45%: met, scored 1 of 2.
    { sheet: G, rule: "score/met-not-full", cell: cell("F", rowOf(G, "提交的社情民意占比", D)), says: "只得 1 分（权重 2）" },
    // 对部门人员进行有效监管: no 实现值.
    { sheet: G, rule: "score/missing-actual", cell: cell("E", rowOf(G, "对部门人员进行有效监管", D)), says: "未填写实际完成值" },
  ];
}

test("the fixture transcribes the report's tables (48 + 7 and 23 + 5 target rows)", () => {
  const funds = (seed as { funds: { sheet: string; totals: unknown[]; details: { weight: number }[] }[] }).funds;
  expect(funds.map((f) => [f.sheet, f.totals.length, f.details.length])).toEqual([
    ["智慧城市", 7, 48],
    ["电子政务", 5, 23],
  ]);
});

test("one evaluation report per fund sheet, with index, 总目标 and 明细 blocks and the completion clauses", () => {
  const reports = result.located.filter((t) => t.kind === "evaluation-report");
  expect(reports.map((t) => t.sheet)).toEqual(["智慧城市", "电子政务"]);
  for (const t of reports) {
    if (t.kind !== "evaluation-report") continue;
    expect(t.blocks.map((b) => b.variant)).toEqual(["index", "total", "detail"]);
    expect(t.completion.map((c) => c.scope)).toEqual(["all", "total", "detail"]);
  }
  const city = reports[0].kind === "evaluation-report" ? reports[0] : undefined;
  const detail = city!.blocks.find((b) => b.variant === "detail")!;
  expect(detail.rows).toHaveLength(48);
  // 项目名称 filled down from the merge.
  expect(detail.rows.find((r) => r.indicator?.text === "星级酒店信息采集与分析数")?.project?.text).toBe("智慧全域旅游项目");
  expect(detail.stated).toMatchObject({ source: "text", weight: { value: 43 }, score: { value: 34.5 }, count: { value: 55 } });
});

test("every inconsistency of the report is found, and nothing else", () => {
  const got = result.findings.filter((f) => f.rule.startsWith("score/") || f.rule.startsWith("layout/"));
  const want = expected();
  for (const w of want) {
    const hit = got.find((f) => f.sheet === w.sheet && f.rule === w.rule && f.cell === w.cell && f.message.includes(w.says));
    if (!hit) throw new Error(`missing: ${JSON.stringify(w)}\nfound at that cell: ${JSON.stringify(got.filter((f) => f.sheet === w.sheet && f.cell === w.cell).map((f) => `${f.rule} ${f.message}`))}`);
  }
  const extra = got.filter((f) => !want.some((w) => f.sheet === w.sheet && f.rule === w.rule && f.cell === w.cell && f.message.includes(w.says)));
  expect(extra.map((f) => `${f.sheet}!${f.cell} ${f.rule} ${f.message}`)).toEqual([]);
  expect(got).toHaveLength(want.length);
});

test("consistent rows raise nothing: a missed target scored 0, met ones scored full, dates, ranges", () => {
  const quiet = (sheet: string, label: string) => {
    const r = rowOf(sheet, label, "项目名称");
    const cells = ["A", "B", "C", "D", "E", "F"].map((c) => cell(c, r));
    return result.findings.filter((f) => f.sheet === sheet && cells.includes(f.cell));
  };
  expect(quiet("智慧城市", "城市大数据中心数据汇聚部门总数")).toEqual([]); // 70 vs 42, scored 0
  expect(quiet("智慧城市", "对接省政务信息资源共享网站库表接口数")).toEqual([]); // 3/60, scored 0
  expect(quiet("智慧城市", "项目验收完成")).toEqual([]); // 12月3日 before the 12月31日 deadline
  expect(quiet("智慧城市", "新增民生服务功能数")).toEqual([]); // 1至2个 → 2
  expect(quiet("电子政务", "无锡市网站群的站点在江苏省平均抽查合格率")).toEqual([]); // 99% ≥ 90%, full
});

test("scores: Σ of the rows against the stated totals", () => {
  const s = result.tables.map((t) => [t.sheet, t.score?.total, t.score?.stated, t.score?.grade]);
  // 智慧城市: 0+0+5+3+6+7+4+4 = 29, + 6 (总目标) + 31.5 (明细) = 66.5 → 中; stated 76.5.
  // 电子政务: 0+0+5+2+6+7+4+4 = 28, + 8 + 35 = 71 → 中; stated 81.
  expect(s).toEqual([
    ["智慧城市", 66.5, 76.5, "中"],
    ["电子政务", 71, 81, "中"],
  ]);
  const city = result.tables[0].score!;
  const row = city.items.find((i) => i.indicator === "城市大数据中心二期建设项目 / 城市大数据中心数据汇聚部门总数")!;
  expect(row).toMatchObject({ weight: 1, computed: 0.6, entered: 0 }); // 42/70 × 1
  expect(row.cell).toBe(cell("F", rowOf("智慧城市", "城市大数据中心数据汇聚部门总数", "项目名称")));
});
