/**
 * The clerk's checking loop in the production task pane (Chromium, office.js answered by the fake
 * host): validate → explain → fix a cell → re-validate → ignore another with a reason →
 * next/previous → clear, in Chinese and in English. Screenshots of every state go to docs/pane/.
 * Also: axe-core finds no serious or critical violation, and every control is reachable by Tab with
 * a visible focus.
 */
import { mkdirSync, readFileSync, statSync } from "fs";
import { join } from "path";
import { tmpdir } from "node:os";
import * as esbuild from "esbuild";
import type { BrowserContext, Page } from "playwright-core";
import { ROOT, startPaneHarness, type PaneHarness } from "./fakes/paneHarness";

// The README's screenshots are refreshed only on request (PERFCHECK_SCREENSHOTS=1 npx jest tests/pane.loop.browser.test.ts):
// a plain `npm test` writes them to a temporary folder, so a test run never leaves the work tree changed.
const SHOTS = process.env.PERFCHECK_SCREENSHOTS === "1" ? join(ROOT, "docs", "pane") : join(tmpdir(), "perfcheck-pane-shots");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
let harness: PaneHarness;
let hostJs: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await startPaneHarness();
  const b = await esbuild.build({ entryPoints: [join(ROOT, "tests", "fakes", "paneLoopHost.ts")], bundle: true, write: false, format: "iife", target: "es2019" });
  hostJs = b.outputFiles[0].text;
}, 600_000);

afterAll(async () => {
  await harness?.close();
});

