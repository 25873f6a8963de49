/**
 * `npm run mutate`: every corpus table rewritten in the ways real tables differ (scripts/mutate/mutations.ts),
 * each mutant validated and its findings compared with the original's, moved to the new addresses. Prints per
 * mutation kind the share of mutants whose findings are unchanged, and a total (docs/reading.md, "Layout
 * mutants", explains how to read it).
 *
 *   --verbose         the first differences of each kind (which finding went missing or appeared, and where)
 *   --sample N        N applicable mutants per kind, drawn with --seed (default 1), instead of all of them
 *   --seed S          the sample's seed
 *   --kind ID         only this kind (repeatable)
 *   --record-floors   with --sample: write the per-kind shares of this run to fixtures/mutate-floors.json
 *   --json            the summary as JSON
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { CORPUS_DIR } from "../corpus/evaluate";
import { loadSubjects, planMutants, runMutant, sampleMutants, summariseKinds, type MutantOutcome, type Subject } from "./engine";
import { MUTATIONS } from "./mutations";

export const FLOORS_FILE = path.join(CORPUS_DIR, "..", "mutate-floors.json");

export interface Floors {
  /** The sample the floors were recorded on (the CI test runs the same one). */
  sample: number;
  seed: number;
  total: number;
  kinds: Record<string, number>;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith("--")) throw new Error(`${name} needs a value`);
  return v;
}

export interface RunOptions {
  /** The tables to mutate (default: the whole corpus, loaded afresh). */
  subjects?: Subject[];
  sample?: number;
  seed?: number;
  kinds?: string[];
}

export async function runMutants(o: RunOptions = {}): Promise<MutantOutcome[]> {
  const kinds = o.kinds?.length ? MUTATIONS.filter((k) => o.kinds!.includes(k.id)) : MUTATIONS;
  let planned = planMutants(o.subjects ?? (await loadSubjects()), kinds);
  if (o.sample !== undefined) planned = sampleMutants(planned, o.sample, o.seed ?? 1);
  return planned.map(runMutant);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sampleText = option(args, "--sample");
  const sample = sampleText === undefined ? undefined : Number(sampleText);
  if (sample !== undefined && !(Number.isInteger(sample) && sample > 0)) throw new Error(`--sample ${sampleText}: give a whole number above 0`);
  const seed = Number(option(args, "--seed") ?? 1);
  if (!Number.isInteger(seed)) throw new Error(`--seed ${option(args, "--seed")}: give a whole number`);
  if (args.includes("--record-floors") && sample === undefined) throw new Error("--record-floors needs --sample N: CI runs the sample the floors were recorded on");
  const kinds = args.flatMap((a, i) => (a === "--kind" ? [args[i + 1]] : []));
  if (args.includes("--record-floors") && kinds.length) throw new Error("--record-floors records every kind: leave out --kind");
  for (const k of kinds) if (!MUTATIONS.some((m) => m.id === k)) throw new Error(`--kind ${k}: no such mutation (${MUTATIONS.map((m) => m.id).join(", ")})`);
  const outcomes = await runMutants({ sample, seed, kinds });
  const summary = summariseKinds(outcomes);
  if (args.includes("--json")) {
    console.log(JSON.stringify(summary, null, 1));
  } else {
    console.log(`Layout mutants${sample ? ` (sample: ${sample} per kind, seed ${seed})` : ""}: share whose findings are unchanged\n`);
    console.log(`${"kind".padEnd(18)} ${"unchanged".padStart(11)} ${"share".padStart(7)}  n/a  most common difference`);
    for (const k of summary.kinds) {
      const common = k.commonDifferences[0];
      console.log(
        `${k.kind.padEnd(18)} ${`${k.unchanged}/${k.applicable}`.padStart(11)} ${(k.applicable ? pct(k.share) : "–").padStart(7)} ${String(k.notApplicable).padStart(4)}  ${common ? `${common.difference} (${common.mutants})` : ""}`,
      );
    }
    console.log(`${"total".padEnd(18)} ${`${summary.total.unchanged}/${summary.total.applicable}`.padStart(11)} ${pct(summary.total.share).padStart(7)}`);
    if (args.includes("--verbose")) {
      for (const kind of MUTATIONS) {
        const changed = outcomes.filter((o) => o.kind === kind.id && o.comparison && !o.unchanged);
        if (!changed.length) continue;
        console.log(`\n## ${kind.id}: ${kind.title} — first differences`);
        for (const o of changed.slice(0, 4)) {
          console.log(`  ${o.subject} [${o.sheet}]${o.variant ? ` variant ${o.variant}` : ""}`);
          for (const m of o.comparison!.missing.slice(0, 4)) console.log(`    missing ${m.rule} @ ${m.cell}: ${m.message}`);
          if (o.comparison!.missing.length > 4) console.log(`    … ${o.comparison!.missing.length - 4} more missing`);
          for (const e of o.comparison!.extra.slice(0, 4)) console.log(`    extra   ${e.rule} @ ${e.cell}: ${e.message}`);
          if (o.comparison!.extra.length > 4) console.log(`    … ${o.comparison!.extra.length - 4} more extra`);
        }
      }
    }
  }
  if (args.includes("--record-floors")) {
    const floors: Floors = { sample: sample!, seed, total: round(summary.total.share), kinds: Object.fromEntries(summary.kinds.map((k) => [k.kind, round(k.share)])) };
    await fs.writeFile(FLOORS_FILE, JSON.stringify(floors, null, 1) + "\n");
    console.log(`\nrecorded ${path.relative(process.cwd(), FLOORS_FILE)}`);
  }
}

/** Floors are rounded down to the per-mille, so the run that recorded them passes its own floors. */
const round = (x: number) => Math.floor(x * 1000) / 1000;

if (require.main === module)
  main().catch((e) => {
    console.error(String((e as Error)?.message ?? e));
    process.exitCode = 2;
  });
