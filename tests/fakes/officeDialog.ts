/**
 * A strict fake of Office's Dialog API (Office.context.ui.displayDialogAsync, DialogApi 1.1) for the ribbon
 * command's host page, used by tests/commands.test.ts and, bundled, by the browser host. It follows
 * Microsoft's pages "Use the Office dialog API in Office Add-ins", "Best practices and rules for the Office
 * dialog API" and "Handle errors and events in the Office dialog box":
 * - only offered when the host supports DialogApi 1.1 (`requirements`); otherwise `ui` has no displayDialogAsync;
 * - the URL must be on the add-in's own origin (protocol, host and port) → 12004; HTTP → 12005 (a test server
 *   on http can allow it with `allowHttp`, real Office never does);
 * - one dialog at a time per host window → 12007; `Dialog.close()` is asynchronous (no callback, no promise),
 *   so the slot frees a moment later and an immediate re-open still gets 12007;
 * - width/height are percentages of the screen (recorded; a test checks them);
 * - the callback is always asynchronous and gets an AsyncResult (status "succeeded" with the Dialog, or
 *   "failed" with error.code);
 * - events: DialogMessageReceived ({message, origin}) when the page calls messageParent, DialogEventReceived
 *   ({error: 12006}) when the user closes it with its X; `close()` from the host page raises neither;
 * - messageChild only with DialogApi 1.2.
 * Every dialog opened is recorded (`dialogs`) with its URL, options and our query parameters, so tests can
 * read what the user was shown and act as the user (`clickOk`, `closeWithX`); `openDialog()` tells whether one
 * is still open (a test checks it at the moment the ribbon event completes).
 */

