/** `perfcheck validate --forms FILE` (issue 11): a region's form added as JSON, on a real corpus table. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { corpusWorkbook, loadCorpus } from "../scripts/corpus/evaluate";
import { runCli } from "./helpers/cli";

const EXAMPLE = path.join(__dirname, "..", "docs", "examples", "forms-zhejiang-cixi.json");
let dir: string;
let file: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-forms-"));
  const t = (await loadCorpus()).find((x) => x.id === "zhejiang-ningbo-cixi-2023-proj-1")!;
  file = path.join(dir, "慈溪.xlsx");
  await fs.writeFile(file, await corpusWorkbook(t));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

type Json = { forms?: string[]; files: { tables: { form?: string; range: string }[]; findings: { rule: string }[] }[] };

test("with --forms the table is read as the region's form, and the run says which forms it used", async () => {
  const before = JSON.parse((await runCli(["validate", "--format", "json", file])).out) as Json;
  expect(before.files[0].findings.map((f) => f.rule)).toContain("layout/split-table");
  const r = await runCli(["validate", "--format", "json", "--forms", EXAMPLE, file]);
  const after = JSON.parse(r.out) as Json;
  expect(after.forms).toEqual(["zhejiang-project-goals"]);
  expect(after.files[0].tables).toEqual([expect.objectContaining({ form: "zhejiang-project-goals", range: "A1:D13" })]);
  expect(after.files[0].findings.map((f) => f.rule)).not.toContain("layout/split-table");
  const text = await runCli(["validate", "--forms", EXAMPLE, file]);
  expect(text.out).toContain("表式：内置表式 + ");
});

test("a forms file with a wrong field is refused before any file is read, naming the file and the field", async () => {
  const bad = path.join(dir, "bad.json");
  await fs.writeFile(bad, JSON.stringify({ version: 1, forms: [{ id: "x", kind: "project-target", name: "x", nameEn: "x", source: "x", signature: {}, vocabulary: { anchors: { "project-target": "项目编号" } } }] }));
  const r = await runCli(["validate", "--forms", bad, file]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(bad);
  expect(r.err).toContain("forms.0.vocabulary.anchors.project-target");
  const notJson = path.join(dir, "x.json");
  await fs.writeFile(notJson, "{");
  expect((await runCli(["validate", "--forms", notJson, file])).err).toMatch(/不是有效的 JSON/);
});
