/**
 * Issue 16: no run may overwrite an input. Every output path is planned before anything is written and
 * checked against every input and every other output — by path, through symlinks and by file identity
 * (hard links). Each test hashes every input before and after.
 */
import ExcelJS from "exceljs";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSeed000Workbook, buildSeed002Workbook } from "../scripts/fixtures/seedWorkbook";
import { planOutputs } from "../src/cli/outputPlan";
import { runCli } from "./helpers/cli";

let root: string;
let seedA: Buffer;
let seedB: Buffer;
let n = 0;

const sha = async (f: string) => createHash("sha256").update(await fs.readFile(f)).digest("hex");

/** Hash of every file under dir (following nothing: links are reported as links). */
async function tree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) out.set(p, `link→${await fs.readlink(p)}`);
    else if (e.isDirectory()) for (const [k, v] of await tree(p)) out.set(k, v);
    else out.set(p, await sha(p));
  }
  return out;
}

/** A fresh case folder with in/report.xlsx (seed 000) and in/sub/report.xlsx (seed 002). */
async function reviewerFolder(): Promise<{ dir: string; inDir: string; top: string; sub: string }> {
  const dir = path.join(root, `case${++n}`);
  const inDir = path.join(dir, "in");
  await fs.mkdir(path.join(inDir, "sub"), { recursive: true });
  const top = path.join(inDir, "report.xlsx");
  const sub = path.join(inDir, "sub", "report.xlsx");
  await fs.writeFile(top, seedA);
  await fs.writeFile(sub, seedB);
  return { dir, inDir, top, sub };
}

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-outputs-"));
  seedA = await buildSeed000Workbook();
  seedB = await buildSeed002Workbook();
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

