/** Read → validate (core) → flag: the whole 校验 action in three syncs, whatever the number of tables. */
import type { FormCatalogue } from "../core/forms/schema";
import { isIgnoreSheet, type IgnoreEntry, type IgnoredFinding } from "../core/ignores";
import type { Profile } from "../core/profile";
import { validateWorkbook, type ValidationResult } from "../core/validate";
import { SKIP, type Capabilities, type Skipped } from "./capabilities";
import { detectCapabilities, officeRequirements } from "./capabilities";
import { type FlagOutcome, type Lang, writeFlags } from "./flags";
import { readSnapshot, type ReadScope, type Scope, type SnapshotRead } from "./snapshot";

export interface RunOptions {
  profile?: Profile;
  /** A region's form catalogue (default: the built-in forms). */
  forms?: FormCatalogue;
  lang?: Lang;
  capabilities?: Capabilities;
  timeoutMs?: number;
  /** Write flags and the 校验结果 sheet (default true). */
  flag?: boolean;
  /**
   * Only these sheets (names or worksheet ids). They are read themselves, whichever sheet is
   * active: live mode re-validates the sheet that changed, not the one the user is looking at.
   */
  sheets?: readonly string[];
  /**
   * The workbook's ignore list, fetched after the read (the pane's store knows where it lives). It
   * may cost one sync of its own; the flag writer still reuses the read's state and sheet list.
   */
  loadIgnores?: (read: SnapshotRead) => Promise<IgnoreEntry[]>;
  /**
   * Add the 校验结果 sheet only when a table was found (the pane and the ribbon): a sheet without a
   * table must not get a results sheet that looks like a clean bill.
   */
  resultsOnlyWithTables?: boolean;
  /**
   * Time budget for the core's validation, ms (default VALIDATE_BUDGET_MS): a huge or hostile workbook must
   * not freeze Excel. When it runs out the results so far are shown and `skipped` says validation stopped.
   */
  budgetMs?: number;
}

/** The pane's default time budget for one validation (the read and the flag writes are bounded apart). */
export const VALIDATE_BUDGET_MS = 60_000;

export interface RunResult {
  result: ValidationResult;
  activeSheet: string;
  validatedSheets: string[];
  flags?: FlagOutcome;
  skipped: Skipped[];
  /** Findings the workbook's ignore list set aside. */
  ignored: IgnoredFinding[];
}

export async function validateAndFlag(context: Excel.RequestContext, scope: Scope | ReadScope, options: RunOptions = {}): Promise<RunResult> {
  const capabilities = options.capabilities ?? detectCapabilities(officeRequirements());
  const readScope: ReadScope = options.sheets && scope !== "workbook" ? { sheets: options.sheets } : scope;
  const read = await readSnapshot(context, readScope, { capabilities, timeoutMs: options.timeoutMs });
  const ignores = options.loadIgnores ? await options.loadIgnores(read) : undefined;
  const wanted = options.sheets ? new Set(options.sheets) : undefined;
  const ids = new Map(read.sheets.map((s) => [s.name, s.id]));
  // The reader already left out our own 校验结果 sheet (named in our flag state); the ignore list is left
  // out only when it has the whole structure of ours (the core would list it as skipped anyway).
  const validatedSheets = read.snapshot.sheets.filter((s) => !isIgnoreSheet(s) && (!wanted || wanted.has(s.name) || wanted.has(ids.get(s.name) ?? ""))).map((s) => s.name);
  const budgetMs = options.budgetMs ?? VALIDATE_BUDGET_MS;
  const result = validateWorkbook(read.snapshot, { profile: options.profile, forms: options.forms, sheets: validatedSheets, ignores, budgetMs });
  let flags: FlagOutcome | undefined;
  if (options.flag !== false && validatedSheets.length > 0) {
    const resultsSheet = options.resultsOnlyWithTables ? result.tables.length > 0 : undefined;
    flags = await writeFlags(context, result, validatedSheets, { capabilities, timeoutMs: options.timeoutMs, lang: options.lang, resultsSheet }, {
      state: read.state,
      stateExisted: read.stateExisted,
      sheets: read.sheets.map((s) => ({ name: s.name, id: s.id })),
    });
  }
  const skipped = [...read.skipped, ...(flags?.skipped ?? [])];
  if (result.stopped) skipped.unshift(SKIP.validationStopped(Math.round(budgetMs / 1000), result.skippedSheets.filter((x) => x.reasonEn.includes("time limit")).map((x) => x.sheet)));
  return { result, activeSheet: read.activeSheet, validatedSheets, flags, skipped, ignored: result.ignored };
}
