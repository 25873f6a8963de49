/** Read → validate (core) → flag: the whole 校验 action in three syncs, whatever the number of tables. */
import type { Profile } from "../core/profile";
import { validateWorkbook, type ValidationResult } from "../core/validate";
import type { Capabilities, Skipped } from "./capabilities";
import { detectCapabilities, officeRequirements } from "./capabilities";
import { type FlagOutcome, type Lang, writeFlags } from "./flags";
import { readSnapshot, type Scope } from "./snapshot";

export interface RunOptions {
  profile?: Profile;
  lang?: Lang;
  capabilities?: Capabilities;
  timeoutMs?: number;
  /** Write flags and the 校验结果 sheet (default true). */
  flag?: boolean;
  /** Only these sheets of the snapshot (live mode narrows to the edited sheet). */
  sheets?: readonly string[];
}

export interface RunResult {
  result: ValidationResult;
  activeSheet: string;
  validatedSheets: string[];
  flags?: FlagOutcome;
  skipped: Skipped[];
}

export async function validateAndFlag(context: Excel.RequestContext, scope: Scope, options: RunOptions = {}): Promise<RunResult> {
  const capabilities = options.capabilities ?? detectCapabilities(officeRequirements());
  const read = await readSnapshot(context, scope, { capabilities, timeoutMs: options.timeoutMs });
  const validatedSheets = read.snapshot.sheets.map((s) => s.name).filter((n) => !options.sheets || options.sheets.includes(n));
  const result = validateWorkbook(read.snapshot, { profile: options.profile, sheets: validatedSheets });
  let flags: FlagOutcome | undefined;
  if (options.flag !== false) {
    flags = await writeFlags(context, result, validatedSheets, { capabilities, timeoutMs: options.timeoutMs, lang: options.lang }, {
      state: read.state,
      stateExisted: read.stateExisted,
      sheetNames: read.sheets.map((s) => s.name),
    });
  }
  const skipped = [...read.skipped, ...(flags?.skipped ?? [])];
  return { result, activeSheet: read.activeSheet, validatedSheets, flags, skipped };
}
