/**
 * `perfcheck validate`: every entry of the run is accounted for (checked, no table recognised,
 * unreadable, skipped, over the size limit), files are read one at a time — or in worker threads with
 * `--jobs N`, the report still in input order — so memory stays flat however many files there are.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Severity } from "../core/finding";
import { BUILTIN_PROFILES, ProfileError, type Profile } from "../core/profile";
import { probeWritable, sweepStaleTemps, writeFileAtomic } from "./atomicWrite";
import { planOutputs, realPathOf } from "./outputPlan";
import { expandInputs, readRegularFile, setReadLimits, readLimits } from "./inputs";
import { findDuplicates } from "./duplicates";
import { addTotals, duplicateNote, clean, formsLine, emptyTotals, jsonFile, pick, safeJson, statusOf, summaryLine, textFile, textSummary, type FileReport, type Lang, type Totals } from "./report";
import { newRunId } from "./state";
import { localTimestamp, summaryRow, writeSummary } from "./summaryCsv";
import { ValidatePool } from "./pool";
import { profileFromJson } from "../core/profileCheck";
import type { ReviewWorkbook } from "./reviewWorkbook";
import { BUILTIN_FORMS } from "../core/forms/builtin";
import type { FormCatalogue } from "../core/forms/schema";
import { FormsError, resolveForms } from "../core/forms/vocabulary";
import type { FileOptions } from "./validateFile";

export type { FileOptions } from "./validateFile";

/** exceljs and the review workbook, loaded on first use (a run that only validates never pays for them). */
const writers = () => import("./copyWriters");

export interface ValidateArgs {
  format: "text" | "json";
  profile?: string;
  /** A JSON form catalogue (docs/forms.md) whose forms are added to the built-in ones. */
  forms?: string;
  annotate?: string;
  lang: Lang;
  files: string[];
  /** One line per file instead of every finding. */
  summary?: boolean;
  /** Only the final totals line (and problems on stderr). */
  quiet?: boolean;
  /** Findings below this severity are left out of the report (counts and exit code still see them). */
  severity?: Severity;
  /** `warning`: warnings (and files with no table recognised) also exit 1. Default `error`. */
  failOn?: "error" | "warning";
  /** Worker threads; 1 (default) validates on the main thread. */
  jobs?: number;
  /** Size limit per file, MB. */
  maxSizeMb?: number;
  /**
   * Per-file time limit in seconds. Given, files are validated in worker threads even with one file and
   * --jobs 1 (a stuck parse on the main thread cannot be stopped); with --jobs N the default is 300 s.
   */
  timeoutSec?: number;
  /** `--no-ignores`: validate as if the workbooks recorded no ignores. */
  noIgnores?: boolean;
  /** Write the review workbook (汇总, 规则, 审核意见) here. */
  report?: string;
  /** `--targets FILE`: the approved target tables the monitoring tables are compared with. */
  targets?: string;
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Progress on stderr: on a terminal only, one line updated in place. */
  progress: boolean;
  /** stderr is a terminal (progress uses carriage returns there). */
  tty?: boolean;
}

