/**
 * One workbook validated (and, with a planned copy path, annotated): what the main thread runs with one job
 * and what each `--jobs` worker runs (worker.ts). Kept apart from validateCommand so a worker loads only
 * this (the reader, the core) and the main thread of a pooled run never loads the core at all; exceljs and
 * the copy writers load on first use, by a run that writes copies (issue 26, item 15: each worker paid
 * ~0.4 s of CPU for exceljs, more than a hundred small workbooks take to check).
 */
import type ExcelJS from "exceljs";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Profile } from "../core/profile";
import { validateWorkbook, type ValidationResult } from "../core/validate";
import { readIgnores, type SkippedSheet } from "../core/ignores";
import type { FormCatalogue } from "../core/forms/schema";
import type { WorkbookSnapshot } from "../core/snapshot";
import type { Table } from "../core/model";
import { writeFileAtomic } from "./atomicWrite";
import { checkWorkbookShape, checkXlsxBytes, explainLoadError, InputError, isLegacyWorkbook, readRegularFile, readXlsxBytes } from "./inputs";
import { slimReport, type FileReport, type Lang } from "./report";
import { newRunId, ownSheetsSkipped, sameSource, screenSnapshot, sourceIdentity, sourceName } from "./state";
import { loadValidationSnapshot } from "./xlsx/load";

/** exceljs and the copy writers, loaded on first use (a run that only validates never pays for them). */
const writers = () => import("./copyWriters");

/** Load a workbook from disk, with the user-facing error for anything that is not a readable .xlsx. */
async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const bytes = await readXlsxBytes(file);
  const { ExcelJS } = await writers();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw explainLoadError(file, e);
  }
  checkWorkbookShape(file, bytes, wb.worksheets.length);
  // PerfCheck's own sheets of an earlier annotated copy are screened by the caller (state.ts): only a state
  // whose signature matches is acted on, so a forged one can never make a data sheet disappear.
  return wb;
}

/**
 * The snapshot alone: the workbook is left to the collector before validation starts, so a minor
 * collection that validation triggers has no just-loaded exceljs objects to copy. (Validating without
 * annotating is the common case; an annotated copy needs the workbook and keeps it.)
 */
async function loadSnapshot(file: string, bytes?: Buffer): Promise<WorkbookSnapshot> {
  const buf = bytes ?? (await readRegularFile(file));
  // What the file is, by its bytes: a compound file goes to the BIFF8 reader (.xls, WPS .et), whatever its name.
  if (isLegacyWorkbook(buf)) return (await import("./xls/load")).loadXlsSnapshot(file, buf);
  // The bounded streaming reader (src/cli/xlsx): exceljs stays for annotated copies, which it writes.
  return loadValidationSnapshot(file, checkXlsxBytes(file, buf));
}

/**
 * A .xls / .et with an annotated copy: there is no .xlsx package to add flags to, so the copy is a new
 * .xlsx built from what was read (src/cli/xls/toXlsx.ts), named by copyName (报表.xls → 报表.xls.xlsx).
 */
async function validateLegacy(file: string, bytes: Buffer, profile: Profile, copyTo: string, lang: Lang, runId: string, forms: FormCatalogue | undefined, opts: FileOptions): Promise<FileReport> {
  const screened = screenSnapshot(await loadSnapshot(file, bytes));
  const notices = [...screened.notices];
  const result = validateScreened(screened.snapshot, screened.skippedSheets, profile, forms, opts, notices);
  const rep = slimReport(file, result);
  rep.notices = [...notices, "带标记副本是由 .xls 新建的 .xlsx（只含值、数字格式和合并单元格，原 .xls 未改动） / the annotated copy is a new .xlsx built from the .xls (values, number formats and merges only; the .xls is unchanged)"];
  const { snapshotWorkbook } = await import("./xls/toXlsx");
  const { annotateWorkbook } = await writers();
  let copy: Buffer;
  try {
    const wb = snapshotWorkbook(screened.snapshot);
    annotateWorkbook(wb, result, lang, runId, sourceIdentity(path.resolve(file)));
    copy = Buffer.from(await wb.xlsx.writeBuffer());
  } catch (e) {
    // The findings stand; only the copy could not be built (a sheet name exceljs refuses, say).
    const m = String((e as Error)?.message ?? e);
    rep.copyError = `无法由 .xls 生成带标记副本 ${copyTo}：${m} / cannot build the annotated copy ${copyTo} from the .xls: ${m}`;
    return rep;
  }
  await writeCopy(rep, copyTo, path.resolve(file), copy);
  return rep;
}

