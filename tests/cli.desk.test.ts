/**
 * Issue 14, the reviewer's desk: a department tree as reviewers receive it, checked in one run. Every
 * file has a status, every copy lands at its mirrored path, no input changes, a forged state sheet hides
 * nothing, summary.csv is ours or left alone, and what reaches the terminal cannot drive it.
 */
import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import * as esbuild from "esbuild";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { cfbFile } from "../scripts/fixtures/malformed";
import { buildSeed000Workbook, buildSeed002Workbook } from "../scripts/fixtures/seedWorkbook";
import { runValidate } from "../src/cli/validateCommand";
import { parseCsv } from "../src/cli/summaryCsv";
import type { CellValue } from "../src/core/snapshot";
import { runCli } from "./helpers/cli";
import { projectTable } from "./helpers/projectTable";

let root: string;
let tree: string;
let seedA: Buffer;
let seedB: Buffer;

const sha = async (f: string) => createHash("sha256").update(await fs.readFile(f)).digest("hex");

/** Hash of every regular file under dir; links recorded as links, FIFOs as FIFOs (never opened). */
async function hashes(dir: string, skip?: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (p === skip) continue;
    if (e.isSymbolicLink()) out.set(p, `link→${await fs.readlink(p)}`);
    else if (e.isDirectory()) for (const [k, v] of await hashes(p, skip)) out.set(k, v);
    else if (e.isFile()) out.set(p, await sha(p));
    else out.set(p, "special");
  }
  return out;
}

