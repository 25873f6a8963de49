/**
 * A province's returns (issue 26, item 15): over a thousand small real workbooks — the tables of
 * fixtures/corpus/wave2, each copy made distinct (a zip comment), since byte-identical files are checked
 * once (item 9).
 *
 * - jobs: `perfcheck validate --summary` with --jobs 1 and --jobs 2, each in a fresh process (workers
 *   start cold, so must the one-job run), alternated ABBA; files per second and the paired ratio.
 *   Target: --jobs 2 ≥ 1.7× the files per second of one job on 2 cores, at ≥ 1,000 files.
 * - perFile: one job's cost per workbook (validateFile: read, unzip, parse, validate) against inflating
 *   and decoding the same workbook's parts alone, side by side in one process. Target ≤ 3×.
 *
 * Timings are wall clock on a machine that may be shared: `load` records the 1-minute load average
 * before and after, so a figure taken under load is read as such.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, promises as fs, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { BUILTIN_PROFILES } from "../src/core/profile";
import { validateFile } from "../src/cli/validateFile";
import { ROOT } from "./root";
import { median, pairedRatio, round, sideBySideAsync } from "./stats";

/** The same zip with a comment of its own: other bytes, the same workbook. */
export function withComment(zip: Buffer, comment: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || zip.readUInt16LE(eocd + 20) !== 0 || eocd + 22 !== zip.length) throw new Error("unexpected zip end");
  const c = Buffer.from(comment, "utf8");
  const end = Buffer.from(zip.subarray(eocd));
  end.writeUInt16LE(c.length, 20);
  return Buffer.concat([zip.subarray(0, eocd), end, c]);
}

export async function writeProvince(count: number): Promise<{ dir: string; files: string[]; cleanup: () => void }> {
  const src = path.join(ROOT, "fixtures", "corpus", "wave2");
  const tables = readdirSync(src).filter((f) => f.endsWith(".xlsx")).sort().map((f) => ({ name: f, bytes: readFileSync(path.join(src, f)) }));
  const dir = mkdtempSync(path.join(tmpdir(), "perfcheck-province-"));
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const t = tables[i % tables.length];
    const f = path.join(dir, `${String(i).padStart(5, "0")}-${t.name}`);
    await fs.writeFile(f, withComment(t.bytes, `copy ${i}`));
    files.push(f);
  }
  return { dir, files, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ProvinceResult {
  files: number;
  nproc: number;
  load: { before: number; after: number };
  jobs1Seconds: number;
  jobs2Seconds: number;
  jobs1FilesPerSecond: number;
  jobs2FilesPerSecond: number;
  /** Median over rounds of (jobs 1 time / jobs 2 time), with the lowest and highest round. */
  speedup: number;
  speedupRange: string;
  target17: boolean;
  perFileMs: number;
  inflateDecodeMs: number;
  perFileRatio: number;
  perFileRatioRange: string;
  target3: boolean;
}

/** One run of the CLI's validate in a fresh process (the bundled jobsRun.js beside this bundle). */
function runJobs(dir: string, jobs: number, count: number): number {
  const entry = path.join(__dirname, "jobsRun.js");
  const r = spawnSync(process.execPath, [entry, dir, String(jobs), String(count)], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`jobsRun --jobs ${jobs} failed: ${r.stderr}`);
  return Number(r.stdout.trim());
}

export async function benchProvince(count: number, rounds: number): Promise<ProvinceResult> {
  const corpus = await writeProvince(count);
  const before = loadavg()[0];
  try {
    const t: Record<"1" | "2", number[]> = { "1": [], "2": [] };
    for (let i = 0; i < rounds; i++) {
      for (const j of i % 2 === 0 ? (["1", "2"] as const) : (["2", "1"] as const)) t[j].push(runJobs(corpus.dir, Number(j), count));
    }
    const ratios = t["1"].map((x, i) => x / t["2"][i]);
    // Per file, one job, in process: a slice of the corpus with every table in it.
    const slice = corpus.files.slice(0, Math.min(count, 180));
    const buffers = slice.map((f) => readFileSync(f));
    const td = new TextDecoder();
    const profile = BUILTIN_PROFILES.national;
    const both = await sideBySideAsync(
      {
        inflateDecode: async () => {
          for (const b of buffers) {
            const parts = unzipSync(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
            for (const k in parts) td.decode(parts[k]);
          }
        },
        validateFile: async () => {
          for (const f of slice) {
            const r = await validateFile(f, profile, undefined, "zh");
            if (r.error) throw new Error(`${f}: ${r.error}`);
          }
        },
      },
      rounds * 2 + 1,
      2,
    );
    const per = pairedRatio(both, "validateFile", "inflateDecode");
    const s1 = median(t["1"]);
    const s2 = median(t["2"]);
    return {
      files: count,
      nproc: cpus().length,
      load: { before: round(before, 1), after: round(loadavg()[0], 1) },
      jobs1Seconds: round(s1, 2),
      jobs2Seconds: round(s2, 2),
      jobs1FilesPerSecond: round(count / s1, 1),
      jobs2FilesPerSecond: round(count / s2, 1),
      speedup: round(median(ratios), 2),
      speedupRange: `${round(Math.min(...ratios), 2)}–${round(Math.max(...ratios), 2)}`,
      target17: median(ratios) >= 1.7,
      perFileMs: round(both.median.validateFile / slice.length, 3),
      inflateDecodeMs: round(both.median.inflateDecode / slice.length, 3),
      perFileRatio: round(per.median, 2),
      perFileRatioRange: `${round(per.min, 2)}–${round(per.max, 2)}`,
      target3: per.median <= 3,
    };
  } finally {
    corpus.cleanup();
  }
}
