/**
 * Issue 26, item 8: the review workbook prints. LibreOffice (headless) turns it into a PDF, read back with
 * poppler: 汇总 is one page wide at a readable size (never 116 rows squeezed onto one page), the header
 * row repeats, every 审核标准 sentence and every finding of a cell is on the page (rows as high as their
 * wrapped text), 规则 names the rules, and a department's table is not asked for a project's header.
 */
import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RULES_BY_ID } from "../src/core/rules";
import { runValidate } from "../src/cli/validateCommand";

const wave2 = path.join(__dirname, "..", "fixtures", "corpus", "wave2");
let dir: string;
let report: string;
let pdf: string;
let json: { files: { file: string; findings: { message: string; sheet: string; cell: string }[] }[] };

// pdftotext reads a wrapped cell line by line, interleaved with its neighbours' lines, and drops the
// hyphen a path wrapped at: compare without white space and hyphens, and a cell's text as a subsequence
// within a short stretch of the page (a text cut mid-sentence is not on the page at all).
const squash = (s: string) => s.replace(/[\s-]+/g, "");
function printed(page: string, text: string): boolean {
  const t = squash(text);
  const p = squash(page);
  for (let start = p.indexOf(t[0]); start >= 0; start = p.indexOf(t[0], start + 1)) {
    let i = 0;
    for (let j = start; j < p.length && j - start < t.length * 3 && i < t.length; j++) if (p[j] === t[i]) i++;
    if (i === t.length) return true;
  }
  return false;
}
const pdftotext = (first?: number, last?: number) => execFileSync("pdftotext", [...(first ? ["-f", String(first), "-l", String(last ?? first)] : []), pdf, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-print-"));
  const inDir = path.join(dir, "in");
  await fs.mkdir(inDir);
  // Every table of wave2 three times over (distinct files: a byte changed in an unused zip comment).
  for (const f of (await fs.readdir(wave2)).filter((x) => x.endsWith(".xlsx"))) {
    const bytes = await fs.readFile(path.join(wave2, f));
    for (let k = 1; k <= 3; k++) {
      const b = Buffer.from(bytes);
      b.writeUInt16LE(1, b.length - 2); // EOCD comment length 1 …
      await fs.writeFile(path.join(inDir, `${k}-${f}`), Buffer.concat([b, Buffer.from(String(k))])); // … and the comment
    }
  }
  report = path.join(dir, "审核.xlsx");
  let out = "";
  await runValidate({ format: "json", lang: "zh", files: [inDir], report }, { out: (s) => void (out += s), err: () => undefined, progress: false });
  json = JSON.parse(out);
  execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${dir}/lo`, "--convert-to", "pdf", "--outdir", dir, report], { stdio: "ignore", timeout: 240_000 });
  pdf = path.join(dir, "审核.pdf");
}, 300_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Pages of the PDF whose text starts with a sheet's first header cell. */
function pagesOf(header: string): number[] {
  const n = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
  const out: number[] = [];
  for (let p = 1; p <= n; p++) if (pdftotext(p).trimStart().startsWith(header)) out.push(p);
  return out;
}

test("汇总: one page wide at a readable size over as many pages as the rows need, the header row on each", () => {
  const files = json.files.length;
  expect(files).toBeGreaterThanOrEqual(50);
  const pages = pagesOf("文件");
  expect(pages.length).toBeGreaterThan(1);
  // Text height on the first summary page (word boxes from poppler): at least 6 pt, not the 3–4 pt of a page squeezed.
  const html = execFileSync("pdftotext", ["-bbox", "-f", String(pages[0]), "-l", String(pages[0]), pdf, "-"], { encoding: "utf8" });
  const heights = [...html.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1])).sort((a, b) => a - b);
  expect(heights[heights.length >> 1]).toBeGreaterThanOrEqual(6);
  // Every file is on the printed summary (paths wrap, so compare without white space).
  const text = pages.map((p) => pdftotext(p)).join("");
  for (const f of json.files) expect(printed(text, path.basename(f.file))).toBe(true);
});

test("审核意见: every 审核标准 sentence whole, every finding of a cell printed", () => {
  const text = pdftotext();
  expect(printed(text, "资金总额等于各来源之和，支出合计等于资金总额，半年不超过全年，金额为非负数值")).toBe(true);
  expect(printed(text, "产出、效益、满意度指标齐全；指标值量化并有单位；成本不超预算；满意度不低于标准")).toBe(true);
  expect(printed(text, "部门（单位）名称、年度预算金额、部门职能和年度总体目标等必填项齐全，格式正确")).toBe(true);
  // Tables with several findings in one cell: each of them is on the page, not only the first.
  const many = json.files.filter((f) => f.findings.length >= 3);
  expect(many.length).toBeGreaterThan(0);
  for (const file of many) for (const f of file.findings) expect(printed(text, f.message)).toBe(true);
});

test("规则 shows each rule's name, its id beside it; a department's table is asked for a department's header", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(report);
  const rules = wb.getWorksheet("规则")!;
  expect(rules.getRow(1).values).toEqual([undefined, "规则", "严重程度", "次数", "文件数", "示例", "规则编号"]);
  let rows = 0;
  rules.eachRow((row, n) => {
    if (n === 1) return;
    rows++;
    const id = String(row.getCell(6).value);
    expect(row.getCell(1).value).toBe(RULES_BY_ID.get(id)!.meta.title.zh);
  });
  expect(rows).toBeGreaterThan(3);
  const firstTitle = String(rules.getRow(2).getCell(1).value);
  expect(printed(pdftotext(), firstTitle)).toBe(true);

  const rev = wb.getWorksheet("审核意见")!;
  let kindOfBlock = "";
  let deptHeaders = 0;
  rev.eachRow((row) => {
    const a = String(row.getCell(1).value ?? "");
    if (row.getCell(1).isMerged) kindOfBlock = a;
    else if (a === "基本信息") {
      const standard = String(row.getCell(3).value);
      if (kindOfBlock.includes("部门整体绩效目标表")) {
        deptHeaders++;
        expect(standard).not.toMatch(/项目名称|实施单位/);
        expect(standard).toMatch(/部门（单位）名称/);
      }
    }
  });
  expect(deptHeaders).toBeGreaterThan(0);
  // Print set-up: the used range, the header row repeated.
  for (const ws of [wb.getWorksheet("汇总")!, rules, rev]) {
    expect(ws.pageSetup.printArea).toMatch(/^A1:[A-Z]+\d+$/);
    expect(ws.pageSetup).toMatchObject({ fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" });
  }
});
