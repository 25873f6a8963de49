/**
 * The ribbon command as the host runs it, on every host profile: the page's script associates the
 * function at once (before Office.onReady resolves), Office dispatches the click by name after
 * initialisation, the function validates the active sheet and always completes the event.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { runInNewContext } from "vm";
import { parse } from "acorn";
import { SKIP } from "../src/excel/messages";
import { fakeExcelRun, hostRequirements, type HostProfile } from "./fakes/excel";
import { WorkbookModel } from "./fakes/excelModel";
import { ourCfs, PROFILES, seedTables } from "./fakes/hostCases";

interface Installed {
  associated: Record<string, (e: { completed(): void }) => Promise<void>>;
  associatedBeforeReady: string[];
  ready: Promise<unknown>;
  model: WorkbookModel;
  errors: string[];
}

/** Office and Excel globals of one host, then the command module loaded as its page would load it. */
function install(host: HostProfile): Installed {
  const model = new WorkbookModel();
  seedTables(model, "表", 1);
  const associated: Installed["associated"] = {};
  const associatedBeforeReady: string[] = [];
  let isReady = false;
  const ready = new Promise((r) => setTimeout(() => ((isReady = true), r({ host: "Excel" })), 10));
  const g = globalThis as unknown as Record<string, unknown>;
  g.Office = {
    onReady: (cb?: () => void) => ready.then((i) => (cb?.(), i)),
    context: { requirements: hostRequirements(host), displayLanguage: "zh-CN" },
    actions: {
      associate: (id: string, fn: Installed["associated"][string]) => {
        associated[id] = fn;
        if (!isReady) associatedBeforeReady.push(id);
      },
    },
  };
  g.Excel = { run: fakeExcelRun(model, host).run };
  const errors: string[] = [];
  jest.spyOn(console, "error").mockImplementation((...a: unknown[]) => void errors.push(a.join(" ")));
  jest.isolateModules(() => {
    require("../src/commands/commands");
  });
  return { associated, associatedBeforeReady, ready, model, errors };
}

/** What Office does on a click: after initialisation, call the function associated with the button's FunctionName. */
async function click(inst: Installed, name: string): Promise<void> {
  await inst.ready;
  const fn = inst.associated[name];
  if (!fn) throw new Error(`nothing associated with ${name}`);
  await new Promise<void>((resolve) => void fn({ completed: resolve }));
}

afterEach(() => jest.restoreAllMocks());

describe.each(PROFILES)("%s", (_label, host) => {
  test("the function is associated as the page loads, before Office.onReady resolves (no first-click race)", () => {
    const inst = install(host);
    expect(inst.associatedBeforeReady).toEqual(["validateActiveSheet"]);
  });

  test("a click validates the active sheet, flags it and completes the event", async () => {
    const inst = install(host);
    await click(inst, "validateActiveSheet");
    if (host.api >= 9) {
      expect(ourCfs(inst.model, "表").length).toBeGreaterThan(0);
      expect(inst.model.sheets.map((s) => s.name)).toEqual(["表", "校验结果"]);
      expect(inst.errors).toEqual([]);
    } else {
      // The manifest keeps such hosts out; if one runs the command anyway it writes nothing and says why.
      expect(ourCfs(inst.model, "表")).toHaveLength(0);
      expect(inst.errors.join("\n")).toContain(SKIP.hostTooOld().zh);
    }
  });

  test("in cell-edit mode the click waits where the host can delay, and otherwise ends with a message — the event always completes", async () => {
    const inst = install(host);
    inst.model.enterCellEdit();
    const clicked = click(inst, "validateActiveSheet");
    setTimeout(() => inst.model.exitCellEdit(), 40);
    await clicked;
    if (host.api >= 11) {
      expect(ourCfs(inst.model, "表").length).toBeGreaterThan(0);
      expect(inst.errors).toEqual([]);
    } else expect(inst.errors.join("\n")).toMatch(/正在编辑单元格|太旧/);
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
