import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./components/App";
import { createOfficeHost } from "./officeHost";

Office.onReady(() => {
  const el = document.getElementById("container");
  if (!el) return;
  const lang = /^zh/i.test(Office.context?.displayLanguage ?? "zh-CN") ? "zh" : "en";
  createRoot(el).render(
    <FluentProvider theme={webLightTheme}>
      <App host={createOfficeHost()} initialLang={lang} />
    </FluentProvider>,
  );
});
