/** Task pane bundle sizes (gzip) from an existing production build in dist/addin; never builds. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { round } from "./stats";
import { ROOT } from "./root";

export interface PaneResult {
  bundle: string;
  files: string[];
  rawKB: number;
  gzipKB: number;
  targetKB: number;
  withinTarget: boolean;
}

const TARGETS: Record<string, { html: string; match: RegExp; targetKB: number }> = {
  taskpane: { html: "taskpane.html", match: /^taskpane.*\.js$/, targetKB: 400 },
  commands: { html: "commands.html", match: /^commands.*\.js$/, targetKB: 60 },
};

/** The local scripts a page loads (split chunks included); office.js from the CDN is not ours. */
function scriptsOf(dir: string, html: string): string[] | undefined {
  const file = path.join(dir, html);
  if (!existsSync(file)) return undefined;
  // Minified HTML drops the attribute quotes.
  const srcs = [...readFileSync(file, "utf8").matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  return srcs.filter((s) => !/^https?:/.test(s)).map((s) => s.replace(/^\.?\//, "").split("?")[0]);
}

export function addinDist(): string | undefined {
  const dir = path.join(ROOT, "dist", "addin");
  return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith(".js")) ? dir : undefined;
}

export function benchPane(dir: string): PaneResult[] {
  const js = readdirSync(dir).filter((f) => f.endsWith(".js") && statSync(path.join(dir, f)).isFile());
  return Object.entries(TARGETS).map(([bundle, t]) => {
    const files = scriptsOf(dir, t.html) ?? js.filter((f) => t.match.test(f));
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const b = readFileSync(path.join(dir, f));
      raw += b.length;
      gz += gzipSync(b, { level: 9 }).length;
    }
    return { bundle, files, rawKB: round(raw / 1024), gzipKB: round(gz / 1024), targetKB: t.targetKB, withinTarget: files.length > 0 && gz / 1024 <= t.targetKB };
  });
}

export interface PaneRenderResult {
  runs: number;
  /** Median ms from opening the page to the 校验 button being visible (office.js answered by the fake). */
  readyMedianMs: number;
  /** Median first-contentful-paint reported by Chromium. */
  firstContentfulPaintMedianMs: number;
  readyMs: number[];
}

/** First render of the production task pane in headless Chromium, median over runs (first run is warm-up). */
export async function benchPaneRender(runs: number): Promise<PaneRenderResult> {
  const { startPaneHarness } = await import("../tests/fakes/paneHarness");
  const { median } = await import("./stats");
  const h = await startPaneHarness();
  const ready: number[] = [];
  const fcp: number[] = [];
  try {
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const { page } = await h.open("/taskpane.html");
      await page.getByRole("button", { name: "校验", exact: true }).waitFor({ state: "visible" });
      const t = performance.now() - t0;
      const paint = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1);
      await page.close();
      if (i === 0) continue;
      ready.push(t);
      if (paint >= 0) fcp.push(paint);
    }
  } finally {
    await h.close();
  }
  return { runs, readyMedianMs: round(median(ready)), firstContentfulPaintMedianMs: fcp.length ? round(median(fcp)) : -1, readyMs: ready.map((x) => round(x)) };
}
