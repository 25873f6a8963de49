/**
 * Live mode on every host profile, against events as Excel sends them: any sheet, Local or Remote,
 * with or without triggerSource, possibly late, and batches refused while the user edits a cell.
 */
import { validateAndFlag } from "../src/excel/validate";
import { startLive } from "../src/excel/live";
import { fakeExcelRun, fireChanged, HOST, type HostProfile } from "./fakes/excel";
import { WorkbookModel } from "./fakes/excelModel";
import { capsOf, ourCfs, PROFILES, seedTables } from "./fakes/hostCases";
import { detectCapabilities } from "../src/excel/capabilities";
import { requirements } from "./fakes/excel";

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function setup(host: HostProfile) {
  const model = new WorkbookModel();
  seedTables(model, "甲", 1);
  seedTables(model, "乙", 1);
  const { run, contexts } = fakeExcelRun(model, host);
  const caps = capsOf(host);
  const revalidated: string[] = [];
  const errors: unknown[] = [];
  let waiters: (() => void)[] = [];
  const next = () => new Promise<void>((r) => waiters.push(r));
  const revalidate = async (name: string, id: string) => {
    await run({ delayForCellEdit: caps.delayForCellEdit }, (ctx: Excel.RequestContext) => validateAndFlag(ctx, "active", { capabilities: caps, sheets: [id] }));
    revalidated.push(name);
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const runner = <T,>(fn: (c: Excel.RequestContext) => Promise<T>) => run<T>({ delayForCellEdit: caps.delayForCellEdit }, fn);
  return { model, run: runner, contexts, caps, revalidated, errors, next, revalidate };
}

describe.each(PROFILES)("%s", (_label, host) => {
  const caps = capsOf(host);

  if (!caps.changeEvents) {
    test("no change events on this host: live mode is not started and says so in plain words", async () => {
      const t = setup(host);
      const live = await startLive({ run: t.run, capabilities: t.caps, revalidate: t.revalidate, debounceMs: 0 });
      expect(live.active).toBe(false);
      expect(live.skipped.map((s) => s.feature)).toEqual(["liveMode"]);
      expect(live.skipped[0].zh).toContain("实时校验无法开启");
      // Nothing was registered (the fake would have failed the batch with ApiNotFound).
      expect(t.contexts).toHaveLength(0);
      await live.stop();
    });
    return;
  }

  test("an edit on a sheet that is not active re-validates that sheet; the active sheet is left alone", async () => {
    const t = setup(host);
    t.model.activate("乙");
    const live = await startLive({ run: t.run, capabilities: t.caps, revalidate: t.revalidate, debounceMs: 0 });
    const done = t.next();
    await fireChanged(t.model, "甲", "F13");
    await done;
    expect(t.revalidated).toEqual(["甲"]);
    expect(ourCfs(t.model, "甲").length).toBeGreaterThan(0);
    expect(ourCfs(t.model, "乙")).toHaveLength(0);
    await live.stop();
  });

  test("a co-author's (Remote) edit triggers nothing; our own late events are ignored; nothing after stop", async () => {
    const t = setup(host);
    const live = await startLive({ run: t.run, capabilities: t.caps, revalidate: t.revalidate, debounceMs: 0 });
    await fireChanged(t.model, "甲", "F13", { source: "Remote", triggerSource: "Unknown" });
    // Our own write's event arriving late, after the write's sync resolved.
    await live.guard(async () => undefined);
    await fireChanged(t.model, "甲", "F14", { triggerSource: "ThisLocalAddin", delayMs: 30 });
    await tick(20);
    expect(t.revalidated).toEqual([]);
    await live.stop();
    await fireChanged(t.model, "甲", "F15", { triggerSource: "Unknown" });
    await tick(20);
    expect(t.revalidated).toEqual([]);
    expect(live.skipped.map((s) => s.feature)).toEqual(t.caps.triggerSource ? [] : ["triggerSource"]);
  });

  test("an edit on our 校验结果 sheet is never validated", async () => {
    const t = setup(host);
    await t.run((ctx: Excel.RequestContext) => validateAndFlag(ctx, "workbook", { capabilities: t.caps }));
    const rows = t.model.sheet("校验结果").cells.size;
    const live = await startLive({ run: t.run, capabilities: t.caps, revalidate: t.revalidate, debounceMs: 0 });
    await fireChanged(t.model, "校验结果", "A2");
    await tick(30);
    expect(t.revalidated).toEqual([]);
    expect(t.model.sheet("校验结果").cells.size).toBe(rows);
    await live.stop();
  });

  test("while the user edits a cell, the re-validation waits (delayForCellEdit) and then completes", async () => {
    const t = setup(host);
    const live = await startLive({ run: t.run, capabilities: t.caps, revalidate: t.revalidate, debounceMs: 0, cellEditRetryMs: 10 });
    t.model.enterCellEdit();
    const done = t.next();
    await fireChanged(t.model, "甲", "F13");
    await tick(30);
    expect(t.revalidated).toEqual([]);
    t.model.exitCellEdit();
    await done;
    expect(t.revalidated).toEqual(["甲"]);
    expect(t.errors).toEqual([]);
    await live.stop();
  });
});

test("hosts with change events but no triggerSource (1.9–1.13): a guard and a quiet period ignore our own late events", async () => {
  const host: HostProfile = { id: "m365", label: "ExcelApi 1.12", api: 12, web: false };
  const t = setup(host);
  const caps = detectCapabilities(requirements(12));
  const live = await startLive({ run: t.run, capabilities: caps, revalidate: t.revalidate, debounceMs: 0, quietMs: 50 });
  await live.guard(async () => fireChanged(t.model, "甲", "A1"));
  // Our write's event arrives late, still inside the quiet period.
  await fireChanged(t.model, "甲", "A1", { delayMs: 20 });
  await tick(10);
  expect(t.revalidated).toEqual([]);
  // A user's edit after the quiet period is validated.
  await tick(60);
  const done = t.next();
  await fireChanged(t.model, "甲", "B2");
  await done;
  expect(t.revalidated).toEqual(["甲"]);
  expect(live.skipped.map((s) => s.feature)).toEqual(["triggerSource"]);
  await live.stop();
});

test("hosts without delayForCellEdit: a batch refused in cell-edit mode is retried, not reported", async () => {
  const host: HostProfile = { id: "m365", label: "ExcelApi 1.10", api: 10, web: false };
  const t = setup(host);
  const caps = detectCapabilities(requirements(10));
  const errors: unknown[] = [];
  const live = await startLive({ run: t.run, capabilities: caps, revalidate: t.revalidate, debounceMs: 0, quietMs: 0, cellEditRetryMs: 10, onError: (e) => errors.push(e) });
  expect(live.skipped.map((s) => s.feature)).toEqual(["triggerSource", "cellEdit"]);
  t.model.enterCellEdit();
  const done = t.next();
  await fireChanged(t.model, "甲", "F13");
  await tick(40);
  expect(t.revalidated).toEqual([]);
  t.model.exitCellEdit();
  await done;
  expect(t.revalidated).toEqual(["甲"]);
  expect(errors).toEqual([]);
  await live.stop();
  void HOST;
});