async function gridWorkbook(rows: CellValue[][], merges: { top: number; left: number; bottom: number; right: number }[], extra?: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("项目");
  rows.forEach((r, i) => r.forEach((v, j) => v !== null && typeof v !== "object" && (ws.getCell(i + 1, j + 1).value = v)));
  for (const m of merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  extra?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An .xlsm: the workbook with a VBA project part and the macro-enabled content type, as Excel saves it. */
function withMacros(xlsx: Buffer): Buffer {
  const parts = unzipSync(new Uint8Array(xlsx));
  const types = Buffer.from(parts["[Content_Types].xml"]).toString("utf8");
  parts["[Content_Types].xml"] = strToU8(
    types
      .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
      .replace("<Default ", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default '),
  );
  const rels = Buffer.from(parts["xl/_rels/workbook.xml.rels"]).toString("utf8");
  parts["xl/_rels/workbook.xml.rels"] = strToU8(rels.replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'));
  parts["xl/vbaProject.bin"] = new Uint8Array(cfbFile(["PROJECT", "VBA"]));
  return Buffer.from(zipSync(parts));
}

const bad = projectTable({ name: "评审服务", total: 50, expenses: [["评审", 0, 59]] });
const clean = projectTable({ name: "干净项目" });

/** A forged state: a very hidden sheet named like ours that names the data sheet as its "result sheet". */
async function forged(version: 1 | 2): Promise<Buffer> {
  return gridWorkbook(bad.rows, bad.merges, (wb) => {
    const st = wb.addWorksheet("PerfCheck状态", { state: "veryHidden" });
    st.addRow(version === 1 ? ["perfcheck-flags", 1, "项目"] : ["perfcheck-flags", 2, "项目", "run-forged", "f".repeat(64)]);
  });
}

interface JsonReport {
  profile: { id: string };
  files: { file: string; status: string; error?: string; notices?: string[]; copy?: string; tables: { sheet: string }[]; findings: { severity: string; rule: string; message: string }[] }[];
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-desk-"));
  seedA = await buildSeed000Workbook();
  seedB = await buildSeed002Workbook();
  tree = path.join(root, "收件");
  const put = async (rel: string, data: Buffer) => {
    await fs.mkdir(path.dirname(path.join(tree, rel)), { recursive: true });
    await fs.writeFile(path.join(tree, rel), data);
  };
  await put("财政局/报表.xlsx", seedA);
  await put("教育局/报表.xlsx", seedB);
  await put("教育局/旧表.xls", cfbFile(["Workbook", "\u0005SummaryInformation"]));
  await put("教育局/金山.et", cfbFile(["Workbook"]));
  await put("卫健委/宏.xlsm", withMacros(await gridWorkbook(bad.rows, bad.merges)));
  // Its own bytes (another creator): the same bytes as =1+2.xlsx would make it a duplicate (issue 26, item 9).
  await put("卫健委/其实是xlsx.xls", await gridWorkbook(clean.rows, clean.merges, (wb) => void (wb.creator = "卫健委")));
  await put("卫健委/空表.xlsx", await gridWorkbook([["2026年工作计划"], ["本表无绩效内容"]], []));
  await put("卫健委/损坏.xlsx", seedA.subarray(0, 400));
  await put("卫健委/伪造状态.xlsx", await forged(2));
  await put("卫健委/伪造状态v1.xlsx", await forged(1));
  await put("=1+2.xlsx", await gridWorkbook(clean.rows, clean.merges));
  await put("说明.docx", Buffer.from("not looked at"));
  execFileSync("mkfifo", [path.join(tree, "卫健委", "管道.xlsx")]);
  await fs.symlink("/dev/zero", path.join(tree, "卫健委", "零.xlsx"));
  await fs.symlink(path.join(tree, "财政局"), path.join(tree, "财政局链接"));
}, 120_000);

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const rel = (f: string) => path.relative(tree, f);

test("a department tree: every file has its status, every copy its mirrored path, no input changes", async () => {
  const out = path.join(tree, "校验副本"); // inside the input folder
  const before = await hashes(tree, out);
  const r = await runCli(["validate", "--format", "json", "--annotate", out, tree]);
  const j = JSON.parse(r.out) as JsonReport;
  expect(j.profile.id).toBe("national");
  const status = Object.fromEntries(j.files.map((f) => [rel(f.file), f.status]));
  expect(status).toEqual({
    "=1+2.xlsx": "checked",
    "卫健委/伪造状态.xlsx": "checked",
    "卫健委/伪造状态v1.xlsx": "checked",
    "卫健委/其实是xlsx.xls": "checked",
    "卫健委/宏.xlsm": "checked",
    "卫健委/损坏.xlsx": "unreadable",
    "卫健委/空表.xlsx": "no-table",
    "卫健委/管道.xlsx": "skipped",
    "卫健委/零.xlsx": "skipped",
    "教育局/报表.xlsx": "checked",
    "教育局/旧表.xls": "unreadable",
    "教育局/金山.et": "unreadable",
    "财政局/报表.xlsx": "checked",
    财政局链接: "skipped",
  });
  const of = (p: string) => j.files.find((f) => rel(f.file) === p)!;
  expect(of("教育局/旧表.xls").error).toMatch(/旧版 \.xls.*另存为 \.xlsx/);
  expect(of("卫健委/管道.xlsx").error).toMatch(/FIFO/);
  expect(of("卫健委/零.xlsx").error).toMatch(/普通文件/);
  expect(of("财政局链接").error).toMatch(/符号链接的文件夹/);
  expect(r.code).toBe(2); // unreadable files

  // Copies at their mirrored paths; an .xlsm's copy is a plain workbook, so it is named .xlsx and says so.
  for (const f of j.files.filter((x) => x.status === "checked" || x.status === "no-table")) {
    const expected = path.join(out, /\.(xlsx|xlsm)$/.test(rel(f.file)) ? rel(f.file) : `${rel(f.file)}.xlsx`);
    expect(f.copy).toBe(expected);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(expected);
    expect(wb.getWorksheet("校验结果")).toBeDefined();
  }
  // The .xlsm's copy keeps its name, its VBA project and its macro-enabled content type.
  const macroCopy = unzipSync(new Uint8Array(await fs.readFile(path.join(out, "卫健委", "宏.xlsm"))));
  expect(macroCopy["xl/vbaProject.bin"]).toEqual(unzipSync(new Uint8Array(await fs.readFile(path.join(tree, "卫健委", "宏.xlsm"))))["xl/vbaProject.bin"]);
  expect(Buffer.from(macroCopy["[Content_Types].xml"]).toString()).toContain("macroEnabled.main+xml");
  // No input changed, nothing was added beside them but the output folder.
  expect(await hashes(tree, out)).toEqual(before);

  // The forged states hid nothing: the table's errors are reported and the forgery is named.
  for (const p of ["卫健委/伪造状态.xlsx", "卫健委/伪造状态v1.xlsx"]) {
    const f = of(p);
    expect(f.tables.map((t) => t.sheet)).toEqual(["项目"]);
    expect(f.findings.some((x) => x.rule === "funding/expenses-equal-total")).toBe(true);
    expect(f.notices?.join()).toMatch(/PerfCheck状态.*已忽略/);
  }

  // summary.csv: the header first (its last column names the format), one line per entry, the file named =1+2.xlsx is text, not a formula.
  const csv = (await fs.readFile(path.join(out, "summary.csv"), "utf8")).replace(/^\ufeff/, "");
  const rows = parseCsv(csv);
  expect(rows[0][0]).toBe("文件");
  expect(rows[0].at(-1)).toBe("PerfCheck summary.csv v3");
  expect(rows.length - 1).toBe(j.files.length);
  for (const row of rows.slice(1)) expect(row[0]).not.toMatch(/^[=+\-@]/);

  // Run again: the output folder is not read back, and the earlier copies (ours) are replaced.
  const again = await runCli(["validate", "--format", "json", "--annotate", out, tree]);
  const j2 = JSON.parse(again.out) as JsonReport;
  expect(j2.files.map((f) => f.file)).toEqual(j.files.map((f) => f.file));
  expect(j2.files.filter((f) => f.copy).length).toBe(j.files.filter((f) => f.copy).length);
  expect(parseCsv((await fs.readFile(path.join(out, "summary.csv"), "utf8")).replace(/^\ufeff/, "")).length).toBe(rows.length);
});

test("a forged state makes no difference: validate reports the same as for the workbook without it", async () => {
  const dir = path.join(root, "forged");
  await fs.mkdir(dir);
  await fs.writeFile(path.join(dir, "plain.xlsx"), await gridWorkbook(bad.rows, bad.merges));
  await fs.writeFile(path.join(dir, "forged.xlsx"), await forged(2));
  const r = await runCli(["validate", "--format", "json", dir]);
  const [forgedFile, plain] = (JSON.parse(r.out) as JsonReport).files;
  expect(r.code).toBe(1);
  expect(forgedFile.findings.map((f) => f.rule)).toEqual(plain.findings.map((f) => f.rule));
  expect(forgedFile.findings.filter((f) => f.severity === "error").length).toBeGreaterThan(0);
});

test("an annotated copy whose state was edited is not cleared, and says why", async () => {
  const dir = path.join(root, "stale");
  await fs.mkdir(dir);
  await fs.writeFile(path.join(dir, "a.xlsx"), await gridWorkbook(bad.rows, bad.merges));
  expect((await runCli(["validate", "--annotate", path.join(dir, "ann"), path.join(dir, "a.xlsx")])).code).toBe(1);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, "ann", "a.xlsx"));
  const st = wb.getWorksheet("PerfCheck状态")!;
  st.getCell(2, 1).value = "其他表"; // a record retargeted: the signature no longer matches
  await wb.xlsx.writeFile(path.join(dir, "ann", "a.xlsx"));
  const r = await runCli(["clear", "--out", path.join(dir, "cleared"), path.join(dir, "ann", "a.xlsx")]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/签名不符/);
  await expect(fs.stat(path.join(dir, "cleared", "a.xlsx"))).rejects.toThrow();
});

describe("summary.csv", () => {
  test("a user's own summary.csv is never overwritten; two runs into one folder keep each other's lines", async () => {
    const dir = path.join(root, "two-runs");
    for (const d of ["财政局", "教育局"]) await fs.mkdir(path.join(dir, d), { recursive: true });
    await fs.writeFile(path.join(dir, "财政局", "财政.xlsx"), seedA);
    await fs.writeFile(path.join(dir, "教育局", "教育.xlsx"), seedB);
    const out = path.join(dir, "out");
    await fs.mkdir(out);
    await fs.writeFile(path.join(out, "summary.csv"), "我的,汇总\n1,2\n");
    // Two runs at the same time into one folder.
    const [a, b] = await Promise.all([
      runValidate({ format: "json", lang: "zh", files: [path.join(dir, "财政局")], annotate: out }, { out: () => undefined, err: () => undefined, progress: false }),
      runValidate({ format: "json", lang: "en", files: [path.join(dir, "教育局")], annotate: out }, { out: () => undefined, err: () => undefined, progress: false }),
    ]);
    expect([a, b]).toEqual([1, 1]);
    expect(await fs.readFile(path.join(out, "summary.csv"), "utf8")).toBe("我的,汇总\n1,2\n");
    const ours = parseCsv((await fs.readFile(path.join(out, "summary (2).csv"), "utf8")).replace(/^\ufeff/, ""));
    expect(ours.slice(1).map((r) => r[0]).sort()).toEqual([path.join(dir, "教育局", "教育.xlsx"), path.join(dir, "财政局", "财政.xlsx")].sort());
    // Unit, project, score and copy columns are filled.
    const fin = ours.find((r) => r[0] === path.join(dir, "财政局", "财政.xlsx"))!;
    expect(fin[3]).toContain("法律事务服务费用");
    expect(fin[12]).toBe(path.join(out, "财政.xlsx"));
    await expect(fs.stat(path.join(out, "summary (2).csv.lock"))).rejects.toThrow();
  });

  test("a later run never replaces another file's copy, even when their mirrored paths meet", async () => {
    const dir = path.join(root, "collide");
    for (const d of ["财政局", "教育局"]) await fs.mkdir(path.join(dir, d), { recursive: true });
    await fs.writeFile(path.join(dir, "财政局", "报表.xlsx"), seedA);
    await fs.writeFile(path.join(dir, "教育局", "报表.xlsx"), seedB);
    const out = path.join(dir, "out");
    expect((await runCli(["validate", "--annotate", out, path.join(dir, "财政局")])).code).toBe(1);
    const first = await sha(path.join(out, "报表.xlsx"));
    // Both folders map to out/报表.xlsx: the second run refuses, naming the file whose copy is there — by
    // its name only: the copy records no folder of the reviewer's (issue 27), and knows its input by a hash.
    const r = await runCli(["validate", "--annotate", out, path.join(dir, "教育局")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`已有另一个文件（报表.xlsx）的带标记副本`);
    expect(await sha(path.join(out, "报表.xlsx"))).toBe(first);
    // The same input again replaces its own earlier copy.
    expect((await runCli(["validate", "--annotate", out, path.join(dir, "财政局")])).code).toBe(1);
  });

  test("formula prefixes are neutralised in every text cell", async () => {
    const dir = path.join(root, "inject");
    await fs.mkdir(dir);
    for (const name of ["=1+2.xlsx", "+SUM(A1).xlsx", "-2.xlsx", "@cmd.xlsx"]) await fs.writeFile(path.join(dir, name), await gridWorkbook(clean.rows, clean.merges));
    await runCli(["validate", "--annotate", path.join(dir, "out"), dir]);
    const rows = parseCsv((await fs.readFile(path.join(dir, "out", "summary.csv"), "utf8")).replace(/^\ufeff/, "")).slice(1);
    expect(rows).toHaveLength(4);
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe("output failures are never silent", () => {
  test("an output folder that cannot be created: a message naming it, exit 2, nothing checked", async () => {
    const file = path.join(root, "a-file");
    await fs.writeFile(file, "x");
    const r = await runCli(["validate", "--annotate", path.join(file, "out"), path.join(tree, "财政局")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`无法创建输出文件夹 ${path.join(file, "out")}`);
    const en = await runCli(["validate", "--lang", "en", "--annotate", path.join(file, "out"), path.join(tree, "财政局")]);
    expect(en.err).toContain("cannot create the output folder");
  });

  // Permissions do not bind root, so these run the CLI as `nobody` when the tests run as root. `nobody`
  // may not reach the clone at all (cloned into /root or a 0700 mktemp folder), so the CLI is bundled, with
  // its packages, into a world-readable folder of its own and run from there — never from the clone.
  const asNobody = async (args: string[]) => {
    const bin = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-nobody-"));
    await fs.chmod(bin, 0o755);
    const cli = path.join(bin, "perfcheck.js");
    esbuild.buildSync({ entryPoints: [path.join(__dirname, "..", "src", "cli", "perfcheck.ts")], bundle: true, platform: "node", format: "cjs", outfile: cli, logLevel: "error" });
    await fs.chmod(cli, 0o644);
    try {
      const stdout = execFileSync("runuser", ["-u", "nobody", "--", process.execPath, cli, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], cwd: bin });
      return { code: 0, out: stdout, err: "" };
    } catch (e) {
      const x = e as { status: number; stdout: string; stderr: string };
      return { code: x.status, out: x.stdout, err: x.stderr };
    } finally {
      await fs.rm(bin, { recursive: true, force: true });
    }
  };
  const rootOnly = process.getuid?.() === 0 ? test : test.skip;

  // An unwritable output folder is refused before the work (issue 26, item 13: tests/cli.faults.test.ts).
  rootOnly("an unreadable subfolder is reported, exit 2", async () => {
    const dir = path.join(root, "perm");
    await fs.mkdir(path.join(dir, "in", "锁住"), { recursive: true });
    await fs.mkdir(path.join(dir, "out"));
    await fs.writeFile(path.join(dir, "in", "a.xlsx"), await gridWorkbook(clean.rows, clean.merges));
    await fs.writeFile(path.join(dir, "in", "锁住", "b.xlsx"), await gridWorkbook(clean.rows, clean.merges));
    await fs.chmod(root, 0o755);
    await fs.chmod(dir, 0o755);
    await fs.chmod(path.join(dir, "in"), 0o755);
    await fs.chmod(path.join(dir, "in", "a.xlsx"), 0o644);
    await fs.chmod(path.join(dir, "in", "锁住"), 0o000);
    await fs.chmod(path.join(dir, "out"), 0o777);
    const r = await asNobody(["validate", "--summary", "--annotate", path.join(dir, "out"), path.join(dir, "in")]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/无法读取\t.*锁住\t无法读取文件夹/);
    await fs.chmod(path.join(dir, "in", "锁住"), 0o755);
    await fs.chmod(path.join(dir, "out"), 0o755);
  });
});

describe("terminal safety and scale options", () => {
  test("control characters and bidi overrides never reach the terminal; JSON keeps them escaped", async () => {
    const dir = path.join(root, "ctl");
    await fs.mkdir(dir);
    const evil = "培训\u001b]0;owned\u0007\u001b[2J\u009b31m\u202e项目";
    const t = projectTable({ name: evil, total: 50, expenses: [["评审", 0, 59]] });
    await fs.writeFile(path.join(dir, "a\u202e.xlsx"), await gridWorkbook(t.rows, t.merges));
    for (const args of [["--summary"], [], ["--lang", "en"]]) {
      const r = await runCli(["validate", ...args, dir]);
      expect(r.out + r.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    const j = await runCli(["validate", "--format", "json", dir]);
    expect(j.out).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
    expect((JSON.parse(j.out) as JsonReport).files[0].file).toBe(path.join(dir, "a\u202e.xlsx"));
  });

  test("--summary: one line per file; --quiet: the totals line; --severity and --fail-on", async () => {
    const dir = path.join(root, "opts");
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, "a.xlsx"), await gridWorkbook(bad.rows, bad.merges));
    await fs.writeFile(path.join(dir, "b.xlsx"), await gridWorkbook([["无表"]], []));
    const s = await runCli(["validate", "--summary", dir]);
    const lines = s.out.trim().split("\n");
    expect(lines[0]).toMatch(/^配置：national/);
    // The output names the profile (first line) and the forms the tables were read as (before the totals).
    expect(lines[lines.length - 2]).toMatch(/^所用表式：项目支出绩效目标表/);
    expect(lines.filter((l) => /\t/.test(l)).map((l) => l.split("\t")[0])).toEqual(["已检查", "未识别到绩效表"]);
    const q = await runCli(["validate", "--quiet", dir]);
    expect(q.out.trim().split("\n")).toHaveLength(1);
    expect(q.out).toMatch(/^汇总：2 个文件（0 个无法读取），1 个未识别到绩效表/);
    const sev = await runCli(["validate", "--severity", "error", path.join(dir, "a.xlsx")]);
    expect(sev.out).toMatch(/错误 /);
    expect(sev.out).not.toMatch(/^\s+(警告|提示) /m);
    // A workbook with no table is a warning: it passes with --fail-on error, fails with --fail-on warning.
    expect((await runCli(["validate", path.join(dir, "b.xlsx")])).code).toBe(0);
    expect((await runCli(["validate", "--fail-on", "warning", path.join(dir, "b.xlsx")])).code).toBe(1);
  });

  test("usage errors follow --lang", async () => {
    const zh = await runCli(["validate", "--format", "xml", path.join(tree, "财政局")]);
    expect(zh.code).toBe(2);
    expect(zh.err).toMatch(/选项 --format <format> 的取值“xml”无效：只能是 text \| json/);
    const en = await runCli(["validate", "--lang", "en", "--format", "xml", path.join(tree, "财政局")]);
    expect(en.err).toMatch(/argument 'xml' is invalid: must be text \| json/);
    expect((await runCli(["validate", "--bogus", "x"])).err).toMatch(/未知选项 --bogus/);
  });

  test("progress: one line updated in place on a terminal, cleared before every report line", async () => {
    const events: [string, string][] = [];
    const code = await runValidate(
      { format: "text", lang: "zh", files: [path.join(tree, "财政局"), path.join(tree, "教育局", "报表.xlsx"), path.join(tree, "=1+2.xlsx")], summary: true },
      { out: (s) => void events.push(["out", s]), err: (s) => void events.push(["err", s]), progress: true, tty: true },
    );
    expect(code).toBe(1);
    const progress = events.filter(([k, s]) => k === "err" && /\[\d\/3\]/.test(s));
    expect(progress.map(([, s]) => s.match(/\[(\d)\/3\]/)![1])).toEqual(["0", "1", "2"]);
    for (const [, s] of progress) expect(s.startsWith("\r\x1b[K") && !s.includes("\n")).toBe(true);
    // Whenever the report writes, the progress line has just been taken away.
    let lineShown = false;
    for (const [k, s] of events) {
      if (k === "err") lineShown = /\[\d\/3\]/.test(s);
      else expect(lineShown).toBe(false);
    }
    // Not a terminal: no progress at all.
    const plain: string[] = [];
    await runValidate({ format: "text", lang: "zh", files: [path.join(tree, "财政局"), path.join(tree, "=1+2.xlsx")] }, { out: () => undefined, err: (s) => void plain.push(s), progress: true, tty: false });
    expect(plain.join("")).not.toMatch(/\[\d\/2\]/);
  });
});
