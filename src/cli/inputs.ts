/**
 * Opening input files: expand folders into an account of every entry that looks like a workbook, read
 * only regular files (a FIFO or a device is never opened for a blocking read), cap sizes, recognise what
 * a file really is by its bytes before exceljs sees it, and turn failures into messages a reviewer can act on.
 */
import { closeSync, constants, fstatSync, openSync, promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import { realPathOf } from "./outputPlan";
import { declaredTotalSize, foreignZip } from "./xlsx/foreign";

export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
    /** How the file is accounted for: unreadable (a cause), skipped (a reason), too-large (the limit). */
    readonly status: "unreadable" | "skipped" | "too-large" = "unreadable",
  ) {
    super(message);
  }
}

/** Names a folder walk considers: Excel (.xlsx, .xlsm, templates), legacy .xls, WPS .et/.ett, and .xlsb/.ods (refused with what to do, never passed over in silence). What a file really is is then decided by its bytes. */
export const WORKBOOK_NAME = /\.(xlsx|xlsm|xltx|xltm|xls|xlt|et|ett|xlsb|ods)$/i;

/** Limits on what is read: a file above maxBytes is not opened; a zip whose parts expand beyond maxExpandedBytes is refused before exceljs inflates it. */
export interface ReadLimits {
  maxBytes: number;
  maxExpandedBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 50 * 1024 * 1024, maxExpandedBytes: 500 * 1024 * 1024 };
let limits: ReadLimits = { ...DEFAULT_LIMITS };

/** Set for the whole process (the CLI's --max-size; worker threads receive it at start). */
export function setReadLimits(l: Partial<ReadLimits>): void {
  limits = { ...limits, ...l };
}

export function readLimits(): ReadLimits {
  return limits;
}

/** One entry of the run: a file to read, or something accounted for without reading it. */
export type InputEntry = { file: string } | { file: string; status: "skipped" | "unreadable"; reason: string };

export interface Expanded {
  /** Files to read, in command-line order, each folder's files sorted. */
  files: string[];
  /** Every other entry, with its status and why (missing paths, unreadable folders, links to folders, FIFOs, devices). */
  accounted: InputError[];
  /** In the order met, for reports that keep the walk's order: files and accounted entries together. */
  entries: InputEntry[];
}

function describeType(st: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (st.isFIFO()) return "命名管道（FIFO） / a named pipe (FIFO)";
  if (st.isSocket()) return "套接字 / a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "设备文件 / a device";
  return "不是普通文件 / not a regular file";
}

/**
 * Expand arguments into the run's entries. Folders are searched recursively for workbook names
 * (WORKBOOK_NAME); Office lock files `~$…` are passed over. Symlinked folders are not followed (they can
 * loop or leave the tree) and are listed as skipped; a link to a regular file is read like the file.
 * Folders in `exclude` (the run's output folder inside an input folder) are not searched: a run must not
 * read back the copies it or an earlier run wrote there.
 */
export async function expandInputs(args: string[], exclude: string[] = []): Promise<Expanded & { missing: InputError[] }> {
  const out: Expanded = { files: [], accounted: [], entries: [] };
  const skip = new Set(await Promise.all(exclude.map(realPathOf)));
  const account = (e: InputError) => {
    out.accounted.push(e);
    out.entries.push({ file: e.file, status: e.status === "skipped" ? "skipped" : "unreadable", reason: e.message });
  };
  const take = (f: string) => {
    out.files.push(f);
    out.entries.push({ file: f });
  };
  for (const arg of args) {
    let st;
    try {
      st = await fs.stat(arg);
    } catch {
      account(new InputError(arg, "文件或文件夹不存在 / no such file or folder"));
      continue;
    }
    if (st.isDirectory()) await walk(arg, skip, take, account);
    else if (st.isFile()) take(arg);
    else account(new InputError(arg, `已跳过：${describeType(st)}，只读取普通文件 / skipped: only regular files are read`, "skipped"));
  }
  // `missing` kept for callers written before statuses: everything accounted for without reading.
  return { ...out, missing: out.accounted };
}

