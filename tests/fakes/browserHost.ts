/**
 * Stands in for office.js in the browser test: defines Office and Excel over the fake API so the
 * production bundles run unmodified. Bundled with esbuild by tests/fakes/paneHarness.ts.
 *
 * Like the real host: Office.onReady resolves asynchronously (a little after the page's scripts
 * ran), a ribbon command is dispatched by its associated name only after initialisation
 * (`__fake.dispatch(name)`), and Content-Security-Policy violations are collected
 * (`__fake.cspViolations`). The host profile comes from the page URL (`?host=excel2019`, default
 * Microsoft 365 on the web).
 *
 * Dialogs (tests/fakes/officeDialog.ts): a host page's displayDialogAsync is recorded in `__fake.dialogs`
 * (same-origin and one-at-a-time rules kept; HTTP allowed only because the test server is not HTTPS) — the
 * test opens the recorded URL in a page of its own, as Office would; in a dialog page, messageParent is
 * recorded in `__fake.parentMessages`, for the test to hand to the host page (`__fake.dialogs[i].clickOk`).
 */
import { fakeExcelRun, HOST, HOSTS, hostRequirements, type HostProfile } from "./excel";
import { WorkbookModel } from "./excelModel";
import { AsyncResultStatus, DialogEventType, fakeDialogApi } from "./officeDialog";

const params = new URLSearchParams(location.search);
const host: HostProfile = HOSTS.find((h) => h.id === params.get("host")) ?? HOST.web;
const model = new WorkbookModel();
model.addSheet("Sheet1");
const associated: Record<string, (event: unknown) => unknown> = {};
const syncs: number[] = [];
const cspViolations: string[] = [];
document.addEventListener("securitypolicyviolation", (e) => cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));

const info = { host: "Excel", platform: host.web ? "OfficeOnline" : "PC" };
let initialised = false;
const ready = new Promise<typeof info>((resolve) =>
  setTimeout(() => {
    initialised = true;
    resolve(info);
  }, 20),
);
const { run, contexts } = fakeExcelRun(model, host);

const w = window as unknown as Record<string, unknown>;
const dialogApi = fakeDialogApi({ requirements: hostRequirements(host), origin: location.origin, allowHttp: true });
const parentMessages: string[] = [];
const ui = { ...dialogApi.ui, messageParent: (message: string) => void parentMessages.push(message) };
w.Office = {
  onReady: (cb?: (i: unknown) => void) => ready.then((i) => (cb?.(i), i)),
  context: { requirements: hostRequirements(host), displayLanguage: "zh-CN", ui },
  actions: { associate: (id: string, fn: (e: unknown) => unknown) => (associated[id] = fn) },
  AsyncResultStatus,
  EventType: DialogEventType,
};
w.Excel = {
  run: async (a: unknown, b?: unknown) => {
    const before = contexts.length;
    try {
      return await run(a, b);
    } finally {
      for (const c of contexts.slice(before)) syncs.push(c.syncCount);
    }
  },
};
w.__fake = {
  model,
  host,
  associated,
  syncs,
  cspViolations,
  dialogs: dialogApi.dialogs,
  parentMessages,
  isInitialised: () => initialised,
  /** What Office does on a ribbon click: after initialisation, call the function associated with that name. */
  dispatch: async (name: string) => {
    await ready;
    const fn = associated[name];
    if (!fn) throw new Error(`no function is associated with "${name}"`);
    await new Promise<void>((resolve) => void fn({ completed: () => resolve(), source: { id: name } }));
  },
  summary: () => ({
    sheets: model.sheets.map((s) => s.name),
    active: model.sheets.find((s) => s.id === model.activeId)?.name,
    selection: model.selection,
    flags: model.sheets.map((s) => ({ sheet: s.name, cfs: s.cfs.filter((c) => c.formula?.includes("PerfCheck:")).length, notes: [...s.notes.values()].filter((n) => n.includes("【PerfCheck】")).length })),
    resultsRows: model.sheets.find((s) => s.name === "校验结果") ? [...model.sheet("校验结果").cells.keys()].filter((k) => k.endsWith(",2")).length - 1 : -1,
  }),
};
