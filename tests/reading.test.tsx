/** @jest-environment jsdom */
/**
 * The Reading (src/core/reading): tree names told by content, an indicator table found by what its cells
 * hold when its header words are unknown, silence where a role is unsure, and `perfcheck inspect` and the
 * pane's 读作… view showing the same Reading of the same workbook.
 */
import * as React from "react";
import { promises as fs } from "node:fs";
import path from "node:path";
import { render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { treeClassifier } from "../src/core/reading/tree";
import { NATIONAL_PROFILE, resolveProfile } from "../src/core/profile";
import { validateWorkbook } from "../src/core/validate";
import { readWorkbook, renderReading, type WorkbookReading } from "../src/core/reading/inspect";
import { ReadingView } from "../src/taskpane/components/ReadingView";
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from "node:util";
import { sheet, workbook } from "./helpers/grid";

// jsdom (for the pane's view) lacks the platform's decoders the CLI's reader uses: the CLI modules are
// loaded after these are in place.
Object.assign(globalThis, { TextDecoder: NodeTextDecoder, TextEncoder: NodeTextEncoder });
const cliModules = async () => ({ ...(await import("../src/cli/commands/inspect")), ...(await import("../src/cli/xlsx/reader")) });

const tree = treeClassifier(NATIONAL_PROFILE.trees);

test("tree names are told by what the cell says, in the spellings real tables use", () => {
  expect(tree("产出指标")).toMatchObject({ level: 1, group: "产出" });
  expect(tree("产出指标 (40-50)分")).toMatchObject({ level: 1, group: "产出" });
  expect(tree("效益指标（30分）")).toMatchObject({ level: 1, group: "效益" });
  expect(tree("数量指标")).toMatchObject({ level: 2, group: "产出", name: "数量" });
  expect(tree("产出数量指标")).toMatchObject({ level: 2, group: "产出", name: "数量" });
  expect(tree("经济效益指标")).toMatchObject({ level: 2, group: "效益" });
  expect(tree("社会公众或服务对象满意度指标")?.group).toBe("满意度");
  // An indicator's own name is no tree name, even when it says 满意度.
  expect(tree("市民满意度")).toBeUndefined();
  expect(tree("享受资助人数")).toBeUndefined();
});

/** A table laid out as 河北 宁晋 lays it: no 一级/二级/三级 header words, a group column for 一级. */
function ningjinLike(): ReturnType<typeof workbook> {
  return workbook(
    sheet(
      "高中助学金",
      [
        ["2019年度高中助学金项目绩效评价指标表", "", "", "", "", "", ""],
        ["评价指标", "评价内容", "指标名称", "指标说明", "目标值", "分值", "备注"],
        ["项目年度绩效目标", "制度指标", "规章制度建立与否", "", "", 20, ""],
        ["", "产出数量指标", "享受资助人数", "达到预计值", 2100, 10, ""],
        ["", "", "资金支出率", "达到目标值", "95%", 10, ""],
        ["", "质量指标", "建档立卡学生全面覆盖", "", "100%", 10, ""],
        ["", "时效指标", "及时发放率", "达到目标值", "100%", 20, ""],
        ["", "成本指标", "资助标准达标率", "", "100%", 20, ""],
      ],
      ["A1:G1", "A3:A8", "B4:B5"],
    ),
  );
}

test("an indicator table whose header words are unknown is found by its content", () => {
  const r = readWorkbook(ningjinLike());
  const t = r.sheets[0].tables[0];
  expect(t.by).toBe("content");
  expect(t.headerRow).toBe(2);
  const role = (c: string) => t.columns.find((x) => x.column === c)?.role;
  expect(role("B")).toBe("level2");
  expect(role("C")).toBe("level3");
  expect(role("E")).toBe("full");
  expect(role("F")).toBe("weight");
  expect(t.rows.filter((x) => x.role === "indicator").map((x) => x.row)).toEqual([3, 4, 5, 6, 7, 8]);
  // No 一级 names down any column: the group column stands for 一级, and the Reading says it is unsure.
  expect(t.unsure).toContain("level1");
});

test("where the Reading is unsure of a role the rules that need it stay silent, and one info finding says so", () => {
  const res = validateWorkbook(ningjinLike());
  expect(res.findings.filter((f) => f.rule === "indicator/level2-under-level1" || f.rule === "indicator/required-groups")).toEqual([]);
  const info = res.findings.filter((f) => f.rule === "layout/unsure-reading");
  expect(info).toHaveLength(1);
  expect(info[0].severity).toBe("info");
  expect(info[0].message).toContain("一级指标");
  // Rules that need only sure roles still run: 2100 has no unit.
  expect(res.findings.some((f) => f.rule === "indicator/unit" && f.cell === "E4")).toBe(true);
  // And the same table with 一级 names written in the group column reads them, sure of 一级.
  const sure = ningjinLike();
  sure.sheets[0].values[2][0] = "产出指标";
  expect(readWorkbook(sure).sheets[0].tables[0].unsure).not.toContain("level1");
});

test("a region's own indicator tree in its profile is what the Reading tells tree columns by", () => {
  // Header words PerfCheck does not know, tree names only a region's profile has.
  const wb = workbook(
    sheet(
      "考核表",
      [
        ["2024年度项目绩效目标表", "", "", "", ""],
        ["项目名称", "机关运行保障", "", "", ""],
        ["考核维度", "考核要点", "考核内容", "目标", "分值"],
        ["履职效能", "职能履行", "重点任务完成数", "≥12项", 30],
        ["", "", "督办事项办结率", "≥95%", 20],
        ["", "社会评价", "群众来访回复率", "=100%", 20],
        ["管理效率", "预算管理", "预算执行率", "≥90%", 20],
        ["", "资产管理", "资产盘点完成率", "=100%", 10],
      ],
      ["A1:E1", "B2:E2", "A4:A6", "B4:B5", "A7:A8"],
    ),
  );
  const regional = resolveProfile({ id: "region-test", trees: { ...NATIONAL_PROFILE.trees, 本地考核: { 履职效能: ["职能履行", "社会评价"], 管理效率: ["预算管理", "资产管理"] } } });
  const t = readWorkbook(wb, { profile: regional }).sheets[0].tables[0];
  expect(t?.by).toBe("content");
  const role = (c: string) => t.columns.find((x) => x.column === c)?.role;
  expect([role("A"), role("B"), role("C"), role("D")]).toEqual(["level1", "level2", "level3", "full"]);
  expect(t.unsure).not.toContain("level1");
  expect(t.columns.find((x) => x.column === "A")!.evidence.join(" ")).toContain("content:level1");
  // With the national trees only, nothing in column A names a tree: the table is read by position, unsure of 一级,
  // and the rules that need 一级 stay silent.
  const national = readWorkbook(wb).sheets[0].tables[0];
  expect(national.unsure).toContain("level1");
});

test("a department label under a project table's own title is the project's field, not a second table", () => {
  const wb = workbook(
    sheet(
      "S",
      [
        ["2023年项目支出绩效目标申报表", "", "", "", "", ""],
        ["项目支出名称", "雾炮车服务", "", "预算部门", "环卫处", ""],
        ["本年度 绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位", "绩效标准"],
        ["", "产出指标", "数量指标", "配备车辆数", "10辆", "计划标准"],
        ["", "", "质量指标", "空气质量", "优良", "计划标准"],
        ["", "满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "计划标准"],
      ],
      ["A1:F1"],
    ),
  );
  const res = validateWorkbook(wb);
  expect(res.tables.map((t) => t.kind)).toEqual(["project-target"]);
  expect(res.tables[0].range).toBe("A1:F6");
});

test("perfcheck inspect and the pane's 读作… view show the same Reading of the same workbook", async () => {
  const { runInspect, readXlsx } = await cliModules();
  const file = path.join(__dirname, "..", "fixtures", "corpus", "wave2", "hebei-ningjin-2019-indicators.xlsx");
  let out = "";
  const code = await runInspect(file, { format: "json", lang: "zh" }, { out: (s) => void (out += s), err: () => undefined });
  expect(code).toBe(0);
  const cli = JSON.parse(out) as WorkbookReading & { file: string };
  const direct = readWorkbook(readXlsx(new Uint8Array(await fs.readFile(file))).snapshot);
  expect({ version: cli.version, sheets: cli.sheets }).toEqual(direct);
  // The pane draws that Reading: every column's role as the CLI reports it.
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
  render(
    <FluentProvider theme={webLightTheme}>
      <ReadingView reading={cli} lang="zh" />
    </FluentProvider>,
  );
  const rows = screen.getAllByTestId("reading-column");
  const cols = cli.sheets.flatMap((s) => s.tables.flatMap((t) => t.columns));
  expect(rows.map((r) => [r.getAttribute("data-column"), r.getAttribute("data-role")])).toEqual(cols.map((c) => [c.column, c.role]));
  expect(within(rows[2]).getByText("三级指标")).toBeTruthy();
  // In Chinese throughout: the roles it could not tell and the evidence, not the Reading's codes.
  expect(screen.getByTestId("reading-unsure").textContent).toContain("一级指标");
  expect(screen.getByTestId("reading-unsure").textContent).not.toContain("level1");
  const evidence = rows.map((r) => r.textContent ?? "").join("\n");
  expect(evidence).toContain("的非空单元格");
  expect(evidence).not.toMatch(/content:|header:/);
  // The text form names the same roles.
  expect(renderReading(direct)).toContain("按单元格内容识别");
});

test("inspect refuses a sheet the workbook does not have, naming the sheets it has", async () => {
  const { runInspect } = await cliModules();
  const file = path.join(__dirname, "..", "fixtures", "corpus", "wave2", "hebei-ningjin-2019-indicators.xlsx");
  let err = "";
  const code = await runInspect(file, { format: "text", lang: "zh", sheet: ["没有"] }, { out: () => undefined, err: (s) => void (err += s) });
  expect(code).toBe(2);
  expect(err).toContain("高中助学金");
});

describe("layouts the mutants showed (npm run mutate): read by position and content where the words fail", () => {
  const findings = (wb: ReturnType<typeof workbook>, rule: string) => validateWorkbook(wb).findings.filter((f) => f.rule === rule);
  /** A project table whose 三级 column is headed `l3Header`, its cells `names`. */
  const project = (l3Header: string, names: string[]) =>
    workbook(
      sheet(
        "S",
        [
          ["2023年项目支出绩效目标表", "", "", ""],
          ["项目名称", "道路养护", "", ""],
          ["一级指标", "二级指标", l3Header, "指标值"],
          ["产出指标", "数量指标", names[0], "≥10公里"],
          ["", "质量指标", names[1], "≥95%"],
          ["效益指标", "社会效益指标", names[2], "有效改善"],
          ["满意度指标", "服务对象满意度指标", names[3], "≥90%"],
        ],
        ["A1:D1", "B2:D2"],
      ),
    );

  test("a 三级 column headed in a word no form uses is the column beside 二级, unless its cells are targets", () => {
    const names = ["养护里程", "养护合格率", "通行条件", "养护里程"];
    // 考核事项 is in no catalogue: the column right of 二级, holding names, is read as 三级 (养护里程 under 满意度 is
    // found misfiled: the rule read the name).
    expect(findings(project("考核事项", names), "layout/missing-column")).toEqual([]);
    expect(findings(project("考核事项", names), "indicator/misfiled").map((f) => f.cell)).toEqual(["C7"]);
    // The same column holding targets is no 三级 column: the table says so instead of reading targets as names.
    const targets = project("考核事项", ["≥8公里", "≥90%", "≥80%", "≥85%"]);
    expect(findings(targets, "layout/missing-column").map((f) => f.message)).toContainEqual(expect.stringContaining("三级指标"));
  });

  test("a group the page break cut, written again under the repeated header, is the same group: one finding", () => {
    const rows = [
      ["2023年项目支出绩效目标表", "", "", ""],
      ["项目名称", "道路养护", "", ""],
      ["一级指标", "二级指标", "三级指标", "指标值"],
      ["数量指标", "养护", "养护里程", "≥10公里"],
      ["", "养护", "桥梁检测", "≥5座"],
      ["一级指标", "二级指标", "三级指标", "指标值"],
      ["数量指标", "养护", "涵洞清理", "≥20处"],
      ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ];
    const wb = workbook(sheet("S", rows, ["A1:D1", "B2:D2", "A4:A5"]));
    // 数量指标 is a 二级 name in the 一级 column: said once for the group, not again below the break.
    expect(findings(wb, "indicator/level2-under-level1").map((f) => f.cell)).toEqual(["A4"]);
    // Read apart (a blank row between: two tables), the second group is a group of its own.
    const apart = workbook(sheet("S", [...rows.slice(0, 5), ["", "", "", ""], ...rows.slice(5)], ["A1:D1", "B2:D2", "A4:A5"]));
    expect(findings(apart, "indicator/level2-under-level1").map((f) => f.cell)).toEqual(["A4", "A8"]);
  });

  test("an indicator table with no title whose header repeats is one table; copied below a blank row it is two", () => {
    const body = [
      ["一级指标", "二级指标", "三级指标", "指标值"],
      ["产出指标", "数量指标", "养护里程", "≥10公里"],
      ["", "质量指标", "养护合格率", "≥95%"],
      ["一级指标", "二级指标", "三级指标", "指标值"],
      ["效益指标", "社会效益指标", "通行条件", "有效改善"],
      ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ];
    expect(validateWorkbook(workbook(sheet("S", body))).tables).toHaveLength(1);
    expect(validateWorkbook(workbook(sheet("S", [...body.slice(0, 3), ["", "", "", ""], ...body.slice(3)]))).tables).toHaveLength(2);
  });

  test("a missing group is reported on the 一级 column's header, not on a 序号 column before it", () => {
    const wb = workbook(
      sheet(
        "S",
        [
          ["2023年项目支出绩效目标表", "", "", "", ""],
          ["项目名称", "道路养护", "", "", ""],
          ["序号", "一级指标", "二级指标", "三级指标", "指标值"],
          [1, "产出指标", "数量指标", "养护里程", "≥10公里"],
          [2, "效益指标", "社会效益指标", "通行条件", "有效改善"],
        ],
        ["A1:E1", "B2:E2"],
      ),
    );
    expect(findings(wb, "indicator/required-groups").map((f) => `${f.cell} ${f.message}`)).toEqual(["B3 缺少满意度指标"]);
  });

  test("an indicator table with no 二级 column is found by content from two 一级 names below the funding lines", () => {
    const wb = workbook(
      sheet(
        "S",
        [
          ["项目支出绩效目标申报表", "", "", ""],
          ["项目名称", "森林病虫害预测预报", "", ""],
          ["项目资金申请(万元)", "资金总额:", 100, ""],
          ["", "其中:当年财政拨款", 100, ""],
          ["项目绩效指标", "一级指标", "考核事项", "预期指标值"],
          ["", "产出指标", "趋势报告次数", "≥2次"],
          ["", "", "测报准确率", "≥85%"],
          ["", "效益指标", "因害损失量", "有效减少"],
        ],
        ["A1:D1", "B2:D2", "A3:A4", "A5:A8", "B6:B7"],
      ),
    );
    const t = readWorkbook(wb).sheets[0].tables[0];
    expect(t.by).toBe("content");
    expect(t.rows.filter((x) => x.role === "indicator").map((x) => x.row)).toEqual([6, 7, 8]);
    expect(findings(wb, "layout/unreadable-table")).toEqual([]);
    expect(findings(wb, "indicator/required-groups").map((f) => f.message)).toContain("缺少满意度指标");
  });
});

describe("units and spellings the mutants showed: the same table in another unit or spelling gives the same findings", () => {
  const rules = (wb: ReturnType<typeof workbook>, rule: string) => validateWorkbook(wb).findings.filter((f) => f.rule === rule).map((f) => f.cell);
  const costTable = (op: string) =>
    workbook(
      sheet(
        "S",
        [
          ["2023年项目支出绩效目标表", "", "", "", ""],
          ["项目名称", "道路养护", "", "", ""],
          ["一级指标", "二级指标", "三级指标", "指标方向", "指标值"],
          ["产出指标", "数量指标", "养护里程", "≧", "10公里"],
          ["成本指标", "经济成本指标", "养护成本", op, "50万元"],
          ["效益指标", "社会效益指标", "通行条件", "", "有效改善"],
          ["满意度指标", "服务对象满意度指标", "群众满意度", "≧", "90%"],
        ],
        ["A1:E1", "B2:E2"],
      ),
    );

  test("an operator in its own column is spelt as in a value: ≦ is ≤", () => {
    expect(rules(costTable("≦"), "indicator/cost-operator")).toEqual([]);
    expect(rules(costTable("≤"), "indicator/cost-operator")).toEqual([]);
    expect(rules(costTable(""), "indicator/cost-operator")).toEqual(["E5"]);
  });

  const department = (dutyHeader: string) =>
    workbook(
      sheet(
        "S",
        [
          ["部门整体支出绩效目标表", "", "", "", ""],
          ["部门(单位)名称", "某局", "", "", ""],
          ["年度预算安排(元)", "资金总额", 1714100, "", ""],
          ["", "项目支出", 608000, "", ""],
          ["", "基本支出", 1106100, "", ""],
          ["年度总体目标", "保障本单位正常运转，完成年鉴出版", "", "", ""],
          ["年度履职目标", "部门职能", "年度目标任务", "支出项目名称", dutyHeader],
          ["", "编纂", "年鉴出版", "年鉴出版经费", 49.8],
          ["", "保障", "福利发放", "福利经费", 11],
          ["", "运行", "工资发放", "基本支出", 110.61],
          ["一级指标", "二级指标", "三级指标", "指标解释", "目标值"],
          ["产出指标", "数量指标", "年鉴出版", "按时出版", "1部"],
        ],
        ["A1:E1", "B2:E2", "A3:A5", "A7:A10"],
      ),
    );

  test("a duty sub-table in 万元 under a budget in 元 is compared in one unit", () => {
    expect(rules(department("预算金额(万元)"), "funding/duty-lines")).toEqual([]);
    // Stated in 元 too, its figures are 10,000 times too small: both lines are reported.
    expect(rules(department("预算金额(元)"), "funding/duty-lines")).toEqual(["E9", "E10"]);
  });

  const yuanTable = (total: number) =>
    workbook(
      sheet(
        "S",
        [
          ["2023年项目支出绩效目标表", "", "", ""],
          ["项目名称", "道路养护", "", ""],
          ["项目资金（元）", "年度资金总额", total, ""],
          ["", "其中：财政拨款", total, ""],
          ["一级指标", "二级指标", "三级指标", "指标值"],
          ["产出指标", "数量指标", "养护里程", "≥10公里"],
        ],
        ["A1:D1", "B2:D2", "A3:A4"],
      ),
    );

  test("an amount beyond any budget is reported in a table in 元 as in one in 万元 (the same money)", () => {
    expect(rules(yuanTable(2.75e10), "funding/amount-precision")).toEqual(["C3"]);
    expect(rules(yuanTable(2.75e9), "funding/amount-precision")).toEqual([]);
  });

  test("the same 三级 text throughout a 一级 group is one finding whether the group is merged or written on every row", () => {
    const rows = (every: boolean) => [
      ["2023年项目支出绩效目标表", "", "", ""],
      ["项目名称", "道路养护", "", ""],
      ["一级指标", "二级指标", "三级指标", "指标值"],
      ["产出指标", "数量指标", "88", "100"],
      [every ? "产出指标" : "", "质量指标", "88", "100"],
      [every ? "产出指标" : "", "时效指标", "88", "100"],
      ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ];
    expect(rules(workbook(sheet("S", rows(false), ["A1:D1", "B2:D2", "A4:A6"])), "indicator/repeated-text")).toEqual(["C4"]);
    expect(rules(workbook(sheet("S", rows(true), ["A1:D1", "B2:D2"])), "indicator/repeated-text")).toEqual(["C4"]);
  });
});

test("a self-evaluation headed with a target form's word for its target (绩效指标值) reads that column", async () => {
  const { goodSpec, selfEvalGrid } = await import("./helpers/selfEvaluation");
  const g = selfEvalGrid(goodSpec());
  const header = g.rows.findIndex((r) => r[0] === "一级指标");
  g.rows[header][3] = "绩效指标值";
  const wb = workbook({ name: "自评", origin: { row: 0, col: 0 }, values: g.rows, merges: g.merges });
  const missing = validateWorkbook(wb).findings.filter((f) => f.rule === "layout/missing-column");
  expect(missing).toEqual([]);
  // A word for the 三级 column standing left of the tree (a band label) does not take the 三级 column from the one in tree order.
  const banded = selfEvalGrid(goodSpec());
  for (const r of banded.rows) r.unshift(null);
  banded.rows[header][0] = "三级指标";
  const moved = banded.merges.map((m) => ({ ...m, left: m.left + 1, right: m.right + 1 }));
  const [t] = readWorkbook(workbook({ name: "自评", origin: { row: 0, col: 0 }, values: banded.rows, merges: moved })).sheets[0].tables;
  expect(t.kind).toBe("self-evaluation");
  expect(t.rows.filter((r) => r.role === "indicator").map((r) => r.text)).toEqual(goodSpec().indicators.map((r) => r[2]));
});

test("a self-evaluation's two-row header reads its children by any form's words (绩效度量单位 joins its unit to the target)", async () => {
  const { locateTables } = await import("../src/core/locate");
  const { SheetView } = await import("../src/core/snapshot");
  const grid = (unitHeader: string) =>
    workbook(
      sheet(
        "自评",
        [
          ["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
          ["项目名称", "营养改善计划", "", "", "", "", "", "", ""],
          ["一级指标", "二级指标", "三级指标", "年度指标值", "", "", "实际完成值", "分值", "得分"],
          ["", "", "", "指标性质", "指标值", unitHeader, "", "", ""],
          ["产出指标", "数量指标", "学生受资助人数", "≧", 735, "人次", "735人次", 50, 50],
          ["满意度指标", "服务对象满意度指标", "学生满意度", "≧", 95, "%", "96%", 50, 50],
        ],
        ["A1:I1", "B2:I2", "D3:F3", "A3:A4", "B3:B4", "C3:C4", "G3:G4", "H3:H4", "I3:I4"],
      ),
    );
  const fulls = (wb: ReturnType<typeof workbook>) =>
    locateTables(new SheetView(wb.sheets[0], wb)).results.flatMap((r) => ("indicators" in r.table ? (r.table.indicators as { full?: { text: string } }[]).map((x) => x.full?.text) : []));
  expect(fulls(grid("度量单位"))).toEqual(["≧735人次", "≧95%"]);
  // 绩效度量单位 is a target form's word for the unit column: the self-evaluation reads it so too.
  expect(fulls(grid("绩效度量单位"))).toEqual(["≧735人次", "≧95%"]);
});
