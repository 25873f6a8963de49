/** @jest-environment jsdom */
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../src/taskpane/components/App";
import type { PaneHost, PaneResult } from "../src/taskpane/host";
import type { Finding } from "../src/core/finding";

// jsdom has no ResizeObserver; Fluent's MessageBar only uses it to reflow long text.
(window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const f = (cell: string, severity: Finding["severity"], message: string, table = 0): Finding => ({
  rule: "x/y", severity, sheet: "表1", cell, row: 0, col: 0, message, messageEn: `EN ${message}`, table,
});

const RESULT: PaneResult = {
  tables: [
    { index: 0, sheet: "表1", kind: "project-target", name: "培训项目", range: "A1:E40", rect: { top: 0, left: 0, bottom: 39, right: 4 }, counts: { error: 1, warning: 1, info: 0 } },
    {
      index: 1, sheet: "表1", kind: "self-evaluation", name: "自评表", range: "G1:L30", rect: { top: 0, left: 6, bottom: 29, right: 11 }, counts: { error: 0, warning: 0, info: 1 },
      score: { total: 87.5, grade: "良", items: [{ cell: "K5", indicator: "预算执行率", weight: 10, computed: 9.5, entered: 10 }] },
    },
  ],
  findings: [f("B3", "error", "“项目名称”未填写"), f("E11", "warning", '<img src=x onerror="window.__pwned=1">'), f("H9", "info", "提示一条", 1)],
  skipped: [{ feature: "notes", requirement: "ExcelApi 1.18", zh: "改用评论", en: "comments instead" }],
  resultsSheet: "校验结果",
};

function fakeHost(over: Partial<PaneHost> = {}): PaneHost & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    insertTemplate: jest.fn(async (kind) => (calls.push(`insert:${kind}`), { sheet: "项目支出绩效目标表", skipped: [] })),
    validate: jest.fn(async (scope) => (calls.push(`validate:${scope}`), RESULT)),
    clearFlags: jest.fn(async () => (calls.push("clear"), { skipped: [] })),
    selectCell: jest.fn(async (sheet, cell) => void calls.push(`select:${sheet}!${cell}`)),
    setLive: jest.fn(async (on) => (calls.push(`live:${on}`), [])),
    ...over,
  };
}

const renderApp = (host: PaneHost) =>
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} />
    </FluentProvider>,
  );

test("校验 shows the summary per table, problems grouped by table and severity, and the score panel", async () => {
  const host = fakeHost();
  renderApp(host);
  fireEvent.click(screen.getByRole("radio", { name: "整个工作簿" }));
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await screen.findByText("汇总");
  expect(host.calls).toEqual(["validate:workbook"]);
  expect(screen.getAllByTestId("table-summary")).toHaveLength(2);
  expect(screen.getByText("错误 1")).toBeTruthy();
  const groups = screen.getAllByTestId("problem-group");
  expect(groups.map((g) => within(g).getByRole("heading", { level: 3 }).textContent)).toEqual(["培训项目", "自评表"]);
  expect(within(groups[0]).getByText("错误 (1)")).toBeTruthy();
  expect(within(groups[0]).getByText("警告 (1)")).toBeTruthy();
  const score = screen.getByRole("region", { name: "评分 自评表" });
  expect(score.textContent).toContain("87.5");
  expect(score.textContent).toContain("良");
  expect(within(score).getByText("预算执行率")).toBeTruthy();
  expect(screen.getByText("改用评论")).toBeTruthy();
  expect(screen.getByText("详细结果已写入工作表“校验结果”。")).toBeTruthy();
});

test("cell text is rendered as text, never as HTML", async () => {
  renderApp(fakeHost());
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await screen.findByText('<img src=x onerror="window.__pwned=1">');
  expect(document.querySelector("img")).toBeNull();
  expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
});

test("clicking a problem selects its cell; the severity filter hides problems", async () => {
  const host = fakeHost();
  renderApp(host);
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await screen.findAllByTestId("problem");
  fireEvent.click(screen.getAllByTestId("problem")[0]);
  await waitFor(() => expect(host.calls).toContain("select:表1!B3"));
  expect(screen.getAllByTestId("problem")).toHaveLength(3);
  fireEvent.click(screen.getByRole("checkbox", { name: "错误" }));
  expect(screen.getAllByTestId("problem")).toHaveLength(2);
  expect(screen.queryByText("“项目名称”未填写")).toBeNull();
});

test("插入模板 passes the chosen kind; 清除标记 clears the list; live mode is off until switched on", async () => {
  const host = fakeHost();
  renderApp(host);
  const live = screen.getByRole("switch");
  expect((live as HTMLInputElement).checked).toBe(false);
  fireEvent.change(screen.getByRole("combobox", { name: "模板类型" }), { target: { value: "department" } });
  fireEvent.click(screen.getByRole("button", { name: "插入模板" }));
  await screen.findByText("已插入模板：项目支出绩效目标表");
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await screen.findByText("汇总");
  fireEvent.click(screen.getByRole("button", { name: "清除标记" }));
  await screen.findByText("已清除本加载项添加的全部标记。");
  expect(screen.queryByText("汇总")).toBeNull();
  fireEvent.click(live);
  await waitFor(() => expect(host.calls).toContain("live:true"));
  expect(host.calls.slice(0, 3)).toEqual(["insert:department", "validate:active", "clear"]);
});

test("an Excel refusal is shown as a clear message; English switch translates it and the UI", async () => {
  const err = Object.assign(new Error("The sheet is protected."), { code: "AccessDenied" });
  renderApp(fakeHost({ validate: jest.fn(async () => Promise.reject(err)) }));
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await screen.findByText("操作未完成");
  expect(screen.getByText(/Excel 拒绝了操作/)).toBeTruthy();
  await act(async () => fireEvent.click(screen.getByRole("button", { name: "English" })));
  expect(screen.getByText("The operation did not finish")).toBeTruthy();
  expect(screen.getByText(/Excel refused the operation/)).toBeTruthy();
  expect(screen.getByRole("button", { name: "Validate" })).toBeTruthy();
});

test("a progress indicator shows while Excel works", async () => {
  let finish: (r: PaneResult) => void = () => undefined;
  renderApp(fakeHost({ validate: jest.fn(() => new Promise<PaneResult>((r) => (finish = r))) }));
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  expect(await screen.findByText("正在处理…")).toBeTruthy();
  expect((screen.getByRole("button", { name: "校验" }) as HTMLButtonElement).disabled).toBe(true);
  await act(async () => finish(RESULT));
  expect(screen.queryByText("正在处理…")).toBeNull();
});

test("the chosen rules profile is passed to validation (national by default)", async () => {
  const host = fakeHost();
  renderApp(host);
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await screen.findByText("汇总");
  expect((host.validate as jest.Mock).mock.calls[0][2]).toBe("national");
  const select = screen.getByRole("combobox", { name: "校验标准（地区配置）" }) as HTMLSelectElement;
  expect(Array.from(select.querySelectorAll("option"), (o) => o.textContent)).toContain("江苏省无锡市");
  fireEvent.change(select, { target: { value: "hubei" } });
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await waitFor(() => expect((host.validate as jest.Mock).mock.calls).toHaveLength(2));
  expect((host.validate as jest.Mock).mock.calls[1][2]).toBe("hubei");
});
