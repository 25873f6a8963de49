/**
 * Limits of the .xls (BIFF8) reader, like the .xlsx reader's (../xlsx/limits.ts). Each is checked before
 * the work it bounds or while it runs, so a hostile or broken file costs at most the limit and the batch
 * goes on with the next file.
 */
export interface XlsLimits {
  /** Sectors of the compound file (file size / 512): bounds the container walk. */
  maxSectors: number;
  /** Directory entries of the compound file (a real .xls has fewer than 20). */
  maxDirectoryEntries: number;
  /** Bytes of the Workbook stream. */
  maxStreamBytes: number;
  /** Records read in the whole stream (every substream, CONTINUE included). */
  maxRecords: number;
  /** Cells (value, blank and formula cells) in one sheet. */
  maxCellsPerSheet: number;
  /** Cells in the whole workbook. */
  maxCells: number;
  /** Characters in one string. Excel itself keeps at most 32,767 in a cell. */
  maxStringLength: number;
  /** Entries in the shared-string table. */
  maxSharedStrings: number;
  /** Characters of all shared strings together. */
  maxSharedChars: number;
  /**
   * Cells of the grid one sheet spans, row by row up to each row's last cell (a few cells far apart
   * would otherwise make rows of 65,536 columns: the sheet is kept as dense rows, like the .xlsx reader's).
   */
  maxGridCells: number;
  /** Merged areas in one sheet. */
  maxMergesPerSheet: number;
  /** Sheets in the workbook. */
  maxSheets: number;
  /** Wall-clock time for one workbook, milliseconds. */
  maxMillis: number;
}

export const DEFAULT_XLS_LIMITS: XlsLimits = {
  // 1 GB of 512-byte sectors; the CLI's --max-size (50 MB by default) refuses far smaller files first.
  maxSectors: 2_000_000,
  maxDirectoryEntries: 1_024,
  maxStreamBytes: 512 * 1024 * 1024,
  maxRecords: 20_000_000,
  maxCellsPerSheet: 2_000_000,
  maxCells: 5_000_000,
  maxStringLength: 32_767,
  maxSharedStrings: 5_000_000,
  maxSharedChars: 200_000_000,
  maxGridCells: 16_000_000,
  maxMergesPerSheet: 1_000_000,
  maxSheets: 1_000,
  maxMillis: 30_000,
};

/** A file over one of the limits: one status naming where and the limit, in Chinese and English. */
export class XlsLimitError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`超出大小限制：${zh} / over a limit: ${en}`);
  }
}

/**
 * A file this reader will not read (BIFF5 and older, encrypted, no BIFF8 Workbook stream, broken
 * records or container): the cause, and what the reviewer can do — save it as .xlsx.
 */
export class XlsFormatError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh}；请在 Excel 或 WPS 中“另存为 .xlsx”后再检查 / ${en}; save it as .xlsx in Excel or WPS and check it again`);
  }
}

/** How a sheet is named in messages. */
export function sheetPart(name: string | undefined): { zh: string; en: string } {
  return name === undefined ? { zh: "工作簿全局记录", en: "the workbook globals" } : { zh: `工作表“${name}”`, en: `sheet "${name}"` };
}

/** Stop a workbook that runs past its time budget (a starved machine or a pathological file). */
export function checkDeadline(deadline: number, where: { zh: string; en: string }): void {
  if (Date.now() > deadline) throw new XlsLimitError(`读取${where.zh}超时`, `reading ${where.en} took too long`);
}
