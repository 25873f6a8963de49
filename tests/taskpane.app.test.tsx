/** @jest-environment jsdom */
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../src/taskpane/components/App";
import type { PaneHost, PaneResult } from "../src/taskpane/host";
import type { Finding } from "../src/core/finding";
import type { IgnoredFinding } from "../src/core/ignores";
import { ruleFix } from "../src/core/explain";

// jsdom has no ResizeObserver; Fluent's MessageBar only uses it to reflow long text.
(window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const f = (cell: string, severity: Finding["severity"], message: string, table = 0, rule = "funding/amount-missing", sheet = "表1"): Finding => ({
  rule, severity, sheet, cell, row: Number(cell.slice(1)) - 1, col: cell.charCodeAt(0) - 65, message, messageEn: `EN ${message}`, table,
});

const RESULT: PaneResult = {
  tables: [
    { index: 0, sheet: "表1", kind: "project-target", name: "培训项目", range: "A1:E40", rect: { top: 0, left: 0, bottom: 39, right: 4 }, counts: { error: 1, warning: 1, info: 0 } },
    {
      index: 1, sheet: "表2", kind: "self-evaluation", name: "自评表", range: "G1:L30", rect: { top: 0, left: 6, bottom: 29, right: 11 }, counts: { error: 0, warning: 0, info: 1 },
      score: { total: 87.5, grade: "良", items: [{ cell: "K5", indicator: "预算执行率", weight: 10, computed: 9.5, entered: 10 }, { cell: "K6", indicator: "培训人数", weight: 90, computed: 80, entered: 80 }] },
    },
  ],
  findings: [f("B3", "error", "“项目名称”未填写", 0, "header/required-fields"), f("E11", "warning", '<img src=x onerror="window.__pwned=1">'), f("H9", "info", "提示一条", 1, "score/weights-split", "表2")],
  ignored: [],
  skipped: [{ feature: "notes", requirement: "ExcelApi 1.18", zh: "此 Excel 版本不支持批注（需 ExcelApi 1.18），问题说明改用评论。", en: "This Excel has no notes (needs ExcelApi 1.18)" }],
  resultsSheet: "校验结果",
};

function fakeHost(over: Partial<PaneHost> = {}): PaneHost & { calls: string[]; changed: (kind: "edit" | "activate" | "focus") => void } {
  const calls: string[] = [];
  const host = {
    calls,
    changed: (_kind: "edit" | "activate" | "focus") => undefined as void,
    insertTemplate: jest.fn(async (kind, _lang, params) => (calls.push(`insert:${kind}:${JSON.stringify(params)}`), { sheet: "项目支出绩效目标表", skipped: [] })),
    validate: jest.fn(async (scope) => (calls.push(`validate:${scope}`), RESULT)),
    clearFlags: jest.fn(async () => (calls.push("clear"), { skipped: [] })),
    selectCell: jest.fn(async (sheet, cell) => void calls.push(`select:${sheet}!${cell}`)),
    setLive: jest.fn(async (on) => (calls.push(`live:${on}`), { on, skipped: [] })),
    ignore: jest.fn(async (fd: Finding, scope, reason) => void calls.push(`ignore:${scope}:${fd.cell}:${reason}`)),
    restore: jest.fn(async (fd: IgnoredFinding) => void calls.push(`restore:${fd.cell}`)),
    watchChanges: jest.fn(async (cb: (kind: "edit" | "activate" | "focus") => void) => {
      host.changed = cb;
      return () => void calls.push("unwatch");
    }),
    ...over,
  };
  return host as PaneHost & { calls: string[]; changed: (kind: "edit" | "activate" | "focus") => void };
}

const renderApp = (host: PaneHost, lang: "zh" | "en" = "zh") =>
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} initialLang={lang} />
    </FluentProvider>,
  );

