/**
 * The CLI end to end on real files: JSON contract, exit codes, folders, unreadable files, annotated
 * copies read back with exceljs, and the input never touched.
 */
import ExcelJS from "exceljs";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { runCli } from "./helpers/cli";
import { buildSeed000Workbook } from "../scripts/fixtures/seedWorkbook";
import { projectTable } from "./helpers/projectTable";
import type { CellValue } from "../src/core/snapshot";

let dir: string;

async function writeGrid(file: string, rows: CellValue[][], merges: { top: number; left: number; bottom: number; right: number }[] = []) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("项目");
  rows.forEach((r, i) => r.forEach((v, j) => v !== null && typeof v !== "object" && (ws.getCell(i + 1, j + 1).value = v)));
  for (const m of merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  await wb.xlsx.writeFile(file);
}

const run = runCli;

const sha = async (f: string) => createHash("sha256").update(await fs.readFile(f)).digest("hex");

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-cli-"));
  const clean = projectTable({ name: "干净项目" });
  await writeGrid(path.join(dir, "clean.xlsx"), clean.rows, clean.merges);
  const bad = projectTable({ name: "<script>alert(1)</script>", total: 50, expenses: [["评审", 0, 59]] });
  await writeGrid(path.join(dir, "bad.xlsx"), bad.rows, bad.merges);
  await fs.writeFile(path.join(dir, "seed000.xlsx"), await buildSeed000Workbook());
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("json output has exactly the documented shape and cells", async () => {
  const r = await run(["validate", "--format", "json", path.join(dir, "bad.xlsx")]);
  expect(r.code).toBe(1);
  const j = JSON.parse(r.out);
  expect(Object.keys(j)).toEqual(["version", "profile", "files"]);
  expect(j.profile.id).toBe("national");
  expect(j.version).toBe(1);
  expect(j.files).toHaveLength(1);
  const file = j.files[0];
  expect(Object.keys(file)).toEqual(["file", "tables", "findings", "status"]);
  expect(file.status).toBe("checked");
  expect(file.tables).toEqual([{ sheet: "项目", kind: "project-target", name: "<script>alert(1)</script>", range: "A1:E40", ...(file.tables[0].form ? { form: expect.any(String) } : {}) }]);
  const f = file.findings.find((x: { rule: string }) => x.rule === "funding/expenses-equal-total");
  expect(Object.keys(f)).toEqual(["rule", "severity", "sheet", "cell", "message", "messageEn"]);
  expect(f).toMatchObject({ severity: "error", sheet: "项目", cell: "E20" });
});

test("exit 0 for a clean file; text report groups by table and keeps markup as text", async () => {
  const clean = await run(["validate", path.join(dir, "clean.xlsx")]);
  expect(clean.code).toBe(0);
  expect(clean.out).toContain("干净项目");
  expect(clean.out).toContain("错误 0");
  const bad = await run(["validate", "--lang", "en", path.join(dir, "bad.xlsx")]);
  expect(bad.out).toContain("<script>alert(1)</script>");
  expect(bad.out).toMatch(/error\s+项目!E20/);
});

test("a folder: every .xlsx, unreadable ones reported by name, the others still checked, exit 2", async () => {
  const folder = path.join(dir, "folder");
  await fs.mkdir(path.join(folder, "sub"), { recursive: true });
  await fs.copyFile(path.join(dir, "clean.xlsx"), path.join(folder, "a.xlsx"));
  await fs.copyFile(path.join(dir, "bad.xlsx"), path.join(folder, "sub", "b.xlsx"));
  await fs.writeFile(path.join(folder, "broken.xlsx"), (await fs.readFile(path.join(dir, "clean.xlsx"))).subarray(0, 300));
  await fs.writeFile(path.join(folder, "old.xlsx"), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500)]));
  await fs.writeFile(path.join(folder, "notes.txt"), "not a workbook");
  const r = await run(["validate", "--format", "json", folder]);
  expect(r.code).toBe(2);
  const j = JSON.parse(r.out);
  expect(j.files.map((f: { file: string }) => path.basename(f.file))).toEqual(["a.xlsx", "broken.xlsx", "old.xlsx", "b.xlsx"]);
  const broken = j.files.find((f: { file: string }) => f.file.endsWith("broken.xlsx"));
  expect(broken.error).toMatch(/damaged|truncated|zip/);
  const old = j.files.find((f: { file: string }) => f.file.endsWith("old.xlsx"));
  expect(old.error).toMatch(/password-protected|legacy \.xls/);
  expect(j.files.find((f: { file: string }) => f.file.endsWith("b.xlsx")).findings.length).toBeGreaterThan(0);
  expect(r.err).toContain("broken.xlsx");
  // Not a terminal: no progress lines on stderr, only the problems.
  expect(r.err).not.toMatch(/\[\d+\/4\]/);
  expect(j.files.map((f: { status: string }) => f.status)).toEqual(["checked", "unreadable", "unreadable", "checked"]);
});