/** The input an existing file at `p` is PerfCheck's annotated copy of (a verified state inside), or undefined when it is not ours. */
async function ourCopySource(p: string): Promise<string | undefined> {
  try {
    const { ExcelJS, screenWorkbook } = await writers();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readXlsxBytes(p)) as unknown as ArrayBuffer);
    return screenWorkbook(wb).state?.source;
  } catch {
    return undefined;
  }
}

/**
 * May the copy of `source` be written at `copyTo`? Yes when nothing is there (then written without
 * replacing anything: a file that appears meanwhile wins), or when an earlier copy of this same input
 * is there. Never over a file PerfCheck did not write, nor over another input's copy.
 */
async function checkCopyTarget(copyTo: string, source: string): Promise<{ replace: boolean }> {
  const exists = await fs.lstat(copyTo).then(() => true, () => false);
  if (!exists) return { replace: false };
  const of = await ourCopySource(copyTo);
  if (of === undefined) {
    throw new Error(`输出位置 ${copyTo} 已有一个不是 PerfCheck 写出的文件，不会覆盖；请换一个输出文件夹 / ${copyTo} already holds a file PerfCheck did not write; not overwritten, choose another output folder`);
  }
  if (!sameSource(of, source)) {
    const other = sourceName(of);
    throw new Error(`输出位置 ${copyTo} 已有另一个文件（${other}）的带标记副本，不会覆盖；请换一个输出文件夹 / ${copyTo} already holds the annotated copy of another file (${other}); not overwritten, choose another output folder`);
  }
  return { replace: true };
}

/** Write an annotated copy where the plan allows: never over a file PerfCheck did not write or over another input's copy. */
async function writeCopy(rep: FileReport, copyTo: string, source: string, bytes: Buffer): Promise<void> {
  try {
    const { replace } = await checkCopyTarget(copyTo, source);
    await fs.mkdir(path.dirname(copyTo), { recursive: true });
    try {
      await writeFileAtomic(copyTo, bytes, { noClobber: !replace });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      throw new Error(`输出位置 ${copyTo} 刚被另一次运行写入，不会覆盖 / ${copyTo} was just written by another run; not overwritten`);
    }
    rep.copy = copyTo;
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    rep.copyError = msg.includes(" / ") ? msg : `无法写出带标记副本 ${copyTo}：${msg} / cannot write the annotated copy ${copyTo}: ${msg}`;
  }
}

/** How one file is validated beyond profile and forms. */
export interface FileOptions {
  /** `--no-ignores`: validate as if the workbook recorded no ignores (each recorded one still noted). */
  noIgnores?: boolean;
  /**
   * Give the report the SHA-256 of the bytes read (`digest`), so the run can tell byte-identical files from
   * the bytes it reads anyway (validateCommand). Runs without copies only: a copy is written before the run
   * would know it repeats an earlier file.
   */
  digest?: boolean;
  /** `--targets`: the workbook of approved target tables (a path: workers load it themselves, once each). */
  targets?: string;
  /** The target tables read from `targets` (filled in by validateFile, never sent to a worker). */
  targetTables?: readonly Table[];
}

const TARGETS = new Map<string, Promise<Table[]>>();

/**
 * The approved target tables of a `--targets` workbook, read once per process and profile: every
 * monitoring table of the run is compared with them (monitoring/target-changed).
 */
export function loadTargetTables(file: string, profile: Profile, forms: FormCatalogue | undefined): Promise<Table[]> {
  const key = `${path.resolve(file)}\u0000${profile.id}`;
  let p = TARGETS.get(key);
  if (!p) {
    p = loadSnapshot(file).then((snap) => validateWorkbook(snap, { profile, forms }).located.filter((t) => t.kind === "project-target"));
    TARGETS.set(key, p);
  }
  return p;
}

/**
 * The core's validation with the CLI's additions: the sheets screening left out listed as skipped, and
 * with --no-ignores every finding shown and a notice saying how many ignores were not applied.
 */
function validateScreened(snapshot: WorkbookSnapshot, skipped: SkippedSheet[], profile: Profile, forms: FormCatalogue | undefined, opts: FileOptions, notices: string[]): ValidationResult {
  const result = validateWorkbook(snapshot, { profile, forms, ...(opts.noIgnores ? { ignores: [] } : {}), ...(opts.targetTables ? { targets: opts.targetTables } : {}) });
  result.skippedSheets.unshift(...skipped);
  const recorded = opts.noIgnores ? readIgnores(snapshot).length : 0;
  if (recorded) notices.push(`工作簿记录了 ${recorded} 条忽略，本次按 --no-ignores 未采用，所有问题照常列出 / the workbook records ${recorded} ignore(s), not applied (--no-ignores): every finding is listed`);
  return result;
}