async function validated(host: PaneHost, scope: "active" | "workbook" = "active") {
  renderApp(host);
  if (scope === "workbook") fireEvent.click(screen.getByRole("radio", { name: "整个工作簿" }));
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await screen.findByTestId("total-line");
}

test("one total line at the top; table summaries collapsed to one line; sheet names in whole-workbook mode", async () => {
  const host = fakeHost();
  await validated(host, "workbook");
  expect(host.calls).toEqual(["validate:workbook"]);
  expect(screen.getByTestId("total-line").textContent).toBe("2 张表 · 错误 1 · 警告 1 · 提示 1");
  const heads = screen.getAllByTestId("table-summary");
  expect(heads.map((h) => h.textContent)).toEqual(["▸ 培训项目（表1） 错误 1 · 警告 1 · 提示 0", "▸ 自评表（表2） 错误 0 · 警告 0 · 提示 1"]);
  expect(screen.queryByTestId("score-panel")).toBeNull();
  expect(heads[1].getAttribute("aria-expanded")).toBe("false");
  fireEvent.click(heads[1]);
  expect(heads[1].getAttribute("aria-expanded")).toBe("true");
  expect(screen.getByTestId("score-panel").textContent).toContain("87.5");
  // Problems show their sheet in whole-workbook mode.
  expect(screen.getAllByTestId("problem").map((p) => p.querySelector("span")!.textContent)).toEqual(["表1!B3", "表1!E11", "表2!H9"]);
  // Requirement-set names never reach the clerk; the words are current Excel's (批注 = threaded comments).
  expect(document.body.textContent).not.toMatch(/ExcelApi|需 /);
  expect(screen.getByText("不支持注释，问题说明改为批注。")).toBeTruthy();
});

test("explain: a problem opens its rule — what, source, fix, cells — and selects its cell", async () => {
  const host = fakeHost();
  await validated(host);
  fireEvent.click(screen.getAllByTestId("problem")[0]);
  await waitFor(() => expect(host.calls).toContain("select:表1!B3"));
  const ex = screen.getByTestId("explain");
  expect(within(ex).getByText("表头必填项已填写")).toBeTruthy();
  expect(within(ex).getByTestId("explain-fix").textContent).toBe(ruleFix("header/required-fields", "zh"));
  expect(ex.textContent).toContain("表1!B3，表1!A1:E40");
  expect(ex.textContent).toContain("header/required-fields");
  expect(screen.getAllByTestId("problem")[0].getAttribute("aria-expanded")).toBe("true");
});

test("next/previous by button and Alt+↓/Alt+↑ walk the list in display order, wrapping around", async () => {
  const host = fakeHost();
  await validated(host);
  expect(screen.getByTestId("position").textContent).toBe("共 3 个问题");
  fireEvent.click(screen.getByTestId("next"));
  await waitFor(() => expect(screen.getByTestId("position").textContent).toBe("第 1 / 3 个"));
  fireEvent.keyDown(screen.getByTestId("next"), { key: "ArrowDown", altKey: true });
  await waitFor(() => expect(screen.getByTestId("position").textContent).toBe("第 2 / 3 个"));
  fireEvent.keyDown(document.activeElement ?? document.body, { key: "ArrowDown", altKey: true });
  await waitFor(() => expect(screen.getByTestId("position").textContent).toBe("第 3 / 3 个"));
  fireEvent.click(screen.getByTestId("next"));
  await waitFor(() => expect(screen.getByTestId("position").textContent).toBe("第 1 / 3 个"));
  fireEvent.click(screen.getByTestId("prev"));
  await waitFor(() => expect(screen.getByTestId("position").textContent).toBe("第 3 / 3 个"));
  await waitFor(() => expect(host.calls.filter((c) => c.startsWith("select:"))).toEqual(["select:表1!B3", "select:表1!E11", "select:表2!H9", "select:表1!B3", "select:表2!H9"]));
});