test("usage errors exit 2", async () => {
  expect((await run(["validate", "--format", "xml", path.join(dir, "clean.xlsx")])).code).toBe(2);
  expect((await run(["validate", "--profile", "nowhere", path.join(dir, "clean.xlsx")])).code).toBe(2);
  expect((await run(["frobnicate"])).code).toBe(2);
  expect((await run(["validate", path.join(dir, "missing.xlsx")])).code).toBe(2);
});

test("a profile file overrides the default thresholds", async () => {
  const prof = path.join(dir, "lenient.json");
  await fs.writeFile(prof, JSON.stringify({ extends: "national", id: "lenient", amountTolerance: 10 }));
  const r = await run(["validate", "--format", "json", "--profile", prof, path.join(dir, "bad.xlsx")]);
  const rules = JSON.parse(r.out).files[0].findings.map((f: { rule: string }) => f.rule);
  expect(rules).not.toContain("funding/expenses-equal-total");
  await fs.writeFile(prof, JSON.stringify({ amountTolerance: -1 }));
  const bad = await run(["validate", "--profile", prof, path.join(dir, "bad.xlsx")]);
  expect(bad.code).toBe(2);
  expect(bad.err).toContain("amountTolerance");
});

test("--annotate writes flagged copies and a 校验结果 sheet; the input is unchanged", async () => {
  const input = path.join(dir, "seed000.xlsx");
  const before = await sha(input);
  const out = path.join(dir, "annotated");
  const r = await run(["validate", "--annotate", out, input]);
  expect(r.code).toBe(1);
  expect(await sha(input)).toBe(before);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, "seed000.xlsx"));
  const results = wb.getWorksheet("校验结果")!;
  expect(results).toBeDefined();
  expect(results.rowCount).toBeGreaterThan(20);
  // The first finding's link points at its cell, and that cell carries a fill and a note.
  // Flags are added to the original package: the link is an internal hyperlink (location), the fill a
  // conditional-format overlay of ours over the cell, the note a comment.
  const address = String(results.getCell(2, 5).value);
  const sheetName = results.getCell(2, 4).value as string;
  const parts = unzipSync(new Uint8Array(await fs.readFile(path.join(out, "seed000.xlsx"))));
  const resultXml = Object.entries(parts).map(([, v]) => strFromU8(v)).find((x) => x.includes("<hyperlinks>") && x.includes("序号"))!;
  expect(resultXml).toContain(`<hyperlink ref="E2" location="'${sheetName}'!${address}" display="${address}"/>`);
  const ws = wb.getWorksheet(sheetName)! as ExcelJS.Worksheet & { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] };
  expect(ws.getCell(address).note).toMatch(/^PerfCheck\n/);
  expect(ws.conditionalFormattings.some((cf) => cf.ref.split(" ").includes(address) && cf.rules[0].formulae?.[0] === "TRUE()")).toBe(true);
  const summary = await fs.readFile(path.join(out, "summary.csv"), "utf8");
  expect(summary).toContain("seed000.xlsx");
  const lines = summary.split("\r\n");
  // The header is row 1 when Excel opens it; its last column names the format (issue 26, item 10).
  expect(lines[0]).toBe('\ufeff"文件","状态","单位","项目","表格数","得分","等级","错误","警告","提示","已忽略","说明","带标记副本","检查时间","PerfCheck summary.csv v3"');
  expect(lines[1]).toContain(path.join(out, "seed000.xlsx"));
});

test("refuses to write an annotated copy over its input", async () => {
  const input = path.join(dir, "clean.xlsx");
  const before = await sha(input);
  const r = await run(["validate", "--annotate", dir, input]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/overwrite|覆盖/);
  expect(await sha(input)).toBe(before);
});