/** A reviewer's forms file: read, parsed and checked field by field (the message names the file and the field). */
export async function loadForms(file: string): Promise<FormCatalogue> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (e) {
    throw new FormsError(`无法读取表式文件 ${file}：${(e as Error).message} / cannot read the forms file ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FormsError(`表式文件 ${file} 不是有效的 JSON：${(e as Error).message} / the forms file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  return resolveForms(json, file);
}

export async function loadProfile(name: string | undefined): Promise<Profile> {
  if (!name) return BUILTIN_PROFILES.national;
  if (Object.prototype.hasOwnProperty.call(BUILTIN_PROFILES, name)) return BUILTIN_PROFILES[name];
  let text: string;
  try {
    text = (await readRegularFile(name, 1024 * 1024)).toString("utf8");
  } catch {
    throw new ProfileError(`未知的配置“${name}”：不是内置配置（${Object.keys(BUILTIN_PROFILES).join(", ")}），也不是可读取的文件 / unknown profile "${name}": neither a built-in (${Object.keys(BUILTIN_PROFILES).join(", ")}) nor a readable file`);
  }
  return profileFromJson(text, name);
}

/** One updating line on a terminal (count, elapsed, current file); nothing when stderr is not a terminal. */
class Progress {
  private shown = false;
  private readonly start = Date.now();
  constructor(
    private readonly io: Io,
    private readonly total: number,
  ) {}
  get on(): boolean {
    return this.io.progress && !!this.io.tty && this.total > 1;
  }
  update(done: number, current: string): void {
    if (!this.on) return;
    const s = Math.round((Date.now() - this.start) / 1000);
    const elapsed = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
    const cols = Math.max(40, (process.stderr as { columns?: number }).columns ?? 80);
    let line = `[${done}/${this.total}] ${elapsed} ${clean(current)}`;
    if (line.length > cols - 1) line = line.slice(0, cols - 2) + "…";
    this.io.err(`\r\x1b[K${line}`);
    this.shown = true;
  }
  /** Take the line away before anything else is printed, so it never interleaves with the report. */
  clear(): void {
    if (this.shown) this.io.err("\r\x1b[K");
    this.shown = false;
  }
}

function msg(lang: Lang, zh: string, en: string): string {
  return lang === "en" ? en : zh;
}

/** Returns the exit code: 0 clean, 1 errors (or warnings with --fail-on warning) found, 2 usage error, unreadable file or an output that could not be written. */
export async function runValidate(args: ValidateArgs, io: Io): Promise<number> {
  const lang = args.lang;
  const say = (zh: string, en: string) => io.err(`perfcheck: ${msg(lang, zh, en)}\n`);
  let profile: Profile;
  try {
    profile = await loadProfile(args.profile);
  } catch (e) {
    io.err(`perfcheck: ${clean(pick((e as Error).message, lang))}\n`);
    return 2;
  }
  let forms: FormCatalogue | undefined;
  try {
    forms = args.forms ? await loadForms(args.forms) : undefined;
  } catch (e) {
    io.err(`perfcheck: ${clean(pick((e as Error).message, lang))}\n`);
    return 2;
  }
  if (args.targets) {
    // Read once here so a wrong --targets stops the run with a message, not one unreadable report per file.
    let n: number;
    try {
      n = (await (await import("./validateFile")).loadTargetTables(args.targets, profile, forms)).length;
    } catch (e) {
      say(`无法读取 --targets 文件 ${args.targets}：${clean(pick(String((e as Error)?.message ?? e), lang))}`, `cannot read the --targets file ${args.targets}: ${clean(pick(String((e as Error)?.message ?? e), lang))}`);
      return 2;
    }
    if (n === 0) {
      say(`--targets 文件 ${args.targets} 中未识别到项目支出绩效目标表`, `no project target table was recognised in the --targets file ${args.targets}`);
      return 2;
    }
  }
  if (args.maxSizeMb !== undefined) setReadLimits({ maxBytes: Math.round(args.maxSizeMb * 1024 * 1024) });
  if (args.annotate) {
    try {
      await fs.mkdir(args.annotate, { recursive: true });
      if (!(await fs.stat(args.annotate)).isDirectory()) throw new Error("ENOTDIR");
    } catch (e) {
      say(`无法创建输出文件夹 ${args.annotate}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}），未检查任何文件`, `cannot create the output folder ${args.annotate} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was checked`);
      return 2;
    }
  }
  const expanded = await expandInputs(args.files, args.annotate ? [args.annotate] : []);
  if (args.report) {
    // The review workbook of an earlier run inside an input folder is our output, not a department's file.
    const report = await realPathOf(args.report);
    const keep = await Promise.all(expanded.entries.map(async (e) => "status" in e || (await realPathOf(e.file)) !== report));
    expanded.entries = expanded.entries.filter((_, i) => keep[i]);
    expanded.files = expanded.entries.filter((e) => !("status" in e)).map((e) => e.file);
  }
  const files = expanded.files;
  // Every output is planned and checked against every input and every other output before anything is
  // written. Copies of .xlsm/.xltm/.xls… inputs are written by exceljs as plain workbooks, so they get .xlsx.
  const plan = args.annotate ? await planOutputs(files, args.annotate, [], copyName) : undefined;
  // The review workbook: never an input, never a file PerfCheck did not write (checked before any work).
  let reportReplace = false;
  if (args.report) {
    const reportPlan = await planOutputs(files, path.dirname(path.resolve(args.report)), [path.basename(args.report)]);
    const refused = reportPlan.extras[0].refused;
    if (refused) {
      io.err(`perfcheck: ${clean(pick(refused, lang))}\n`);
      return 2;
    }
    const existing = await fs.lstat(args.report).then(() => true, () => false);
    if (existing) {
      const ours = await readRegularFile(args.report).then(async (b) => (await writers()).isOurReport(b), () => false);
      if (!ours) {
        say(`报告文件 ${args.report} 已存在且不是 PerfCheck 写出的，不会覆盖；请换一个文件名`, `the report ${args.report} exists and was not written by PerfCheck; not overwritten, choose another name`);
        return 2;
      }
      reportReplace = true;
    }
  }
  if (!(await outputsReady(args, plan, say))) return 2;
  // The same bytes twice in one run are checked once; the later files are reported as duplicates. A run that
  // writes copies finds them first (a duplicate gets no copy); any other run tells them by the digest of the
  // bytes each file's validation reads anyway, as the reports come in input order — no file read twice, and
  // no pass over every file before the work starts (issue 26, item 15).
  const duplicates = plan ? await findDuplicates(files) : new Map<number, number>();
  const firstOf = plan ? undefined : new Map<string, number>();
  const review: ReviewWorkbook | undefined = args.report ? new (await writers()).ReviewWorkbook(lang, args.report) : undefined;
  const runId = newRunId();
  const minSeverity = args.severity ?? "info";
  const totals: Totals = emptyTotals();
  const progress = new Progress(io, files.length);
  const out = (s: string) => {
    progress.clear();
    io.out(s);
  };
  const csvRows: string[][] = [];
  const at = localTimestamp(new Date());
  let outputFailed = false;
  let first = true;
  const profileName = `${profile.id}（${profile.name.zh}）`;
  const ownForms = forms ? forms.forms.filter((f) => !BUILTIN_FORMS.forms.includes(f)).map((f) => f.id) : [];
  const ownFormsLine = ownForms.length ? msg(lang, `表式：内置表式 + ${args.forms}（${ownForms.join("、")}）\n`, `Forms: built-in + ${args.forms} (${ownForms.join(", ")})\n`) : "";
  if (args.format === "json") out(`{"version":1,"profile":${safeJson({ id: profile.id, name: profile.name })},${ownForms.length ? `"forms":${safeJson(ownForms)},` : ""}"files":[`);
  else if (!args.quiet) out(msg(lang, `配置：${profileName}\n`, `Profile: ${profile.id} (${profile.name.en})\n`) + ownFormsLine + "\n");

  // An input whose copy was refused by the output plan: an output problem, said on stderr as the copies' are.
  const refusedOutput = new Set((plan?.files ?? []).filter((f) => f.refused).map((f) => f.input));
  const emit = (r: FileReport) => {
    addTotals(totals, r);
    review?.add(r);
    if (args.annotate) csvRows.push(summaryRow(r, lang, at));
    if (r.copyError) outputFailed = true;
    if (args.format === "json") {
      out((first ? "" : ",") + safeJson(jsonFile(r, minSeverity)));
      first = false;
    } else if (args.summary) out(summaryLine(r, lang) + "\n");
    else if (!args.quiet) out(textFile(r, lang, minSeverity) + "\n\n");
    const s = statusOf(r);
    // Once: the text report (full or --summary) already names the file and the cause on stdout; JSON and
    // --quiet do not say it in words, so the reviewer reads it on stderr.
    if ((s === "unreadable" || s === "too-large") && (args.format === "json" || args.quiet || refusedOutput.has(r.file))) {
      progress.clear();
      io.err(`perfcheck: ${clean(r.file)}: ${clean(pick(r.error ?? "", lang))}\n`);
    }
    if (r.copyError) {
      progress.clear();
      io.err(`perfcheck: ${clean(r.file)}: ${clean(pick(r.copyError, lang))}\n`);
    }
  };

  // Entries in walk order; files among them validated (in order, or by the pool with the order kept).
  const jobs = Math.max(1, Math.floor(args.jobs ?? 1));
  // A worker pool for parallel runs, and whenever a time limit is asked for — one file as for many.
  const fileOpts: FileOptions = { noIgnores: args.noIgnores, ...(firstOf ? { digest: true } : {}), ...(args.targets ? { targets: args.targets } : {}) };
  const usePool = (jobs > 1 && files.length > 1) || (args.timeoutSec !== undefined && files.length > 0);
  // With a pool the main thread only reports: the reader and the core load in the workers alone.
  const { validateFile } = usePool ? { validateFile: undefined } : await import("./validateFile");
  const pool = usePool ? new ValidatePool(Math.max(1, Math.min(jobs, files.length)), profile, lang, runId, readLimits(), args.timeoutSec, forms, fileOpts) : undefined;
  try {
    type Slot = { entry: (typeof expanded.entries)[number]; idx?: number; promise?: Promise<FileReport> };
    const startOne = (file: string, i: number): Promise<FileReport> => {
      const first = duplicates.get(i);
      if (first !== undefined) return Promise.resolve({ file, status: "duplicate", duplicateOf: files[first], error: duplicateNote(files[first]) });
      const planned = plan?.files[i];
      if (planned?.refused) return Promise.resolve({ file, status: "unreadable", error: planned.refused });
      return pool ? pool.run(file, planned?.output) : validateFile!(file, profile, planned?.output, lang, runId, forms, fileOpts);
    };
    // With a pool, twice what the workers hold at once is in flight or waiting to be printed: enough to keep
    // every worker busy with full batches, bounded so memory stays flat on a long run. Without one, a file is
    // read only when its turn comes.
    const window = pool ? pool.capacity * 2 : 1;
    const entries = expanded.entries;
    const pending: Slot[] = [];
    let next = 0;
    let fileIndex = 0;
    let done = 0;
    const fill = () => {
      while (next < entries.length && pending.length < window) {
        const slot: Slot = { entry: entries[next++] };
        if (!("status" in slot.entry)) {
          slot.idx = fileIndex++;
          if (pool) slot.promise = startOne(slot.entry.file, slot.idx);
        }
        pending.push(slot);
      }
    };
    fill();
    while (pending.length) {
      const slot = pending.shift()!;
      const entry = slot.entry;
      if ("status" in entry) emit({ file: entry.file, status: entry.status, error: entry.reason });
      else {
        progress.update(done, entry.file);
        let r = await (slot.promise ?? startOne(entry.file, slot.idx!));
        done++;
        if (r.digest !== undefined && firstOf) {
          const first = firstOf.get(r.digest);
          if (first === undefined) firstOf.set(r.digest, slot.idx!);
          else r = { file: r.file, status: "duplicate", duplicateOf: files[first], error: duplicateNote(files[first]) };
          delete r.digest;
        }
        emit(r);
      }
      fill();
    }
  } finally {
    await pool?.close();
    progress.clear();
  }

  if (args.format === "json") out("]}\n");
  else {
    const forms = formsLine(totals, lang);
    if (forms && !args.quiet) out(forms + "\n");
    out(textSummary(totals, lang) + "\n");
  }
  if (args.annotate) {
    try {
      const written = await writeSummary(args.annotate, { rows: csvRows }, lang);
      if (path.basename(written) !== "summary.csv") say(`${path.join(args.annotate, "summary.csv")} 不是 PerfCheck 写出的文件，未覆盖；本次汇总写入 ${written}`, `${path.join(args.annotate, "summary.csv")} was not written by PerfCheck and is left alone; this run's summary is in ${written}`);
    } catch (e) {
      say(`无法写出汇总文件（${clean((e as Error).message)}）`, `cannot write the summary (${clean((e as Error).message)})`);
      outputFailed = true;
    }
  }
  if (review && args.report) {
    try {
      await fs.mkdir(path.dirname(path.resolve(args.report)), { recursive: true });
      try {
        await writeFileAtomic(args.report, await review.build(), { noClobber: !reportReplace });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        // link() refused: the name was free when the run started and another run took it since.
        throw new Error(msg(lang, "另一次运行在本次运行期间写出了同名报告，未覆盖；请换一个文件名再运行", "another run wrote a report of this name while this run was going; not overwritten, run again with another name"));
      }
      if (!args.quiet && args.format !== "json") io.err(`perfcheck: ${msg(lang, `审核工作簿已写入 ${args.report}`, `review workbook written to ${args.report}`)}\n`);
    } catch (e) {
      say(`无法写出审核工作簿 ${args.report}（${clean((e as Error).message)}）`, `cannot write the review workbook ${args.report} (${clean((e as Error).message)})`);
      outputFailed = true;
    }
  }
  if (files.length === 0 && expanded.entries.length === 0) {
    say("没有找到工作簿（.xlsx、.xlsm、.xls、.et）", "no workbooks found (.xlsx, .xlsm, .xls, .et)");
    return 2;
  }
  if (totals.unreadable > 0 || totals.tooLarge > 0 || outputFailed) return 2;
  // Ignored errors are still errors for the exit code: an ignore is the clerk's note, not the reviewer's verdict.
  if (totals.error > 0 || (totals.ignored?.error ?? 0) > 0) return 1;
  if (args.failOn === "warning" && (totals.warning > 0 || totals.noTable > 0)) return 1;
  return 0;
}

/**
 * Before any file is read: a run whose copies would land on their own inputs is refused whole (nothing
 * checked, no summary.csv among the inputs); an output folder that cannot be written is found now, not
 * after the whole run; and temporary files a killed run of ours left in the output folders are removed.
 * Returns false (the reasons said) when the run must not start.
 */
async function outputsReady(args: ValidateArgs, plan: Awaited<ReturnType<typeof planOutputs>> | undefined, say: (zh: string, en: string) => void): Promise<boolean> {
  const onto = plan?.files.filter((f) => f.ontoItself) ?? [];
  if (onto.length) {
    for (const f of onto) say(pick(f.refused!, "zh"), pick(f.refused!, "en"));
    say(`输出文件夹 ${args.annotate} 就是输入文件所在的文件夹，带标记副本会覆盖原件；本次运行未检查任何文件，也未写出任何文件，请换一个输出文件夹`, `the output folder ${args.annotate} is where the input files are, so the annotated copies would overwrite the originals; nothing was checked or written, choose another output folder`);
    return false;
  }
  const dirs = new Set<string>();
  if (args.annotate) dirs.add(path.resolve(args.annotate));
  for (const f of plan?.files ?? []) if (f.output) dirs.add(path.dirname(path.resolve(f.output)));
  if (args.report) {
    const dir = path.dirname(path.resolve(args.report));
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (e) {
      say(`无法创建报告所在的文件夹 ${dir}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}），未检查任何文件`, `cannot create the report's folder ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was checked`);
      return false;
    }
    dirs.add(dir);
  }
  for (const dir of dirs) {
    // Folders of copies not made yet are created inside the output folder, which is probed itself.
    if (!(await fs.stat(dir).then((st) => st.isDirectory(), () => false))) continue;
    const code = await probeWritable(dir);
    if (code) {
      say(`无法在输出文件夹 ${dir} 中写入文件（${code}），未检查任何文件；请检查该文件夹的权限或换一个输出文件夹`, `cannot write files in the output folder ${dir} (${code}); nothing was checked, check its permissions or choose another output folder`);
      return false;
    }
    await sweepStaleTemps(dir);
  }
  return true;
}

/** The copy's name under the output folder: the package keeps its type, so .xlsx/.xlsm/.xltx/.xltm keep their names; a workbook under another name (报表.xls that is really .xlsx) gets .xlsx appended. */
export function copyName(relative: string): string {
  return /\.(xlsx|xlsm|xltx|xltm)$/i.test(relative) ? relative : `${relative}.xlsx`;
}

