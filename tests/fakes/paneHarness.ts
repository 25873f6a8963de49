/**
 * Serves the production add-in (dist/addin) on 127.0.0.1 and opens its pages in Debian's Chromium with
 * office.js answered by the fake host. Shared by the browser test and the benchmark.
 */
import { execSync } from "child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import { dirname, extname, join } from "path";
import * as esbuild from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";

/** The repository root, found upwards: this file also runs bundled into bench/.out/ by npm run bench. */
export const ROOT = ((): string => {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "tests", "fakes"))) return dir;
    if (dirname(dir) === dir) return join(__dirname, "..", "..");
  }
})();
export const DIST = join(ROOT, "dist/addin");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

function newestSource(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Build dist/addin when it is missing or older than the sources. */
export function ensureAddinBuild(): void {
  const out = join(DIST, "taskpane.js");
  const src = Math.max(...["src/core", "src/excel", "src/taskpane", "src/commands"].map((d) => newestSource(join(ROOT, d))), statSync(join(ROOT, "manifest.xml")).mtimeMs);
  if (existsSync(out) && existsSync(join(DIST, "commands.js")) && existsSync(join(DIST, "notice.js")) && statSync(out).mtimeMs >= src) return;
  // Build output goes to stderr so a caller printing JSON on stdout (npm run bench) stays parseable.
  execSync("npx webpack --mode production", { cwd: ROOT, stdio: ["ignore", 2, 2] });
}

export interface PaneHarness {
  base: string;
  browser: Browser;
  /** Open a page of the add-in; `problems` collects page errors, console errors and external requests. */
  open(path: string, viewport?: { width: number; height: number }): Promise<{ page: Page; problems: string[] }>;
  close(): Promise<void>;
}

export async function startPaneHarness(): Promise<PaneHarness> {
  ensureAddinBuild();
  const bundle = await esbuild.build({ entryPoints: [join(ROOT, "tests", "fakes", "browserHost.ts")], bundle: true, write: false, format: "iife", target: "es2019" });
  const fakeOffice = bundle.outputFiles[0].text;
  const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".xml": "application/xml" };
  const server: Server = createServer((req, res) => {
    const p = join(DIST, decodeURIComponent((req.url ?? "/").split("?")[0]));
    if (!p.startsWith(DIST) || !existsSync(p) || statSync(p).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": types[extname(p)] ?? "application/octet-stream" }).end(readFileSync(p));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  return {
    base,
    browser,
    async open(path, viewport = { width: 380, height: 900 }) {
      const page = await browser.newPage({ viewport });
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console: ${m.text()}`);
      });
      // Only the office.js CDN request is answered (with the fake); anything else external is refused.
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
        if (route.request().url().startsWith(OFFICE_JS)) return route.fulfill({ contentType: "text/javascript", body: fakeOffice });
        problems.push(`external request: ${route.request().url()}`);
        return route.abort();
      });
      await page.goto(`${base}${path}`);
      return { page, problems };
    },
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}
