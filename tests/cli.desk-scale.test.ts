/**
 * Issue 14, output that scales: 500 tiny workbooks through `--jobs 2 --summary` print exactly one line
 * per file, in input order, the same lines as a single-threaded run.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runValidate } from "../src/cli/validateCommand";
import { projectTable } from "./helpers/projectTable";

let dir: string;
const N = 500;

async function tiny(name: string, bad: boolean): Promise<Buffer> {
  const t = projectTable(bad ? { name, total: 50, expenses: [["评审", 0, 59]] } : { name });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("项目");
  t.rows.forEach((r, i) => r.forEach((v, j) => v !== null && typeof v !== "object" && (ws.getCell(i + 1, j + 1).value = v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function run(jobs: number): Promise<{ code: number; lines: string[] }> {
  let out = "";
  const code = await runValidate({ format: "text", lang: "zh", files: [dir], summary: true, jobs }, { out: (s) => void (out += s), err: () => undefined, progress: false });
  return { code, lines: out.trim().split("\n") };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-scale-"));
  const variants = [await tiny("甲", false), await tiny("乙", true)];
  // Each file its own bytes (a zip comment of its own): byte-identical files are checked once (issue 26, item 9).
  const own = (zip: Buffer, i: number) => {
    const c = Buffer.from(`#${i}`);
    const end = Buffer.from(zip.subarray(zip.length - 22));
    end.writeUInt16LE(c.length, 20);
    return Buffer.concat([zip.subarray(0, zip.length - 22), end, c]);
  };
  for (let i = 0; i < N; i++) await fs.writeFile(path.join(dir, `单位${String(i).padStart(3, "0")}.xlsx`), own(variants[i % 2], i));
  await fs.writeFile(path.join(dir, `单位${String(N).padStart(3, "0")}.xlsx`), Buffer.from("broken"));
}, 120_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("--jobs 2 --summary: one line per file, in input order, same as one job", async () => {
  const two = await run(2);
  const fileLines = two.lines.filter((l) => l.includes("\t"));
  expect(fileLines).toHaveLength(N + 1);
  const names = fileLines.map((l) => path.basename(l.split("\t")[1]));
  expect(names).toEqual([...names].sort());
  expect(fileLines[0]).toMatch(/^已检查\t.*单位000\.xlsx\t1 张表，错误 0/);
  expect(fileLines[1]).toMatch(/^已检查\t.*单位001\.xlsx\t1 张表，错误 [1-9]/);
  expect(fileLines[N]).toMatch(/^无法读取\t.*单位500\.xlsx\t/);
  expect(two.code).toBe(2);
  expect(two.lines[two.lines.length - 1]).toMatch(new RegExp(`^汇总：${N + 1} 个文件（1 个无法读取）`));
  const one = await run(1);
  expect(one.lines).toEqual(two.lines);
}, 300_000);
