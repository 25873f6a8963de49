/** The CLI's bounded streaming .xlsx reader for validation (exceljs stays for writing files). */
export { readXlsx, type DefinedName, type XlsxReadOptions, type XlsxReadResult } from "./reader";
export { DEFAULT_XLSX_LIMITS, XlsxFormatError, XlsxLimitError, type XlsxLimits } from "./limits";
export { shiftFormula } from "./sharedFormula";