async function walk(dir: string, skip: Set<string>, take: (f: string) => void, account: (e: InputError) => void): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    account(new InputError(dir, `无法读取文件夹（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}），其中的文件未检查 / cannot read the folder; its files were not checked`));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      // The folder named on the command line is always searched; only folders below it can be the output.
      if (!skip.has(await realPathOf(p))) await walk(p, skip, take, account);
      continue;
    }
    if (e.isSymbolicLink()) {
      let target;
      try {
        target = await fs.stat(p);
      } catch {
        if (WORKBOOK_NAME.test(e.name)) account(new InputError(p, "已跳过：符号链接指向的文件不存在 / skipped: the symbolic link points nowhere", "skipped"));
        continue;
      }
      if (target.isDirectory()) {
        account(new InputError(p, "已跳过：符号链接的文件夹不跟随（请直接指定该文件夹） / skipped: symlinked folders are not followed (name the folder itself)", "skipped"));
        continue;
      }
      if (!WORKBOOK_NAME.test(e.name) || e.name.startsWith("~$")) continue;
      if (target.isFile()) take(p);
      else account(new InputError(p, `已跳过：链接指向${describeType(target)}，只读取普通文件 / skipped: the link points to something that is not a regular file`, "skipped"));
      continue;
    }
    if (!WORKBOOK_NAME.test(e.name) || e.name.startsWith("~$")) continue;
    if (e.isFile()) take(p);
    else account(new InputError(p, `已跳过：${describeType(e)}，只读取普通文件 / skipped: only regular files are read`, "skipped"));
  }
}

/**
 * Read a file that must be a regular file, without ever blocking on a FIFO: opened non-blocking, checked
 * with fstat on the open descriptor (no race with a swap after a stat), and refused above the size limit.
 * The calls are synchronous: a regular file's read does not wait on anyone, and each asynchronous call
 * was a round trip through libuv's thread pool — a hand-over between threads that, on a busy machine,
 * cost more than reading a small workbook (issue 26, item 15).
 */
