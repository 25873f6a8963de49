/**
 * The pane's PaneHost over Office.js (src/taskpane/officeHost.ts), run on every host profile of the
 * strict fake: the real createOfficeHost with the fake as the global Excel and Office. What a
 * profile lacks must degrade with a message a clerk understands, asserted here.
 */
import { IGNORE_SHEET } from "../src/core/ignores";
import { profileFromJson } from "../src/core/profileCheck";
import { RESULTS_SHEET } from "../src/excel/flags";
import { SKIP } from "../src/excel/messages";
import { describeHostError } from "../src/excel/sync";
import { validateAndFlag } from "../src/excel/validate";
import type { PaneHost, PaneResult } from "../src/taskpane/host";
import { createOfficeHost } from "../src/taskpane/officeHost";
import { asExcel, cellKeyOf, FakeContext, fakeExcelRun, fireActivated, fireChanged, hostRequirements, type HostProfile } from "./fakes/excel";
import { WorkbookModel } from "./fakes/excelModel";
import { capsOf, ourCfs, ourRemarks, PROFILES, remarkKind, seedTables } from "./fakes/hostCases";

type Listener = () => void;

const BUREAU = profileFromJson(JSON.stringify({ extends: "national", id: "demo-2027", name: { zh: "示范局2027年度模板", en: "Demo 2027" }, distribution: { issuer: "示范局", year: 2027, version: "2027.1" } }), "demo.json");

const findingKey = (f: { rule: string; sheet: string; cell: string }) => `${f.rule}@${f.sheet}!${f.cell}`;

/** The globals office.js and the browser give the pane, answered by the fake for one host. */
function install(model: WorkbookModel, host: HostProfile) {
  const { run, contexts } = fakeExcelRun(model, host);
  const listeners = new Map<string, Set<Listener>>();
  const g = globalThis as Record<string, unknown>;
  g.Excel = { run };
  g.Office = { context: { requirements: hostRequirements(host) } };
  g.window = {
    addEventListener: (t: string, l: Listener) => (listeners.get(t) ?? listeners.set(t, new Set()).get(t)!).add(l),
    removeEventListener: (t: string, l: Listener) => listeners.get(t)?.delete(l),
  };
  return { contexts, listeners, runs: () => contexts.length };
}

