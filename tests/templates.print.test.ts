/**
 * Templates as LibreOffice prints them: written as .xlsx by the CLI's renderer, converted to PDF
 * headless, and checked page by page. Every page break must be one the plan placed between groups
 * (pages = planned breaks + 1: LibreOffice added none inside a group, nor split the width), the
 * paper is A4 in the plan's orientation, and each page's text starts where the plan says.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { workbookFromPlan } from "../src/cli/renderPlan";
import { buildTemplatePlan, TEMPLATE_KINDS, type SheetPlan, type TemplateKind, type TemplateParams } from "../src/core/templates";
import { DEFAULT_ROW_HEIGHT, printLayout } from "../src/core/templates/print";
import { libreConvertAll, tempDir } from "./helpers/templates";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const CASES: [string, TemplateKind, TemplateParams][] = [
  ...TEMPLATE_KINDS.map((k): [string, TemplateKind, TemplateParams] => [`${k}-default`, k, { year: 2026 }]),
  ["project-long", "project", { year: 2026, expenseLines: 20, indicatorRows: 4 }],
  ["department-long", "department", { year: 2026, expenseLines: 30, indicatorRows: 3 }],
  ["self-evaluation-long", "self-evaluation", { year: 2026, indicatorRows: 6 }],
];
const plans = new Map<string, SheetPlan>();
const pdfs = new Map<string, string>();

beforeAll(async () => {
  const files: string[] = [];
  for (const [name, kind, params] of CASES) {
    const plan = buildTemplatePlan(kind, params);
    plans.set(name, plan);
    const f = path.join(tmp.dir, `${name}.xlsx`);
    await workbookFromPlan(plan).xlsx.writeFile(f);
    files.push(f);
  }
  const out = await libreConvertAll(files, tmp.dir, "pdf");
  CASES.forEach(([name], i) => pdfs.set(name, out[i]));
}, 300_000);

const pdfInfo = (f: string) => execFileSync("pdfinfo", [f]).toString();
const pageText = (f: string, page: number) => execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", f, "-"]).toString();

/** The first text of a plan row (its leftmost value), to find which row a page starts with. */
function rowText(plan: SheetPlan, row: number): string | undefined {
  const c = plan.cells.filter((x) => x.row === row && typeof x.value === "string" && x.value.trim()).sort((a, b) => a.col - b.col)[0];
  return c ? String(c.value) : undefined;
}

describe.each(CASES.map(([n]) => n))("%s", (name) => {
  test("breaks only between groups: none inside a merged group that fits on a page", () => {
    const plan = plans.get(name)!;
    const h = (r: number) => plan.rowHeights?.[r] ?? DEFAULT_ROW_HEIGHT;
    const { pageHeight } = printLayout({ columnWidths: plan.columnWidths, lastCol: plan.printArea!.right, rows: plan.printArea!.bottom + 1, rowHeights: plan.rowHeights ?? {}, merges: plan.merges, repeatRows: plan.print.repeatRows });
    const repeat = h(0) + h(1);
    for (const b of plan.print.rowBreaks ?? []) {
      const cut = plan.merges.filter((m) => m.top < b && b <= m.bottom);
      // Only a group taller than a page may be cut (nothing else can print it): between its sub-groups.
      for (const m of cut) {
        let mh = 0;
        for (let r = m.top; r <= m.bottom; r++) mh += h(r);
        expect(mh).toBeGreaterThan(pageHeight - repeat);
      }
    }
  });

  test("LibreOffice prints A4 in the plan's orientation, one page per planned page, no page wider than the paper", () => {
    const plan = plans.get(name)!;
    const info = pdfInfo(pdfs.get(name)!);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.slice(1).map(Number);
    expect(Math.round(Math.min(w, h))).toBe(595);
    expect(Math.round(Math.max(w, h))).toBe(842);
    expect(w < h).toBe(plan.print.orientation === "portrait");
    // Pages = planned breaks + 1: LibreOffice found every page short enough and the width fitting, so it added no break of its own.
    expect(pages).toBe((plan.print.rowBreaks?.length ?? 0) + 1);
  });

  test("each page after the first starts with the row the plan put there (after the repeated title)", () => {
    const plan = plans.get(name)!;
    const pdf = pdfs.get(name)!;
    (plan.print.rowBreaks ?? []).forEach((b, i) => {
      const text = pageText(pdf, i + 2).replace(/\s+/g, "");
      const title = String(plan.cells.find((c) => c.row === 0 && c.value)!.value);
      // The title rows repeat on every page (a group cut because it is taller than a page may print its label first).
      expect(text).toContain(title);
      // The first labelled row at or after the break appears on this page, the row before the break does not start it.
      let r = b;
      while (r <= plan.printArea!.bottom && rowText(plan, r) === undefined) r++;
      if (r <= plan.printArea!.bottom) expect(text).toContain(rowText(plan, r)!.replace(/\s+/g, ""));
    });
  });
});

test("the long templates need breaks, and get them between groups", () => {
  expect(plans.get("department-long")!.print.rowBreaks!.length).toBeGreaterThanOrEqual(3);
  expect(plans.get("project-long")!.print.rowBreaks!.length).toBeGreaterThanOrEqual(1);
});
