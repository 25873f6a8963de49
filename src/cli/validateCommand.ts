/** `perfcheck validate`: one file at a time, so memory stays flat however many files there are. */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import path from "node:path";
import { BUILTIN_PROFILES, ProfileError, resolveProfile, type Profile } from "../core/profile";
import { validateWorkbook } from "../core/validate";
import { annotateWorkbook } from "./annotate";
import { clearAnnotations } from "./clear";
import { writeFileAtomic } from "./atomicWrite";
import { planOutputs } from "./outputPlan";
import { checkWorkbookShape, expandInputs, explainLoadError, InputError, readXlsxBytes } from "./inputs";
import { addTotals, csvSummaryHeader, csvSummaryLine, jsonFile, textFile, textSummary, type FileReport, type Lang, type Totals } from "./report";
import { workbookSnapshot } from "./snapshot";
import type { WorkbookSnapshot } from "../core/snapshot";

const SUMMARY_FILE = "summary.csv";

export interface ValidateArgs {
  format: "text" | "json";
  profile?: string;
  annotate?: string;
  lang: Lang;
  files: string[];
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Progress lines go to stderr only on long runs. */
  progress: boolean;
}

export async function loadProfile(name: string | undefined): Promise<Profile> {
  if (!name) return BUILTIN_PROFILES.national;
  if (BUILTIN_PROFILES[name]) return BUILTIN_PROFILES[name];
  let text: string;
  try {
    text = await fs.readFile(name, "utf8");
  } catch {
    throw new ProfileError(`未知的配置“${name}”：不是内置配置（${Object.keys(BUILTIN_PROFILES).join(", ")}），也不是可读取的文件 / unknown profile "${name}": neither a built-in nor a readable file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ProfileError(`配置文件不是有效的 JSON / profile file is not valid JSON: ${(e as Error).message}`);
  }
  return resolveProfile(json);
}

/** Load a workbook from disk, with the user-facing error for anything that is not a readable .xlsx. */
async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const bytes = await readXlsxBytes(file);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw explainLoadError(file, e);
  }
  checkWorkbookShape(file, bytes, wb.worksheets.length);
  // An annotated copy validated again: take our earlier flags and sheets off first, so flags never stack.
  clearAnnotations(wb);
  return wb;
}

/**
 * The snapshot alone: the workbook is left to the collector before validation starts, so a minor
 * collection that validation triggers has no just-loaded exceljs objects to copy. (Validating without
 * annotating is the common case; an annotated copy needs the workbook and keeps it.)
 */
async function loadSnapshot(file: string): Promise<WorkbookSnapshot> {
  // The bounded streaming reader (src/cli/xlsx): exceljs stays for annotated copies, which it writes.
  const { loadValidationSnapshot } = await import("./xlsx/load");
  return loadValidationSnapshot(file, await readXlsxBytes(file));
}

/**
 * Validate one workbook; with `copyTo` (a path the run's output plan has cleared), also write its
 * annotated copy there.
 */
export async function validateFile(file: string, profile: Profile, copyTo: string | undefined, lang: Lang): Promise<FileReport> {
  try {
    if (!copyTo) return { file, result: validateWorkbook(await loadSnapshot(file), { profile }) };
    const wb = await loadWorkbook(file);
    const result = validateWorkbook(workbookSnapshot(wb), { profile });
    annotateWorkbook(wb, result, lang);
    const out = Buffer.from(await wb.xlsx.writeBuffer());
    await fs.mkdir(path.dirname(copyTo), { recursive: true });
    await writeFileAtomic(copyTo, out);
    return { file, result };
  } catch (e) {
    if (e instanceof InputError) return { file, error: e.message };
    return { file, error: `处理失败 / processing failed: ${String((e as Error)?.message ?? e)}` };
  }
}

/** Returns the exit code: 0 clean, 1 errors found, 2 usage error or unreadable file. */
export async function runValidate(args: ValidateArgs, io: Io): Promise<number> {
  let profile: Profile;
  try {
    profile = await loadProfile(args.profile);
  } catch (e) {
    io.err(`perfcheck: ${(e as Error).message}\n`);
    return 2;
  }
  const { files, missing } = await expandInputs(args.files, args.annotate ? [args.annotate] : []);
  // Every output is planned and checked against every input and every other output before anything is written.
  const plan = args.annotate ? await planOutputs(files, args.annotate, [SUMMARY_FILE]) : undefined;
  if (args.annotate) await fs.mkdir(args.annotate, { recursive: true });
  const totals: Totals = { files: 0, unreadable: 0, tables: 0, error: 0, warning: 0, info: 0 };
  let csv = csvSummaryHeader();
  let first = true;
  if (args.format === "json") io.out('{"version":1,"files":[');
  const emit = (r: FileReport) => {
    addTotals(totals, r);
    csv += csvSummaryLine(r);
    if (args.format === "json") {
      io.out((first ? "" : ",") + JSON.stringify(jsonFile(r)));
      first = false;
    } else {
      io.out(textFile(r, args.lang) + "\n\n");
    }
    if (r.error) io.err(`perfcheck: ${r.file}: ${r.error}\n`);
  };
  for (const m of missing) emit({ file: m.file, error: m.message });
  const showProgress = io.progress && files.length > 1;
  for (let i = 0; i < files.length; i++) {
    if (showProgress) io.err(`[${i + 1}/${files.length}] ${files[i]}\n`);
    const planned = plan?.files[i];
    emit(planned?.refused ? { file: files[i], error: planned.refused } : await validateFile(files[i], profile, planned?.output, args.lang));
  }
  if (args.format === "json") io.out("]}\n");
  else io.out(textSummary(totals, args.lang) + "\n");
  const summary = plan?.extras[0];
  if (summary?.refused) {
    io.err(`perfcheck: ${summary.refused}\n`);
    totals.unreadable++;
  } else if (summary) await writeFileAtomic(summary.output, csv);
  if (files.length === 0 && missing.length === 0) {
    io.err("perfcheck: 没有找到 .xlsx 文件 / no .xlsx files found\n");
    return 2;
  }
  if (totals.unreadable > 0) return 2;
  return totals.error > 0 ? 1 : 0;
}
