/**
 * Ribbon command runtime: a short-lived page with no UI of its own. Kept small (no React, no Fluent): it
 * validates the active sheet, writes the flags and the 校验结果 sheet, tells the user the outcome in a
 * small Office dialog (notice.html), and signals completion.
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
import { type CommandNotice, commandErrorNotice, commandResultNotice } from "../taskpane/commandNotice";
import { validateWithIgnores } from "../taskpane/ignoreStore";
import { type NoticeLang, noticeUrl } from "./noticeUrl";

/** Must equal <FunctionName> in manifest.xml (checked by tests/addin.manifest.test.ts). */
export const VALIDATE_ACTION = "validateActiveSheet";

/**
 * Size of the notice dialog, in percent of the screen (Office's DialogOptions; Office enforces at least
 * 250 px high and 150 px wide). displayInIframe: on Excel on the web the dialog is an overlay instead of a
 * pop-up window (faster, no pop-up blocker); other platforms ignore it. The page never leaves our origin.
 */
export const NOTICE_DIALOG: Office.DialogOptions = { width: 32, height: 32, displayInIframe: true };

/** Skips that change what the notice must say about the active sheet (src/excel/messages.ts SKIP). */
const NOTICE_SKIPS = ["protectedSheet", "resultsSheetItself"];

export async function validateActiveSheet(event: Office.AddinCommands.Event): Promise<void> {
  try {
    let lang: NoticeLang = "zh";
    let notice: CommandNotice;
    let logged = false;
    try {
      await Office.onReady();
      lang = /^zh/i.test(Office.context?.displayLanguage ?? "zh-CN") ? "zh" : "en";
      const caps = detectCapabilities(officeRequirements());
      if (!caps.supported) {
        // The manifest keeps such hosts out; this is the backstop. Failures always go to the console too (dialog or
        // not): it is the text whoever supports the user asks for.
        const m = SKIP.hostTooOld();
        console.error(`PerfCheck: ${m.zh} / ${m.en}`);
        logged = true;
        notice = commandErrorNotice(m, lang);
      } else {
        // With the workbook's ignore list (src/taskpane/ignoreStore.ts, no React): what the clerk set aside in the pane stays aside.
        const run = await excelRunner(caps)((ctx) => validateWithIgnores(ctx, "active", { lang, capabilities: caps }));
        const remarks = caps.notes ? "notes" : caps.comments ? "comments" : "none";
        notice = commandResultNotice({ tables: run.result.tables, findings: run.result.findings, ignored: run.ignored, resultsSheet: run.flags?.resultsSheet }, lang, remarks);
        // A protected sheet was not flagged, or the active sheet is our own 校验结果: say that instead of "cells are coloured".
        const skip = run.skipped.find((k) => NOTICE_SKIPS.includes(k.feature));
        if (skip) notice = { ...notice, intent: notice.intent === "success" ? "warning" : notice.intent, body: skip[lang] };
      }
    } catch (e) {
      const m = describeHostError(e);
      console.error(`PerfCheck: ${m.zh} / ${m.en}`);
      logged = true;
      notice = commandErrorNotice(m, lang);
    }
    await showNotice(notice, lang, logged);
  } finally {
    // Only now, once: event.completed() tells Office the command is done and its runtime may be closed — and
    // this runtime is the notice dialog's host page, so completing while the notice is open could take it away.
    event.completed();
  }
}

/**
 * Shows the notice in an Office dialog (DialogApi 1.1) and resolves when it is closed, or at once when it
 * cannot be shown (no DialogApi, or Office refused: 12007 a dialog already open, 12009 the user chose
 * Ignore on Excel on the web, 12011 the browser blocks pop-ups, 12004/12005 origin or protocol). Then the
 * notice goes to the console, as before (`logged`: the failure is in the console already). Never rejects.
 * Following Microsoft's "Use the Office dialog API" and "Handle errors and events in the Office dialog box".
 */
export function showNotice(notice: CommandNotice, lang: NoticeLang, logged = false): Promise<void> {
  return new Promise<void>((resolve) => {
    let settled = false;
    const done = () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    };
    const fallback = (why?: string) => {
      logNotice(notice, logged, why);
      done();
    };
    try {
      const ui = Office.context?.ui;
      if (!Office.context?.requirements?.isSetSupported("DialogApi", "1.1") || typeof ui?.displayDialogAsync !== "function") return fallback();
      // Same origin as this page (protocol, host and port): Office refuses anything else (12004).
      const url = noticeUrl(new URL("notice.html", location.href).href, notice, lang);
      ui.displayDialogAsync(url, NOTICE_DIALOG, (result) => {
        if (result.status === Office.AsyncResultStatus.Failed) return fallback(`dialog ${result.error?.code ?? "?"}`);
        const dialog = result.value;
        // OK / 确定 in the notice: close it from here (the page sends a message, as Microsoft's examples do).
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
          dialog.close();
          done();
        });
        // Closed with its X (12006), or the page could not be loaded (12002, 12003): nothing left to wait for.
        dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
          const code = (arg as { error?: number }).error;
          if (code !== 12006) logNotice(notice, logged, `dialog ${code ?? "?"}`);
          done();
        });
      });
    } catch (e) {
      fallback(`dialog ${(e as Error)?.message ?? e}`);
    }
  });
}

/**
 * The console fallback. Results (findings included) are information; a failure validateActiveSheet already
 * wrote to the console is not repeated, only why the dialog did not show it.
 */
function logNotice(n: CommandNotice, logged: boolean, why?: string): void {
  const tail = why ? ` (${why})` : "";
  if (!logged) console.info(`PerfCheck: ${n.title} — ${n.body}${tail}`);
  else if (why) console.warn(`PerfCheck: ${n.title}${tail}`);
}

Office.onReady(() => undefined);
Office.actions.associate("validateActiveSheet", validateActiveSheet);
