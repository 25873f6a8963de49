/** CLI workloads: validateFile over a folder of typical workbooks against exceljs alone loading them. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, promises as fs, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { BUILTIN_PROFILES } from "../src/core/profile";
import { validateFile } from "../src/cli/validateFile";
import { pairedRatio, round, sideBySideAsync } from "./stats";
import { typicalWorkbook } from "./workloads";

/** `count` workbooks, cycling through `variants` distinct ones (3–10 tables on one or two sheets each). */
export async function writeCorpus(count: number, variants = 20): Promise<{ dir: string; files: string[]; bytes: number; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), "perfcheck-bench-"));
  const buffers: Buffer[] = [];
  for (let i = 0; i < Math.min(variants, count); i++) buffers.push(await typicalWorkbook(i));
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const f = path.join(dir, `单位${String(i + 1).padStart(3, "0")}.xlsx`);
    const b = buffers[i % buffers.length];
    await fs.writeFile(f, b);
    bytes += b.length;
    files.push(f);
  }
  return { dir, files, bytes, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  files: number;
  totalKB: number;
  exceljsLoadMs: number;
  validateFileMs: number;
  /** Median over rounds of validateFile / exceljs within the round, with the lowest and highest round. */
  ratio: number;
  ratioRange: string;
  target125: boolean;
  perFileMs: number;
  memory?: MemoryPoint[];
}

export interface MemoryPoint {
  files: number;
  rssMB: number;
  heapUsedMB: number;
  maxRssMB: number;
}

export async function benchCli(count: number, runs: number): Promise<CliResult> {
  const corpus = await writeCorpus(count);
  try {
    const profile = BUILTIN_PROFILES.national;
    const both = await sideBySideAsync(
      {
        exceljs: async () => {
          for (const f of corpus.files) {
            const wb = new ExcelJS.Workbook();
            await wb.xlsx.load((await fs.readFile(f)) as unknown as ArrayBuffer);
          }
        },
        validate: async () => {
          for (const f of corpus.files) {
            const r = await validateFile(f, profile, undefined, "zh");
            if (r.error) throw new Error(`${f}: ${r.error}`);
          }
        },
      },
      runs,
    );
    const t = both.median;
    const ratio = pairedRatio(both, "validate", "exceljs");
    return {
      files: count,
      totalKB: round(corpus.bytes / 1024),
      exceljsLoadMs: round(t.exceljs),
      validateFileMs: round(t.validate),
      ratio: round(ratio.median, 3),
      ratioRange: `${round(ratio.min, 2)}–${round(ratio.max, 2)}`,
      target125: ratio.median <= 1.25,
      perFileMs: round(t.validate / count, 2),
      memory: memoryCurve(corpus.dir, [50, 100, 200].filter((n) => n <= count)),
    };
  } finally {
    corpus.cleanup();
  }
}

/** In a fresh process so earlier workloads do not count: validate the files in order, sampling memory. */
function memoryCurve(dir: string, marks: number[]): MemoryPoint[] {
  // The bundled bench (npm run bench) has a bundled memory.js beside it; under tsx the source runs.
  const bundled = path.join(__dirname, "memory.js");
  const args = existsSync(bundled) && __filename.endsWith(".js") ? [bundled] : ["--import", "tsx", path.join(__dirname, "memory.ts")];
  const out = execFileSync(process.execPath, ["--expose-gc", ...args, dir, marks.join(",")], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as MemoryPoint[];
}

export interface JobsResult {
  jobs: number;
  files: number;
  seconds: number;
  filesPerSecond: number;
  maxRssMB: number;
}

/**
 * `perfcheck validate --jobs N --summary` over `count` typical workbooks: files per second for each N
 * (issue 14). Runs the CLI's own runValidate, so reading, validation, the worker round trip and the
 * ordered report are all counted. Run from source (`npx tsx bench/cli.ts jobs [count]`): the worker is
 * bundled on the fly there; the esbuild bench bundle has no worker file beside it.
 */
export async function benchJobs(count: number, jobsList: number[] = [1, 2]): Promise<JobsResult[]> {
  const { runValidate } = await import("../src/cli/validateCommand");
  const corpus = await writeCorpus(count);
  try {
    const out: JobsResult[] = [];
    for (const jobs of jobsList) {
      const t0 = process.hrtime.bigint();
      let lines = 0;
      await runValidate({ format: "text", lang: "zh", files: [corpus.dir], summary: true, jobs }, { out: (s) => void (lines += s.split("\t").length > 1 ? 1 : 0), err: () => undefined, progress: false });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (lines !== count) throw new Error(`expected ${count} lines, got ${lines}`);
      out.push({ jobs, files: count, seconds: round(seconds, 2), filesPerSecond: round(count / seconds, 1), maxRssMB: round(process.resourceUsage().maxRSS / 1024) });
    }
    return out;
  } finally {
    corpus.cleanup();
  }
}

if (require.main === module && process.argv[2] === "jobs") {
  const count = Number(process.argv[3] ?? 200);
  benchJobs(count).then((r) => console.log(JSON.stringify(r, null, 2)));
}
