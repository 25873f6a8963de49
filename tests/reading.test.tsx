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
import { NATIONAL_PROFILE } from "../src/core/profile";
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