export async function readRegularFile(file: string, maxBytes = limits.maxBytes): Promise<Buffer> {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputError(file, `无法读取文件（${(e as NodeJS.ErrnoException).code ?? ""}） / cannot read the file: ${(e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError(file, `已跳过：${describeType(st)}，只读取普通文件 / skipped: only regular files are read`, "skipped");
    if (st.size > maxBytes) {
      throw new InputError(file, `文件过大（${mb(st.size)}，上限 ${mb(maxBytes)}），未检查；可用 --max-size 调整 / the file is too large (${mb(st.size)}, limit ${mb(maxBytes)}); not checked, see --max-size`, "too-large");
    }
    return readFileSync(fd);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, `无法读取文件 / cannot read the file: ${(e as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The kind of bytes, recognised by content, whatever the extension says. */
export type Sniffed = "ooxml" | "ole-encrypted" | "ole-legacy" | "ole-other" | "zip-other" | "html" | "empty" | "unknown";

export function sniff(buf: Buffer): Sniffed {
  if (buf.length === 0) return "empty";
  if (buf.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    // An OLE compound file: its directory names the streams, in UTF-16.
    const has = (name: string) => buf.includes(Buffer.from(name, "utf16le"));
    if (has("EncryptionInfo") || has("EncryptedPackage")) return "ole-encrypted";
    if (has("Workbook") || has("Book")) return "ole-legacy";
    return "ole-other";
  }
  // A zip without xl/workbook.xml is "not a workbook" only when its directory is intact; a truncated one
  // goes on to the zip reader, which names the damage.
  if (buf[0] === 0x50 && buf[1] === 0x4b) return buf.includes(Buffer.from("xl/workbook.xml")) || declaredExpandedSize(buf) === undefined ? "ooxml" : "zip-other";
  const head = buf.subarray(0, 512).toString("latin1").toLowerCase();
  if (/<html|<!doctype html|<\?xml[^>]*>\s*<\?mso-application|urn:schemas-microsoft-com:office:spreadsheet/.test(head)) return "html";
  return "unknown";
}

/**
 * Sum of the uncompressed sizes the zip's central directory declares: refused above the limit before any
 * part is inflated (a zip bomb would otherwise fill memory inside exceljs). Undefined when the directory
 * cannot be found (exceljs then reports the damaged zip).
 */
export function declaredExpandedSize(buf: Buffer): number | undefined {
  // zip64 sizes included (the 32-bit field of a zip64 entry says 0xFFFFFFFF, not its size): xlsx/foreign.ts.
  return declaredTotalSize(buf);
}

/** Read a file and check by its bytes that it is an Office Open XML workbook (.xlsx, .xlsm, templates) before parsing; explain the common impostors. */
export async function readXlsxBytes(file: string): Promise<Buffer> {
  return checkXlsxBytes(file, await readRegularFile(file));
}

/** A compound file that is not an encrypted .xlsx: a legacy .xls / WPS .et for the BIFF8 reader (src/cli/xls), which names what it finds inside. */
export function isLegacyWorkbook(buf: Buffer): boolean {
  const kind = sniff(buf);
  // Or a bare BIFF file (Excel 2.x–4.0 wrote no compound file): a BOF record first; the reader names its version.
  const bof = buf.length >= 4 ? buf.readUInt16LE(0) : -1;
  return kind === "ole-legacy" || kind === "ole-other" || (kind === "unknown" && (bof === 0x0009 || bof === 0x0209 || bof === 0x0409 || bof === 0x0809));
}

/** readXlsxBytes on bytes already read. */
export function checkXlsxBytes(file: string, buf: Buffer): Buffer {
  switch (sniff(buf)) {
    case "empty":
      throw new InputError(file, "文件为空 / the file is empty");
    case "ole-encrypted":
      throw new InputError(file, "工作簿受密码保护，无法读取；请在 Excel 中去掉打开密码后另存为 .xlsx / the workbook is password-protected; remove the password in Excel and save it as .xlsx");
    case "ole-legacy":
      // Reached only where an .xlsx is required (clear, copies): `validate` reads .xls through src/cli/xls.
      throw new InputError(
        file,
        "这是旧版 .xls（或 WPS .et）格式的工作簿，此处只接受 .xlsx（validate 可检查它，其带标记副本为 .xls.xlsx）；或在 Excel 或 WPS 中“另存为 .xlsx” / " +
          "this is a legacy .xls (or WPS .et) workbook; only .xlsx is taken here (validate checks it, and its annotated copy is its .xls.xlsx), or save it as .xlsx in Excel or WPS",
      );
    case "ole-other":
      throw new InputError(
        file,
        "这是受密码保护的工作簿或旧版 .xls 文件；请在 Excel 中去掉密码并另存为 .xlsx / " +
          "this is a password-protected workbook or a legacy .xls file; remove the password and save it as .xlsx in Excel",
      );
    case "html":
      throw new InputError(file, "这是网页（HTML/XML）格式导出的表格，不是 .xlsx；请在 Excel 中打开后另存为 .xlsx / a web-page (HTML/XML) export, not an .xlsx; open it in Excel and save it as .xlsx");
    case "zip-other": {
      // .xlsb and .ods are zips too: say what they are and to save them as .xlsx.
      const foreign = foreignZip(buf);
      throw new InputError(file, foreign ? foreign.message : "这是 zip 压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml） / a zip archive but not an Excel workbook (no xl/workbook.xml)");
    }
    case "unknown":
      throw new InputError(file, "不是 .xlsx 文件（不是 zip 格式） / not an .xlsx file (not a zip archive)");
  }
  const expanded = declaredExpandedSize(buf);
  if (expanded !== undefined && expanded > limits.maxExpandedBytes) {
    throw new InputError(file, `解压后过大（${mb(expanded)}，上限 ${mb(limits.maxExpandedBytes)}），未检查 / expands too far (${mb(expanded)}, limit ${mb(limits.maxExpandedBytes)}); not checked`, "too-large");
  }
  return buf;
}

/** exceljs errors, in words a reviewer understands. */
export function explainLoadError(file: string, e: unknown): InputError {
  const msg = String((e as Error)?.message ?? e);
  if (/central directory|end of data|invalid (zip|signature)|corrupted zip|unexpected end|FILE_ENDED|invalid distance/i.test(msg)) {
    return new InputError(file, `文件已损坏或不完整（zip 结构错误） / the file is damaged or truncated (broken zip): ${msg}`);
  }
  return new InputError(file, `无法解析工作簿：${msg} / cannot parse the workbook: ${msg}`);
}

/** A loaded workbook with no worksheets: a zip that is not a workbook, or a workbook Excel itself would refuse. */
export function checkWorkbookShape(file: string, buf: Buffer, worksheets: number): void {
  if (worksheets > 0) return;
  if (!buf.includes(Buffer.from("xl/workbook.xml"))) {
    throw new InputError(file, "这是 zip 压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml） / a zip archive but not an Excel workbook (no xl/workbook.xml)");
  }
  throw new InputError(file, "工作簿中没有任何工作表 / the workbook contains no worksheets");
}
