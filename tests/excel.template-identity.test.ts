/**
 * The add-in reads a distributed template's identity (issue 24) from Workbook.properties.custom in the
 * same sync as the sheets, into WorkbookSnapshot.properties, where the core's template rules find it.
 */
import { readSnapshot } from "../src/excel/snapshot";
import { buildDistributedTemplate } from "../src/core/templates/distributed";
import { profileFromJson } from "../src/core/profileCheck";
import { validateWorkbook } from "../src/core/validate";
import { asExcel, FakeContext } from "./fakes/excel";
import { key, WorkbookModel } from "./fakes/excelModel";
import { capsOf, PROFILES } from "./fakes/hostCases";

const host = PROFILES[0][1];
const caps = capsOf(host);
const PROFILE = profileFromJson(JSON.stringify({ extends: "national", id: "demo-2027", name: { zh: "示范局2027年度模板", en: "Demo 2027" }, distribution: { issuer: "示范局", year: 2027, version: "2027.1" } }), "demo.json");

/** The model of a workbook holding a distributed project template, as the plan writes its cells. */
function templateModel(withIdentity: boolean): WorkbookModel {
  const t = buildDistributedTemplate(PROFILE, "project");
  const model = new WorkbookModel();
  const s = model.addSheet(t.plan.name, [[null]]);
  for (const c of t.plan.cells) {
    if (c.formula !== undefined) s.cells.set(key(c.row, c.col), { value: 0, formula: `=${c.formula}` });
    else if (c.value !== undefined) s.cells.set(key(c.row, c.col), { value: c.value });
  }
  s.merges.push(...t.plan.merges);
  if (withIdentity) model.customProperties = new Map(Object.entries(t.properties));
  return model;
}

test("the identity is read with the sheets in one sync, and the core names the template's version", async () => {
  const model = templateModel(true);
  const ctx = new FakeContext(model, { host });
  const read = await readSnapshot(asExcel(ctx), "active", { capabilities: caps });
  expect(ctx.syncCount).toBe(1);
  expect(Object.keys(read.snapshot.properties ?? {})).toEqual(["PerfCheck.Template"]);
  const r = validateWorkbook(read.snapshot, { profile: PROFILE });
  expect(r.tables.map((t) => t.template?.version)).toEqual(["2027.1"]);
  expect(r.findings.filter((f) => f.rule.startsWith("template/"))).toEqual([]);
});

test("a workbook without custom properties: no properties, and the table reads as not made from a distributed template", async () => {
  const model = templateModel(false);
  model.customProperties = new Map();
  const read = await readSnapshot(asExcel(new FakeContext(model, { host })), "active", { capabilities: caps });
  expect(read.snapshot.properties).toBeUndefined();
  const r = validateWorkbook(read.snapshot, { profile: PROFILE });
  expect(r.findings.filter((f) => f.rule.startsWith("template/")).map((f) => f.rule)).toEqual(["template/no-identity"]);
});