/** Office.AsyncResultStatus and Office.EventType as office.js defines them (string values). */
export const AsyncResultStatus = { Succeeded: "succeeded", Failed: "failed" } as const;
export const DialogEventType = { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived", DialogParentMessageReceived: "dialogParentMessageReceived" } as const;

export const DIALOG_ERRORS = {
  /** "The domain of the URL passed to displayDialogAsync isn't trusted. The domain must be the same domain as the host page." */
  untrustedDomain: 12004,
  /** "The URL passed to displayDialogAsync uses the HTTP protocol. HTTPS is required." */
  https: 12005,
  /** "The dialog box was closed, usually because the user chose the Close button X." */
  closed: 12006,
  /** "A dialog box is already opened from this host window." */
  alreadyOpen: 12007,
  /** "The user chose to ignore the dialog box" (Office on the web's pop-up prompt). */
  ignored: 12009,
  /** "The user's browser configuration is blocking popups." */
  popupsBlocked: 12011,
} as const;

type Handler = (arg: unknown) => void;

export interface RecordedDialog {
  url: string;
  options: { width?: number; height?: number; displayInIframe?: boolean; promptBeforeOpen?: boolean; asyncContext?: unknown };
  /** Our query parameters (Office's own `_host_info` is not ours to read). */
  params: Record<string, string>;
  state: "open" | "closing" | "closed";
  closedBy?: "host" | "user";
  /** The user presses OK in the page: the page calls messageParent(message). */
  clickOk(message?: string): void;
  /** The user closes the dialog with its X: DialogEventReceived 12006. */
  closeWithX(): void;
  /** Host-page calls of messageChild (DialogApi 1.2). */
  childMessages: string[];
}

export interface FakeDialogOptions {
  requirements: { isSetSupported(name: string, v?: string): boolean };
  /** The add-in's origin, e.g. "https://localhost:3000". */
  origin: string;
  /** The test server serves http; real Office refuses it (12005). */
  allowHttp?: boolean;
  /** Make the next displayDialogAsync fail with this code (e.g. 12009: the user chose Ignore on the web). */
  failNextWith?: number;
}

export function fakeDialogApi(opts: FakeDialogOptions) {
  const dialogs: RecordedDialog[] = [];
  let slotTaken = false;
  let failNext = opts.failNextWith;
  const later = (f: () => void): void => void setTimeout(f, 0);
  const supported = opts.requirements.isSetSupported("DialogApi", "1.1");

  function displayDialogAsync(url: string, a?: unknown, b?: unknown): void {
    const callback = (typeof a === "function" ? a : b) as ((r: unknown) => void) | undefined;
    const options = (typeof a === "object" && a !== null ? a : {}) as RecordedDialog["options"];
    const fail = (code: number, message: string) => later(() => callback?.({ status: AsyncResultStatus.Failed, error: { code, name: String(code), message }, asyncContext: options.asyncContext }));
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return fail(DIALOG_ERRORS.untrustedDomain, "fake: the URL is not absolute");
    }
    if (parsed.protocol === "http:" && !opts.allowHttp) return fail(DIALOG_ERRORS.https, "HTTPS is required");
    if (parsed.origin !== opts.origin) return fail(DIALOG_ERRORS.untrustedDomain, `The domain of the URL is not trusted: ${parsed.origin} (add-in: ${opts.origin})`);
    if (slotTaken) return fail(DIALOG_ERRORS.alreadyOpen, "The operation failed because this add-in already has an active dialog.");
    if (failNext !== undefined) {
      const code = failNext;
      failNext = undefined;
      return fail(code, `fake: refused with ${code}`);
    }
    for (const k of ["width", "height"] as const) {
      const v = options[k];
      if (v !== undefined && !(typeof v === "number" && v > 0 && v <= 100)) throw new Error(`fake: DialogOptions.${k} is a percentage of the screen (0–100), got ${String(v)}`);
    }
    slotTaken = true;
    const handlers = new Map<string, Handler[]>();
    const emit = (type: string, arg: unknown) => later(() => handlers.get(type)?.forEach((h) => h(arg)));
    const params: Record<string, string> = {};
    parsed.searchParams.forEach((v, k) => (params[k] = v));
    const rec: RecordedDialog = {
      url,
      options,
      params,
      state: "open",
      childMessages: [],
      clickOk(message = "ok") {
        if (rec.state !== "open") throw new Error("fake: the dialog is not open");
        emit(DialogEventType.DialogMessageReceived, { message, origin: opts.origin });
      },
      closeWithX() {
        if (rec.state !== "open") throw new Error("fake: the dialog is not open");
        rec.state = "closed";
        rec.closedBy = "user";
        slotTaken = false;
        emit(DialogEventType.DialogEventReceived, { error: DIALOG_ERRORS.closed });
      },
    };
    dialogs.push(rec);
    const dialog = {
      addEventHandler(type: string, handler: Handler) {
        if (type !== DialogEventType.DialogMessageReceived && type !== DialogEventType.DialogEventReceived) throw new Error(`fake: Dialog.addEventHandler takes DialogMessageReceived or DialogEventReceived, got ${type}`);
        handlers.set(type, [...(handlers.get(type) ?? []), handler]);
      },
      /** Asynchronous: no callback, no promise; the slot frees on a later tick. */
      close() {
        if (rec.state !== "open") return;
        rec.state = "closing";
        rec.closedBy = "host";
        later(() => {
          rec.state = "closed";
          slotTaken = false;
        });
      },
      ...(opts.requirements.isSetSupported("DialogApi", "1.2") ? { messageChild: (m: string) => void rec.childMessages.push(m) } : {}),
    };
    later(() => callback?.({ status: AsyncResultStatus.Succeeded, value: dialog, asyncContext: options.asyncContext }));
  }

  return {
    /** What goes into Office.context.ui of the host page. */
    ui: supported ? { displayDialogAsync } : {},
    dialogs,
    /** The dialog still open (or closing), if any. */
    openDialog: () => dialogs.find((d) => d.state !== "closed"),
    failNextWith(code: number) {
      failNext = code;
    },
  };
}

export type FakeDialogApi = ReturnType<typeof fakeDialogApi>;
