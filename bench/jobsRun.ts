/**
 * One `perfcheck validate --summary --jobs N DIR` in this process (bench/province.ts); prints the seconds it
 * took and the CPU seconds of the whole process (every thread: the workers' too), as JSON.
 */
import { runValidate } from "../src/cli/validateCommand";

async function main(): Promise<void> {
  const [dir, jobs, count] = process.argv.slice(2);
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let lines = 0;
  await runValidate({ format: "text", lang: "zh", files: [dir], summary: true, jobs: Number(jobs) }, { out: (s) => void (lines += s.startsWith("已检查\t") ? 1 : 0), err: () => undefined, progress: false });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  if (lines !== Number(count)) throw new Error(`expected ${count} checked files, got ${lines}`);
  process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds: (c.user + c.system) / 1e6 })}\n`);
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
