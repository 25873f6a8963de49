/** The PaneHost over the real Office.js runtime: every action is one Excel.run through src/excel. */
import { BUILTIN_PROFILES, NATIONAL_PROFILE } from "../core/profile";
import { buildTemplatePlan } from "../core/templates";
import { detectCapabilities, officeRequirements } from "../excel/capabilities";
import { clearFlags } from "../excel/flags";
import { type LiveHandle, startLive } from "../excel/live";
import { insertTemplate } from "../excel/template";
import { validateAndFlag, type RunResult } from "../excel/validate";
import type { PaneHost, PaneResult } from "./host";

function toPane(r: RunResult): PaneResult {
  return { tables: r.result.tables, findings: r.result.findings, skipped: r.skipped, resultsSheet: r.flags?.resultsSheet };
}

const profileOf = (id?: string) => (id && BUILTIN_PROFILES[id]) || NATIONAL_PROFILE;

export function createOfficeHost(): PaneHost {
  const caps = () => detectCapabilities(officeRequirements());
  let live: LiveHandle | undefined;
  // Our own writes while live mode is on must not trigger another validation.
  const guarded = <T,>(fn: () => Promise<T>) => (live ? live.guard(fn) : fn());
  return {
    insertTemplate: (kind, lang) =>
      guarded(() => Excel.run((ctx) => insertTemplate(ctx, buildTemplatePlan(kind), { capabilities: caps(), lang }))),
    validate: (scope, lang, profileId) =>
      guarded(async () => toPane(await Excel.run((ctx) => validateAndFlag(ctx, scope, { capabilities: caps(), lang, profile: profileOf(profileId) })))),
    clearFlags: (lang) => guarded(() => Excel.run((ctx) => clearFlags(ctx, { capabilities: caps(), lang }))),
    selectCell: (sheet, cell) =>
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await ctx.sync();
      }),
    async setLive(on, lang, onResult, onError, profileId) {
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
          const r = await Excel.run((ctx) => validateAndFlag(ctx, "active", { capabilities: caps(), lang, sheets: [sheetName], profile: profileOf(profileId) }));
          onResult(toPane(r));
        },
      });
      return live.skipped;
    },
  };
}