afterEach(() => {
  const g = globalThis as Record<string, unknown>;
  delete g.Excel;
  delete g.Office;
  delete g.window;
});

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(PROFILES)("%s", (_label, host) => {
  let model: WorkbookModel;
  let pane: PaneHost;
  let env: ReturnType<typeof install>;
  beforeEach(() => {
    model = new WorkbookModel();
    env = install(model, host);
    pane = createOfficeHost();
  });

  test("validate → ignore with a reason → validate → restore → clear: flags follow, the user's sheet is restored exactly", async () => {
    const sheet = seedTables(model, "项目", 2);
    const before = new Map(sheet.cells);
    const first = await pane.validate("active", "zh");
    expect(first.tables).toHaveLength(2);
    const errors = first.findings.filter((f) => f.severity === "error");
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(first.resultsSheet).toBe(RESULTS_SHEET);
    expect(ourCfs(model, "项目").length).toBeGreaterThan(0);
    if (remarkKind(host) !== "none") expect(ourRemarks(model, "项目").length).toBeGreaterThan(0);

    const target = errors[0];
    await pane.ignore(target, "finding", "上级批准的口径");
    const second = await pane.validate("active", "zh");
    expect(second.findings.map(findingKey)).not.toContain(findingKey(target));
    expect(second.ignored.map((f) => [findingKey(f), f.reason])).toEqual([[findingKey(target), "上级批准的口径"]]);
    expect(model.sheet(IGNORE_SHEET).visibility).toBe("VeryHidden");

    await pane.restore(second.ignored[0]);
    const third = await pane.validate("active", "zh");
    expect(third.findings.map(findingKey)).toContain(findingKey(target));
    expect(third.ignored).toEqual([]);
    // The list emptied: nothing of ours is left in the workbook for it.
    expect(model.sheets.map((s) => s.name)).not.toContain(IGNORE_SHEET);

    await pane.clearFlags("zh");
    expect(ourCfs(model, "项目")).toEqual([]);
    expect(ourRemarks(model, "项目")).toEqual([]);
    expect(model.sheets.map((s) => s.name)).toEqual(["项目"]);
    expect(new Map(sheet.cells)).toEqual(before);
  });

  test("our notes are sized to show their whole text where Excel allows it (1.18, not on the web); a user's note keeps its size", async () => {
    const sheet = seedTables(model, "项目", 2);
    // The user's own note on a cell that will be flagged: our remark is appended to it.
    const probe = await pane.validate("active", "zh");
    await pane.clearFlags("zh");
    const userCell = cellKeyOf(probe.findings[0].cell);
    expect(new Set(probe.findings.map((f) => f.cell)).size).toBeGreaterThan(1);
    sheet.notes.set(userCell, "用户自己的注释");
    const before = model.fingerprint("项目");
    const r = await pane.validate("active", "zh");
    expect(r.findings.length).toBeGreaterThan(0);
    if (remarkKind(host) === "notes") expect(sheet.notes.get(userCell)).toMatch(/^用户自己的注释\n\n【PerfCheck】/);
    const ours = [...sheet.notes.entries()].filter(([k, n]) => n.startsWith("【PerfCheck】") && k !== userCell);
    if (remarkKind(host) !== "notes") {
      expect(ours).toEqual([]);
    } else {
      expect(ours.length).toBeGreaterThan(0);
      const sized = host.web ? [] : ours.map(([k]) => k);
      expect([...sheet.noteSizes.keys()].sort()).toEqual(sized.sort());
      for (const k of sized) {
        const size = sheet.noteSizes.get(k)!;
        expect(size.width).toBe(300);
        expect(size.height).toBeGreaterThanOrEqual(72);
      }
    }
    expect(sheet.noteSizes.has(userCell)).toBe(false);
    await pane.clearFlags("zh");
    expect(model.fingerprint("项目")).toEqual(before);
  });

  test("a sheet without a table: no findings, no 校验结果 sheet (not a silent all-clear)", async () => {
    model.addSheet("备忘", [["会议纪要"]]);
    const r = await pane.validate("active", "zh");
    expect(r.tables).toEqual([]);
    expect(r.resultsSheet).toBeUndefined();
    expect(model.sheets.map((s) => s.name)).toEqual(["备忘"]);
  });

  test("the pane's run costs what src/excel's does when no ignore list exists (state and sheet list reused)", async () => {
    seedTables(model, "项目", 1);
    await pane.validate("active", "zh");
    const paneSyncs = env.contexts.at(-1)!.syncCount;
    const other = new WorkbookModel();
    seedTables(other, "项目", 1);
    const ctx = new FakeContext(other, { host });
    await validateAndFlag(asExcel(ctx), "active", { capabilities: capsOf(host) });
    expect(paneSyncs).toBe(ctx.syncCount);
  });

  test("a renamed 校验结果 sheet is reused, not joined by a second one", async () => {
    seedTables(model, "项目", 1);
    await pane.validate("active", "zh");
    model.sheet(RESULTS_SHEET).name = "审核意见";
    const again = await pane.validate("active", "zh");
    expect(again.resultsSheet).toBe("审核意见");
    expect(model.sheets.map((s) => s.name).sort()).toEqual(["审核意见", "项目"].sort());
  });

  test("clear straight after renaming the new 校验结果 sheet still removes it", async () => {
    seedTables(model, "项目", 1);
    await pane.validate("active", "zh");
    model.sheet(RESULTS_SHEET).name = "审核意见";
    await pane.clearFlags("zh");
    expect(model.sheets.map((s) => s.name)).toEqual(["项目"]);
    expect(ourCfs(model, "项目")).toEqual([]);
  });

  test("jumping to a problem: selected when visible; on a hidden or deleted sheet the pane says what to do", async () => {
    seedTables(model, "项目", 1);
    model.addSheet("隐藏", [["x"]]).visibility = "Hidden";
    expect(await pane.selectCell("项目", "C5")).toBeUndefined();
    expect(model.selection?.address).toBe("'项目'!C5");
    const hidden = await pane.selectCell("隐藏", "A1");
    expect(hidden?.zh).toBe(SKIP.hiddenSheet("隐藏").zh);
    expect(hidden?.en).toContain("Unhide");
    const gone = await pane.selectCell("已删除", "A1");
    expect(gone?.zh).toContain("找不到工作表“已删除”");
    expect(model.selection?.address).toBe("'项目'!C5");
  });

  test("live mode: on where Excel reports changes, else off with the reason; the changed sheet is validated by id; co-authors' edits write nothing", async () => {
    seedTables(model, "甲", 1);
    seedTables(model, "乙", 1);
    const results: PaneResult[] = [];
    const errors: unknown[] = [];
    const s = await pane.setLive(true, "zh", (r) => results.push(r), (e) => errors.push(e));
    if (!capsOf(host).changeEvents) {
      expect(s.on).toBe(false);
      expect(s.skipped.map((m) => m.zh)).toEqual([SKIP.liveUnavailable().zh]);
      expect(s.skipped[0].zh).not.toMatch(/ExcelApi|1\.\d/);
      return;
    }
    expect(s.on).toBe(true);
    // What this host lacks for live mode is said in words (older hosts: no triggerSource, no waiting for cell edits).
    for (const m of s.skipped) expect(m.zh).not.toMatch(/ExcelApi/);
    expect(s.skipped.length).toBe((capsOf(host).triggerSource ? 0 : 1) + (capsOf(host).delayForCellEdit ? 0 : 1));
    // A co-author's edit on 乙: nothing validated, nothing written.
    await fireChanged(model, "乙", "C5", { source: "Remote" });
    await new Promise((r) => setTimeout(r, 1000));
    expect(results).toEqual([]);
    expect(ourCfs(model, "乙")).toEqual([]);
    // The user edits 乙 while 甲 is active: 乙 is validated and flagged.
    model.sheet("乙").name = "乙表";
    await fireChanged(model, "乙表", "C5");
    await until(() => results.length > 0);
    expect(errors).toEqual([]);
    expect(new Set(results[0].findings.map((f) => f.sheet))).toEqual(new Set(["乙表"]));
    expect(ourCfs(model, "乙表").length).toBeGreaterThan(0);
    expect(ourCfs(model, "甲")).toEqual([]);
    await pane.setLive(false, "zh", () => undefined, () => undefined);
    await fireChanged(model, "乙表", "C6");
    await new Promise((r) => setTimeout(r, 1000));
    expect(results).toHaveLength(1);
  }, 15000);

  test("Excel in cell-edit mode: hosts that can wait, wait; older hosts fail with a message the clerk understands", async () => {
    seedTables(model, "项目", 1);
    model.enterCellEdit();
    const pending = pane.validate("active", "zh").then(
      (r) => ({ r }),
      (e: unknown) => ({ e }),
    );
    if (capsOf(host).delayForCellEdit) {
      await new Promise((r) => setTimeout(r, 100));
      model.exitCellEdit();
      const out = await pending;
      expect("r" in out && out.r.tables).toHaveLength(1);
    } else {
      const out = await pending;
      model.exitCellEdit();
      expect("e" in out).toBe(true);
      expect(describeHostError((out as { e: unknown }).e).zh).toContain("正在编辑单元格");
    }
  });

  test("results go stale: edits and sheet switches where Excel reports them, the pane regaining focus where it cannot", async () => {
    model.addSheet("甲", [["x"]]);
    model.addSheet("乙", [["y"]]);
    const kinds: string[] = [];
    const stop = await pane.watchChanges((k) => kinds.push(k));
    await fireActivated(model, "乙");
    if (capsOf(host).changeEvents) {
      await fireChanged(model, "甲", "A1");
      expect(kinds).toEqual(["activate", "edit"]);
      expect(env.listeners.get("focus")?.size ?? 0).toBe(0);
    } else {
      expect(kinds).toEqual(["activate"]);
      expect(env.listeners.get("focus")?.size).toBe(1);
      for (const l of env.listeners.get("focus")!) l();
      expect(kinds).toEqual(["activate", "focus"]);
    }
    stop();
    await new Promise((r) => setTimeout(r, 10));
    await fireActivated(model, "甲");
    expect(kinds.filter((k) => k === "activate")).toHaveLength(1);
    expect(env.listeners.get("focus")?.size ?? 0).toBe(0);
  });

  test("an edit right after validating marks results stale where Excel tells our writes apart; our own writes never do", async () => {
    seedTables(model, "项目", 1);
    const kinds: string[] = [];
    const stop = await pane.watchChanges((k) => kinds.push(k));
    await pane.validate("active", "zh");
    await fireChanged(model, "项目", "C5", "ThisLocalAddin");
    await fireChanged(model, "项目", "C6");
    // 1.14+: triggerSource says which is ours. Older hosts fall back to a quiet period after our writes,
    // which also hides an edit made within it (docs/addin.md).
    expect(kinds).toEqual(capsOf(host).triggerSource ? ["edit"] : []);
    stop();
  });

  test("an inserted template validates as a table of its kind, with its text kept as text", async () => {
    model.addSheet("Sheet1");
    const ins = await pane.insertTemplate("project", "zh");
    for (const m of ins.skipped) expect(m.zh).not.toMatch(/ExcelApi/);
    expect(model.sheets.map((s) => s.name)).toContain(ins.sheet);
    model.activeId = model.sheet(ins.sheet).id;
    const r = await pane.validate("active", "zh");
    expect(r.tables.map((t) => t.kind)).toEqual(["project-target"]);
    // Written as text, not typed: Excel would turn a typed 100% into the number 1.
    const texts = [...model.sheet(ins.sheet).cells.values()].map((c) => c.value);
    expect(texts).toContain("100%");
    expect(texts).not.toContain(1);
  });

  test("with a bureau's profile the inserted template carries its identity and validates naming its version (issue 24)", async () => {
    model.addSheet("Sheet1");
    model.customProperties = new Map([["作者备注", "kept"]]);
    const ins = await pane.insertTemplate("project", "zh", undefined, BUREAU);
    expect(model.customProperties.get("作者备注")).toBe("kept");
    expect(JSON.parse(String(model.customProperties.get("PerfCheck.Template")))).toMatchObject({ kind: "project", sheet: ins.sheet, profile: "demo-2027", version: "2027.1" });
    model.activeId = model.sheet(ins.sheet).id;
    const r = await pane.validate("active", "zh", BUREAU);
    expect(r.tables.map((t) => t.template?.version)).toEqual(["2027.1"]);
    expect(r.findings.filter((f) => f.rule.startsWith("template/"))).toEqual([]);
    // A second copy gets the next property name and its own sheet.
    const again = await pane.insertTemplate("project", "zh", undefined, BUREAU);
    expect(JSON.parse(String(model.customProperties.get("PerfCheck.Template.2"))).sheet).toBe(again.sheet);
  });
});