test("ignore with a reason: the host stores it, the pane validates again and lists it apart, restorable", async () => {
  const after: PaneResult = { ...RESULT, findings: RESULT.findings.slice(1), ignored: [{ ...RESULT.findings[0], reason: "上级同意", scope: "finding" }] };
  let n = 0;
  const host = fakeHost({ validate: jest.fn(async () => (n++ === 0 ? RESULT : after)) });
  await validated(host);
  fireEvent.click(screen.getAllByTestId("problem")[0]);
  fireEvent.change(within(screen.getByTestId("explain")).getByRole("textbox", { name: "忽略原因（可选）" }), { target: { value: "上级同意" } });
  fireEvent.click(screen.getByRole("button", { name: "忽略此问题" }));
  await screen.findByText(/已忽略。忽略记录保存在工作簿中/);
  expect(host.calls).toContain("ignore:finding:B3:上级同意");
  expect(host.validate).toHaveBeenCalledTimes(2);
  expect(screen.getByTestId("total-line").textContent).toBe("2 张表 · 错误 0 · 警告 1 · 提示 1 · 已忽略 1");
  fireEvent.click(screen.getByTestId("ignored-toggle"));
  expect(screen.getByTestId("ignored").textContent).toContain("上级同意");
  fireEvent.click(within(screen.getByTestId("ignored")).getByRole("button", { name: "恢复 B3" }));
  await waitFor(() => expect(host.calls).toContain("restore:B3"));
});

test("results go stale when the workbook changes, with a re-run offered; inserting a template does too", async () => {
  const host = fakeHost();
  await validated(host);
  expect(screen.queryByTestId("stale")).toBeNull();
  await act(async () => host.changed("edit"));
  expect(screen.getByTestId("stale").textContent).toContain("工作簿已更改");
  fireEvent.click(within(screen.getByTestId("stale")).getByRole("button", { name: "重新校验" }));
  await waitFor(() => expect(screen.queryByTestId("stale")).toBeNull());
  fireEvent.click(screen.getByRole("button", { name: "插入模板" }));
  await screen.findByTestId("stale");
});

test("switching sheets makes an active-sheet result stale, not a whole-workbook one", async () => {
  const host = fakeHost();
  await validated(host, "workbook");
  await act(async () => host.changed("activate"));
  expect(screen.queryByTestId("stale")).toBeNull();
  fireEvent.click(screen.getByRole("radio", { name: "当前工作表" }));
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await waitFor(() => expect(host.calls).toContain("validate:active"));
  await act(async () => host.changed("activate"));
  expect(screen.getByTestId("stale")).toBeTruthy();
});

test("scores: weights off 100 are said and the total given on the 百分制; entered beside recomputed, the disagreeing row marked, the formula shown", async () => {
  const bad: PaneResult = {
    ...RESULT,
    tables: [
      {
        ...RESULT.tables[1],
        index: 0,
        score: {
          total: 85.24,
          grade: "良",
          status: "complete",
          entered: 95,
          totalDiffers: true,
          weightSum: 105,
          rawTotal: 89.5,
          items: [
            { cell: "K5", indicator: "预算执行率", weight: 15, computed: 9.5, entered: 15, differs: true },
            { cell: "K6", indicator: "培训人数", weight: 90, computed: 80, entered: 80 },
          ],
        },
      },
    ],
    findings: [],
  };
  await validated(fakeHost({ validate: jest.fn(async () => bad) }));
  fireEvent.click(screen.getByTestId("table-summary"));
  const panel = screen.getByTestId("score-panel");
  expect(within(panel).getByTestId("score-total").textContent).toBe("评分: 审核得分 85.24 · 等级 良");
  expect(within(panel).getByTestId("score-entered").textContent).toBe("自评得分 95 ≠ (不一致)");
  expect(within(panel).getByTestId("score-weights").textContent).toBe("分值合计为 105，应为 100：总分按百分制折算（得分合计 89.5 ÷ 105 × 100）。");
  expect(within(panel).getAllByTestId("score-differs").map((r) => r.textContent)).toEqual(["预算执行率15159.5 ≠ (不一致)"]);
  expect(Array.from(panel.querySelectorAll("th")).map((h) => h.textContent)).toEqual(["指标", "分值", "自评得分", "审核得分"]);
  expect(panel.textContent).toContain("min(全年执行数 ÷ 全年预算数, 1) × 分值");
});

