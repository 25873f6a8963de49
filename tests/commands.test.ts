/**
 * The ribbon command as the host runs it, on every host profile: the page's script associates the
 * function at once (before Office.onReady resolves), Office dispatches the click by name after
 * initialisation, the function validates the active sheet, shows the outcome in an Office dialog
 * (notice.html, DialogApi 1.1) or, without one, in the console, and completes the event exactly once —
 * after the notice is closed, since completing lets Office close the dialog's host runtime.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { runInNewContext } from "vm";
import { parse } from "acorn";
import { SKIP } from "../src/excel/messages";
import { MAX_NOTICE_URL, noticeUrl, readNotice } from "../src/commands/noticeUrl";
import { fakeExcelRun, hostRequirements, requirements, type HostProfile } from "./fakes/excel";
import { WorkbookModel } from "./fakes/excelModel";
import { ourCfs, PROFILES, remarkKind, seedTables } from "./fakes/hostCases";
import { AsyncResultStatus, DIALOG_ERRORS, DialogEventType, fakeDialogApi, type FakeDialogApi, type RecordedDialog } from "./fakes/officeDialog";

const ORIGIN = "https://localhost:3000";

interface Installed {
  associated: Record<string, (e: { completed(): void }) => Promise<void>>;
  associatedBeforeReady: string[];
  ready: Promise<unknown>;
  model: WorkbookModel;
  dialog: FakeDialogApi;
  errors: string[];
  infos: string[];
}

interface InstallOptions {
  /** Seed one project table on the active sheet (default) or leave the sheet empty. */
  table?: boolean;
  /** Office's display language (default zh-CN). */
  language?: string;
  /** Requirement sets the host reports as missing, e.g. ["DialogApi 1.1"]. */
  missing?: string[];
}

/** Office and Excel globals of one host, then the command module loaded as its page would load it. */
function install(host: HostProfile, opts: InstallOptions = {}): Installed {
  const model = new WorkbookModel();
  if (opts.table === false) model.addSheet("表");
  else seedTables(model, "表", 1);
  const associated: Installed["associated"] = {};
  const associatedBeforeReady: string[] = [];
  let isReady = false;
  const ready = new Promise((r) => setTimeout(() => ((isReady = true), r({ host: "Excel" })), 10));
  // The host's own checker (with whatever else it carries) minus the sets a test takes away.
  const hostReqs = hostRequirements(host);
  const missing = opts.missing ?? [];
  const reqs = { ...hostReqs, isSetSupported: (name: string, v = "1.1") => !missing.includes(`${name} ${v}`) && hostReqs.isSetSupported(name, v) };
  const dialog = fakeDialogApi({ requirements: reqs, origin: ORIGIN });
  const g = globalThis as unknown as Record<string, unknown>;
  // The function file's own address: the notice page is resolved against it (same origin, as Office requires).
  g.location = { href: `${ORIGIN}/commands.html` };
  g.Office = {
    onReady: (cb?: () => void) => ready.then((i) => (cb?.(), i)),
    context: { requirements: reqs, displayLanguage: opts.language ?? "zh-CN", ui: dialog.ui },
    actions: {
      associate: (id: string, fn: Installed["associated"][string]) => {
        associated[id] = fn;
        if (!isReady) associatedBeforeReady.push(id);
      },
    },
    AsyncResultStatus,
    EventType: DialogEventType,
  };
  g.Excel = { run: fakeExcelRun(model, host).run };
  const errors: string[] = [];
  const infos: string[] = [];
  jest.spyOn(console, "error").mockImplementation((...a: unknown[]) => void errors.push(a.join(" ")));
  jest.spyOn(console, "warn").mockImplementation((...a: unknown[]) => void errors.push(a.join(" ")));
  jest.spyOn(console, "info").mockImplementation((...a: unknown[]) => void infos.push(a.join(" ")));
  jest.isolateModules(() => {
    require("../src/commands/commands");
  });
  return { associated, associatedBeforeReady, ready, model, dialog, errors, infos };
}

interface Clicked {
  /** The notice dialog the click opened, if any. */
  shown?: RecordedDialog;
  /** How often the function called event.completed(). */
  completions: number;
  /** Whether a dialog the user had not closed (OK pressed, or its X) was still open when the event completed. */
  openAtCompletion: boolean;
}

const tick = (ms = 2) => new Promise((r) => setTimeout(r, ms));

/**
 * What Office does on a click (after initialisation, call the function associated with the button's
 * FunctionName) and what the user does with the notice: press OK / 确定, close it with its X, or nothing yet.
 */
