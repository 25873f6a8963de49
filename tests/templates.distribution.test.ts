/**
 * Issue 24: a bureau's distributed template, filled in, saved through LibreOffice and validated with the
 * same profile. The clean copy names its version and has no template finding; a total overwritten by a
 * number, a row deleted, a column inserted and a copy of last year's version each get their finding on
 * the right cell.
 *
 * Filling and editing happen on the plan (the template's own cells, moved as Excel moves them when a row
 * is deleted or a column inserted), which is then written by the CLI's renderer with the identity of the
 * template it came from, and saved by LibreOffice — the second engine whose save must keep the identity.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../src/cli/atomicWrite";
import { withCustomProperties } from "../src/cli/customProperties";
import { renderPlan, workbookFromPlan } from "../src/cli/renderPlan";
import { readXlsx } from "../src/cli/xlsx";
import type { Profile } from "../src/core/profile";
import { profileFromJson } from "../src/core/profileCheck";
import { a1, parseA1 } from "../src/core/snapshot";
import type { SheetPlan, TemplateKind } from "../src/core/templates";
import { buildDistributedTemplate, type DistributedTemplate } from "../src/core/templates/distributed";
import { identityProperties, readIdentities } from "../src/core/templates/identity";
import { validateWorkbook, type ValidationResult } from "../src/core/validate";
import { libreConvertAll, tempDir } from "./helpers/templates";

const tmp = tempDir("perfcheck-dist-");
mkdirSync(path.join(tmp.dir, "in"));
afterAll(() => tmp.cleanup());

function profileJson(id: string, version: string, year: number): string {
  return JSON.stringify({
    extends: "national",
    id,
    name: { zh: `无锡市财政局${year}年度模板`, en: `Wuxi finance bureau templates ${year}` },
    distribution: {
      issuer: "无锡市财政局",
      region: "无锡市",
      year,
      version,
      requiredRows: [{ kinds: ["project"], level1: "满意度指标", level2: "服务对象满意度", level3: "服务对象满意度", target: "≥90%" }],
    },
  });
}
const CURRENT = profileFromJson(profileJson("wuxi-2027", "2027.1", 2027), "wuxi-2027.json");
const PREVIOUS = profileFromJson(profileJson("wuxi-2026", "2026.1", 2026), "wuxi-2026.json");

/** Type into the template's input cells, as a clerk does: names, amounts, targets. */
function fill(plan: SheetPlan): SheetPlan {
  const cells = plan.cells.map((c) => ({ ...c }));
  const at = (key: string) => plan.anchors![key];
  const set = (key: string, value: string | number) => {
    const p = at(key);
    if (!p) throw new Error(`no anchor ${key}`);
    const c = cells.find((x) => x.row === p.row && x.col === p.col)!;
    c.value = value;
  };
  const keys = Object.keys(plan.anchors!);
  if (plan.template?.kind === "project") {
    set("field.name", "数据工作推进");
    set("field.department", "无锡市数据局");
    set("funding.source.一般公共预算资金", 40);
    set("funding.source.上年结转资金", 9.5);
    ["expense.name#0", "expense.name#1"].forEach((k, i) => set(k, ["软件维护", "数据治理"][i]));
    set("expense.half#0", 10);
    set("expense.full#0", 20);
    set("expense.half#1", 14.75);
    set("expense.full#1", 29.5);
  }
  if (plan.template?.kind === "self-evaluation") {
    set("field.name", "数据工作推进");
    set("fund.part0.initial", 40);
    set("fund.part0.budget", 40);
    set("fund.part0.executed", 36);
  }
  if (plan.template?.kind === "department") set("field.unit", "无锡市数据局");
  expect(keys.length).toBeGreaterThan(5);
  return { ...plan, cells };
}

/** A cell reference moved for a row deleted at `gone` (Excel's rule); a single reference to it is #REF!. */
function shiftRef(ref: string, gone: number, end?: "top" | "bottom"): string {
  const p = parseA1(ref)!;
  if (p.row === gone && !end) return "#REF!";
  if (p.row > gone || (p.row === gone && end === "bottom")) return a1(p.row - 1, p.col);
  return a1(p.row, p.col);
}

