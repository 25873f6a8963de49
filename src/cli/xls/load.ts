/**
 * The .xls path's loader: compound-file bytes → snapshot, with the reader's refusals turned into the
 * CLI's per-file statuses (exit 2 for the run, the batch goes on with the next file).
 */
import type { WorkbookSnapshot } from "../../core/snapshot";
import { InputError } from "../inputs";
import { XlsFormatError, XlsLimitError, type XlsLimits } from "./limits";
import { readXls } from "./reader";

/** InputError's optional third argument (the file's status). */
const StatusError = InputError as unknown as new (file: string, message: string, status?: string) => InputError;

export function loadXlsSnapshot(file: string, bytes: Uint8Array, limits?: Partial<XlsLimits>): WorkbookSnapshot {
  let snapshot: WorkbookSnapshot;
  try {
    snapshot = readXls(bytes, { limits }).snapshot;
  } catch (e) {
    if (e instanceof XlsLimitError) throw new StatusError(file, `超出大小限制：${e.zh}，未检查 / over a size limit: ${e.en}; not checked`, "too-large");
    // Named as what it is, so a reviewer knows why a file PerfCheck now reads was left out.
    if (e instanceof XlsFormatError) throw new InputError(file, `旧版 .xls（或 WPS .et）工作簿未能读取：${e.zh}；请在 Excel 或 WPS 中“另存为 .xlsx”后再检查 / legacy .xls (or WPS .et) workbook not read: ${e.en}; save it as .xlsx in Excel or WPS and check it again`);
    const m = String((e as Error)?.message ?? e);
    throw new InputError(file, `旧版 .xls（或 WPS .et）工作簿未能读取：${m}；请另存为 .xlsx 后再检查 / legacy .xls (or WPS .et) workbook not read: ${m}; save it as .xlsx and check it again`);
  }
  if (snapshot.sheets.length === 0) throw new InputError(file, "工作簿中没有任何工作表 / the workbook contains no worksheets");
  return snapshot;
}
