/** Child process of the CLI bench: validateFile over a folder one file at a time, memory after each mark. */
import { readdirSync } from "node:fs";
import path from "node:path";
import { BUILTIN_PROFILES } from "../src/core/profile";
import { validateFile } from "../src/cli/validateFile";

async function main(): Promise<void> {
  const [dir, marksArg] = process.argv.slice(2);
  const marks = new Set(marksArg.split(",").map(Number));
  const files = readdirSync(dir).filter((f) => f.endsWith(".xlsx")).sort().map((f) => path.join(dir, f));
  const out: { files: number; rssMB: number; heapUsedMB: number; maxRssMB: number }[] = [];
  const MB = 1024 * 1024;
  for (let i = 0; i < files.length; i++) {
    const r = await validateFile(files[i], BUILTIN_PROFILES.national, undefined, "zh");
    if (r.error) throw new Error(r.error);
    if (marks.has(i + 1)) {
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      out.push({ files: i + 1, rssMB: Math.round(m.rss / MB), heapUsedMB: Math.round((m.heapUsed / MB) * 10) / 10, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) });
    }
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