async function click(inst: Installed, name: string, user: "ok" | "x" = "ok"): Promise<Clicked> {
  await inst.ready;
  const fn = inst.associated[name];
  if (!fn) throw new Error(`nothing associated with ${name}`);
  const out: Clicked = { completions: 0, openAtCompletion: false };
  const opened = inst.dialog.dialogs.length;
  let completed = false;
  void fn({
    completed: () => {
      out.completions++;
      // After OK the host page's close() may still be under way ("closing"): that dialog is already dismissed.
      out.openAtCompletion ||= inst.dialog.dialogs.some((d) => d.state === "open");
      completed = true;
    },
  });
  for (let waited = 0; !completed && inst.dialog.dialogs.length === opened; waited += 2) {
    if (waited > 20_000) throw new Error("the command neither completed nor opened a dialog");
    await tick();
  }
  out.shown = inst.dialog.dialogs[opened];
  if (out.shown) {
    await tick(20);
    // The notice is open: the event must still be pending (Office may tear the function's runtime down on completion).
    expect(out.completions).toBe(0);
    if (user === "ok") out.shown.clickOk();
    else out.shown.closeWithX();
    for (let waited = 0; !completed; waited += 2) {
      if (waited > 5_000) throw new Error("the command did not complete after the notice was closed");
      await tick();
    }
  }
  await tick(20); // a second completion would show up here
  return out;
}

/** The notice as the dialog page reads it from its URL. */
function shownNotice(c: Clicked) {
  if (!c.shown) throw new Error("no notice dialog was opened");
  const u = new URL(c.shown.url);
  return { ...readNotice(u.search), path: u.pathname, origin: u.origin };
}

afterEach(() => jest.restoreAllMocks());

