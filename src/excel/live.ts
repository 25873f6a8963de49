/**
 * Live mode: re-validate the edited sheet when the user changes cells. Our own writes fire the
 * same event; they are told apart by triggerSource (1.14) or, on older hosts, by a guard that is
 * raised while we write and by ignoring events for a short while after.
 */
import type { Capabilities } from "./capabilities";
import { SKIP, type Skipped } from "./capabilities";

export type Runner = <T>(fn: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface LiveOptions {
  run: Runner;
  capabilities: Capabilities;
  /** Re-validate one sheet (the caller's validateAndFlag narrowed to it). */
  revalidate: (sheetName: string) => Promise<void>;
  /** Quiet period before re-validating, so typing a row does not validate after every key. */
  debounceMs?: number;
  onError?: (e: unknown) => void;
}

export interface LiveHandle {
  stop(): Promise<void>;
  /** Wrap our own writes so their change events are ignored. */
  guard<T>(fn: () => Promise<T>): Promise<T>;
  skipped: Skipped[];
}

export async function startLive(opts: LiveOptions): Promise<LiveHandle> {
  let writing = 0;
  let quietUntil = 0;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const debounce = opts.debounceMs ?? 800;
  const skipped = opts.capabilities.triggerSource ? [] : [SKIP.triggerSource()];

  const guard = async <T,>(fn: () => Promise<T>): Promise<T> => {
    writing++;
    try {
      return await fn();
    } finally {
      writing--;
      // Events of the last write can arrive after its sync resolved.
      quietUntil = Date.now() + 500;
    }
  };

  const handler = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
    if (opts.capabilities.triggerSource) {
      if (event.triggerSource === "ThisLocalAddin") return;
    } else if (writing > 0 || Date.now() < quietUntil) return;
    const id = event.worksheetId;
    const prev = timers.get(id);
    if (prev) clearTimeout(prev);
    timers.set(
      id,
      setTimeout(() => {
        timers.delete(id);
        void (async () => {
          try {
            const name = await opts.run(async (ctx) => {
              const ws = ctx.workbook.worksheets.getItem(id);
              ws.load("name");
              await ctx.sync();
              return ws.name;
            });
            await guard(() => opts.revalidate(name));
          } catch (e) {
            opts.onError?.(e);
          }
        })();
      }, debounce),
    );
  };

  const registration = await opts.run(async (ctx) => {
    const r = ctx.workbook.worksheets.onChanged.add(handler);
    await ctx.sync();
    return r;
  });

  return {
    skipped,
    guard,
    async stop() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      // The registration belongs to the context it was added with; remove it there.
      registration.remove();
      await registration.context.sync();
    },
  };
}
