/**
 * Ribbon command runtime: a short-lived page with no UI. Kept small (no React, no Fluent): it only
 * validates the active sheet, writes the flags and the 校验结果 sheet, and signals completion.
 *
 * The function is associated as soon as this script runs, not inside Office.onReady: Office may
 * dispatch the click it loaded the page for right after initialising, and a handler registered
 * later misses it (the "first click does nothing" reports, office-js#5176). Work that needs the
 * host waits for Office.onReady inside the handler.
 */
import { detectCapabilities, officeRequirements } from "../excel/capabilities";
import { SKIP } from "../excel/messages";
import { excelRunner } from "../excel/run";
import { describeHostError } from "../excel/sync";
import { validateWithIgnores } from "../taskpane/ignoreStore";

/** Must equal <FunctionName> in manifest.xml (checked by tests/addin.manifest.test.ts). */
export const VALIDATE_ACTION = "validateActiveSheet";

export async function validateActiveSheet(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await Office.onReady();
    const caps = detectCapabilities(officeRequirements());
    if (!caps.supported) {
      // A function command can show no UI of its own; the manifest keeps such hosts out, this is the backstop.
      const m = SKIP.hostTooOld();
      console.error(`PerfCheck: ${m.zh} / ${m.en}`);
      return;
    }
    const lang = /^zh/i.test(Office.context?.displayLanguage ?? "zh-CN") ? "zh" : "en";
    // With the workbook's ignore list (src/taskpane/ignoreStore.ts, no React): what the clerk set aside in the pane stays aside.
    await excelRunner(caps)((ctx) => validateWithIgnores(ctx, "active", { lang, capabilities: caps }));
  } catch (e) {
    // A function command can show no UI of its own; the error goes to the runtime's console.
    const m = describeHostError(e);
    console.error(`PerfCheck: ${m.zh} / ${m.en}`);
  } finally {
    event.completed();
  }
}

Office.onReady(() => undefined);
Office.actions.associate("validateActiveSheet", validateActiveSheet);
