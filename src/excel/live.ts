/**
 * Live mode: re-validate the sheet that changed when the user edits cells.
 * - Needs WorksheetCollection.onChanged (ExcelApi 1.9); older hosts get a message, nothing registered.
 * - The changed sheet is re-validated (by worksheet id), not the active one; our own 校验结果
 *   sheet is never validated.
 * - Co-authors' edits (source "Remote") are theirs to validate: they trigger nothing here, so two
 *   people with the pane open do not write flags over each other.
 * - Our own writes fire the same event; they are told apart by triggerSource (1.14) or, on older
 *   hosts, by a guard raised while we write and a quiet period after (events arrive late).
 * - Batches run with delayForCellEdit (1.11) so they wait while the user types; older hosts fail
 *   in cell-edit mode and are retried.
 */
import type { Capabilities } from "./capabilities";
import { SKIP, type Skipped } from "./messages";
import { ownWrites, type OwnWrites } from "./ownWrites";
import { excelRunner, isCellEditError, type Runner } from "./run";

export type { Runner } from "./run";

export interface LiveOptions {
  /** How to run a batch (default: Excel.run with delayForCellEdit where the host has it). */
  run?: Runner;
  capabilities: Capabilities;
  /** Re-validate one sheet: the caller's validateAndFlag with `sheets: [sheetId]` (or the name). */
  revalidate: (sheetName: string, sheetId: string) => Promise<void>;
  /** Quiet period before re-validating, so typing a row does not validate after every key. */
  debounceMs?: number;
  /** Our own writes, shared with the caller's other watchers (default: a tracker of its own). */
  writes?: OwnWrites;
  /** How long our own writes' late events are ignored on hosts without triggerSource. */
  quietMs?: number;
  /** Retries after "the user is editing a cell" on hosts without delayForCellEdit. */
  cellEditRetryMs?: number;
  onError?: (e: unknown) => void;
}

export interface LiveHandle {
  stop(): Promise<void>;
  /** Wrap our own writes so their change events are ignored. */
  guard<T>(fn: () => Promise<T>): Promise<T>;
  /** What live mode cannot do on this host (empty when everything works). */
  skipped: Skipped[];
  /** False when the host cannot report changes at all. */
  active: boolean;
}

const RESULTS_PREFIX = "校验结果";

export async function startLive(opts: LiveOptions): Promise<LiveHandle> {
  const caps = opts.capabilities;
  if (!caps.changeEvents) {
    return { skipped: [SKIP.liveUnavailable()], active: false, guard: (fn) => fn(), stop: async () => undefined };
  }
  const run = opts.run ?? excelRunner(caps);
  const writes = opts.writes ?? ownWrites();
  let stopped = false;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const debounce = opts.debounceMs ?? 800;
  const quiet = opts.quietMs ?? 1500;
  const skipped: Skipped[] = [];
  if (!caps.triggerSource) skipped.push(SKIP.triggerSource());
  if (!caps.delayForCellEdit) skipped.push(SKIP.cellEditWait());

  const schedule = (id: string, delay: number, attempt = 0): void => {
    const prev = timers.get(id);
    if (prev) clearTimeout(prev);
    timers.set(
      id,
      setTimeout(() => {
        timers.delete(id);
        if (stopped) return;
        void (async () => {
          try {
            const info = await run(async (ctx) => {
              const ws = ctx.workbook.worksheets.getItem(id);
              ws.load("name");
              const st = ctx.workbook.settings.getItemOrNullObject("perfcheck.flags.v1");
              st.load("value");
              await ctx.sync();
              let results: string | undefined;
              if (!st.isNullObject) {
                try {
                  results = (JSON.parse(String(st.value)) as { resultsSheet?: string }).resultsSheet;
                } catch {
                  results = undefined;
                }
              }
              return { name: ws.name, results };
            });
            // Our own list of findings is never validated (it holds no tables, and validating it would rewrite it).
            if (info.name === info.results || (!info.results && info.name.startsWith(RESULTS_PREFIX))) return;
            await writes.guard(() => opts.revalidate(info.name, id));
          } catch (e) {
            if (isCellEditError(e) && attempt < 20) {
              // The user is still typing (hosts without delayForCellEdit): try again shortly.
              schedule(id, opts.cellEditRetryMs ?? 2000, attempt + 1);
              return;
            }
            opts.onError?.(e);
          }
        })();
      }, delay),
    );
  };

  const handler = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
    if (stopped) return;
    // A co-author's edit: their own add-in (if any) validates it; we write nothing for it.
    if (event.source === "Remote") return;
    if (writes.isOwn(event, caps, quiet)) return;
    schedule(event.worksheetId, debounce);
  };

  const registration = await run(async (ctx) => {
    const r = ctx.workbook.worksheets.onChanged.add(handler);
    await ctx.sync();
    return r;
  });

  return {
    skipped,
    active: true,
    guard: writes.guard,
    async stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      // The registration belongs to the context it was added with; remove it there.
      registration.remove();
      await registration.context.sync();
    },
  };
}
