/**
 * Zip-based spreadsheet formats that are not .xlsx, recognised by their parts so the message says what the
 * file is and what to do (另存为 .xlsx) instead of "a zip without xl/workbook.xml".
 */
import { DEFAULT_XLSX_LIMITS, XlsxFormatError } from "./limits";
import { readCentralDirectory, streamEntry, type InflateBudget, type ZipEntry } from "./zip";

/** The error for a known foreign package, or undefined when the zip may be a workbook. */
export function foreignPackage(buf: Uint8Array, entries: Map<string, ZipEntry>, budget: InflateBudget): XlsxFormatError | undefined {
  if (entries.has("xl/workbook.bin") && !entries.has("xl/workbook.xml")) {
    return new XlsxFormatError(
      "这是 Excel 二进制工作簿（.xlsb），PerfCheck 不读取此格式；请在 Excel 中“另存为” Excel 工作簿（.xlsx）后再检查",
      "this is an Excel binary workbook (.xlsb), a format PerfCheck does not read; save it as an Excel workbook (.xlsx) in Excel and check it again",
    );
  }
  const mime = entries.get("mimetype");
  if (mime && mime.size <= 200) {
    let text = "";
    try {
      streamEntry(buf, mime, budget, (c) => (text += new TextDecoder("latin1").decode(c)));
    } catch {
      return undefined; // a broken mimetype part: the workbook check says what is wrong
    }
    if (/opendocument\.spreadsheet/.test(text)) {
      return new XlsxFormatError(
        "这是 OpenDocument 电子表格（.ods，LibreOffice、WPS 等保存），PerfCheck 不读取此格式；请在 WPS、LibreOffice 或 Excel 中“另存为” .xlsx 后再检查",
        "this is an OpenDocument spreadsheet (.ods, as LibreOffice or WPS save it), a format PerfCheck does not read; save it as .xlsx in WPS, LibreOffice or Excel and check it again",
      );
    }
    if (/opendocument/.test(text)) {
      return new XlsxFormatError("这是 OpenDocument 文档，不是电子表格", `this is an OpenDocument file (${text.trim().slice(0, 80)}), not a spreadsheet`);
    }
  }
  return undefined;
}

/** The same, from a file's bytes (for the CLI's check by content before reading). */
export function foreignZip(buf: Uint8Array): XlsxFormatError | undefined {
  try {
    const entries = readCentralDirectory(buf, DEFAULT_XLSX_LIMITS);
    return foreignPackage(buf, entries, { total: 0, deadline: Date.now() + DEFAULT_XLSX_LIMITS.maxMillis, limits: DEFAULT_XLSX_LIMITS });
  } catch {
    return undefined;
  }
}

/**
 * What the central directory says the parts inflate to, all together, zip64 sizes read where the writer put
 * them (a zip64 entry's 32-bit field says 0xFFFFFFFF, which is not 4 GB). Undefined when the directory is
 * damaged: the reader then names the damage.
 */
export function declaredTotalSize(buf: Uint8Array): number | undefined {
  try {
    let total = 0;
    for (const e of readCentralDirectory(buf, { ...DEFAULT_XLSX_LIMITS, maxEntries: Number.MAX_SAFE_INTEGER }).values()) total += e.size;
    return total;
  } catch {
    return undefined;
  }
}
