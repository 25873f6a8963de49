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
  // A bureau's copy for one department (issue 24): the 填报单位 / 印发单位 line repeats with the title.
  ...TEMPLATE_KINDS.map((k): [string, TemplateKind, TemplateParams] => [`${k}-bureau`, k, { year: 2027, region: "无锡市", issuer: "无锡市财政局", unit: { name: "无锡市机关事务管理局（本级）", code: "101001" }, lockGroups: true }]),
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
  test("breaks only between groups: none inside a 二级 group that fits on a page; a 一级 group only between its sub-groups, and no page but the last under half full", () => {
    const plan = plans.get(name)!;
    const h = (r: number) => plan.rowHeights?.[r] ?? DEFAULT_ROW_HEIGHT;
    const { pageHeight } = printLayout({ columnWidths: plan.columnWidths, lastCol: plan.printArea!.right, rows: plan.printArea!.bottom + 1, rowHeights: plan.rowHeights ?? {}, merges: plan.merges, repeatRows: plan.print.repeatRows });
    const rr = plan.print.repeatRows!;
    let repeat = 0;
    for (let r = rr.first; r <= rr.last; r++) repeat += h(r);
    const parent = (m: (typeof plan.merges)[number]) => plan.merges.some((n) => n !== m && n.left > m.right && n.top >= m.top && n.bottom <= m.bottom);
    const starts = [0, ...(plan.print.rowBreaks ?? [])];
    starts.forEach((b, i) => {
      if (i === 0) return;
      const cut = plan.merges.filter((m) => m.top < b && b <= m.bottom);
      // Only a group taller than a page may be cut inside, or a parent (一级) group between its sub-groups.
      for (const m of cut) {
        let mh = 0;
        for (let r = m.top; r <= m.bottom; r++) mh += h(r);
        if (!parent(m)) expect(mh).toBeGreaterThan(pageHeight - repeat);
      }
      // The page that ends here is at least half full (repeated title rows count, as they print).
      let fill = i > 1 ? repeat : 0;
      for (let r = starts[i - 1]; r < b; r++) fill += h(r);
      expect(fill).toBeGreaterThanOrEqual(pageHeight * 0.5);
    });
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

test("default templates print like the official forms: A4 portrait, project ≤ 2 pages, self-evaluation ≤ 2, department ≤ 3 (issue 24)", () => {
  const budget: Record<TemplateKind, number> = { project: 2, "self-evaluation": 2, department: 3, monitoring: 2 };
  for (const k of TEMPLATE_KINDS) {
    const info = pdfInfo(pdfs.get(`${k}-default`)!);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect({ k, portrait: plans.get(`${k}-default`)!.print.orientation }).toEqual({ k, portrait: "portrait" });
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(budget[k]);
  }
});

/** Width of a text at a font size in points: CJK and full-width forms take a full em, others about half. */
function textPoints(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”‘’—…]/.test(ch) ? size : size * 0.55;
  return w;
}

test("no fixed text is cut at the default font: each label fits its (merged) cell in the lines its row height allows", () => {
  for (const [name] of CASES) {
    const plan = plans.get(name)!;
    const h = (r: number) => plan.rowHeights?.[r] ?? DEFAULT_ROW_HEIGHT;
    for (const c of plan.cells) {
      if (typeof c.value !== "string" || !c.value.trim() || c.col > plan.printArea!.right) continue;
      const style = plan.styles[c.style ?? ""] ?? {};
      if (style.locked === false && c.style !== "unitLine") continue; // the clerk's own text
      const m = plan.merges.find((x) => x.top === c.row && x.left === c.col) ?? { top: c.row, left: c.col, bottom: c.row, right: c.col };
      let width = -4 - (style.indent ?? 0) * 7;
      for (let col = m.left; col <= m.right; col++) width += (plan.columnWidths[col] * 7 + 5) * 0.75;
      let height = 0;
      for (let r = m.top; r <= m.bottom; r++) height += h(r);
      const size = style.fontSize ?? 11;
      const need = textPoints(c.value, size);
      // A wrapped label breaks at any CJK character; the lines it needs must fit the row height (1.25 em per line).
      const lines = style.wrap ? Math.ceil(need / width) : 1;
      expect({ name, text: c.value, fits: need <= width * lines && lines * size * 1.25 <= height + 1 }).toEqual({ name, text: c.value, fits: true });
    }
  }
});

test("the long templates need breaks, and get them between groups", () => {
  expect(plans.get("department-long")!.print.rowBreaks!.length).toBeGreaterThanOrEqual(3);
  expect(plans.get("project-long")!.print.rowBreaks!.length).toBeGreaterThanOrEqual(1);
});