/** A pane page with the loop host; CSP bypassed only so axe-core can be injected. */
async function openPane(lang: "zh" | "en"): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const context = await harness.browser.newContext({ viewport: { width: 360, height: 720 }, bypassCSP: true, locale: lang === "zh" ? "zh-CN" : "en-US" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  const js = lang === "zh" ? hostJs : hostJs.replace(/displayLanguage: "zh-CN"/, 'displayLanguage: "en-US"');
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    if (route.request().url().startsWith(OFFICE_JS)) return route.fulfill({ contentType: "text/javascript", body: js });
    problems.push(`external request: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(`${harness.base}/taskpane.html`);
  return { page, context, problems };
}

/** Screenshot of the pane as the clerk sees it, scrolled to `focus` (a selector) when given. */
const shot = async (page: Page, name: string, focus?: string) => {
  if (focus) await page.locator(focus).first().evaluate((e) => e.scrollIntoView({ block: "start" }));
  else await page.evaluate(() => window.scrollTo(0, 0));
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  // Small enough for the README.
  expect(statSync(path).size).toBeLessThan(150 * 1024);
};

const fake = <T,>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(([f, a]) => (window as unknown as { __fake: Record<string, (...x: unknown[]) => unknown> }).__fake[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;

const keys = (page: Page) => page.getByTestId("problem").evaluateAll((els) => els.map((e) => e.getAttribute("data-key")!));
const position = (page: Page) => page.getByTestId("position").textContent();

const WORDS = {
  zh: { insert: "插入模板", validate: "校验", rerun: "重新校验", reason: "忽略原因（可选）", ignore: "忽略此问题", clear: "清除标记", cleared: /已清除本加载项添加的全部标记/, stale: "工作簿已更改", ignored: "已忽略", fix: "如何修改", next: "下一个", prev: "上一个" },
  en: { insert: "Insert template", validate: "Validate", rerun: "Validate again", reason: "Reason for ignoring (optional)", ignore: "Ignore this problem", clear: "Clear flags", cleared: /Every flag this add-in made has been removed/, stale: "The workbook has changed", ignored: "Ignored", fix: "How to fix", next: "Next", prev: "Previous" },
};

describe.each(["zh", "en"] as const)("checking loop (%s)", (lang) => {
  test("validate → explain → fix → re-validate → ignore with a reason → next/previous → clear", async () => {
    const w = WORDS[lang];
    const { page, context, problems } = await openPane(lang);
    await page.getByRole("button", { name: w.insert, exact: true }).click();
    await page.getByRole("button", { name: w.insert, exact: true }).and(page.locator(":enabled")).waitFor();
    await page.getByRole("button", { name: w.validate, exact: true }).click();
    await page.getByTestId("total-line").waitFor();
    const before = await keys(page);
    expect(before.length).toBeGreaterThan(3);
    await shot(page, `${lang}-1-validated`);

    // Explain: the first required-field problem opens its rule.
    const target = before.find((k) => k.startsWith("header/required-fields@"))!;
    expect(target).toBeDefined();
    await page.locator(`[data-key="${target}"]`).click();
    const explain = page.getByTestId("explain");
    await explain.waitFor();
    await expect(explain.textContent()).resolves.toContain(w.fix);
    expect((await page.getByTestId("explain-fix").textContent())!.length).toBeGreaterThan(4);
    await shot(page, `${lang}-2-explained`, `[data-key="${target}"]`);

    // Fix the cell as the clerk would, in Excel: the results go stale and offer a re-run.
    const [sheet, cell] = target.split("@")[1].split("!");
    await fake(page, "edit", sheet, cell, "示例内容");
    await page.getByTestId("stale").waitFor();
    await expect(page.getByTestId("stale").textContent()).resolves.toContain(w.stale);
    await shot(page, `${lang}-3-stale`);
    await page.getByRole("button", { name: w.rerun }).click();
    await page.getByTestId("stale").waitFor({ state: "detached" });
    const after = await keys(page);
    expect(after).not.toContain(target);
    expect(after.length).toBe(before.length - 1);
    await shot(page, `${lang}-4-revalidated`, '[data-testid="total-line"]');

    // Ignore another problem with a reason: it leaves the list, shows under 已忽略 with the reason, and is kept in the workbook.
    const other = after.find((k) => k.startsWith("funding/") || k.startsWith("indicator/")) ?? after[0];
    await page.locator(`[data-key="${other}"]`).click();
    await page.getByRole("textbox", { name: w.reason }).fill("示例：上级已同意");
    await page.getByRole("button", { name: w.ignore, exact: true }).click();
    await page.getByTestId("ignored-toggle").waitFor();
    expect(await keys(page)).not.toContain(other);
    await page.getByTestId("ignored-toggle").click();
    await expect(page.getByTestId("ignored").first().textContent()).resolves.toContain("示例：上级已同意");
    await expect(page.getByTestId("total-line").textContent()).resolves.toMatch(lang === "zh" ? /已忽略 1$/ : /1 ignored$/);
    expect(await fake<{ visibility: string } | null>(page, "sheetInfo", "PerfCheck忽略")).toMatchObject({ visibility: "VeryHidden" });
    await shot(page, `${lang}-5-ignored`, '[data-testid="ignored-toggle"]');

    // Step through: after an ignore the pane goes on with the next problem, as Excel's error checking
    // does; then the buttons and Alt+↓, wrapping around; the selection in Excel follows.
    const n = (await keys(page)).length;
    const at = async () => Number(/(\d+)/.exec((await position(page))!)![1]);
    const pos = (i: number) => (lang === "zh" ? `第 ${i} / ${n} 个` : `${i} of ${n}`);
    const wrap = (i: number) => ((i - 1 + n) % n) + 1;
    const start = await at();
    await page.getByTestId("next").click();
    await expect(position(page)).resolves.toBe(pos(wrap(start + 1)));
    await page.keyboard.press("Alt+ArrowDown");
    await expect(position(page)).resolves.toBe(pos(wrap(start + 2)));
    const current = (await keys(page))[wrap(start + 2) - 1].split("@")[1];
    await page.waitForFunction((c) => (window as unknown as { __fake: { model: { selection?: { address: string } } } }).__fake.model.selection?.address.replace(/'/g, "").endsWith(c.split("!")[1]), current);
    await page.getByTestId("prev").click();
    await page.getByTestId("prev").click();
    await page.keyboard.press("Alt+ArrowUp");
    await expect(position(page)).resolves.toBe(pos(wrap(start - 1)));
    await shot(page, `${lang}-6-stepping`, '[data-current="true"]');

    // Clear: every flag goes; the ignore list stays (it is the clerk's decision, not a flag).
    await page.getByRole("button", { name: w.clear }).click();
    await page.getByText(w.cleared).waitFor();
    const s = await page.evaluate(() => (window as unknown as { __fake: { summary(): { flags: { cfs: number; notes: number }[] } } }).__fake.summary());
    expect(s.flags.every((f) => f.cfs === 0 && f.notes === 0)).toBe(true);
    await expect(page.getByTestId("total-line").count()).resolves.toBe(0);
    await shot(page, `${lang}-7-cleared`);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});

/** axe-core in the page; only serious and critical violations fail the test. */
async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8") });
  const r = await page.evaluate(async () => (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run({ resultTypes: ["violations"] }));
  return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

test("axe-core: no serious or critical violations, before and after validation with a problem explained, in both languages", async () => {
  const { page, context } = await openPane("zh");
  await page.getByRole("button", { name: "校验", exact: true }).waitFor();
  expect(await axe(page)).toEqual([]);
  await page.getByRole("button", { name: "插入模板", exact: true }).click();
  await page.getByRole("button", { name: "插入模板", exact: true }).and(page.locator(":enabled")).waitFor();
  await page.getByRole("button", { name: "校验", exact: true }).click();
  await page.getByTestId("problem").first().click();
  await page.getByTestId("explain").waitFor();
  await page.getByTestId("table-summary").first().click();
  expect(await axe(page)).toEqual([]);
  await page.getByRole("button", { name: /切换到英文界面/ }).click();
  await page.getByRole("button", { name: "Validate", exact: true }).waitFor();
  expect(await axe(page)).toEqual([]);
  await context.close();
}, 120_000);

test("keyboard: Tab reaches every control, each with a visible focus and an accessible name", async () => {
  const { page, context } = await openPane("zh");
  await page.getByRole("button", { name: "插入模板", exact: true }).click();
  await page.getByRole("button", { name: "插入模板", exact: true }).and(page.locator(":enabled")).waitFor();
  await page.getByRole("button", { name: "校验", exact: true }).click();
  await page.getByTestId("problem").first().click();
  await page.getByTestId("explain").waitFor();
  for (const summary of await page.locator("details summary").all()) await summary.click();
  // Every focusable control, by a stable index.
  const total = await page.evaluate(() => {
    const els = Array.from(document.querySelectorAll<HTMLElement>("button, input, select, summary, [tabindex]:not([tabindex='-1'])")).filter((e) => !(e as HTMLButtonElement).disabled && e.offsetParent !== null);
    els.forEach((e, i) => e.setAttribute("data-kb", String(i)));
    return els.length;
  });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.locator("h1").click();
  const seen = new Map<string, { visible: boolean; name: string }>();
  for (let i = 0; i < total * 2 + 10; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      const after = getComputedStyle(el, "::after");
      const visible = (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== "none" || (after.content !== "none" && after.borderStyle !== "none");
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : "";
      const name = (el.getAttribute("aria-label") || label || el.textContent || el.getAttribute("title") || "").trim();
      const kb = el.getAttribute("data-kb") ?? el.closest("[data-kb]")?.getAttribute("data-kb") ?? `radio:${(el as HTMLInputElement).name}`;
      return { kb, visible, name };
    });
    if (info) seen.set(info.kb, info);
  }
  const missed = await page.evaluate((got) => Array.from(document.querySelectorAll<HTMLElement>("[data-kb]")).filter((e) => !got.includes(e.getAttribute("data-kb")!) && !(e as HTMLInputElement).type?.match(/radio/)).map((e) => e.outerHTML.slice(0, 80)), [...seen.keys()]);
  expect(missed).toEqual([]);
  // Template options, scope, profile, buttons, live switch, navigation, filters, the table and the problems, the explain form.
  expect(seen.size).toBeGreaterThanOrEqual(20);
  for (const [kb, s] of seen) {
    expect([kb, s.visible]).toEqual([kb, true]);
    expect([kb, s.name.length > 0]).toEqual([kb, true]);
  }
  await context.close();
}, 120_000);
