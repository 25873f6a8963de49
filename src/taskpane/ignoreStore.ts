/**
 * The ignore list in the workbook, through Office.js: the only module of the pane that reads or
 * writes the very hidden `PerfCheck忽略` sheet (the format and the matching are src/core/ignores.ts).
 * Also the pane's validate run: src/excel's validateAndFlag with this list applied.
 */
import type { Finding } from "../core/finding";
import { type IgnoreEntry, type IgnoreMeta, IGNORE_SHEET, ignoreFinding, ignoreRows, ignoreRule, isIgnoreSheet, parseIgnoreRows, readIgnores, restoreIgnored, type IgnoredFinding } from "../core/ignores";
import type { CellValue } from "../core/snapshot";
import { toCellValue, type Scope } from "../excel/snapshot";
import { type RunOptions, type RunResult, validateAndFlag } from "../excel/validate";

type Ctx = Excel.RequestContext;

/** Read the stored entries: one sync to list sheets, one more only when the list exists. */
export async function loadIgnores(ctx: Ctx): Promise<IgnoreEntry[]> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  await ctx.sync();
  return (await readStored(ctx, sheets.items.map((s) => s.name))) ?? [];
}

/** Entries of an existing list (null when the workbook has none). */
async function readStored(ctx: Ctx, names: readonly string[]): Promise<IgnoreEntry[] | null> {
  if (!names.includes(IGNORE_SHEET)) return null;
  const used = ctx.workbook.worksheets.getItem(IGNORE_SHEET).getUsedRangeOrNullObject(true);
  used.load("address,values");
  await ctx.sync();
  if (used.isNullObject) return [];
  // The list is written from A1; a used range starting elsewhere is not ours to read.
  if (!/!\$?A\$?1(:|$)/.test(used.address)) return [];
  return parseIgnoreRows(used.values as CellValue[][]);
}

/**
 * Replace the stored list. The sheet is created very hidden on first use and deleted when the list
 * becomes empty, so a workbook nobody ignored anything in carries nothing of ours. Values are
 * written into text-formatted cells: a sheet name like 2024 or a reason starting with = stays text.
 */
export async function saveIgnores(ctx: Ctx, entries: readonly IgnoreEntry[], exists: boolean): Promise<void> {
  const sheets = ctx.workbook.worksheets;
  if (entries.length === 0) {
    if (exists) sheets.getItem(IGNORE_SHEET).delete();
    await ctx.sync();
    return;
  }
  const rows = ignoreRows(entries);
  const ws = exists ? sheets.getItem(IGNORE_SHEET) : sheets.add(IGNORE_SHEET);
  if (exists) ws.getRange("A:H").clear();
  const range = ws.getRangeByIndexes(0, 0, rows.length, rows[0].length);
  range.numberFormat = rows.map((r) => r.map(() => "@"));
  range.values = rows;
  ws.visibility = "VeryHidden" as Excel.SheetVisibility;
  await ctx.sync();
}

/**
 * Change the list with `edit`, reading what is stored and the values `edit` needs in one sync, writing in
 * the next. `edit` also gets when and by whom: Office tells an add-in no user name without sign-in, so
 * "by" is the workbook's last author (document properties), which the reviewer sees as such.
 */
async function editIgnores(ctx: Ctx, cells: { sheet: string; cell: string }[], edit: (entries: IgnoreEntry[], values: CellValue[], meta: IgnoreMeta) => IgnoreEntry[]): Promise<IgnoreEntry[]> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  // DocumentProperties (ExcelApi 1.7): absent on a host that lacks it, then the ignore is recorded without a name.
  const props = (ctx.workbook as { properties?: Excel.DocumentProperties }).properties;
  props?.load("lastAuthor,author");
  const ranges = cells.map((c) => {
    const r = sheets.getItem(c.sheet).getRange(c.cell);
    r.load("values,valueTypes");
    return r;
  });
  await ctx.sync();
  const names = sheets.items.map((s) => s.name);
  const stored = await readStored(ctx, names);
  const values = ranges.map((r) => toCellValue((r.values as unknown[][])[0][0], (r.valueTypes as string[][])[0][0]));
  const by = props ? props.lastAuthor || props.author || "" : "";
  const next = edit(stored ?? [], values, { at: new Date().toISOString(), by });
  await saveIgnores(ctx, next, stored !== null);
  return next;
}

/** Ignore one finding (the fingerprint of its cell's current value is kept with it). */
export function ignoreOne(ctx: Ctx, f: Pick<Finding, "rule" | "sheet" | "cell">, reason?: string): Promise<IgnoreEntry[]> {
  return editIgnores(ctx, [{ sheet: f.sheet, cell: f.cell }], (entries, [value], meta) => ignoreFinding(entries, f, value, reason, meta));
}

/** Ignore a rule for this workbook. */
export function ignoreWholeRule(ctx: Ctx, rule: string, reason?: string): Promise<IgnoreEntry[]> {
  return editIgnores(ctx, [], (entries, _values, meta) => ignoreRule(entries, rule, reason, meta));
}

/** Take an ignore back: the finding shows again at the next validation. */
export function restoreOne(ctx: Ctx, f: Pick<IgnoredFinding, "rule" | "sheet" | "cell" | "scope">): Promise<IgnoreEntry[]> {
  return editIgnores(ctx, [], (entries) => restoreIgnored(entries, f));
}

export type PaneRunOptions = Omit<RunOptions, "loadIgnores" | "resultsOnlyWithTables">;

/**
 * Read → validate with the workbook's ignore list → flag (src/excel's validateAndFlag), so an
 * ignored finding gets no fill or note. On the active sheet one sync more when an ignore list
 * exists (the whole-workbook read already has it). With no table found, no 校验结果 sheet is added:
 * an empty result must not look like a clean one.
 */
export function validateWithIgnores(ctx: Ctx, scope: Scope, options: PaneRunOptions = {}): Promise<RunResult> {
  return validateAndFlag(ctx, scope, {
    ...options,
    resultsOnlyWithTables: true,
    loadIgnores: async (read) =>
      read.snapshot.sheets.some((s) => isIgnoreSheet(s)) ? readIgnores(read.snapshot) : ((await readStored(ctx, read.sheets.map((s) => s.name))) ?? []),
  });
}