test("validate --annotate in in: every copy is refused, naming the paths, and no input changes", async () => {
  const { inDir, top, sub } = await reviewerFolder();
  const before = await tree(inDir);
  const r = await runCli(["validate", "--annotate", inDir, inDir]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(top);
  expect(r.err).toContain(sub);
  expect(r.err).toMatch(/覆盖输入文件/);
  const after = await tree(inDir);
  for (const [file, hash] of before) expect(after.get(file)).toBe(hash);
  // The whole run is refused (issue 26, item 13): nothing added among the inputs, not even a summary.csv.
  expect([...after.keys()].filter((f) => !before.has(f))).toEqual([]);
});

test("copies mirror the input tree: files of the same name in different folders get one copy each", async () => {
  const { dir, inDir, top, sub } = await reviewerFolder();
  const hashes = [await sha(top), await sha(sub)];
  const out = path.join(dir, "out");
  const r = await runCli(["validate", "--annotate", out, inDir]);
  expect(r.code).toBe(1); // the seeds carry real errors
  expect(await sheetNames(path.join(out, "report.xlsx"))).toContain("数据局项目1");
  expect(await sheetNames(path.join(out, "sub", "report.xlsx"))).toContain("部门整体");
  expect([await sha(top), await sha(sub)]).toEqual(hashes);
});

test("two folders given on the command line with the same file name do not collide", async () => {
  const dir = path.join(root, `case${++n}`);
  for (const d of ["财政局", "教育局"]) await fs.mkdir(path.join(dir, d), { recursive: true });
  await fs.writeFile(path.join(dir, "财政局", "报表.xlsx"), seedA);
  await fs.writeFile(path.join(dir, "教育局", "报表.xlsx"), seedB);
  const out = path.join(dir, "out");
  const r = await runCli(["validate", "--annotate", out, path.join(dir, "财政局"), path.join(dir, "教育局", "报表.xlsx")]);
  expect(r.code).toBe(1);
  expect(await sheetNames(path.join(out, "财政局", "报表.xlsx"))).toContain("数据局项目1");
  expect(await sheetNames(path.join(out, "教育局", "报表.xlsx"))).toContain("部门整体");
});

test.each([
  ["symlink", (target: string, link: string) => fs.symlink(target, link)],
  ["hard link", (target: string, link: string) => fs.link(target, link)],
])("an output path that is a %s to another input is refused; nothing is written for it", async (_kind, makeLink) => {
  const { dir, inDir, top, sub } = await reviewerFolder();
  const out = path.join(dir, "out");
  await fs.mkdir(path.join(out, "sub"), { recursive: true });
  // The copy of in/report.xlsx would land on out/report.xlsx — which is really in/sub/report.xlsx.
  await makeLink(sub, path.join(out, "report.xlsx"));
  const before = await tree(inDir);
  const r = await runCli(["validate", "--annotate", out, inDir]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(path.join(out, "report.xlsx"));
  expect(r.err).toContain(sub);
  const after = await tree(inDir);
  for (const [file, hash] of before) expect(after.get(file)).toBe(hash);
  expect(await sha(path.join(out, "report.xlsx"))).toBe(await sha(sub));
  // The other file's copy is still written.
  expect(await sheetNames(path.join(out, "sub", "report.xlsx"))).toContain("部门整体");
  expect(await sha(top)).toBe(before.get(top));
});

test("an output folder that is a symlink to the input folder is refused for every file", async () => {
  const { dir, inDir } = await reviewerFolder();
  const link = path.join(dir, "outlink");
  await fs.symlink(inDir, link);
  const before = await tree(inDir);
  const r = await runCli(["validate", "--annotate", link, inDir]);
  expect(r.code).toBe(2);
  const after = await tree(inDir);
  for (const [file, hash] of before) expect(after.get(file)).toBe(hash);
});

test("an output folder inside the input folder is not read back as input on the next run", async () => {
  const { inDir } = await reviewerFolder();
  const out = path.join(inDir, "校验副本");
  for (let i = 0; i < 2; i++) {
    const r = await runCli(["validate", "--format", "json", "--annotate", out, inDir]);
    const files = (JSON.parse(r.out) as { files: { file: string }[] }).files.map((f) => f.file);
    expect(files).toEqual([path.join(inDir, "report.xlsx"), path.join(inDir, "sub", "report.xlsx")]);
  }
});

describe("clear --out", () => {
  /** Annotated copies of the reviewer folder in <dir>/ann, mirrored. */
  async function annotated() {
    const c = await reviewerFolder();
    const ann = path.join(c.dir, "ann");
    expect((await runCli(["validate", "--annotate", ann, c.inDir])).code).toBe(1);
    return { ...c, ann, annTop: path.join(ann, "report.xlsx"), annSub: path.join(ann, "sub", "report.xlsx") };
  }

  test("clear --out ann ann refuses every file and changes nothing", async () => {
    const { ann, annTop, annSub } = await annotated();
    const before = await tree(ann);
    const r = await runCli(["clear", "--out", ann, ann]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(annTop);
    expect(r.err).toContain(annSub);
    expect(await tree(ann)).toEqual(before);
  });

  test.each([
    ["symlink", (target: string, link: string) => fs.symlink(target, link)],
    ["hard link", (target: string, link: string) => fs.link(target, link)],
  ])("an output that is a %s to another input is refused", async (_kind, makeLink) => {
    const { dir, ann, annSub } = await annotated();
    const out = path.join(dir, "cleared");
    await fs.mkdir(out, { recursive: true });
    await makeLink(annSub, path.join(out, "report.xlsx"));
    const before = await tree(ann);
    const r = await runCli(["clear", "--out", out, ann]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(annSub);
    expect(await tree(ann)).toEqual(before);
    // The refused file's neighbour is cleared to its mirrored place.
    expect(await sheetNames(path.join(out, "sub", "report.xlsx"))).not.toContain("校验结果");
  });
});

test("the plan refuses the same input named twice and a summary that would land on an input", async () => {
  const { dir, top } = await reviewerFolder();
  const plan = await planOutputs([top, path.join(path.dirname(top), ".", "report.xlsx")], path.join(dir, "o"));
  expect(plan.files[0].output).toBe(path.join(dir, "o", "report.xlsx"));
  expect(plan.files[1].refused).toContain(top);
  const summary = await planOutputs([top], path.dirname(top), ["report.xlsx"]);
  expect(summary.extras[0].refused).toMatch(/覆盖输入文件/);
});
