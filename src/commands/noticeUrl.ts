/**
 * The ribbon notice travels to its dialog page in the URL's query string. Shared by the ribbon command
 * (which builds the URL) and notice.ts (which reads it); pure, no Office, no DOM.
 *
 * Why the query string and not Dialog.messageChild: messageChild belongs to DialogApi 1.2, which
 * Microsoft lists from Version 2005 on Microsoft 365 and from Office 2021 on volume-licensed builds,
 * while displayDialogAsync needs only DialogApi 1.1 (Office 2016 on). Passing data as query
 * parameters is the way Microsoft documents for hosts without 1.2 ("Alternative ways of passing
 * messages to a dialog box from its host page"), so one path serves every host the add-in runs on,
 * and the page can render at once instead of waiting for a message. Office appends its own
 * `_host_info` parameter after ours; we read only our named parameters and never that one.
 */
import type { CommandNotice } from "../taskpane/commandNotice";

export type NoticeLang = "zh" | "en";

/** The message notice.html sends its host page when the user closes it with OK / 确定 or Escape. */
export const NOTICE_CLOSE = "perfcheck-notice-close";

/** Whole dialog URL kept under this length (older webviews and servers cap URLs near 2,000 characters). */
export const MAX_NOTICE_URL = 1900;

const INTENTS: readonly CommandNotice["intent"][] = ["success", "warning", "error"];

/** `base` is the absolute URL of notice.html on the add-in's own origin. The body is shortened (with "…") if the URL would be too long. */
export function noticeUrl(base: string, notice: CommandNotice, lang: NoticeLang): string {
  const build = (title: string, body: string) =>
    `${base}?lang=${lang}&intent=${notice.intent}&title=${encodeURIComponent(title)}&body=${encodeURIComponent(body)}`;
  const title = [...notice.title].slice(0, 80).join("");
  let body = [...notice.body];
  let url = build(title, body.join(""));
  while (url.length > MAX_NOTICE_URL && body.length > 0) {
    body = body.slice(0, Math.max(0, body.length - Math.max(1, Math.ceil((url.length - MAX_NOTICE_URL) / 9))));
    url = build(title, `${body.join("")}…`);
  }
  return url;
}

/** What notice.html shows, read from its own query string; anything unexpected falls back to safe defaults. */
export function readNotice(search: string): CommandNotice & { lang: NoticeLang } {
  const p = new URLSearchParams(search);
  const lang: NoticeLang = p.get("lang") === "en" ? "en" : "zh";
  const intent = INTENTS.find((i) => i === p.get("intent")) ?? "warning";
  return { lang, intent, title: p.get("title") ?? "PerfCheck", body: p.get("body") ?? "" };
}
