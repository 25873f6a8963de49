/*
 * PerfCheck：旧版 Office 网页视图（Internet Explorer 11 “Trident”、旧版 Edge “EdgeHTML”）无法运行加载项，
 * 在这里给出说明，而不是留下一个空白窗格。
 * Old Office webviews (Internet Explorer 11 "Trident", Edge Legacy "EdgeHTML") cannot parse the
 * add-in's bundles; say so instead of leaving a blank pane. The manifest already keeps Excel 2016
 * and 2019 out (ExcelApi 1.9); this covers Microsoft 365 on old Windows, which may still use them.
 * Plain ES5 on purpose, served from our own origin (the CSP allows no inline script). The texts
 * equal SKIP.hostTooOld() in src/excel/messages.ts (a test compares them).
 */
(function () {
  var ua = navigator.userAgent || "";
  if (ua.indexOf("Trident/") === -1 && !/\bEdge\/\d/.test(ua)) return;
  window.__perfcheckUnsupported = true;
  var zh = "这个版本的 Excel 太旧，PerfCheck 加载项无法在其中运行。请使用 Microsoft 365 版或 2021 及以后版本的 Excel，或网页版 Excel；也可以用命令行工具 perfcheck 检查文件。";
  var en = "This version of Excel is too old to run the PerfCheck add-in. Use Microsoft 365, Excel 2021 or later, or Excel on the web — or check the files with the perfcheck command-line tool.";
  function show() {
    var host = document.getElementById("container") || document.body;
    if (!host) return;
    while (host.firstChild) host.removeChild(host.firstChild);
    var texts = [zh, en];
    for (var i = 0; i < texts.length; i++) {
      var p = document.createElement("p");
      p.style.margin = "16px";
      p.style.fontFamily = "Microsoft YaHei, Segoe UI, sans-serif";
      p.textContent = texts[i];
      host.appendChild(p);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
