/**
 * The ribbon command's notice page (notice.html), shown in an Office dialog by commands.ts. Tiny on
 * purpose: no React, no Fluent, no core code. It shows the notice from its query string (noticeUrl.ts)
 * in the user's language, as text only (textContent, never innerHTML: the body can carry cell text
 * or an Excel error message), and its OK / 确定 button — focused, so Enter, Space or Escape close it —
 * tells the host page with Office.context.ui.messageParent, one of the two Office APIs a dialog may
 * call. The host page then closes the dialog and completes the ribbon event.
 */
import { NOTICE_CLOSE, readNotice } from "./noticeUrl";

function render(): void {
  const n = readNotice(location.search);
  document.documentElement.lang = n.lang === "zh" ? "zh-CN" : "en";
  document.title = `PerfCheck – ${n.title}`;
  const main = document.getElementById("notice");
  const title = document.getElementById("title");
  const body = document.getElementById("body");
  const ok = document.getElementById("ok") as HTMLButtonElement | null;
  if (!main || !title || !body || !ok) return;
  main.dataset.intent = n.intent;
  title.textContent = n.title;
  body.textContent = n.body;
  ok.textContent = n.lang === "zh" ? "确定" : "OK";
  let sent = false;
  const close = () => {
    if (sent) return;
    try {
      Office.context.ui.messageParent(NOTICE_CLOSE);
      sent = true;
    } catch {
      // office.js not initialised yet (a very fast click): the user can press again, or close the dialog with its X.
    }
  };
  ok.addEventListener("click", close);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") close();
  });
  ok.focus();
}

render();
// messageParent needs office.js initialised (Microsoft: "the dialog box must first initialize the Office JavaScript API").
Office.onReady(() => undefined);
