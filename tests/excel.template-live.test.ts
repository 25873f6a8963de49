import { buildTemplatePlan } from "../src/core/templates";
import type { SheetPlan } from "../src/core/templates/plan";
import { validateWorkbook } from "../src/core/validate";
import { detectCapabilities } from "../src/excel/capabilities";
import { startLive } from "../src/excel/live";
import { readSnapshot } from "../src/excel/snapshot";
import { insertTemplate } from "../src/excel/template";
import { asExcel, FakeContext, fireChanged, HOST, requirements } from "./fakes/excel";
import { key, WorkbookModel } from "./fakes/excelModel";
import { capsOf, PROFILES } from "./fakes/hostCases";

const FULL = detectCapabilities(requirements(20));

const SMALL_PLAN: SheetPlan = {
  name: "目标表",
  columnWidths: [12, 20],
  rowHeights: { 0: 30 },
  cells: [
    { row: 0, col: 0, value: "标题", style: "title" },
    { row: 1, col: 0, value: "=不是公式", style: "body" },
    { row: 1, col: 1, value: 3, style: "num" },
    { row: 2, col: 1, formula: "B2*2", style: "num" },
  ],
  merges: [{ top: 0, left: 0, bottom: 0, right: 1 }],
  styles: { title: { bold: true, fontSize: 16, horizontal: "center" }, body: { border: true, locked: false }, num: { numFmt: "0.00", border: true } },
  validations: [{ range: { top: 3, left: 0, bottom: 5, right: 0 }, list: ["是", "否"], prompt: { zh: "请选择", en: "Pick one" } }],
  print: { orientation: "landscape", paper: "A4", repeatRows: { first: 0, last: 1 }, fitToWidth: true },
  protect: true,
  frozenRows: 2,
};