/**
 * Validate one workbook; with `copyTo` (a path the run's output plan has cleared), also write its
 * annotated copy there. Never throws: every outcome is a FileReport with its status.
 */
export async function validateFile(file: string, profile: Profile, copyTo: string | undefined, lang: Lang, runId = newRunId(), forms?: FormCatalogue, opts: FileOptions = {}): Promise<FileReport> {
  let digest: string | undefined;
  try {
    if (opts.targets && !opts.targetTables) opts = { ...opts, targetTables: await loadTargetTables(opts.targets, profile, forms) };
    if (!copyTo) {
      const raw = await readRegularFile(file);
      if (opts.digest) digest = createHash("sha256").update(raw).digest("hex");
      const screened = screenSnapshot(await loadSnapshot(file, raw));
      const notices = [...screened.notices];
      const rep = slimReport(file, validateScreened(screened.snapshot, screened.skippedSheets, profile, forms, opts, notices));
      if (notices.length) rep.notices = notices;
      if (digest) rep.digest = digest;
      return rep;
    }
    // The copy records the input by name and a hash of its path, never the reviewer's folders.
    const source = path.resolve(file);
    const sourceId = sourceIdentity(source);
    const raw = await readRegularFile(file);
    if (isLegacyWorkbook(raw)) return await validateLegacy(file, raw, profile, copyTo, lang, runId, forms, opts);
    // First choice: flags added to the original package (charts, pivots, macros and styles kept byte for
    // byte). Not for a package the overlay writer cannot edit safely, nor for an exceljs-made copy of ours
    // (its flags come off through exceljs).
    const screenedSnap = screenSnapshot(await loadSnapshot(file, raw));
    const { annotatePackage, annotateWorkbook, clearAnnotations, clearPackage, OVERLAY_MODE, screenWorkbook, workbookSnapshot } = await writers();
    // An overlay copy of ours checked again: its flags come off in the package first (flags never stack),
    // then the new ones go on — still without rebuilding the workbook.
    const st = screenedSnap.state;
    let bytes: Uint8Array | undefined = checkXlsxBytes(file, raw);
    if (st) bytes = st.rows.every((r) => r[2] === OVERLAY_MODE) ? clearPackage(bytes, st)?.buffer : undefined;
    if (bytes) {
      const notices = [...screenedSnap.notices];
      const overlayResult = validateScreened(screenedSnap.snapshot, screenedSnap.skippedSheets, profile, forms, opts, notices);
      const rep = slimReport(file, overlayResult);
      if (notices.length) rep.notices = notices;
      let copy: Buffer | undefined;
      try {
        copy = annotatePackage(bytes, overlayResult, lang, runId, sourceId);
      } catch {
        // A package the overlay writer trips on: the exceljs path below still makes a copy.
        copy = undefined;
      }
      if (copy) {
        await writeCopy(rep, copyTo, source, copy);
        return rep;
      }
    }
    const wb = await loadWorkbook(file);
    const screened = screenWorkbook(wb);
    // An annotated copy validated again: our earlier flags and sheets come off first, so flags never stack.
    if (screened.state) clearAnnotations(wb, screened);
    const notices = [...screened.ignored];
    const result = validateScreened(workbookSnapshot(wb), screened.state ? ownSheetsSkipped(screened.state) : [], profile, forms, opts, notices);
    const rep = slimReport(file, result);
    rep.notices = [...notices, "带标记副本由 exceljs 重写（图表、数据透视表不保留） / the annotated copy was rewritten by exceljs (charts and pivot tables not kept)"];
    if (/\.(xlsm|xltm)$/i.test(copyTo)) {
      // exceljs would write a plain workbook under a macro-enabled name, which Excel refuses to open.
      rep.copyError = `无法在保留宏的前提下写出带标记副本（工作簿结构特殊），未写出 ${copyTo} / cannot write the annotated copy ${copyTo} with its macros kept (unusual package); not written`;
      return rep;
    }
    annotateWorkbook(wb, result, lang, runId, sourceId);
    await writeCopy(rep, copyTo, source, Buffer.from(await wb.xlsx.writeBuffer()));
    return rep;
  } catch (e) {
    if (e instanceof InputError) return { file, status: e.status, error: e.message, ...(digest ? { digest } : {}) };
    return { file, ...(digest ? { digest } : {}), status: "unreadable", error: `处理失败：${String((e as Error)?.message ?? e)} / processing failed: ${String((e as Error)?.message ?? e)}` };
  }
}
