/**
 * Ribbon command runtime: a short-lived page with no UI. Kept small (no React, no Fluent): it only
 * validates the active sheet, writes the flags and the 校验结果 sheet, and signals completion.
 */
import { describeHostError } from "../excel/sync";
import { validateAndFlag } from "../excel/validate";

/** Must equal <FunctionName> in manifest.xml (checked by tests/addin.manifest.test.ts). */
export const VALIDATE_ACTION = "validateActiveSheet";

export async function validateActiveSheet(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const lang = /^zh/i.test(Office.context?.displayLanguage ?? "zh-CN") ? "zh" : "en";
    await Excel.run((ctx) => validateAndFlag(ctx, "active", { lang }));
  } catch (e) {
    // A function command can show no UI of its own; the error goes to the runtime's console.
    const m = describeHostError(e);
    console.error(`PerfCheck: ${m.zh} / ${m.en}`);
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate("validateActiveSheet", validateActiveSheet);
});
