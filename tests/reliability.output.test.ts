/**
 * CLI output safety (issue 7): annotated copies are written atomically and never over their input,
 * and cell text that is HTML or script comes out of the text and JSON reports as the same text.
 */
import ExcelJS from "exceljs";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic } from "../src/cli/atomicWrite";
import { runValidate } from "../src/cli/validateCommand";
import type { CellValue } from "../src/core/snapshot";
import { projectTable } from "./helpers/projectTable";

let dir: string;
const SCRIPT = "<script>alert('x')</script>";
const IMG = '<img src=x onerror="alert(1)">';
const FORMULA = '=HYPERLINK("http://example.invalid","点此")';

async function writeTable(file: string, spec: Parameters<typeof projectTable>[0]) {
  const t = projectTable(spec);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("项目");
  t.rows.forEach((r: CellValue[], i) => r.forEach((v, j) => v !== null && typeof v !== "object" && (ws.getCell(i + 1, j + 1).value = v)));
  for (const m of t.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  await wb.xlsx.writeFile(file);
}

async function validate(files: string[], extra: { format?: "json" | "text"; annotate?: string } = {}) {
  let out = "";
  let err = "";
  const code = await runValidate({ format: extra.format ?? "json", annotate: extra.annotate, lang: "zh", files }, { out: (s) => void (out += s), err: (s) => void (err += s), progress: false });
  return { code, out, err };
}

const sha = async (f: string) => createHash("sha256").update(await fs.readFile(f)).digest("hex");

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-output-"));
  await fs.mkdir(path.join(dir, "in"));
  // A funding error so the file has findings and an annotated copy with a results sheet.
  await writeTable(path.join(dir, "in", "项目.xlsx"), {
    name: FORMULA,
    total: 12,
    sources: { 一般公共预算资金: 10 },
    header: { 主管部门: SCRIPT, 实施单位: IMG },
  });
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("--annotate pointing at the input's own folder: refused with a message, exit 2, input bytes unchanged", async () => {
  const input = path.join(dir, "in", "项目.xlsx");
  const before = await sha(input);
  const listing = await fs.readdir(path.join(dir, "in"));
  const r = await validate([input], { annotate: path.join(dir, "in") });
  expect(r.code).toBe(2);
  expect(r.err).toContain(input);
  expect(r.err).toMatch(/覆盖输入文件/);
  expect(await sha(input)).toBe(before);
  // The whole run is refused (issue 26, item 13): nothing added next to the input, not even a summary.csv.
  expect((await fs.readdir(path.join(dir, "in"))).sort()).toEqual([...listing].sort());
});

test("the same folder reached through a relative path or a symlink is refused too", async () => {
  const input = path.join(dir, "in", "项目.xlsx");
  const before = await sha(input);
  const link = path.join(dir, "link");
  await fs.symlink(path.join(dir, "in"), link);
  const r = await validate([input], { annotate: link });
  expect(r.code).toBe(2);
  const rel = await validate([input], { annotate: path.relative(process.cwd(), path.join(dir, "in")) });
  expect(rel.code).toBe(2);
  expect(await sha(input)).toBe(before);
  await fs.rm(path.join(dir, "in", "summary.csv"), { force: true });
});

test("annotated copies land in another folder complete, with no temp files, and the input untouched", async () => {
  const input = path.join(dir, "in", "项目.xlsx");
  const before = await sha(input);
  const outDir = path.join(dir, "out");
  for (let i = 0; i < 2; i++) {
    const r = await validate([input], { annotate: outDir });
    expect(r.code).toBe(1);
  }
  expect((await fs.readdir(outDir)).sort()).toEqual(["summary.csv", "项目.xlsx"]);
  expect(await sha(input)).toBe(before);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(outDir, "项目.xlsx"));
  const results = wb.getWorksheet("校验结果")!;
  expect(results).toBeDefined();
  // The table name starts with "=": in the results sheet it stays text, never a formula.
  const texts: unknown[] = [];
  results.eachRow((row) => row.eachCell((cell) => texts.push(cell.value)));
  expect(texts.some((v) => typeof v === "string" && v.startsWith(FORMULA))).toBe(true);
  expect(texts.filter((v) => typeof v === "object" && v !== null && "formula" in v)).toEqual([]);
});

test("writeFileAtomic: a failed write leaves the target as it was and no temp file", async () => {
  const target = path.join(dir, "busy");
  await fs.mkdir(target);
  await fs.writeFile(path.join(target, "keep"), "x");
  await expect(writeFileAtomic(target, "data")).rejects.toThrow();
  expect(await fs.readdir(target)).toEqual(["keep"]);
  expect((await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
});

test("HTML and script in cells come out of the JSON report as the same text", async () => {
  const r = await validate([path.join(dir, "in", "项目.xlsx")]);
  const j = JSON.parse(r.out) as { files: { tables: { name: string }[]; findings: { message: string }[] }[] };
  expect(j.files[0].tables[0].name).toBe(FORMULA);
  const quoted = j.files[0].findings.map((f) => f.message).join("\n");
  expect(quoted).toContain("<script>");
  expect(quoted).toContain("<img");
});

test("HTML and script in cells come out of the text report verbatim (plain text, nothing interpreted or dropped)", async () => {
  const r = await validate([path.join(dir, "in", "项目.xlsx")], { format: "text" });
  expect(r.out).toContain(`「${FORMULA}」`);
  expect(r.out).toContain("“<script>”");
  expect(r.out).not.toMatch(/&lt;|&gt;|&amp;/);
});
