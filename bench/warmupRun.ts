/**
 * Where a fresh process's time per workbook goes as it warms up (bench/province.ts): validateFile over every
 * file of DIR in order, CPU ms per file for each block of BLOCK files, as JSON. V8 optimises a function only
 * after it has run for a while, and validation runs many functions a few times per file, so the first
 * hundreds of files cost several times the later ones — in every `--jobs` worker anew.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { BUILTIN_PROFILES } from "../src/core/profile";
import { validateFile } from "../src/cli/validateFile";

async function main(): Promise<void> {
  const [dir, blockArg] = process.argv.slice(2);
  const block = Number(blockArg);
  const files = readdirSync(dir).sort().map((f) => path.join(dir, f));
  const out: number[] = [];
  let c = process.cpuUsage();
  for (let i = 0; i < files.length; i++) {
    const r = await validateFile(files[i], BUILTIN_PROFILES.national, undefined, "zh");
    if (r.error) throw new Error(`${files[i]}: ${r.error}`);
    if ((i + 1) % block === 0) {
      const u = process.cpuUsage(c);
      out.push((u.user + u.system) / 1000 / block);
      c = process.cpuUsage();
    }
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