test("scores: an incomplete table names its rows and gives no grade; a blank one says 未填写", async () => {
  const incomplete: PaneResult = {
    ...RESULT,
    tables: [
      {
        ...RESULT.tables[1],
        index: 0,
        score: {
          total: null,
          grade: null,
          status: "incomplete",
          entered: null,
          missing: [{ cell: "J15", indicator: "发放覆盖率", reason: "missing-actual" }],
          items: [
            { cell: "I9", indicator: "预算执行率", weight: 10, computed: 10, entered: null },
            { cell: "J15", indicator: "发放覆盖率", weight: 90, computed: null, entered: null, unscored: "missing-actual" },
          ],
        },
      },
    ],
    findings: [],
  };
  await validated(fakeHost({ validate: jest.fn(async () => incomplete) }));
  fireEvent.click(screen.getByTestId("table-summary"));
  const panel = screen.getByTestId("score-panel");
  expect(within(panel).getByTestId("score-incomplete").textContent).toBe("评分: 审核得分 不完整（缺少：发放覆盖率（J15：未填实际完成值））");
  expect(within(panel).queryByTestId("score-total")).toBeNull();
  // No grade anywhere above the formula note.
  expect(panel.textContent!.replace(/计算公式：.*$/, "")).not.toMatch(/等级|优|良|差/);
  expect(within(panel).getAllByTestId("score-row")[1].textContent).toBe("发放覆盖率90——（未填实际完成值）");
});

test("scores: a table with nothing filled in has no score", async () => {
  const blank: PaneResult = {
    ...RESULT,
    tables: [{ ...RESULT.tables[1], index: 0, score: { total: null, grade: null, status: "blank", entered: null, items: [{ cell: "I9", indicator: "预算执行率", weight: 10, computed: null, entered: null, unscored: "missing-amount" }] } }],
    findings: [],
  };
  await validated(fakeHost({ validate: jest.fn(async () => blank) }), "workbook");
  fireEvent.click(screen.getByTestId("table-summary"));
  expect(screen.getByTestId("score-blank").textContent).toBe("评分: 审核得分 未填写，无法评分");
  expect(screen.getByTestId("score-panel").textContent!.replace(/计算公式：.*$/, "")).not.toMatch(/等级|差/);
});

test("valid weights are graded", async () => {
  await validated(fakeHost());
  fireEvent.click(screen.getAllByTestId("table-summary")[1]);
  expect(screen.getByTestId("score-total").textContent).toBe("评分: 审核得分 87.5 · 等级 良");
});

test("no table recognised is its own state, with a hint, not a green result", async () => {
  const empty: PaneResult = { tables: [], findings: [], ignored: [], skipped: [] };
  await (async () => {
    renderApp(fakeHost({ validate: jest.fn(async () => empty) }));
    fireEvent.click(screen.getByRole("button", { name: "校验" }));
    await screen.findByTestId("no-tables");
  })();
  expect(screen.getByTestId("no-tables").textContent).toContain("未识别到绩效表");
  expect(screen.getByTestId("no-tables").textContent).toContain("插入模板");
  expect(screen.queryByText("未发现问题。")).toBeNull();
  expect(screen.queryByTestId("total-line")).toBeNull();
});

