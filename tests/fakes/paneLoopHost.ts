/**
 * The browser fake host (./browserHost) plus what the checking-loop test needs to act as the user
 * in Excel: type into a cell and have Excel fire its change event. A separate file so the shared
 * fakes stay as they are.
 */
import "./browserHost";
import { fireChanged } from "./excel";
import { key, type WorkbookModel } from "./excelModel";
import { parseA1 } from "../../src/core/snapshot";

const fake = (window as unknown as { __fake: { model: WorkbookModel } & Record<string, unknown> }).__fake;
/** The user types `value` into `sheet!cell`; Excel then reports the edit. */
fake.edit = async (sheet: string, cell: string, value: string | number) => {
  const p = parseA1(cell)!;
  fake.model.sheet(sheet).cells.set(key(p.row, p.col), { value });
  await fireChanged(fake.model, sheet, cell);
};
fake.sheetInfo = (name: string) => {
  const s = fake.model.sheets.find((x) => x.name === name);
  return s ? { visibility: s.visibility, rows: [...s.cells.keys()].length } : null;
};
