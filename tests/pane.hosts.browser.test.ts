/**
 * The production task pane in Chromium on every host profile of the strict fake (`?host=` picks it in
 * tests/fakes/browserHost.ts): insert a template, validate, the remark each host can carry, jump to a
 * problem, live mode (off with a plain-words reason where Excel cannot report changes), clear. What a
 * profile lacks is said without requirement-set jargon.
 */
import type { Page } from "playwright-core";
import { HOSTS } from "./fakes/excel";
import { startPaneHarness, type PaneHarness } from "./fakes/paneHarness";

let harness: PaneHarness;

beforeAll(async () => {
  harness = await startPaneHarness();
}, 600_000);

afterAll(async () => {
  await harness?.close();
});

interface Marks {
  active: string;
  cfs: number;
  notes: number;
  comments: number;
  selection?: string;
  sheets: string[];
}

/** Our marks on the active sheet, whichever remark the host uses. */
const marks = (page: Page) =>
  page.evaluate(() => {
    type Sheet = { id: string; name: string; cfs: { formula?: string }[]; notes: Map<string, string>; comments: { content: string }[] };
    const m = (window as unknown as { __fake: { model: { activeId: string; sheets: Sheet[]; selection?: { address: string } } } }).__fake.model;
    const s = m.sheets.find((x) => x.id === m.activeId)!;
    return {
      active: s.name,
      cfs: s.cfs.filter((c) => c.formula?.includes("PerfCheck:")).length,
      notes: [...s.notes.values()].filter((n) => n.includes("【PerfCheck】")).length,
      comments: s.comments.filter((c) => c.content.includes("【PerfCheck】")).length,
      selection: m.selection?.address,
      sheets: m.sheets.map((x) => x.name),
    } satisfies Marks;
  });

describe.each(HOSTS.map((h) => [h.label, h] as const))("%s", (_label, host) => {
  test("insert → validate → remarks the host can carry → jump → live mode → clear, with no jargon", async () => {
    const { page, problems } = await harness.open(`/taskpane.html?host=${host.id}`);
    await page.getByRole("button", { name: "插入模板" }).click();
    await page.getByText(/已插入模板/).waitFor();

    await page.getByRole("button", { name: "校验", exact: true }).click();
    await page.getByTestId("problem").first().waitFor();
    let m = await marks(page);
    expect(m.cfs).toBeGreaterThan(0);
    // Notes from 1.18, threaded comments from 1.10, colour only before.
    const kind = host.api >= 18 ? "notes" : host.api >= 10 ? "comments" : "none";
    expect([m.notes > 0, m.comments > 0]).toEqual([kind === "notes", kind === "comments"]);
    expect(m.sheets).toContain("校验结果");

    const first = page.getByTestId("problem").first();
    const cell = (await first.locator("span").first().textContent())!.trim();
    await first.click();
    await page.waitForFunction((c) => (window as unknown as { __fake: { model: { selection?: { address: string } } } }).__fake.model.selection?.address.endsWith(`!${c}`), cell);

    const live = page.getByRole("switch", { name: /实时校验/ });
    await live.click();
    if (host.api < 9) {
      await page.getByText(/实时校验无法开启/).waitFor();
      await expect(live.isChecked()).resolves.toBe(false);
    } else {
      await page.waitForFunction(() => (document.querySelector('[role="switch"]') as HTMLInputElement | null)?.checked === true);
      await live.click();
      await page.waitForFunction(() => (document.querySelector('[role="switch"]') as HTMLInputElement | null)?.checked === false);
    }
    // Whatever the host lacks is said in the clerk's words.
    const text = await page.locator("body").innerText();
    expect(text).not.toMatch(/ExcelApi|requirement set|需\s*ExcelApi/);

    await page.getByRole("button", { name: "清除标记" }).click();
    await page.getByText(/已清除本加载项添加的全部标记/).waitFor();
    m = await marks(page);
    expect([m.cfs, m.notes, m.comments]).toEqual([0, 0, 0]);
    expect(m.sheets).not.toContain("校验结果");
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
