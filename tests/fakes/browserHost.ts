/**
 * Stands in for office.js in the browser test: defines Office and Excel over the fake API so the
 * production bundles run unmodified. Bundled with esbuild by tests/addin.browser.test.ts.
 */
import { FakeContext, requirements } from "./excel";
import { WorkbookModel } from "./excelModel";

const model = new WorkbookModel();
model.addSheet("Sheet1");
const associated: Record<string, (event: unknown) => unknown> = {};
const syncs: number[] = [];

const w = window as unknown as Record<string, unknown>;
w.Office = {
  onReady: (cb?: (info: unknown) => void) => {
    const info = { host: "Excel", platform: "OfficeOnline" };
    cb?.(info);
    return Promise.resolve(info);
  },
  context: { requirements: requirements(20), displayLanguage: "zh-CN" },
  actions: { associate: (id: string, fn: (e: unknown) => unknown) => (associated[id] = fn) },
};
w.Excel = {
  run: async (fn: (ctx: unknown) => Promise<unknown>) => {
    const ctx = new FakeContext(model);
    try {
      return await fn(ctx);
    } finally {
      syncs.push(ctx.syncCount);
    }
  },
};
w.__fake = {
  model,
  associated,
  syncs,
  summary: () => ({
    sheets: model.sheets.map((s) => s.name),
    active: model.sheets.find((s) => s.id === model.activeId)?.name,
    selection: model.selection,
    flags: model.sheets.map((s) => ({ sheet: s.name, cfs: s.cfs.filter((c) => c.formula?.includes("PerfCheck:")).length, notes: [...s.notes.values()].filter((n) => n.includes("【PerfCheck】")).length })),
    resultsRows: model.sheets.find((s) => s.name === "校验结果") ? [...model.sheet("校验结果").cells.keys()].filter((k) => k.endsWith(",2")).length - 1 : -1,
  }),
};