test("插入模板 offers region, year, lines and indicators with the CLI's defaults, and passes them", async () => {
  const host = fakeHost();
  renderApp(host);
  const year = String(new Date().getFullYear() + 1);
  // The built-in default names no city (issue 24): the region stays empty until the clerk or a profile gives one.
  expect((screen.getByTestId("tpl-region") as HTMLInputElement).value).toBe("");
  expect((screen.getByTestId("tpl-year") as HTMLInputElement).value).toBe(year);
  expect((screen.getByTestId("tpl-lines") as HTMLInputElement).value).toBe("3");
  expect((screen.getByTestId("tpl-indicators") as HTMLInputElement).value).toBe("1");
  fireEvent.change(screen.getByRole("combobox", { name: "模板类型" }), { target: { value: "department" } });
  expect((screen.getByTestId("tpl-lines") as HTMLInputElement).value).toBe("5");
  fireEvent.change(screen.getByTestId("tpl-region"), { target: { value: "苏州市" } });
  fireEvent.change(screen.getByTestId("tpl-lines"), { target: { value: "8" } });
  fireEvent.click(screen.getByRole("button", { name: "插入模板" }));
  await screen.findByText(/已插入模板：项目支出绩效目标表/);
  expect(host.calls[0]).toBe(`insert:department:${JSON.stringify({ region: "苏州市", year: Number(year), expenseLines: 8, indicatorRows: 1 })}`);
  // A bad value is refused in the pane's language, before Excel is asked.
  fireEvent.change(screen.getByTestId("tpl-lines"), { target: { value: "0" } });
  fireEvent.click(screen.getByRole("button", { name: "插入模板" }));
  await screen.findByText(/应为 1–200 的整数/);
  expect(host.calls).toHaveLength(1);
});

test("cell text is rendered as text, never as HTML", async () => {
  await validated(fakeHost());
  await screen.findByText('<img src=x onerror="window.__pwned=1">');
  expect(document.querySelector("img")).toBeNull();
  expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
});

test("the severity filter hides problems and narrows next/previous", async () => {
  await validated(fakeHost());
  expect(screen.getAllByTestId("problem")).toHaveLength(3);
  fireEvent.click(screen.getByRole("checkbox", { name: "错误" }));
  expect(screen.getAllByTestId("problem")).toHaveLength(2);
  expect(screen.getByTestId("position").textContent).toBe("共 2 个问题");
});

test("清除标记 clears the list; live mode is off until switched on", async () => {
  const host = fakeHost();
  await validated(host);
  const live = screen.getByRole("switch");
  expect((live as HTMLInputElement).checked).toBe(false);
  fireEvent.click(screen.getByRole("button", { name: "清除标记" }));
  await screen.findByText(/已清除本加载项添加的全部标记/);
  expect(screen.queryByTestId("total-line")).toBeNull();
  fireEvent.click(live);
  await waitFor(() => expect(host.calls).toContain("live:true"));
});

test("Chinese mode shows Chinese only; English mode translates the pane and host errors", async () => {
  await validated(fakeHost());
  fireEvent.click(screen.getAllByTestId("problem")[0]);
  // Allowed Latin: the product name, cell addresses, rule ids (identifiers) and the switch to English.
  const text = (document.body.textContent ?? "").replace(/PerfCheck|Excel|English|[A-Z]+\d+|[a-z]+\/[a-z-]+|<img[^>]*>/g, "");
  expect(text).not.toMatch(/[A-Za-z]{2,}/);
  const err = Object.assign(new Error("The sheet is protected."), { code: "AccessDenied" });
  document.body.innerHTML = "";
  renderApp(fakeHost({ validate: jest.fn(async () => Promise.reject(err)) }));
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await screen.findByText("操作未完成");
  await act(async () => fireEvent.click(screen.getByRole("button", { name: /切换到英文界面/ })));
  expect(screen.getByText("The operation did not finish")).toBeTruthy();
  expect(screen.getByRole("button", { name: "Validate" })).toBeTruthy();
});

test("the chosen rules profile is passed to validation (national by default)", async () => {
  const host = fakeHost();
  await validated(host);
  expect((host.validate as jest.Mock).mock.calls[0][2].id).toBe("national");
  const select = screen.getByRole("combobox", { name: "校验标准（地区配置）" }) as HTMLSelectElement;
  fireEvent.change(select, { target: { value: "hubei" } });
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await waitFor(() => expect((host.validate as jest.Mock).mock.calls).toHaveLength(2));
  expect((host.validate as jest.Mock).mock.calls[1][2].id).toBe("hubei");
});

