/**
 * Issue 23 through the CLI: a folder mixing .xlsx and .xls is checked whole — the .xls (and a .xls under
 * an .xlsx name: content decides) with the same findings as its .xlsx, a BIFF5 file refused with exit 2
 * and a line naming it and saying 另存为 .xlsx — and the annotated copy of a .xls is a new .xlsx beside
 * the other copies (报表.xls → 报表.xls.xlsx), the .xls itself untouched; summary.csv and the review
 * workbook list the .xls.
 */
import ExcelJS from "exceljs";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSeed002Workbook } from "../scripts/fixtures/seedWorkbook";
import { readXlsx } from "../src/cli/xlsx";
import { screenSnapshot } from "../src/cli/state";
import { validateWorkbook } from "../src/core/validate";
import { runCli } from "./helpers/cli";
import * as F from "./xls.fixtures";

jest.setTimeout(120_000);

const SEED_XLS = path.join(__dirname, "..", "fixtures", "xls", "seed002.xls");
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "perfcheck-xls-"));
  const inbox = path.join(dir, "收件");
  mkdirSync(inbox);
  writeFileSync(path.join(inbox, "报表.xlsx"), await buildSeed002Workbook());
  copyFileSync(SEED_XLS, path.join(inbox, "报表.xls"));
  // Another .xls under an .xlsx name (not a byte copy of 报表.xls: that would be reported as a duplicate).
  copyFileSync(path.join(__dirname, "..", "fixtures", "xls", "seed000.xls"), path.join(inbox, "改名.xlsx"));
  writeFileSync(path.join(inbox, "旧版.xls"), F.compoundFile(F.workbookStream([{ name: "S", records: [] }], { bofVersion: 0x0500 }), "Book"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface JsonFile {
  file: string;
  status: string;
  error?: string;
  tables?: unknown[];
  findings?: { rule: string; cell: string; sheet: string }[];
}

test("validate over a mixed folder: every file reported, the .xls as its .xlsx, BIFF5 refused with exit 2", async () => {
  const inbox = path.join(dir, "收件");
  const { code, out } = await runCli(["validate", "--format", "json", inbox]);
  expect(code).toBe(2);
  const files = JSON.parse(out).files as JsonFile[];
  const by = (name: string) => files.find((f) => path.basename(f.file) === name)!;
  expect(files.map((f) => path.basename(f.file)).sort()).toEqual(["报表.xls", "报表.xlsx", "改名.xlsx", "旧版.xls"].sort());
  const xlsx = by("报表.xlsx");
  expect(xlsx.status).toBe("checked");
  expect(by("报表.xls").status).toBe("checked");
  expect(by("报表.xls").tables).toEqual(xlsx.tables);
  expect(by("报表.xls").findings).toEqual(xlsx.findings);
  // A compound file is read as .xls whatever its name says: seed 000's 22 tables.
  expect(by("改名.xlsx").status).toBe("checked");
  expect(by("改名.xlsx").tables).toHaveLength(22);
  expect(by("旧版.xls").status).toBe("unreadable");
  expect(by("旧版.xls").error).toMatch(/BIFF5.*另存为 \.xlsx.*save it as \.xlsx/);

  const text = await runCli(["validate", path.join(inbox, "旧版.xls")]);
  expect(text.code).toBe(2);
  expect(text.out + text.err).toContain("旧版.xls");
  expect(text.out + text.err).toMatch(/另存为 \.xlsx/);
});

test("--annotate: the .xls gets a new .xlsx copy with its flags, the .xls is unchanged; summary.csv and the review workbook list it", async () => {
  const inbox = path.join(dir, "收件");
  const out = path.join(dir, "副本");
  const before = readFileSync(path.join(inbox, "报表.xls"));
  const { code } = await runCli(["validate", "--summary", "--annotate", out, "--report", path.join(out, "审核.xlsx"), inbox]);
  expect(code).toBe(2);
  expect(readFileSync(path.join(inbox, "报表.xls")).equals(before)).toBe(true);
  expect(existsSync(path.join(inbox, "报表.xls.xlsx"))).toBe(false);
  const copy = path.join(out, "报表.xls.xlsx");
  expect(existsSync(copy)).toBe(true);

  // The copy validates to the findings of the .xlsx (our result and state sheets screened off).
  const fromCopy = validateWorkbook(screenSnapshot(readXlsx(readFileSync(copy)).snapshot).snapshot);
  const fromXlsx = validateWorkbook(readXlsx(await buildSeed002Workbook()).snapshot);
  expect(fromCopy.findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}`)).toEqual(fromXlsx.findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}`));
  // Flags are on the copy's cells, and its 校验结果 sheet lists them.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(copy);
  const results = wb.getWorksheet("校验结果")!;
  expect(results.rowCount - 1).toBe(fromXlsx.findings.length);
  const f = fromXlsx.findings[0];
  expect(wb.getWorksheet(f.sheet)!.getCell(f.cell).note).toBeTruthy();

  const csv = readFileSync(path.join(out, "summary.csv"), "utf8");
  expect(csv).toContain("报表.xls\"");
  expect(csv).toContain("报表.xls.xlsx");
  const review = new ExcelJS.Workbook();
  await review.xlsx.readFile(path.join(out, "审核.xlsx"));
  const names: string[] = [];
  review.getWorksheet("汇总")!.eachRow((row) => row.eachCell((c) => names.push(String(c.text))));
  expect(names.some((t) => t.endsWith("报表.xls"))).toBe(true);

  // A second run replaces its own copy of the same .xls (never another file).
  const again = await runCli(["validate", "--summary", "--annotate", out, path.join(inbox, "报表.xls")]);
  expect(again.code).toBe(1);
  expect(existsSync(copy)).toBe(true);
});

test("a .xls whose copy cannot be built (two sheets of one name) is still checked, with the copy's failure said", async () => {
  const inbox = path.join(dir, "重名");
  mkdirSync(inbox);
  const file = path.join(inbox, "重名.xls");
  writeFileSync(file, F.compoundFile(F.workbookStream([{ name: "表", records: [F.label(0, 0, "a")] }, { name: "表", records: [F.label(0, 0, "b")] }])));
  const { out } = await runCli(["validate", "--format", "json", "--annotate", path.join(dir, "重名副本"), file]);
  const [rep] = JSON.parse(out).files as (JsonFile & { copyError?: string })[];
  expect(rep.status).not.toBe("unreadable");
  expect(rep.copyError).toMatch(/cannot build the annotated copy .*重名\.xls\.xlsx from the \.xls/);
  expect(existsSync(path.join(dir, "重名副本", "重名.xls.xlsx"))).toBe(false);
});
