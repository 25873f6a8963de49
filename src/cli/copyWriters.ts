/**
 * What only a run that writes something needs — annotated copies (exceljs, the overlay writer) and the
 * review workbook — gathered so `validate` loads it on first use. exceljs alone costs about 0.4 s of CPU
 * to load, paid again by every `--jobs` worker: more than a hundred small workbooks take to check
 * (issue 26, item 15). A plain validation run never loads it.
 */
export { default as ExcelJS } from "exceljs";
export { annotateWorkbook } from "./annotate";
export { annotatePackage, OVERLAY_MODE } from "./overlay";
export { clearPackage } from "./packageClear";
export { clearAnnotations, screenWorkbook } from "./clear";
export { workbookSnapshot } from "./snapshot";
export { isOurReport, ReviewWorkbook } from "./reviewWorkbook";