/** Delete a row of the plan as Excel deletes a sheet row: cells, merges, heights, formulas moved. */
function deleteRow(plan: SheetPlan, gone: number): SheetPlan {
  const formula = (f: string) =>
    f.replace(/\b([A-Z]{1,3}\d+)(?::([A-Z]{1,3}\d+))?\b/g, (_all, x: string, y?: string) => (y ? `${shiftRef(x, gone, "top")}:${shiftRef(y, gone, "bottom")}` : shiftRef(x, gone)));
  const cells = plan.cells.filter((c) => c.row !== gone).map((c) => ({ ...c, row: c.row > gone ? c.row - 1 : c.row, formula: c.formula && formula(c.formula) }));
  const merges = plan.merges
    .filter((m) => !(m.top === gone && m.bottom === gone))
    .map((m) => ({ ...m, top: m.top > gone ? m.top - 1 : m.top, bottom: m.bottom >= gone ? m.bottom - 1 : m.bottom }));
  const rowHeights: Record<number, number> = {};
  for (const [r, h] of Object.entries(plan.rowHeights ?? {})) if (Number(r) !== gone) rowHeights[Number(r) > gone ? Number(r) - 1 : Number(r)] = h;
  const validations = plan.validations.filter((v) => v.range.top !== gone).map((v) => ({ ...v, range: { ...v.range, top: v.range.top > gone ? v.range.top - 1 : v.range.top, bottom: v.range.bottom > gone ? v.range.bottom - 1 : v.range.bottom } }));
  return { ...plan, cells, merges, rowHeights, validations, print: { ...plan.print, rowBreaks: [] }, printArea: { ...plan.printArea!, bottom: plan.printArea!.bottom - 1 } };
}

/** Insert an empty column before `at` (0-based), as Excel does: cells right of it and references move. */
function insertColumn(plan: SheetPlan, at: number): SheetPlan {
  const col = (ref: string) => {
    const p = parseA1(ref)!;
    return a1(p.row, p.col >= at ? p.col + 1 : p.col);
  };
  const formula = (f: string) => f.replace(/\b([A-Z]{1,3}\d+)\b/g, (x) => col(x));
  const cells = plan.cells.map((c) => ({ ...c, col: c.col >= at ? c.col + 1 : c.col, formula: c.formula && formula(c.formula) }));
  const merges = plan.merges.map((m) => ({ ...m, left: m.left >= at ? m.left + 1 : m.left, right: m.right >= at ? m.right + 1 : m.right }));
  const validations = plan.validations.map((v) => ({ ...v, range: { ...v.range, left: v.range.left >= at ? v.range.left + 1 : v.range.left, right: v.range.right >= at ? v.range.right + 1 : v.range.right } }));
  const columnWidths = [...plan.columnWidths.slice(0, at), 12, ...plan.columnWidths.slice(at)];
  return { ...plan, cells, merges, validations, columnWidths, printArea: { ...plan.printArea!, right: plan.printArea!.right + 1 } };
}

/** Write a plan with the identity of the template it was made from. */
async function write(name: string, plan: SheetPlan, t: DistributedTemplate): Promise<string> {
  const wb = workbookFromPlan(plan);
  const bytes = withCustomProperties(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), t.properties);
  const f = path.join(tmp.dir, "in", `${name}.xlsx`);
  await writeFileAtomic(f, Buffer.from(bytes));
  return f;
}

const rowOfText = (plan: SheetPlan, text: string) => plan.cells.find((c) => c.value === text)!.row;

type Case = { name: string; profile: Profile; kind: TemplateKind; edit?: (p: SheetPlan) => SheetPlan };
const project = buildDistributedTemplate(CURRENT, "project");
const sourceRow = rowOfText(project.plan, "社保基金");
const totalCell = project.plan.anchors!["funding.total"];
const indHeaderRow = rowOfText(project.plan, "一级指标");
const CASES: Case[] = [
  { name: "project-clean", profile: CURRENT, kind: "project" },
  { name: "self-evaluation-clean", profile: CURRENT, kind: "self-evaluation" },
  { name: "department-clean", profile: CURRENT, kind: "department" },
  {
    name: "project-total-typed",
    profile: CURRENT,
    kind: "project",
    edit: (p) => ({ ...p, cells: p.cells.map((c) => (c.row === totalCell.row && c.col === totalCell.col ? { row: c.row, col: c.col, style: c.style, value: 49.5 } : c)) }),
  },
  { name: "project-row-deleted", profile: CURRENT, kind: "project", edit: (p) => deleteRow(p, sourceRow) },
  { name: "project-column-inserted", profile: CURRENT, kind: "project", edit: (p) => insertColumn(p, 3) },
  { name: "project-previous-version", profile: PREVIOUS, kind: "project" },
];

const results = new Map<string, ValidationResult>();
const saved = new Map<string, string>();

beforeAll(async () => {
  const files: string[] = [];
  for (const c of CASES) {
    const t = buildDistributedTemplate(c.profile, c.kind, { unit: { name: "无锡市数据局", code: "306001" } });
    const plan = (c.edit ?? ((p) => p))(fill(t.plan));
    files.push(await write(c.name, plan, t));
  }
  const out = await libreConvertAll(files, tmp.dir, "xlsx");
  CASES.forEach((c, i) => {
    saved.set(c.name, out[i]);
    // Validated with the current profile, as the bureau checks every returned table.
    results.set(c.name, validateWorkbook(readXlsx(new Uint8Array(readFileSync(out[i]))).snapshot, { profile: CURRENT }));
  });
}, 300_000);

const templateFindings = (name: string) => results.get(name)!.findings.filter((f) => f.rule.startsWith("template/"));

