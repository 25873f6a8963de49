import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./components/App";
import { createOfficeHost } from "./officeHost";

/** Opened outside Office (a browser, a link, the manifest's address): show where the page belongs, not a blank page. */
function showOutsideOffice(): void {
  const note = document.getElementById("outside-office");
  if (note) note.hidden = false;
}

if (typeof Office === "undefined") {
  // office.js did not load (no network to Microsoft's CDN, or a browser that blocks it): certainly not in Excel.
  showOutsideOffice();
} else Office.onReady((info) => {
  // office.js loaded in a plain browser answers with no host.
  if (!info?.host) return showOutsideOffice();
  // In Excel the note has no use: drop it, so the pane has one heading and nothing hidden to trip over.
  document.getElementById("outside-office")?.remove();
  const el = document.getElementById("container");
  if (!el) return;
  const lang = /^zh/i.test(Office.context?.displayLanguage ?? "zh-CN") ? "zh" : "en";
  createRoot(el).render(
    <FluentProvider theme={webLightTheme}>
      <App host={createOfficeHost()} initialLang={lang} />
    </FluentProvider>,
  );
});
