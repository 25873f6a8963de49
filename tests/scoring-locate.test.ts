/** Locating self-evaluation and evaluation-report tables in odd places and spellings; never a crash. */
import ExcelJS from "exceljs";
import { buildTemplatePlan } from "../src/core/templates";
import { workbookFromPlan } from "../src/cli/renderPlan";
import { readWorkbookSnapshot } from "../src/cli/snapshot";
import { validateWorkbook } from "../src/core/validate";
import type { EvaluationReportTable, SelfEvaluationTable } from "../src/core/model";
import { goodSpec, roundTrip, selfEvalGrid, type Grid } from "./helpers/selfEvaluation";

test("two self-evaluations on one sheet, the second offset, with bracket and line-break header variants and blank-filled 一级", async () => {
  const second = goodSpec();
  second.name = "第二个项目";
  second.headers = { budget: "全年预算数\n(A)", executed: "全年执行数 （B）", actual: "实际完成值 ", reason: "偏差原因分析\n及改进措施" };
  second.merge1 = false;
  const snap = await roundTrip([{ name: "两表", grids: [{ grid: selfEvalGrid(goodSpec()) }, { at: { row: 25, col: 3 }, grid: selfEvalGrid(second) }] }]);
  const r = validateWorkbook(snap);
  const tables = r.located.filter((t): t is SelfEvaluationTable => t.kind === "self-evaluation");
  expect(tables.map((t) => [t.name, t.indicators.length, t.funds.length, t.total?.score?.value])).toEqual([
    ["职业技能培训项目", 6, 4, 86],
    ["第二个项目", 6, 4, 86],
  ]);
  const t2 = tables[1];
  expect(t2.indicators.map((i) => i.level1?.text)).toEqual(["产出指标", "产出指标", "产出指标", "效益指标", "效益指标", "满意度指标"]);
  expect(r.tables.map((t) => t.score?.total)).toEqual([86, 86]);
  expect(r.findings.filter((f) => f.rule.startsWith("score/") || f.rule.startsWith("layout/"))).toEqual([]);
});

test("a missing 得分 column is a layout finding, a title without an indicator header is unreadable; no crash", async () => {
  const g = selfEvalGrid(goodSpec());
  const header = g.rows.findIndex((r) => r[0] === "一级指标");
  g.rows[header][6] = "备注";
  const lonely: Grid = { rows: [["2024年项目支出绩效自评表"], ["项目名称", "孤立的标题"]], merges: [] };
  const snap = await roundTrip([{ name: "残表", grids: [{ grid: g }, { at: { row: 40, col: 0 }, grid: lonely }] }]);
  const r = validateWorkbook(snap);
  expect(r.findings.filter((f) => f.rule === "layout/missing-column").map((f) => f.message)).toContain("表头缺少“得分”列");
  expect(r.findings.filter((f) => f.rule === "layout/unreadable-table").map((f) => f.cell)).toEqual(["A41"]);
  expect(r.findings.filter((f) => f.rule === "internal/rule-failed")).toEqual([]);
});

