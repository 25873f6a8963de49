/**
 * `npm run corpus:first-reads`: record the blind first read of every workbook in every wave folder
 * (fixtures/corpus/wave2, wave3, …) that has none yet, into fixtures/corpus/first-reads.json under the key
 * `<wave>/<file>`. An entry once written is never rewritten: it is what PerfCheck did on a table before any change
 * was made for that table, the honest estimate of what a user gets on the next county's table. Commit it on its
 * own, before changing code for it.
 *
 * `npm run corpus:first-reads -- --report` prints the first-read figures beside today's, a line per wave and a
 * total, changing nothing.
 */
import { execSync } from "node:child_process";
import { promises as fs } from "node:fs";
import { FIRST_READS, listWaves, loadWave, readWaveFile, scoreWave, sumScores, waveDir, waveLabels, waveLine, type WaveRead, type WaveScore } from "./wave";

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
  const first = await loadFirstReads();
  const report = process.argv.includes("--report");
  const firstScores: WaveScore[] = [];
  const todayScores: WaveScore[] = [];
  const lines: string[] = [];
  let added = 0;
  for (const wave of await listWaves()) {
    const { cases, totals, files } = await loadWave(waveDir(wave), waveLabels(wave));
    const now: WaveRead[] = [];
    for (const file of files) {
      const read = await readWaveFile(file, waveDir(wave));
      now.push(read);
      const key = `${wave}/${file}`;
      // Only a missing entry is written: an existing one is the blind read and stays as it was.
      if (!report && !first.entries[key]) {
        first.entries[key] = { ...read, readAt: new Date().toISOString().slice(0, 10), commit: headCommit() };
        added++;
      }
    }
    const firstReads = files.map((f) => first.entries[`${wave}/${f}`]).filter((x): x is NonNullable<typeof x> => !!x);
    const missing = files.length - firstReads.length;
    const f = scoreWave(firstReads, cases, totals);
    const t = scoreWave(now, cases, totals);
    firstScores.push(f);
    todayScores.push(t);
    // A wave whose first reads are incomplete (report mode on new tables) says so rather than scoring the gap as misses.
    lines.push(`${wave} first reads: ${waveLine(f)}${missing ? ` (${missing} of ${files.length} workbooks have no first read yet)` : ""}`);
    lines.push(`${wave} today:       ${waveLine(t)}`);
  }
  if (!report && added > 0) {
    await fs.writeFile(FIRST_READS, JSON.stringify(first, null, 1) + "\n");
    console.log(`recorded ${added} first read(s) in fixtures/corpus/first-reads.json`);
  }
  for (const l of lines) console.log(l);
  console.log(`all waves first reads: ${waveLine(sumScores(firstScores))}`);
  console.log(`all waves today:       ${waveLine(sumScores(todayScores))}`);
}

main().catch((e) => {
  console.error(String((e as Error)?.message ?? e));
  process.exitCode = 2;
});
