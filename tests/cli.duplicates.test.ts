/**
 * Issue 26, item 9: byte-identical files in one run (the same file given twice, a copy in a subfolder)
 * are checked and counted once; the later ones are reported as duplicates naming the first — in the text
 * and JSON reports, summary.csv and the review workbook.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseCsv } from "../src/cli/summaryCsv";
import { runValidate } from "../src/cli/validateCommand";

const wave2 = path.join(__dirname, "..", "fixtures", "corpus", "wave2");
const A = path.join(wave2, "hubei-ezhou-2022-project.xlsx");
const B = path.join(wave2, "anhui-chizhou-2022-selfeval.xlsx");
let root: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-dup-"));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function validate(args: Partial<Parameters<typeof runValidate>[0]> & { files: string[] }) {
  let out = "";
  let err = "";
  const code = await runValidate({ format: "text", lang: "zh", ...args }, { out: (s) => void (out += s), err: (s) => void (err += s), progress: false });
  return { code, out, err };
}

type J = { files: { file: string; status: string; duplicateOf?: string; tables: unknown[]; findings: unknown[] }[] };

test("a copy in a subfolder and the same file given twice: reported as duplicates of the first, counted once", async () => {
  const dir = path.join(root, "in");
  await fs.mkdir(path.join(dir, "子目录"), { recursive: true });
  const a = path.join(dir, "a.xlsx");
  const copy = path.join(dir, "子目录", "a-副本.xlsx");
  const b = path.join(dir, "b.xlsx");
  await fs.copyFile(A, a);
  await fs.copyFile(A, copy);
  await fs.copyFile(B, b);
  // A file of the same size but other bytes (here damaged, so unreadable) is no duplicate.
  const same = await fs.readFile(A);
  same[same.length - 30] ^= 0xff;
  const sized = path.join(dir, "c-同大小.xlsx");
  await fs.writeFile(sized, same);

  const single = JSON.parse((await validate({ files: [a, b], format: "json" })).out) as J;
  const j = JSON.parse((await validate({ files: [dir, a], format: "json" })).out) as J;
  const byFile = (f: string) => j.files.filter((x) => x.file === f);
  expect(byFile(copy)[0]).toMatchObject({ status: "duplicate", duplicateOf: a, tables: [], findings: [] });
  // The same path given a second time on the command line.
  expect(byFile(a).map((x) => x.status)).toEqual(["checked", "duplicate"]);
  expect(byFile(a)[1].duplicateOf).toBe(a);
  expect(byFile(sized)[0].status).not.toBe("duplicate");

  // Totals: the tables and findings of a.xlsx counted once.
  const text = await validate({ files: [dir, a] });
  const textSingle = await validate({ files: [a, b] });
  const tables = (s: string) => Number(/(\d+) 张表/.exec(s.split("\n").filter((l) => l.startsWith("汇总")).pop()!)![1]);
  const sizedTables = JSON.parse((await validate({ files: [sized], format: "json" })).out).files[0].tables.length as number;
  expect(tables(text.out)).toBe(tables(textSingle.out) + sizedTables);
  expect(text.out).toContain("另有 2 个重复文件");
  expect(text.out).toContain(`重复文件: 与 ${a} 内容完全相同`);
  expect(single.files.every((f) => f.status !== "duplicate")).toBe(true);
  const en = await validate({ files: [dir, a], lang: "en", summary: true });
  expect(en.out).toMatch(new RegExp(`duplicate\\t.*a-副本\\.xlsx\\tbyte-identical to ${a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  expect(en.out).toContain("2 duplicate(s) of another file, counted once");
  // Duplicates change no exit code: the same as the run of the distinct files.
  expect(text.code).toBe((await validate({ files: [a, b, sized] })).code);
});

test("summary.csv and the review workbook list the duplicate with its status and the first file", async () => {
  const dir = path.join(root, "in2");
  await fs.mkdir(path.join(dir, "sub"), { recursive: true });
  const a = path.join(dir, "a.xlsx");
  const copy = path.join(dir, "sub", "a.xlsx");
  await fs.copyFile(A, a);
  await fs.copyFile(A, copy);
  const out = path.join(root, "out2");
  const report = path.join(root, "审核2.xlsx");
  await validate({ files: [dir], annotate: out, report });
  const rows = parseCsv((await fs.readFile(path.join(out, "summary.csv"), "utf8")).replace(/^\ufeff/, ""));
  const dup = rows.find((r) => r[0] === copy)!;
  expect(dup[1]).toBe("重复文件");
  expect(dup[4]).toBe("0");
  expect(dup[11]).toContain(a);
  // No annotated copy is written for the duplicate.
  await expect(fs.stat(path.join(out, "sub", "a.xlsx"))).rejects.toThrow();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(report);
  const sum = wb.getWorksheet("汇总")!;
  const cells: string[] = [];
  sum.eachRow((row) => cells.push(row.values ? (row.values as unknown[]).map((v) => String(v ?? "")).join("|") : ""));
  const line = cells.find((c) => c.includes(copy))!;
  expect(line).toContain("重复文件");
  expect(line).toContain(a);
  // The first file's table is listed once, not twice.
  expect(cells.filter((c) => c.startsWith(`|${a}|`)).length).toBeGreaterThan(0);
  expect(cells.filter((c) => c.includes(copy)).length).toBe(1);
});
