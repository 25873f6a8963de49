/**
 * `npm run corpus:first-reads`: record the blind first read of every workbook in fixtures/corpus/wave2 (and
 * any later wave folder) that has none yet, into fixtures/corpus/first-reads.json. An entry once written is
 * never rewritten: it is what PerfCheck did on a table before any change was made for that table, the honest
 * estimate of what a user gets on the next county's table. Commit it on its own, before changing code for it.
 *
 * `npm run corpus:first-reads -- --report` prints the first-read figures beside today's, changing nothing.
 */
import { execSync } from "node:child_process";
import { promises as fs } from "node:fs";
import { FIRST_READS, loadWave, readWaveFile, scoreWave, waveLine, WAVE_DIR, type WaveRead } from "./wave";

export interface FirstReads {
  about: string;
  entries: Record<string, WaveRead & { readAt: string; commit: string }>;
}

async function loadFirstReads(): Promise<FirstReads> {
  try {
    return JSON.parse(await fs.readFile(FIRST_READS, "utf8")) as FirstReads;
  } catch {
    return {
      about:
        "Blind first reads: what PerfCheck found on each table before any change was made for it (scripts/corpus/first-reads.ts). Entries are never rewritten.",
      entries: {},
    };
  }
}

function headCommit(): string {
  try {
    return execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

async function main(): Promise<void> {
  const wave = await loadWave();
  const first = await loadFirstReads();
  const report = process.argv.includes("--report");
  const now: WaveRead[] = [];
  let added = 0;
  for (const file of wave.files) {
    const read = await readWaveFile(file, WAVE_DIR);
    now.push(read);
    const key = `wave2/${file}`;
    if (!report && !first.entries[key]) {
      first.entries[key] = { ...read, readAt: new Date().toISOString().slice(0, 10), commit: headCommit() };
      added++;
    }
  }
  if (!report && added > 0) {
    await fs.writeFile(FIRST_READS, JSON.stringify(first, null, 1) + "\n");
    console.log(`recorded ${added} first read(s) in fixtures/corpus/first-reads.json`);
  }
  const firstReads = wave.files.map((f) => first.entries[`wave2/${f}`]).filter((x): x is NonNullable<typeof x> => !!x);
  console.log(`wave2 first reads: ${waveLine(scoreWave(firstReads, wave.cases, wave.totals))}`);
  console.log(`wave2 today:       ${waveLine(scoreWave(now, wave.cases, wave.totals))}`);
}

main().catch((e) => {
  console.error(String((e as Error)?.message ?? e));
  process.exitCode = 2;
});
