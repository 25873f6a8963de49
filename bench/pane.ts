/** Task pane bundle sizes (gzip) from an existing production build in dist/addin; never builds. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { round } from "./stats";

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
  const dir = path.join(__dirname, "..", "dist", "addin");
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
