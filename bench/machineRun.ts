/**
 * A memory-bound loop with no PerfCheck code in it (bench/province.ts runs it alone, then two at once): a pointer
 * chase through 64 MB and a churn of short-lived small objects, the two things validation does most. If two of
 * these at once take longer than one alone, the two cores share what the work is bound by (caches, memory
 * bandwidth), and no `--jobs 2` can reach twice the speed of one job on this machine. Prints its ms.
 */
const n = 1 << 24;
const next = new Int32Array(n);
for (let i = 0; i < n; i++) next[i] = ((i * 2654435761) >>> 8) & (n - 1);
const t = performance.now();
let p = 0;
let sum = 0;
for (let i = 0; i < 2e7; i++) {
  p = next[p];
  sum += p;
}
let kept: { k: number; v: string }[] = [];
for (let k = 0; k < 2e6; k++) {
  kept.push({ k, v: `x${k % 1000}` });
  if (kept.length > 200_000) kept = [];
}
// The sums are printed to stderr so the loops cannot be optimised away.
process.stderr.write(`${sum & 1}${kept.length & 1}`);
process.stdout.write(`${Math.round(performance.now() - t)}\n`);
