/**
 * Opening input files: expand folders, recognise what a file really is before exceljs sees it, and
 * turn failures into messages a reviewer can act on.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { realPathOf } from "./outputPlan";

export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Expand folder arguments into their .xlsx files (sorted, recursive, Office lock files skipped).
 * Folders in `exclude` (the run's output folder, when it lies inside an input folder) are not searched:
 * a run must not read back the copies it or an earlier run wrote there.
 */
export async function expandInputs(args: string[], exclude: string[] = []): Promise<{ files: string[]; missing: InputError[] }> {
  const files: string[] = [];
  const missing: InputError[] = [];
  const skip = new Set(await Promise.all(exclude.map(realPathOf)));
  for (const arg of args) {
    let st;
    try {
      st = await fs.stat(arg);
    } catch {
      missing.push(new InputError(arg, "文件或文件夹不存在 / no such file or folder"));
      continue;
    }
    if (st.isDirectory()) files.push(...(await walk(arg, skip)));
    else files.push(arg);
  }
  return { files, missing };
}

async function walk(dir: string, skip: Set<string>): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    // The folder named on the command line is always searched; only folders below it can be the output.
    if (e.isDirectory()) {
      if (!skip.has(await realPathOf(p))) out.push(...(await walk(p, skip)));
    }
    else if (/\.xlsx$/i.test(e.name) && !e.name.startsWith("~$")) out.push(p);
  }
  return out;
}

/** Read a file and check it is a zip (an .xlsx) before parsing; explain the common impostors. */
export async function readXlsxBytes(file: string): Promise<Buffer> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (e) {
    throw new InputError(file, `无法读取文件 / cannot read the file: ${(e as Error).message}`);
  }
  if (buf.length === 0) throw new InputError(file, "文件为空 / the file is empty");
  if (buf.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    // An OLE compound file: its directory names the streams, in UTF-16.
    const has = (name: string) => buf.includes(Buffer.from(name, "utf16le"));
    if (has("EncryptionInfo") || has("EncryptedPackage")) {
      throw new InputError(file, "工作簿受密码保护，无法读取；请在 Excel 中去掉打开密码后另存为 .xlsx / the workbook is password-protected; remove the password in Excel and save it as .xlsx");
    }
    if (has("Workbook") || has("Book")) {
      throw new InputError(file, "这是改了扩展名的旧版 .xls 文件；请在 Excel 中另存为 .xlsx / this is a legacy .xls file renamed to .xlsx; save it as .xlsx in Excel");
    }
    throw new InputError(
      file,
      "这是受密码保护的工作簿或改了扩展名的旧版 .xls 文件；请在 Excel 中去掉密码并另存为 .xlsx / " +
        "this is a password-protected workbook or a legacy .xls renamed to .xlsx; remove the password and save it as .xlsx in Excel",
    );
  }
  if (!(buf[0] === 0x50 && buf[1] === 0x4b)) {
    throw new InputError(file, "不是 .xlsx 文件（不是 zip 格式） / not an .xlsx file (not a zip archive)");
  }
  return buf;
}

/** exceljs errors, in words a reviewer understands. */
export function explainLoadError(file: string, e: unknown): InputError {
  const msg = String((e as Error)?.message ?? e);
  if (/central directory|end of data|invalid (zip|signature)|corrupted zip|unexpected end|FILE_ENDED|invalid distance/i.test(msg)) {
    return new InputError(file, `文件已损坏或不完整（zip 结构错误） / the file is damaged or truncated (broken zip): ${msg}`);
  }
  return new InputError(file, `无法解析工作簿 / cannot parse the workbook: ${msg}`);
}

/** A loaded workbook with no worksheets: a zip that is not a workbook, or a workbook Excel itself would refuse. */
export function checkWorkbookShape(file: string, buf: Buffer, worksheets: number): void {
  if (worksheets > 0) return;
  if (!buf.includes(Buffer.from("xl/workbook.xml"))) {
    throw new InputError(file, "这是 zip 压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml） / a zip archive but not an Excel workbook (no xl/workbook.xml)");
  }
  throw new InputError(file, "工作簿中没有任何工作表 / the workbook contains no worksheets");
}
