/** `perfcheck template`: options, never overwriting without --force, no temp files left behind. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { Command } from "commander";
import { registerTemplateCommand, TemplateCommandError, writeTemplate } from "../src/cli/commands/template";
import { findOne, rightOf, tempDir } from "./helpers/templates";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function run(args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = "";
  let err = "";
  const program = new Command().exitOverride().configureOutput({ writeOut: (s) => void (out += s), writeErr: (s) => void (err += s) });
  registerTemplateCommand(program);
  const before = process.exitCode;
  process.exitCode = undefined;
  let code = 0;
  try {
    await program.parseAsync(args, { from: "user" });
    code = typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    code = (e as { exitCode?: number }).exitCode ?? 1;
  } finally {
    process.exitCode = before;
  }
  return { out, err, code };
}

async function sheet(p: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(p);
  return wb.worksheets[0];
}

test("writes the requested template with region, year, lines and indicator rows", async () => {
  const out = path.join(tmp.dir, "p.xlsx");
  const r = await run(["template", "--kind", "project", "--region", "江苏省省级", "--year", "2027", "--lines", "6", "--indicators", "3", "--out", out]);
  expect(r).toMatchObject({ code: 0, err: "" });
  expect(r.out).toContain("已生成项目支出绩效目标表");
  const ws = await sheet(out);
  expect(ws.getCell("A1").value).toBe("江苏省省级项目支出绩效目标表");
  expect(ws.getCell("A2").value).toBe("（2027年度）");
  const [hr] = findOne(ws, "半年（程）计划执行数");
  const [sr] = findOne(ws, "合计");
  expect(sr - hr - 1).toBe(6);
  const [qr] = findOne(ws, "质量指标");
  const [tr] = findOne(ws, "时效指标");
  expect(tr - qr).toBe(3);
  expect((ws as unknown as { sheetProtection?: unknown }).sheetProtection ?? null).toBeNull();
});

test("--protect turns protection on; input cells stay unlocked", async () => {
  const out = path.join(tmp.dir, "s.xlsx");
  expect((await run(["template", "--kind", "self-evaluation", "--protect", "--out", out])).code).toBe(0);
  const ws = await sheet(out);
  expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
  const [r, c] = findOne(ws, "项目名称");
  expect(rightOf(ws, r, c).protection?.locked).toBe(false);
});

test("never overwrites an existing file unless --force", async () => {
  const out = path.join(tmp.dir, "exists.xlsx");
  writeFileSync(out, "keep me");
  const r = await run(["template", "--kind", "department", "--out", out]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/文件已存在.*--force/);
  expect(readFileSync(out, "utf8")).toBe("keep me");
  await expect(writeTemplate({ kind: "department", out })).rejects.toBeInstanceOf(TemplateCommandError);

  const f = await run(["template", "--kind", "department", "--out", out, "--force"]);
  expect(f.code).toBe(0);
  expect((await sheet(out)).getCell("A1").value).toBe("部门整体绩效目标表");
  expect(readdirSync(tmp.dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
});

test("usage errors: unknown kind, bad counts, missing --out, not .xlsx", async () => {
  expect((await run(["template", "--kind", "budget", "--out", path.join(tmp.dir, "x.xlsx")])).code).not.toBe(0);
  expect((await run(["template", "--kind", "project", "--lines", "0", "--out", path.join(tmp.dir, "x.xlsx")])).code).not.toBe(0);
  expect((await run(["template", "--kind", "project", "--indicators", "abc", "--out", path.join(tmp.dir, "x.xlsx")])).code).not.toBe(0);
  expect((await run(["template", "--kind", "project"])).code).not.toBe(0);
  const csv = await run(["template", "--kind", "project", "--out", path.join(tmp.dir, "x.csv")]);
  expect(csv.code).toBe(2);
  expect(existsSync(path.join(tmp.dir, "x.xlsx"))).toBe(false);
  expect(existsSync(path.join(tmp.dir, "x.csv"))).toBe(false);
});

test("a write into a missing folder fails cleanly", async () => {
  const r = await run(["template", "--kind", "project", "--out", path.join(tmp.dir, "nope", "p.xlsx")]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/无法写入/);
});
