/**
 * Limits of the validation reader. Every one is checked before the work it bounds (sizes before
 * inflating, counts before allocating) or while it runs (the inflated bytes, the cells, the clock), so a
 * hostile or broken file costs at most the limit, and the batch goes on with the next file.
 */
export interface XlsxLimits {
  /** Entries in the zip's central directory. */
  maxEntries: number;
  /** Compressed size of one part we read. */
  maxPartCompressed: number;
  /** Uncompressed size of one part (declared, and counted while inflating). */
  maxPartBytes: number;
  /** Uncompressed size of all the parts we read together. */
  maxTotalBytes: number;
  /** Cells (<c> elements) in one sheet. */
  maxCellsPerSheet: number;
  /** Cells in the whole workbook. Office.js reads at most 5,000,000 cells at once; the CLI allows as many. */
  maxCells: number;
  /** Characters in one string. Excel itself keeps at most 32,767 in a cell. */
  maxStringLength: number;
  /** Characters of all shared strings together. */
  maxSharedChars: number;
  /** Entries in the shared-string table. */
  maxSharedStrings: number;
  /** Merged areas in one sheet (each is one rectangle; never expanded cell by cell). */
  maxMergesPerSheet: number;
  /** Element nesting depth in any part. */
  maxDepth: number;
  /** Sheets in the workbook. */
  maxSheets: number;
  /** Wall-clock time for one workbook, milliseconds. */
  maxMillis: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxEntries: 10_000,
  maxPartCompressed: 256 * 1024 * 1024,
  maxPartBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  // Roughly 400,000–1,000,000 cells/s through saxes here: a sheet at the limit is refused in seconds.
  maxCellsPerSheet: 2_000_000,
  maxCells: 5_000_000,
  maxStringLength: 32_767,
  maxSharedChars: 200_000_000,
  maxSharedStrings: 5_000_000,
  maxMergesPerSheet: 1_000_000,
  maxDepth: 64,
  maxSheets: 1_000,
  maxMillis: 30_000,
};

/** Bytes in words: 2.5 GB, 512 MB, 12 KB. */
export function sizeText(n: number): string {
  if (n >= 1024 ** 3) return `${Number((n / 1024 ** 3).toFixed(1))} GB`;
  if (n >= 1024 ** 2) return `${Number((n / 1024 ** 2).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} B`;
}

/** A file over one of the limits: one status naming the part and the limit, in Chinese and English. */
export class XlsxLimitError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`超出大小限制：${zh} / over a limit: ${en}`);
  }
}

/** A file that is not a readable workbook (broken zip, malformed XML): the part and the cause. */
export class XlsxFormatError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

/** How a part is named in messages: 工作表“X”（xl/worksheets/sheet1.xml）. */
export interface PartName {
  zh: string;
  en: string;
}

export function partName(path: string, sheet?: string): PartName {
  if (sheet !== undefined) return { zh: `工作表“${sheet}”（${path}）`, en: `sheet "${sheet}" (${path})` };
  if (/sharedStrings/i.test(path)) return { zh: `共享字符串表（${path}）`, en: `the shared-string table (${path})` };
  if (/styles/i.test(path)) return { zh: `样式表（${path}）`, en: `the style sheet (${path})` };
  if (/workbook/i.test(path)) return { zh: `工作簿结构（${path}）`, en: `the workbook part (${path})` };
  return { zh: path, en: path };
}