describe.each(PROFILES)("%s", (_label, host) => {
  const tooOld = host.api < 9;

  test("the function is associated as the page loads, before Office.onReady resolves (no first-click race)", () => {
    const inst = install(host);
    expect(inst.associatedBeforeReady).toEqual(["validateActiveSheet"]);
  });

  test("a click validates the active sheet, flags it, shows the counts in the notice and completes the event once, after OK", async () => {
    const inst = install(host);
    const c = await click(inst, "validateActiveSheet");
    expect([c.completions, c.openAtCompletion]).toEqual([1, false]);
    const n = shownNotice(c);
    expect([n.origin, n.path, n.lang]).toEqual([ORIGIN, "/notice.html", "zh"]);
    // Size in percent of the screen, as DialogOptions defines it.
    expect(c.shown!.options).toEqual(expect.objectContaining({ width: expect.any(Number), height: expect.any(Number) }));
    expect(c.shown!.options.width! <= 50 && c.shown!.options.height! <= 50).toBe(true);
    expect(c.shown!.closedBy).toBe("host");
    if (!tooOld) {
      expect(ourCfs(inst.model, "表").length).toBeGreaterThan(0);
      expect(inst.model.sheets.map((s) => s.name)).toEqual(["表", "校验结果"]);
      expect(n.intent).toBe("error");
      expect(n.title).toMatch(/^校验完成：错误 [1-9]\d*，警告 \d+，提示 \d+$/);
      // The remark this host can attach (notes 1.18 = 注释, threaded comments 1.10 = 批注), never one it cannot.
      const remark = { notes: "并加注释", comments: "并加批注", none: "（此版本 Excel 不能在单元格上附加说明）" }[remarkKind(host)];
      expect(n.body).toBe(`1 张表，问题单元格已标色${remark}。详见“校验结果”工作表。`);
      expect([inst.errors, inst.infos]).toEqual([[], []]);
    } else {
      // The manifest keeps such hosts out; if one runs the command anyway it writes nothing and says why.
      expect(ourCfs(inst.model, "表")).toHaveLength(0);
      expect([n.intent, n.title, n.body]).toEqual(["error", "校验未完成", SKIP.hostTooOld().zh]);
      expect(inst.errors.join("\n")).toContain(SKIP.hostTooOld().zh);
    }
  });

  test("a sheet with no table: the notice says 未识别到绩效表, nothing is written", async () => {
    const inst = install(host, { table: false });
    const c = await click(inst, "validateActiveSheet");
    const n = shownNotice(c);
    expect(c.completions).toBe(1);
    if (tooOld) expect(n.title).toBe("校验未完成");
    else {
      expect([n.intent, n.title]).toEqual(["warning", "未识别到绩效表"]);
      expect(n.body).toContain("插入模板");
      expect(inst.model.sheets.map((s) => s.name)).toEqual(["表"]);
    }
  });

  test("Excel refusing a write part-way: the notice says 校验未完成 with Excel's reason, the console keeps it too", async () => {
    const inst = install(host);
    inst.model.failWrite(1, "AccessDenied");
    const c = await click(inst, "validateActiveSheet", "x");
    const n = shownNotice(c);
    expect([c.completions, c.openAtCompletion, c.shown!.closedBy]).toEqual([1, false, "user"]);
    expect([n.intent, n.title]).toEqual(["error", "校验未完成"]);
    expect(n.body.length).toBeGreaterThan(0);
    expect(inst.errors.join("\n")).toContain(n.body.replace(/…$/, "").slice(0, 20));
    if (tooOld) expect(n.body).toBe(SKIP.hostTooOld().zh);
  });

  test("a protected sheet: the counts, and the notice says its cells were not flagged", async () => {
    const inst = install(host);
    inst.model.sheet("表").protected = true;
    const n = shownNotice(await click(inst, "validateActiveSheet"));
    if (tooOld) expect(n.title).toBe("校验未完成");
    else {
      expect(n.title).toMatch(/^校验完成：错误 [1-9]/);
      expect(n.body).toBe(SKIP.protectedSheet("表").zh);
      expect(ourCfs(inst.model, "表")).toHaveLength(0);
    }
  });

  test("in cell-edit mode the click waits where the host can delay, and otherwise ends with a notice — the event always completes", async () => {
    const inst = install(host);
    inst.model.enterCellEdit();
    setTimeout(() => inst.model.exitCellEdit(), 40);
    const c = await click(inst, "validateActiveSheet");
    expect(c.completions).toBe(1);
    if (host.api >= 11) {
      expect(ourCfs(inst.model, "表").length).toBeGreaterThan(0);
      expect(shownNotice(c).title).toMatch(/^校验完成/);
      expect(inst.errors).toEqual([]);
    } else {
      expect(shownNotice(c).title).toBe("校验未完成");
      expect(inst.errors.join("\n")).toMatch(/正在编辑单元格|太旧/);
    }
  });

  test("in English Office the notice is in English", async () => {
    const inst = install(host, { language: "en-US" });
    const n = shownNotice(await click(inst, "validateActiveSheet"));
    expect(n.lang).toBe("en");
    expect(n.title).toMatch(tooOld ? /^Validation did not finish$/ : /^Validated: [1-9]\d* errors, \d+ warnings, \d+ info$/);
  });

  test("without DialogApi 1.1 the outcome goes to the console, as before, and the event still completes once", async () => {
    const inst = install(host, { missing: ["DialogApi 1.1"] });
    const c = await click(inst, "validateActiveSheet");
    expect([c.shown, c.completions, inst.dialog.dialogs]).toEqual([undefined, 1, []]);
    if (tooOld) expect(inst.errors.join("\n")).toContain(SKIP.hostTooOld().zh);
    else {
      expect(inst.infos.join("\n")).toMatch(/^PerfCheck: 校验完成：错误 [1-9]/);
      expect(inst.errors).toEqual([]);
      expect(ourCfs(inst.model, "表").length).toBeGreaterThan(0);
    }
  });

  test.each([DIALOG_ERRORS.ignored, DIALOG_ERRORS.popupsBlocked, DIALOG_ERRORS.alreadyOpen])("Office refusing the dialog (%d): console fallback, the event completes once", async (code) => {
    const inst = install(host, { table: false });
    inst.dialog.failNextWith(code);
    const c = await click(inst, "validateActiveSheet");
    expect([c.shown, c.completions]).toEqual([undefined, 1]);
    const logged = [...inst.infos, ...inst.errors].join("\n");
    expect(logged).toContain(tooOld ? "校验未完成" : "未识别到绩效表");
    expect(logged).toContain(`dialog ${code}`);
  });
});

