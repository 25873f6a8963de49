/** @jest-environment jsdom */
/**
 * The pane and the monitoring table (issue 25): the execution light on the table's summary line, its findings
 * listed like any other, and the template picker offering the monitoring table with its months.
 */
import * as React from "react";
import { fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../src/taskpane/components/App";
import type { PaneHost, PaneResult } from "../src/taskpane/host";
import type { Finding } from "../src/core/finding";

(window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const finding = (cell: string, rule: string, severity: Finding["severity"], message: string): Finding => ({ rule, severity, sheet: "监控", cell, row: Number(cell.slice(1)) - 1, col: cell.charCodeAt(0) - 65, message, messageEn: `EN ${message}`, table: 0 });

const RESULT: PaneResult = {
  tables: [
    {
      index: 0, sheet: "监控", kind: "monitoring", name: "职业技能培训项目", range: "A1:J31", rect: { top: 0, left: 0, bottom: 30, right: 9 }, counts: { error: 0, warning: 1, info: 1 },
      light: { color: "yellow", rate: 0.4, pace: 7 / 12, ratio: (0.4 / (7 / 12)) * 100, month: 7, cell: { row: 7, col: 4 } },
    },
  ],
  findings: [
    finding("E8", "monitoring/execution-pace", "info", "黄灯：1-7月执行率 40%，序时进度 58.33%，执行进度为序时的 68.6%（60%–80%）"),
    finding("H15", "monitoring/likelihood-no-reason", "warning", "“发放手册数”完成目标可能性为“有可能”，但未填写偏差原因分析和完善措施"),
  ],
  ignored: [],
  skipped: [],
};

function host(): PaneHost & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    insertTemplate: jest.fn(async (kind, _lang, params) => (calls.push(`insert:${kind}:${JSON.stringify(params)}`), { sheet: "绩效运行监控表", skipped: [] })),
    validate: jest.fn(async () => RESULT),
    clearFlags: jest.fn(async () => ({ skipped: [] })),
    selectCell: jest.fn(async () => undefined),
    setLive: jest.fn(async (on: boolean) => ({ on, skipped: [] })),
    ignore: jest.fn(async () => undefined),
    restore: jest.fn(async () => undefined),
    watchChanges: jest.fn(async () => () => undefined),
  } as unknown as PaneHost & { calls: string[] };
}

const renderApp = (h: PaneHost) =>
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={h} initialLang="zh" />
    </FluentProvider>,
  );

test("the execution light sits on the table's summary line, in words and colour, with the reckoning as its title; the findings are listed", async () => {
  renderApp(host());
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await screen.findByTestId("total-line");
  const badge = screen.getByTestId("execution-light");
  expect(badge.textContent).toBe("黄灯 68.6%");
  expect(badge.getAttribute("data-light")).toBe("yellow");
  expect(badge.getAttribute("title")).toContain("序时进度 58.33%");
  expect(screen.getByTestId("table-summary").textContent).toContain("黄灯");
  expect(screen.getAllByTestId("problem").map((p) => p.querySelector("span")!.textContent)).toEqual(["H15", "E8"]); // by severity, as the pane orders every list
});

test("a table without a light shows none", async () => {
  const h = host();
  (h.validate as jest.Mock).mockResolvedValue({ ...RESULT, tables: [{ ...RESULT.tables[0], light: undefined }] });
  renderApp(h);
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await screen.findByTestId("total-line");
  expect(screen.queryByTestId("execution-light")).toBeNull();
});

test("the template picker offers the monitoring table with its months (default 7) and no expense lines", async () => {
  const h = host();
  renderApp(h);
  fireEvent.change(screen.getByRole("combobox", { name: "模板类型" }), { target: { value: "monitoring" } });
  expect((screen.getByTestId("tpl-month") as HTMLInputElement).value).toBe("7");
  expect(screen.queryByTestId("tpl-lines")).toBeNull();
  expect((screen.getByTestId("tpl-year") as HTMLInputElement).value).toBe(String(new Date().getFullYear()));
  fireEvent.change(screen.getByTestId("tpl-month"), { target: { value: "6" } });
  fireEvent.click(screen.getByRole("button", { name: "插入模板" }));
  await screen.findByText(/已插入模板/);
  expect(h.calls[0]).toMatch(/^insert:monitoring:.*"month":6/);
  fireEvent.change(screen.getByTestId("tpl-month"), { target: { value: "13" } });
  fireEvent.click(screen.getByRole("button", { name: "插入模板" }));
  await screen.findByText(/月份应为 1–12 的整数/);
  expect(h.calls).toHaveLength(1);
});
