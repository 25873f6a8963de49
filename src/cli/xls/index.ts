/** The CLI's bounded .xls / .et (BIFF8) reader; it returns the snapshot the .xlsx reader returns. */
export { readXls, readBiff8, type XlsReadOptions } from "./reader";
export { DEFAULT_XLS_LIMITS, XlsFormatError, XlsLimitError, type XlsLimits } from "./limits";
export { isCompoundFile } from "./container";
export { loadXlsSnapshot } from "./load";
export { snapshotWorkbook } from "./toXlsx";
