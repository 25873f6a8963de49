/** The PaneHost over the real Office.js runtime: every action is one Excel.run through src/excel and ./ignoreStore. */
import { BUILTIN_PROFILES, NATIONAL_PROFILE } from "../core/profile";
import { IGNORE_SHEET } from "../core/ignores";
import { buildTemplatePlan } from "../core/templates";
import { detectCapabilities, officeRequirements } from "../excel/capabilities";
import { clearFlags, RESULTS_SHEET } from "../excel/flags";
import { type LiveHandle, startLive } from "../excel/live";
import { insertTemplate } from "../excel/template";
import type { RunResult } from "../excel/validate";
import type { PaneHost, PaneResult } from "./host";
import { ignoreOne, ignoreWholeRule, restoreOne, validateWithIgnores } from "./ignoreStore";

function toPane(r: RunResult & { ignored: PaneResult["ignored"] }, scope: PaneResult["scope"]): PaneResult {
  return { tables: r.result.tables, findings: r.result.findings, ignored: r.ignored, skipped: r.skipped, resultsSheet: r.flags?.resultsSheet, scope };
}

const profileOf = (id?: string) => (id && BUILTIN_PROFILES[id]) || NATIONAL_PROFILE;

export function createOfficeHost(): PaneHost {
  const caps = () => detectCapabilities(officeRequirements());
  let live: LiveHandle | undefined;
  // Our own writes must not mark results stale nor (in live mode) trigger another validation.
  let writing = 0;
  let quietUntil = 0;
  const own = async <T,>(fn: () => Promise<T>): Promise<T> => {
    writing++;
    try {
      return await (live ? live.guard(fn) : fn());
    } finally {
      writing--;
      // Change events of the last write can arrive after its sync resolved.
      quietUntil = Date.now() + 500;
    }
  };
  return {
    insertTemplate: (kind, lang, params) =>
      own(() => Excel.run((ctx) => insertTemplate(ctx, buildTemplatePlan(kind, params), { capabilities: caps(), lang }))),
    validate: (scope, lang, profileId, forms) =>
      own(async () => toPane(await Excel.run((ctx) => validateWithIgnores(ctx, scope, { capabilities: caps(), lang, profile: profileOf(profileId), forms })), scope)),
    clearFlags: (lang) => own(() => Excel.run((ctx) => clearFlags(ctx, { capabilities: caps(), lang }))),
    selectCell: (sheet, cell) =>
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await ctx.sync();
      }),
    ignore: (f, scope, reason) => own(async () => void (await Excel.run((ctx) => (scope === "rule" ? ignoreWholeRule(ctx, f.rule, reason) : ignoreOne(ctx, f, reason))))),
    restore: (f) => own(async () => void (await Excel.run((ctx) => restoreOne(ctx, f)))),
    async watchChanges(onChange) {
      const sheetsOfOurs = new Set<string>();
      const handler = async (event: { worksheetId?: string; triggerSource?: string }) => {
        if (writing > 0 || Date.now() < quietUntil || event.triggerSource === "ThisLocalAddin") return;
        if (event.worksheetId && sheetsOfOurs.has(event.worksheetId)) return;
        onChange("edit");
      };
      const reg = await Excel.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load("items/name,items/id");
        // Changes (1.7) and switching sheets (1.7); hosts without them fall back to the pane regaining focus.
        const changed = sheets.onChanged?.add(handler);
        const activated = (sheets as unknown as { onActivated?: { add(h: (e: unknown) => Promise<void>): OfficeExtension.EventHandlerResult<unknown> } }).onActivated?.add(async () => onChange("activate"));
        await ctx.sync();
        for (const s of sheets.items) if (s.name === RESULTS_SHEET || s.name === IGNORE_SHEET) sheetsOfOurs.add(s.id);
        return { changed, activated, ctx };
      }).catch(() => undefined);
      const onFocus = () => onChange("focus");
      if (!reg?.changed) window.addEventListener("focus", onFocus);
      return () => {
        window.removeEventListener("focus", onFocus);
        reg?.changed?.remove();
        reg?.activated?.remove();
        void reg?.ctx.sync().catch(() => undefined);
      };
    },
    async setLive(on, lang, onResult, onError, profileId, forms) {
      if (!on) {
        await live?.stop();
        live = undefined;
        return [];
      }
      if (live) return live.skipped;
      live = await startLive({
        run: (fn) => Excel.run(fn),
        capabilities: caps(),
        onError,
        revalidate: async (sheetName) => {
          const r = await Excel.run((ctx) => validateWithIgnores(ctx, "active", { capabilities: caps(), lang, sheets: [sheetName], profile: profileOf(profileId), forms }));
          onResult(toPane(r, "active"));
        },
      });
      return live.skipped;
    },
  };
}