test("the self-evaluation template (templates engineer) is read with its standard labels", async () => {
  const wb = workbookFromPlan(buildTemplatePlan("self-evaluation", { indicatorRows: 1 }));
  const ws = wb.worksheets[0];
  let header = 0;
  let fund = 0;
  ws.eachRow((row, n) => {
    row.eachCell((c) => {
      if (c.value === "一级指标" && !header) header = n;
      if (c.value === "年度资金总额" && !fund) fund = n;
    });
  });
  expect(header).toBeGreaterThan(0);
  // Fill the first indicator row and the fund total with values (formulas have no cached results outside Excel).
  ws.getCell(fund, 4).value = 200;
  ws.getCell(fund, 5).value = 150;
  ws.getCell(fund, 8).value = 7.5;
  const r1 = header + 1;
  ws.getCell(r1, 3).value = "培训人数";
  ws.getCell(r1, 4).value = "50人";
  ws.getCell(r1, 5).value = "40人";
  ws.getCell(r1, 6).value = 20;
  ws.getCell(r1, 7).value = 20;
  ws.getCell(r1, 9).value = "≥";
  const snap = await readWorkbookSnapshot(Buffer.from(await wb.xlsx.writeBuffer()));
  const r = validateWorkbook(snap);
  const t = r.located.find((x): x is SelfEvaluationTable => x.kind === "self-evaluation");
  expect(t).toBeDefined();
  expect(t!.funds.map((f) => f.label.text)).toEqual(["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]);
  expect(Object.keys(t!.fields).sort()).toEqual(["实施单位", "主管部门", "项目名称"].sort());
  expect(t!.total).toBeDefined();
  const item = r.tables.find((x) => x.kind === "self-evaluation")!.score!.items.find((i) => i.indicator === "培训人数")!;
  expect(item).toMatchObject({ weight: 20, computed: 16, entered: 20 }); // 40/50 × 20 with 指标性质 ≥
  expect(r.findings.filter((f) => f.rule === "score/entered-differs").map((f) => f.message)).toEqual(["“培训人数”得分 20，按公式应为 16（完成比例 80% × 分值 20）"]);
  expect(r.findings.filter((f) => f.rule.startsWith("layout/"))).toEqual([]);
});

test("report tables: header variants, blank-filled 项目名称, a 小计 row as the stated subtotal", async () => {
  const rows = [
    ["总目标", "权 重", "(2020年)目标值", "2020 年\n实现值", "自评分"],
    ["覆盖企业数", 2, "100 家", "120 家", 2],
    ["数据量", 2, "10 万条", "8 万条", 2],
    ["小计", 4, null, null, 3],
    [],
    ["项目名称", "明细目标", "权重", "目标值", "实际值", "得分"],
    ["甲项目", "接口数", 1, "≥30个", "18个", 0.6],
    [null, "库表数", 1, "≤5个", "4个", 1],
    ["乙项目", "满意度", 2, "90%", "95%", 0],
  ];
  const snap = await roundTrip([{ name: "报告", grids: [{ at: { row: 3, col: 2 }, grid: { rows, merges: [] } }] }]);
  const r = validateWorkbook(snap);
  const rep = r.located.filter((t): t is EvaluationReportTable => t.kind === "evaluation-report");
  expect(rep).toHaveLength(1);
  const [total, detail] = rep[0].blocks;
  expect(total.variant).toBe("total");
  expect(total.rows).toHaveLength(2);
  expect(total.stated).toMatchObject({ source: "row", weight: { value: 4 }, score: { value: 3 } });
  expect(detail.rows.map((x) => x.project?.text)).toEqual(["甲项目", "甲项目", "乙项目"]);
  const f = r.findings.filter((x) => x.rule.startsWith("score/")).map((x) => `${x.cell} ${x.rule}`);
  // 数据量 8 of 10 万条 scored full; 小计 3 vs 2 + 2 = 4; 乙项目 满意度 95% ≥ 90% scored 0. 接口数 18/30 = 60% → 0.6 is in band.
  expect(f.sort()).toEqual(["G6 score/missed-full", "G7 score/subtotal-mismatch", "H12 score/met-not-full"].sort());
});

test("sheets with nothing to find or odd values do not crash", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("杂");
  ws.getCell("A1").value = "总目标";
  ws.getCell("B1").value = "权重";
  ws.getCell("C1").value = "自评分";
  ws.getCell("A3").value = "一级指标";
  ws.getCell("B3").value = "三级指标";
  ws.getCell("C3").value = "实际完成值";
  ws.getCell("D3").value = "得分";
  ws.getCell("A4").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
  const r = validateWorkbook(await readWorkbookSnapshot(Buffer.from(await wb.xlsx.writeBuffer())));
  expect(r.findings.filter((f) => f.rule === "internal/rule-failed")).toEqual([]);
  expect(r.findings.some((f) => f.rule === "layout/unreadable-table" || f.rule === "layout/missing-column" || f.rule === "layout/missing-block")).toBe(true);
});
