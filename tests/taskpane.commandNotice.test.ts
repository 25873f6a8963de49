import { commandErrorNotice, commandResultNotice } from "../src/taskpane/commandNotice";
import type { Finding } from "../src/core/finding";
import type { TableSummary } from "../src/core/validate";

const table = { index: 0, sheet: "表1", kind: "project-target", name: "培训", range: "A1:E40", rect: { top: 0, left: 0, bottom: 39, right: 4 }, counts: { error: 1, warning: 0, info: 0 } } as TableSummary;
const finding = (severity: Finding["severity"]): Finding => ({ rule: "a/b", severity, sheet: "表1", cell: "A1", row: 0, col: 0, message: "m", messageEn: "m" });

test("no table is its own notice, never a success", () => {
  const n = commandResultNotice({ tables: [], findings: [] }, "zh");
  expect(n.intent).toBe("warning");
  expect(n.title).toBe("未识别到绩效表");
  expect(commandResultNotice({ tables: [], findings: [] }, "en").title).toBe("No table recognised");
});

test("counts, ignored and the results sheet are reported; Chinese text has no English words", () => {
  const n = commandResultNotice({ tables: [table], findings: [finding("error"), finding("warning"), finding("warning")], ignored: [1], resultsSheet: "校验结果" }, "zh");
  expect(n).toEqual({ intent: "error", title: "校验完成：错误 1，警告 2，提示 0", body: "1 张表，问题单元格已标色并加注释，已忽略 1。详见“校验结果”工作表。" });
  expect(`${n.title}${n.body}`).not.toMatch(/[A-Za-z]/);
  expect(commandResultNotice({ tables: [table], findings: [finding("info")] }, "en").intent).toBe("warning");
  expect(commandResultNotice({ tables: [table], findings: [] }, "zh").intent).toBe("success");
  for (const lang of ["zh", "en"] as const) expect(commandResultNotice({ tables: [table, table], findings: [finding("error")], ignored: [1, 2], resultsSheet: "校验结果 (2)" }, lang).body.length).toBeLessThanOrEqual(120);
});

test("the notice names the remark this Excel attaches, and promises none where it cannot", () => {
  const r = { tables: [table], findings: [finding("error")] };
  expect(commandResultNotice(r, "zh", "comments").body).toBe("1 张表，问题单元格已标色并加批注。");
  expect(commandResultNotice(r, "zh", "none").body).toBe("1 张表，问题单元格已标色（此版本 Excel 不能在单元格上附加说明）。");
  expect(commandResultNotice(r, "en", "none").body).not.toMatch(/note|comment/);
});

test("errors say so in the user's language", () => {
  expect(commandErrorNotice({ zh: "工作表受保护", en: "The sheet is protected" }, "zh")).toEqual({ intent: "error", title: "校验未完成", body: "工作表受保护" });
  expect(commandErrorNotice({ zh: "x", en: "The sheet is protected" }, "en").body).toBe("The sheet is protected");
});