test("a region's profile file (the CLI's --profile JSON) replaces the built-in choice; a wrong one is refused naming its field", async () => {
  const host = fakeHost();
  renderApp(host);
  const good = JSON.stringify({ extends: "hubei", id: "某市", scoring: { scoreTolerance: 0.2 } });
  fireEvent.change(screen.getByTestId("profile-file"), { target: { files: [new File([good], "某市.json", { type: "application/json" })] } });
  await screen.findByText(/正在使用配置文件：某市\.json/);
  expect((screen.getByRole("combobox", { name: "校验标准（地区配置）" }) as HTMLSelectElement).disabled).toBe(true);
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await screen.findByTestId("total-line");
  const used = (host.validate as jest.Mock).mock.calls[0][2];
  expect([used.id, used.scoring.weights.execution, used.scoring.scoreTolerance]).toEqual(["某市", 20, 0.2]);

  // Weights that do not add up to 100: refused, the field named, the loaded file kept.
  const bad = JSON.stringify({ scoring: { weights: { output: 60 } } });
  fireEvent.change(screen.getByTestId("profile-file"), { target: { files: [new File([bad], "错.json")] } });
  await screen.findByText(/配置文件未载入：.*错\.json.*scoring\.weights: 权重合计 110/);
  expect(screen.getByText(/正在使用配置文件：某市\.json/)).toBeTruthy();

  fireEvent.click(screen.getByTestId("profile-clear"));
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await waitFor(() => expect((host.validate as jest.Mock).mock.calls).toHaveLength(2));
  expect((host.validate as jest.Mock).mock.calls[1][2].id).toBe("national");
});

test("a region's form file (the CLI's --forms JSON) is loaded in the pane and used for validation; a wrong one is refused with its field", async () => {
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const host = fakeHost();
  renderApp(host);
  const json = readFileSync(join(__dirname, "..", "docs", "examples", "forms-zhejiang-cixi.json"), "utf8");
  fireEvent.change(screen.getByTestId("forms-file"), { target: { files: [new File([json], "慈溪.json", { type: "application/json" })] } });
  await screen.findByText("正在使用：内置表式 + 慈溪.json");
  fireEvent.click(screen.getByRole("button", { name: "校验" }));
  await screen.findByTestId("total-line");
  const forms = (host.validate as jest.Mock).mock.calls[0][3] as { forms: { id: string }[] };
  expect(forms.forms.map((f) => f.id)).toContain("zhejiang-project-goals");
  expect(forms.forms.map((f) => f.id)).toContain("national-project");

  const bad = JSON.stringify({ version: 1, forms: [{ id: "X", kind: "project-target" }] });
  fireEvent.change(screen.getByTestId("forms-file"), { target: { files: [new File([bad], "错.json")] } });
  await screen.findByText(/表式文件未载入：错\.json: 字段 forms\.0\.id/);
  // Broken JSON is said in the pane's language; the input is emptied so the fixed file can be chosen again.
  fireEvent.change(screen.getByTestId("forms-file"), { target: { files: [new File(["{bad"], "坏.json")] } });
  await screen.findByText(/表式文件未载入：坏\.json 不是有效的 JSON（/);
  expect((screen.getByTestId("forms-file") as HTMLInputElement).value).toBe("");
});

test("Escape closes the open explanation", async () => {
  const host = fakeHost();
  await validated(host);
  fireEvent.click(screen.getAllByTestId("problem")[0]);
  await screen.findByTestId("explain");
  fireEvent.keyDown(screen.getAllByTestId("problem")[0], { key: "Escape" });
  await waitFor(() => expect(screen.queryByTestId("explain")).toBeNull());
});
