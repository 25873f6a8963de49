/**
 * Issue 27: the pane bounds validation time and says when it stops. The core takes a time budget
 * (checked before each sheet and table); the pane's run passes one and turns `stopped` into a message.
 */
import { validateWorkbook } from "../src/core/validate";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import { detectCapabilities } from "../src/excel/capabilities";
import { validateWithIgnores } from "../src/taskpane/ignoreStore";
import { asExcel, FakeContext, requirements } from "./fakes/excel";
import { key, WorkbookModel } from "./fakes/excelModel";
import { projectTable } from "./helpers/projectTable";

const FULL = detectCapabilities(requirements(20));

function snapshotOf(sheets: string[]): WorkbookSnapshot {
  return {
    sheets: sheets.map((name) => {
      const t = projectTable({ total: 12, sources: { 一般公共预算资金: 10 } });
      return { name, origin: { row: 0, col: 0 }, values: t.rows, merges: t.merges };
    }),
  };
}

test("without a budget every sheet is checked", () => {
  const r = validateWorkbook(snapshotOf(["甲", "乙", "丙"]));
  expect(r.tables).toHaveLength(3);
  expect(r.stopped).toBeUndefined();
});

test("a spent budget stops validation, says so, and lists the sheets not reached", () => {
  // A clock that moves 10 ms on every look: a 25 ms budget covers the first sheet and no more.
  let t = 0;
  const r = validateWorkbook(snapshotOf(["甲", "乙", "丙"]), { budgetMs: 25, now: () => (t += 10) });
  expect(r.stopped?.reason).toMatch(/超过时间上限/);
  expect(r.stopped?.reasonEn).toMatch(/time limit/);
  // Looks at 20 (sheet 甲) and 30 (its table) are within the budget (it ends at 10 + 25); 40 (sheet 乙) is not.
  expect(r.tables.map((x) => x.sheet)).toEqual(["甲"]);
  expect(r.skippedSheets.map((s) => s.sheet)).toEqual(["乙", "丙"]);
  expect(r.skippedSheets.every((s) => s.reasonEn.includes("time limit"))).toBe(true);
});

test("the pane's run passes a budget and shows a stop as a message naming the sheets not checked", async () => {
  const model = new WorkbookModel();
  for (const name of ["甲", "乙"]) {
    const s = model.addSheet(name);
    const t = projectTable({ total: 12, sources: { 一般公共预算资金: 10 } });
    t.rows.forEach((r, ri) => r.forEach((v, ci) => v !== null && v !== "" && typeof v !== "object" && s.cells.set(key(ri, ci), { value: v })));
    s.merges.push(...t.merges);
  }
  const ctx = new FakeContext(model);
  const whole = await validateWithIgnores(asExcel(ctx), "workbook", { capabilities: FULL, budgetMs: 0 });
  expect(whole.result.stopped).toBeDefined();
  const msg = whole.skipped.find((s) => s.feature === "validationStopped");
  expect(msg?.zh).toMatch(/校验超过 0 秒，已停止，结果不完整；未检查的工作表：甲、乙/);
  expect(msg?.en).toMatch(/incomplete; sheets not checked: 甲, 乙/);
  // With the default budget the same workbook is checked whole.
  const normal = await validateWithIgnores(asExcel(new FakeContext(model)), "workbook", { capabilities: FULL });
  expect(normal.result.tables).toHaveLength(2);
  expect(normal.skipped.some((s) => s.feature === "validationStopped")).toBe(false);
});