describe("the fake Dialog API keeps Office's rules", () => {
  const reqs = hostRequirements(PROFILES[3][1]);
  const open = (api: FakeDialogApi, url: string) =>
    new Promise<{ status: string; error?: { code: number } }>((r) => api.ui.displayDialogAsync!(url, { width: 30, height: 30 }, r as (x: unknown) => void));

  test("same origin only (12004), HTTPS only (12005), one dialog at a time (12007, also right after an asynchronous close), X → 12006", async () => {
    const api = fakeDialogApi({ requirements: reqs, origin: ORIGIN });
    expect((await open(api, "https://evil.example/notice.html")).error?.code).toBe(12004);
    expect((await open(api, "https://localhost:3001/notice.html")).error?.code).toBe(12004);
    expect((await open(api, "http://localhost:3000/notice.html")).error?.code).toBe(12005);
    const first = (await open(api, `${ORIGIN}/notice.html`)) as unknown as { status: string; value: { close(): void; addEventHandler(t: string, h: (a: unknown) => void): void } };
    expect(first.status).toBe("succeeded");
    expect((await open(api, `${ORIGIN}/notice.html`)).error?.code).toBe(12007);
    first.value.close();
    expect(api.openDialog()?.state).toBe("closing");
    await tick(5);
    const second = (await open(api, `${ORIGIN}/notice.html?x=1`)) as unknown as { status: string; value: { addEventHandler(t: string, h: (a: unknown) => void): void } };
    expect(second.status).toBe("succeeded");
    const events: unknown[] = [];
    second.value.addEventHandler(DialogEventType.DialogEventReceived, (a) => events.push(a));
    api.dialogs[1].closeWithX();
    await tick(5);
    expect(events).toEqual([{ error: 12006 }]);
    expect(api.dialogs[1].params).toEqual({ x: "1" });
  });

  test("no DialogApi 1.1: no displayDialogAsync; messageChild only with DialogApi 1.2", async () => {
    expect(fakeDialogApi({ requirements: requirements(20, ["DialogApi 1.1"], { DialogApi: 2 }), origin: ORIGIN }).ui.displayDialogAsync).toBeUndefined();
    const old = fakeDialogApi({ requirements: hostRequirements(PROFILES[0][1]), origin: ORIGIN });
    const r = (await open(old, `${ORIGIN}/notice.html`)) as unknown as { value: { messageChild?: unknown } };
    expect(r.value.messageChild).toBeUndefined();
  });
});

describe("the notice URL", () => {
  const base = `${ORIGIN}/notice.html`;

  test("round-trips title, body, intent and language through the query string", () => {
    const n = { intent: "error" as const, title: "校验完成：错误 2，警告 0，提示 1", body: "含 & = ? # % 与 <b>标记</b> 的文字" };
    const url = noticeUrl(base, n, "zh");
    expect(url.startsWith(`${base}?`)).toBe(true);
    // Office appends its own _host_info after ours; only our parameters are read.
    expect(readNotice(new URL(`${url}&_host_info=Excel$Win32$16.01$zh-CN`).search)).toEqual({ ...n, lang: "zh" });
  });

  test("a long body is shortened so the whole URL stays under the limit", () => {
    const body = "单元格文本很长。".repeat(200);
    const url = noticeUrl(base, { intent: "error", title: "校验未完成", body }, "zh");
    expect(url.length).toBeLessThanOrEqual(MAX_NOTICE_URL);
    const back = readNotice(new URL(url).search).body;
    expect(back.endsWith("…")).toBe(true);
    expect(body.startsWith(back.slice(0, -1))).toBe(true);
  });

  test("unexpected parameters fall back to safe values", () => {
    expect(readNotice("?intent=<script>&lang=fr")).toEqual({ intent: "warning", lang: "zh", title: "PerfCheck", body: "" });
  });
});

describe("old webviews", () => {
  const src = readFileSync(join(__dirname, "../src/commands/webview-check.js"), "utf8");

  test("the check script is plain ES5 (Internet Explorer 11 must be able to parse it)", () => {
    expect(() => parse(src, { ecmaVersion: 5 })).not.toThrow();
  });

  function runCheck(userAgent: string) {
    const paragraphs: string[] = [];
    const container = {
      firstChild: null as unknown,
      removeChild: () => undefined,
      appendChild: (p: { textContent: string }) => void paragraphs.push(p.textContent),
    };
    const win: Record<string, unknown> = {};
    const document = {
      readyState: "complete",
      getElementById: () => container,
      body: container,
      createElement: () => ({ style: {}, textContent: "" }),
      addEventListener: () => undefined,
    };
    runInNewContext(src, { navigator: { userAgent }, document, window: win });
    return { paragraphs, unsupported: win.__perfcheckUnsupported === true };
  }

  test("Trident and EdgeHTML get the too-old message (the same words as the adapter's), Chromium webviews nothing", () => {
    const m = SKIP.hostTooOld();
    for (const ua of ["Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0 Safari/537.36 Edge/18.19041"])
      expect(runCheck(ua)).toEqual({ paragraphs: [m.zh, m.en], unsupported: true });
    expect(runCheck("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0")).toEqual({ paragraphs: [], unsupported: false });
  });

  test("the production build loads the check first on both pages", () => {
    const config = readFileSync(join(__dirname, "../webpack.config.js"), "utf8");
    expect(config).toMatch(/from: "src\/commands\/webview-check\.js", to: "webview-check\.js"/);
    expect(config.match(/new WebviewCheckPlugin\(\)/g)).toHaveLength(2);
  });
});