describe.each(PROFILES)("insertTemplate on %s", (_label, host) => {
  const caps = capsOf(host);
  test("renders a hand-made plan into a new sheet with a free name in two syncs", async () => {
    const model = new WorkbookModel();
    model.addSheet("目标表", [["用户的数据"]]);
    const ctx = new FakeContext(model, { host });
    const out = await insertTemplate(asExcel(ctx), SMALL_PLAN, { capabilities: caps });
    expect(ctx.syncCount).toBe(2);
    expect(out.sheet).toBe("目标表 (2)");
    expect(model.sheet("目标表").cells.get(key(0, 0))?.value).toBe("用户的数据");
    const s = model.sheet("目标表 (2)");
    expect(s.cells.get(key(0, 0))?.value).toBe("标题");
    expect(s.cells.get(key(1, 0))).toEqual({ value: "=不是公式" });
    expect(s.cells.get(key(2, 1))?.formula).toBe("=B2*2");
    expect(s.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
    expect(s.formats.get(key(0, 0))).toMatchObject({ "font.bold": true, "font.size": 16, horizontalAlignment: "Center" });
    expect(s.formats.get(key(1, 0))).toMatchObject({ locked: false, "border.EdgeTop": "Continuous" });
    expect(s.numberFormats.get(key(2, 1))).toBe("0.00");
    expect(s.validations[0]).toMatchObject({ rule: { list: { inCellDropDown: true, source: "是,否" } }, prompt: { message: "请选择" } });
    if (caps.pageLayout) expect(s.pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4", printTitleRows: "$1:$2" });
    else {
      expect(s.pageLayout).toEqual({});
      expect(out.skipped.map((x) => x.feature)).toContain("pageLayout");
    }
    expect(s.frozenRows).toBe(2);
    expect(s.protected).toBe(true);
    expect(s.columnWidths.get(1)).toBeGreaterThan(s.columnWidths.get(0)!);
    expect(model.activeId).toBe(s.id);
  });

  test("the standard project template, inserted and read back, is located as a project target table", async () => {
    const model = new WorkbookModel();
    model.addSheet("Sheet1");
    const plan = buildTemplatePlan("project", { year: 2026 });
    const ctx = new FakeContext(model, { host });
    await insertTemplate(asExcel(ctx), plan, { capabilities: caps });
    expect(ctx.syncCount).toBe(2);
    const read = await readSnapshot(asExcel(new FakeContext(model, { host })), "active", { capabilities: caps });
    const result = validateWorkbook(read.snapshot);
    expect(result.tables.map((t) => t.kind)).toEqual(["project-target"]);
  });

  test("a long template prints with the plan's page breaks between groups and its margins, where the host has 1.9", async () => {
    const model = new WorkbookModel();
    model.addSheet("Sheet1");
    const plan = buildTemplatePlan("project", { year: 2026, expenseLines: 12, indicatorRows: 8 });
    expect(plan.print.rowBreaks?.length).toBeGreaterThan(0);
    const ctx = new FakeContext(model, { host });
    await insertTemplate(asExcel(ctx), plan, { capabilities: caps });
    const s = model.sheets.find((x) => x.name !== "Sheet1")!;
    if (caps.pageLayout) {
      expect(s.pageLayout).toMatchObject({ rowBreaks: plan.print.rowBreaks!.map((r) => `A${r + 1}`), leftMargin: 0.4 * 72, topMargin: 0.5 * 72 });
    } else expect(s.pageLayout).toEqual({});
  });

  test("sync count does not grow with the plan size; without 1.9 print set-up is skipped and said", async () => {
    const model = new WorkbookModel();
    const big = buildTemplatePlan("project", { year: 2026, expenseLines: 150, indicatorRows: 40 });
    const ctx = new FakeContext(model, { host });
    const out = await insertTemplate(asExcel(ctx), big, { capabilities: caps });
    expect(ctx.syncCount).toBe(2);
    if (!caps.rangeAreas) expect(out.skipped.map((s) => s.feature)).toEqual(expect.arrayContaining(["pageLayout", "rangeAreas"]));
    else expect(out.skipped).toEqual([]);
    if (host.web) expect(ctx.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
  });
});

// Live mode on every profile: tests/excel.live.test.ts. These two pin the original guard behaviour.
describe("live mode", () => {
  function setup(caps = FULL) {
    const model = new WorkbookModel();
    model.addSheet("S", [["x"]]);
    const revalidated: string[] = [];
    let release: () => void = () => undefined;
    const done = () => new Promise<void>((r) => (release = r));
    const run = async <T,>(fn: (c: Excel.RequestContext) => Promise<T>) => fn(asExcel(new FakeContext(model, { host: HOST.m365 })));
    return { model, revalidated, run, done, caps, onRevalidate: async (name: string) => { revalidated.push(name); release(); } };
  }

  test("a user edit re-validates the edited sheet; our own writes (triggerSource) are ignored", async () => {
    const t = setup();
    const live = await startLive({ run: t.run, capabilities: t.caps, revalidate: t.onRevalidate, debounceMs: 0 });
    await fireChanged(t.model, "S", "A1", "ThisLocalAddin");
    const waiting = t.done();
    await fireChanged(t.model, "S", "B2", "Unknown");
    await waiting;
    expect(t.revalidated).toEqual(["S"]);
    await live.stop();
    await fireChanged(t.model, "S", "B3", "Unknown");
    expect(t.revalidated).toEqual(["S"]);
    expect(live.skipped).toEqual([]);
  });

  test("without triggerSource (1.14) a guard ignores events raised while we write", async () => {
    const t = setup(detectCapabilities(requirements(13)));
    const live = await startLive({ run: t.run, capabilities: t.caps, revalidate: t.onRevalidate, debounceMs: 0 });
    await live.guard(async () => fireChanged(t.model, "S", "A1", "Unknown"));
    expect(t.revalidated).toEqual([]);
    expect(live.skipped.map((s) => s.feature)).toEqual(["triggerSource"]);
    await live.stop();
  });
});
