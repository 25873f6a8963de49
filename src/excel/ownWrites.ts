/**
 * Telling our own writes apart from the user's edits in worksheet change events. Excel says so itself
 * from ExcelApi 1.14 (`triggerSource` "ThisLocalAddin"); older hosts get a guard raised while we write
 * and a quiet period after it, because the events of a write can arrive after its sync resolved. The
 * pane's stale-results watch and live mode share one tracker, so a write guarded for one is known to both.
 */
import type { Capabilities } from "./capabilities";

export interface OwnWrites {
  /** Run one of our writes under the guard. */
  guard<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether a change event is (or, on hosts without triggerSource, may be) one of our own writes. */
  isOwn(event: { triggerSource?: string }, caps: Pick<Capabilities, "triggerSource">, quietMs: number): boolean;
}

export function ownWrites(): OwnWrites {
  let writing = 0;
  let lastEnd = 0;
  return {
    async guard(fn) {
      writing++;
      try {
        return await fn();
      } finally {
        writing--;
        lastEnd = Date.now();
      }
    },
    isOwn(event, caps, quietMs) {
      if (caps.triggerSource) return event.triggerSource === "ThisLocalAddin";
      return writing > 0 || Date.now() < lastEnd + quietMs;
    },
  };
}
