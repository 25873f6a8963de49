/**
 * The task pane opened outside Office (issue 26): not a blank white page but a note, in Chinese and English,
 * that it opens from Excel, with the sideload steps and a link to help.html — the manifest's SupportUrl, a
 * static page that is served and readable. Production build in Debian's Chromium; office.js either fails to
 * load (no network) or loads and answers with no host, as it does in a plain browser.
 */
import type { Page } from "playwright-core";
import { startPaneHarness, type PaneHarness } from "./fakes/paneHarness";

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** What office.js does in a browser outside Office: it loads, and Office.onReady resolves with no host. */
const NO_HOST_OFFICE = `window.Office = { onReady: function (cb) { var i = { host: null, platform: null }; return new Promise(function (r) { setTimeout(function () { if (cb) cb(i); r(i); }, 30); }); }, context: {} };`;

let harness: PaneHarness;
beforeAll(async () => {
  harness = await startPaneHarness();
}, 600_000);
afterAll(async () => {
  await harness?.close();
});

async function openOutside(path: string, officeJs: "unreachable" | "no-host"): Promise<{ page: Page; problems: string[] }> {
  const page = await harness.browser.newPage({ viewport: { width: 800, height: 900 } });
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    if (officeJs === "no-host" && route.request().url().startsWith(OFFICE_JS)) return route.fulfill({ contentType: "text/javascript", body: NO_HOST_OFFICE });
    return route.abort();
  });
  await page.goto(`${harness.base}${path}`);
  return { page, problems };
}

for (const officeJs of ["unreachable", "no-host"] as const) {
  test(`task pane outside Office (office.js ${officeJs}): a bilingual note with the steps, not a blank page`, async () => {
    const { page, problems } = await openOutside("/taskpane.html", officeJs);
    const note = page.locator("#outside-office");
    await note.waitFor({ state: "visible", timeout: 15_000 });
    const text = (await page.locator("body").innerText()).replace(/\s+/g, " ");
    expect(text).toContain("要在 Excel 中打开");
    expect(text).toContain("it opens from Excel");
    expect(text).toContain("上传我的加载项");
    expect(text).toContain("Upload My Add-in");
    // The note is what shows: nothing of the app rendered, nothing left blank.
    expect(await page.locator("#container").innerHTML()).toBe("");
    expect(problems).toEqual([]);
    const box = await note.boundingBox();
    expect(box!.height).toBeGreaterThan(200);
    // Its help link leads to the help page, served.
    await page.getByRole("link", { name: "帮助" }).click();
    await page.waitForURL(/help\.html$/);
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toContain("PerfCheck");
    await page.close();
  });
}

test("help.html: install, sideloading and Microsoft 365 centralized deployment in Chinese and English, no script, no error", async () => {
  const { page, problems } = await openOutside("/help.html", "unreachable");
  const csp: string[] = [];
  page.on("console", (m) => m.type() === "error" && csp.push(m.text()));
  await page.reload();
  const text = (await page.locator("body").innerText()).replace(/\s+/g, " ");
  for (const s of ["Microsoft 365 管理中心", "集成应用", "Integrated apps", "上传我的加载项", "Upload My Add-in", "仅 Windows 版 Excel", "Excel for Windows only", "perfcheck validate"]) expect(text).toContain(s);
  // The stylesheet applies (its own origin under the page's CSP).
  expect(await page.evaluate(() => getComputedStyle(document.querySelector("main")!).maxWidth)).not.toBe("none");
  expect(await page.locator("script").count()).toBe(0);
  expect(problems).toEqual([]);
  expect(csp).toEqual([]);
  await page.close();
});

test("inside Excel (the fake host) the note is never shown, and is gone once the pane renders", async () => {
  const { page, problems } = await harness.open("/taskpane.html");
  await page.getByRole("button", { name: "校验", exact: true }).waitFor();
  expect(await page.locator("#outside-office").count()).toBe(0);
  expect(await page.locator("h1").count()).toBe(1);
  expect(problems).toEqual([]);
  await page.close();
});
