/** Timing helpers: warm-up first, then the median of several runs (the machine is shared and noisy). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function timeSync(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * The order of the functions in round i: reversed every other round, so none always runs right after
 * another (a workload that leaves garbage behind would otherwise bill its collection to the next one).
 */
function roundOrder(names: string[], i: number): string[] {
  return i % 2 === 0 ? names : [...names].reverse();
}

/**
 * Run the functions side by side, interleaved round by round so load from other processes falls on
 * all of them alike; returns each one's median in ms. (No forced collection between runs: a full
 * collection shrinks V8's young generation, and the next run then paid for growing it again.)
 */
export function sideBySide(fns: Record<string, () => unknown>, runs: number, warmup = 2): Record<string, number> {
  const names = Object.keys(fns);
  for (let i = 0; i < warmup; i++) for (const n of names) fns[n]();
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) {
    for (const n of roundOrder(names, i)) times[n].push(timeSync(fns[n]));
  }
  return Object.fromEntries(names.map((n) => [n, median(times[n])]));
}

/** Medians, and every run's time in round order, so ratios can be taken round by round. */
export interface SideBySide {
  median: Record<string, number>;
  runs: Record<string, number[]>;
}

/** The median over rounds of a/b taken within each round: runs next to each other share the machine's state. */
export function pairedRatio(t: SideBySide, a: string, b: string): { median: number; min: number; max: number } {
  const r = t.runs[a].map((x, i) => x / t.runs[b][i]);
  return { median: median(r), min: Math.min(...r), max: Math.max(...r) };
}

export async function sideBySideAsync(fns: Record<string, () => Promise<unknown>>, runs: number, warmup = 1): Promise<SideBySide> {
  const names = Object.keys(fns);
  for (let i = 0; i < warmup; i++) for (const n of names) await fns[n]();
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) {
    for (const n of roundOrder(names, i)) times[n].push(await timeAsync(fns[n]));
  }
  return { median: Object.fromEntries(names.map((n) => [n, median(times[n])])), runs: times };
}

export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
