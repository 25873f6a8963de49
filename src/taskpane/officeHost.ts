/**
 * The PaneHost over the real Office.js runtime: every action is one Excel.run through src/excel and
 * ./ignoreStore. Every batch runs with delayForCellEdit where the host has it (src/excel/run.ts), so
 * a click while the user is typing in a cell waits instead of failing.
 */
import { NATIONAL_PROFILE } from "../core/profile";
import { readWorkbook } from "../core/reading/inspect";
import { readSnapshot } from "../excel/snapshot";
import { IGNORE_SHEET } from "../core/ignores";
import { buildTemplatePlan } from "../core/templates";
import { detectCapabilities, officeRequirements } from "../excel/capabilities";
import { clearFlags, RESULTS_SHEET } from "../excel/flags";
import { type LiveHandle, startLive } from "../excel/live";
import { ownWrites } from "../excel/ownWrites";
import { excelRunner, LIVE_TIMEOUT_MS } from "../excel/run";
import { selectFinding } from "../excel/select";
import { insertTemplate } from "../excel/template";
import { addTemplateIdentity } from "../excel/templateIdentity";
import { buildDistributedTemplate } from "../core/templates/distributed";
import type { RunResult } from "../excel/validate";
import type { PaneHost, PaneResult } from "./host";
import { ignoreOne, ignoreWholeRule, restoreOne, validateWithIgnores } from "./ignoreStore";

function toPane(r: RunResult, scope: PaneResult["scope"]): PaneResult {
  return { tables: r.result.tables, findings: r.result.findings, ignored: r.ignored, skipped: r.skipped, resultsSheet: r.flags?.resultsSheet, scope };
}

type ChangeHandler = (event: { worksheetId?: string; triggerSource?: string; source?: string }) => Promise<void>;

export function createOfficeHost(): PaneHost {
  const caps = () => detectCapabilities(officeRequirements());
  const run = <T,>(fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => excelRunner(caps())(fn);
  let live: LiveHandle | undefined;
  // Our own writes must not mark results stale nor (in live mode) trigger another validation: one tracker
  // for both, handed to live mode.
  const writes = ownWrites();
  const own = writes.guard;
  return {
    insertTemplate: (kind, lang, params, profile) =>
      own(() =>
        run(async (ctx) => {
          // A bureau's profile: its template (title, issuer, required rows) with its identity, as the CLI writes it.
          const d = profile?.distribution?.kinds.includes(kind) ? buildDistributedTemplate(profile, kind, { lines: params?.expenseLines, indicators: params?.indicatorRows, month: params?.month }) : undefined;
          const out = await insertTemplate(ctx, d ? d.plan : buildTemplatePlan(kind, params), { capabilities: caps(), lang });
          if (d) await addTemplateIdentity(ctx, { ...d.identity, sheet: out.sheet });
          return out;
        }),
      ),
    validate: (scope, lang, profile, forms) =>
      own(async () => toPane(await run((ctx) => validateWithIgnores(ctx, scope, { capabilities: caps(), lang, profile: profile ?? NATIONAL_PROFILE, forms })), scope)),
    // One read sync; nothing is written.
    readSheet: async (profile, forms) => readWorkbook((await run((ctx) => readSnapshot(ctx, "active", { capabilities: caps() }))).snapshot, { profile: profile ?? NATIONAL_PROFILE, forms }),
    clearFlags: (lang) => own(() => run((ctx) => clearFlags(ctx, { capabilities: caps(), lang }))),
    // A hidden or deleted sheet cannot be activated: the pane says what to do instead of failing.
    selectCell: async (sheet, cell) => (await run((ctx) => selectFinding(ctx, sheet, cell))).message,
    ignore: (f, scope, reason) => own(async () => void (await run((ctx) => (scope === "rule" ? ignoreWholeRule(ctx, f.rule, reason) : ignoreOne(ctx, f, reason))))),
    restore: (f) => own(async () => void (await run((ctx) => restoreOne(ctx, f)))),
    async watchChanges(onChange) {
      const c = caps();
      const sheetsOfOurs = new Set<string>();
      const handler: ChangeHandler = async (event) => {
        // On hosts without triggerSource a short quiet period after our writes (which also hides a user's edit made within it).
        if (writes.isOwn(event, c, 500)) return;
        if (event.worksheetId && sheetsOfOurs.has(event.worksheetId)) return;
        onChange("edit");
      };
      const reg = await run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load("items/name,items/id");
        // WorksheetCollection.onChanged is ExcelApi 1.9 (asked only where it exists: a missing member
        // fails the whole batch); onActivated is 1.7. Without change events the pane regaining the
        // focus marks results stale instead.
        const changed = c.changeEvents ? sheets.onChanged.add(handler as unknown as (e: Excel.WorksheetChangedEventArgs) => Promise<void>) : undefined;
        const activated = sheets.onActivated.add(async () => onChange("activate"));
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
    async setLive(on, lang, onResult, onError, profile, forms) {
      if (!on) {
        await live?.stop();
        live = undefined;
        return { on: false, skipped: [] };
      }
      if (live) return { on: true, skipped: live.skipped };
      const c = caps();
      const handle = await startLive({
        run: excelRunner(c),
        capabilities: c,
        writes,
        onError,
        // The sheet that changed, by worksheet id (a rename between the edit and the run does not lose it);
        // the batch may wait for the user to leave a cell, hence the longer timeout.
        revalidate: async (_name, sheetId) => {
          const r = await excelRunner(c)((ctx) =>
            validateWithIgnores(ctx, "active", { capabilities: c, lang, sheets: [sheetId], timeoutMs: LIVE_TIMEOUT_MS, profile: profile ?? NATIONAL_PROFILE, forms }),
          );
          onResult(toPane(r, "active"));
        },
      });
      // A host that cannot report changes: live mode stays off, and the pane says why.
      if (!handle.active) return { on: false, skipped: handle.skipped };
      live = handle;
      return { on: true, skipped: handle.skipped };
    },
  };
}