test("LibreOffice keeps the identity (custom document property) on save", () => {
  for (const c of CASES) {
    const props = readXlsx(new Uint8Array(readFileSync(saved.get(c.name)!))).snapshot.properties;
    const { identities } = readIdentities(props);
    expect(identities).toHaveLength(1);
    expect(identities[0]).toMatchObject({ kind: c.kind, profile: c.profile.id, version: c.profile.distribution!.version });
  }
});

test("a clean copy saved through LibreOffice names its version and has no template finding", () => {
  for (const name of ["project-clean", "self-evaluation-clean", "department-clean"]) {
    const r = results.get(name)!;
    expect(r.tables).toHaveLength(1);
    expect(r.tables[0].template).toEqual(expect.objectContaining({ profile: "wuxi-2027", version: "2027.1", name: "无锡市财政局2027年度模板" }));
    expect({ name, findings: templateFindings(name).map((f) => `${f.rule} ${f.cell} ${f.message}`) }).toEqual({ name, findings: [] });
  }
});

test("a total overwritten by a number: template/formula-overwritten on that cell, naming the formula", () => {
  const f = templateFindings("project-total-typed");
  expect(f.map((x) => [x.rule, x.cell])).toEqual([["template/formula-overwritten", a1(totalCell.row, totalCell.col)]]);
  expect(f[0].message).toMatch(/^此处应为模板公式 =SUM\(E\d+:E\d+\)，现为键入的值 49\.5$/);
});

test("a required row deleted: template/structure on the row that took its place; the moved SUM is not reported", () => {
  const f = templateFindings("project-row-deleted");
  expect(f.map((x) => [x.rule, x.cell, x.message])).toEqual([["template/structure", a1(sourceRow, 2), "模板中的“社保基金”行被删除"]]);
});

test("a column inserted inside the table: template/inserted-column on the indicator header, nothing else", () => {
  const f = templateFindings("project-column-inserted");
  expect(f.map((x) => [x.rule, x.cell])).toEqual([["template/inserted-column", a1(indHeaderRow, 3)]]);
});

test("a copy of last year's version: template/version on the title, naming both versions", () => {
  const f = templateFindings("project-previous-version");
  expect(f.map((x) => [x.rule, x.cell, x.severity])).toEqual([["template/version", "A1", "error"]]);
  expect(f[0].message).toBe("此表由「无锡市财政局2026年度模板」2026.1 版模板填写，当前为「无锡市财政局2027年度模板」2027.1 版");
});

test("a workbook without identity: information only, and the table is still read by its content", () => {
  const t = buildDistributedTemplate(CURRENT, "project");
  const f = path.join(tmp.dir, "no-id.xlsx");
  return workbookFromPlan(fill(t.plan))
    .xlsx.writeBuffer()
    .then((b) => {
      writeFileSync(f, Buffer.from(b as ArrayBuffer));
      const r = validateWorkbook(readXlsx(new Uint8Array(readFileSync(f))).snapshot, { profile: CURRENT });
      expect(r.tables).toHaveLength(1);
      expect(r.findings.filter((x) => x.rule.startsWith("template/")).map((x) => [x.rule, x.severity, x.cell])).toEqual([["template/no-identity", "info", "A1"]]);
      // Without a distribution section in the profile, nothing is said about templates at all.
      const plain = validateWorkbook(readXlsx(new Uint8Array(readFileSync(f))).snapshot, {});
      expect(plain.findings.filter((x) => x.rule.startsWith("template/"))).toEqual([]);
    });
});

test("an identity whose structure hash is not the current profile's: template/structure-hash, structure not compared", () => {
  const t = buildDistributedTemplate(CURRENT, "project");
  const id = { ...t.identity, hash: "0123456789abcdef" };
  const wb = workbookFromPlan(fill(t.plan));
  return wb.xlsx.writeBuffer().then((b) => {
    const bytes = withCustomProperties(new Uint8Array(b as ArrayBuffer), identityProperties([id]));
    const r = validateWorkbook(readXlsx(bytes).snapshot, { profile: CURRENT });
    expect(r.findings.filter((x) => x.rule.startsWith("template/")).map((x) => x.rule)).toEqual(["template/structure-hash"]);
  });
});

test("two template sheets in one workbook: each table finds its own identity", async () => {
  const p = buildDistributedTemplate(CURRENT, "project");
  const s = buildDistributedTemplate(CURRENT, "self-evaluation");
  const wb = workbookFromPlan(fill(p.plan));
  renderPlan(wb, fill(s.plan));
  const bytes = withCustomProperties(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), identityProperties([p.identity, s.identity]));
  const r = validateWorkbook(readXlsx(bytes).snapshot, { profile: CURRENT });
  expect(r.tables.map((t) => [t.kind, t.template?.version])).toEqual([
    ["project-target", "2027.1"],
    ["self-evaluation", "2027.1"],
  ]);
  expect(r.findings.filter((x) => x.rule.startsWith("template/"))).toEqual([]);
});
