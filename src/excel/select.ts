/**
 * Jump to a finding's cell. A hidden sheet cannot be activated (Excel refuses), and unhiding it
 * would change the user's workbook: we say what to do instead.
 */
import { SKIP, type Skipped } from "./messages";
import { guardedSync } from "./sync";

export interface SelectOutcome {
  selected: boolean;
  /** Why not, in both languages (hidden sheet, sheet gone). */
  message?: Skipped;
}

export async function selectFinding(context: Excel.RequestContext, sheet: string, cell: string, timeoutMs?: number): Promise<SelectOutcome> {
  const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
  ws.load("visibility,name");
  await guardedSync(context, "find sheet", timeoutMs);
  if (ws.isNullObject)
    return { selected: false, message: { feature: "sheetGone", requirement: "", zh: `找不到工作表“${sheet}”，它可能已被删除或改名；请重新校验。`, en: `The sheet “${sheet}” was not found; it may have been deleted or renamed. Validate again.` } };
  if (ws.visibility !== "Visible") return { selected: false, message: SKIP.hiddenSheet(sheet) };
  ws.activate();
  ws.getRange(cell).select();
  await guardedSync(context, "select cell", timeoutMs);
  return { selected: true };
}
