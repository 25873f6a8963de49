/** Read → validate (core) → flag: the whole 校验 action in three syncs, whatever the number of tables. */
import type { Profile } from "../core/profile";
import { validateWorkbook, type ValidationResult } from "../core/validate";
import type { Capabilities, Skipped } from "./capabilities";
import { detectCapabilities, officeRequirements } from "./capabilities";
import { type FlagOutcome, type Lang, writeFlags } from "./flags";
import { readSnapshot, type ReadScope, type Scope } from "./snapshot";

export interface RunOptions {
  profile?: Profile;
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
}

export interface RunResult {
  result: ValidationResult;
  activeSheet: string;
  validatedSheets: string[];
  flags?: FlagOutcome;
  skipped: Skipped[];
}

export async function validateAndFlag(context: Excel.RequestContext, scope: Scope | ReadScope, options: RunOptions = {}): Promise<RunResult> {
  const capabilities = options.capabilities ?? detectCapabilities(officeRequirements());
  const readScope: ReadScope = options.sheets && scope !== "workbook" ? { sheets: options.sheets } : scope;
  const read = await readSnapshot(context, readScope, { capabilities, timeoutMs: options.timeoutMs });
  const wanted = options.sheets ? new Set(options.sheets) : undefined;
  const ids = new Map(read.sheets.map((s) => [s.name, s.id]));
  // The reader already left out our own 校验结果 sheet.
  const validatedSheets = read.snapshot.sheets.map((s) => s.name).filter((n) => !wanted || wanted.has(n) || wanted.has(ids.get(n) ?? ""));
  const result = validateWorkbook(read.snapshot, { profile: options.profile, sheets: validatedSheets });
  let flags: FlagOutcome | undefined;
  if (options.flag !== false && validatedSheets.length > 0) {
    flags = await writeFlags(context, result, validatedSheets, { capabilities, timeoutMs: options.timeoutMs, lang: options.lang }, {
      state: read.state,
      stateExisted: read.stateExisted,
      sheets: read.sheets.map((s) => ({ name: s.name, id: s.id })),
    });
  }
  const skipped = [...read.skipped, ...(flags?.skipped ?? [])];
  return { result, activeSheet: read.activeSheet, validatedSheets, flags, skipped };
}
