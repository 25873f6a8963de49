/**
 * Issue 26, item 10: summary.csv as a reviewer opens it in Excel — the header is row 1 (the format is
 * named in its last column, v2 files still recognised and appended to), 说明 in the run's language,
 * 检查时间 in local time with its offset — and an unreadable file's message said once.
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { csvLine, parseCsv } from "../src/cli/summaryCsv";
import { runValidate } from "../src/cli/validateCommand";

const SAMPLE = path.join(__dirname, "..", "fixtures", "corpus", "wave2", "hubei-ezhou-2022-project.xlsx");
let root: string;
let n = 0;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-summary-"));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** in/a.xlsx (a real table) and in/broken.xlsx (a truncated zip). */
async function caseDir(): Promise<{ dir: string; inDir: string; out: string }> {
  const dir = path.join(root, `c${++n}`);
  const inDir = path.join(dir, "in");
  await fs.mkdir(inDir, { recursive: true });
  const bytes = await fs.readFile(SAMPLE);
  await fs.writeFile(path.join(inDir, "a.xlsx"), bytes);
  await fs.writeFile(path.join(inDir, "broken.xlsx"), bytes.subarray(0, 300));
  return { dir, inDir, out: path.join(dir, "out") };
}

async function validate(args: Partial<Parameters<typeof runValidate>[0]> & { files: string[] }) {
  let out = "";
  let err = "";
  const code = await runValidate({ format: "text", lang: "zh", ...args }, { out: (s) => void (out += s), err: (s) => void (err += s), progress: false });
  return { code, out, err };
}

const readCsv = async (file: string) => parseCsv((await fs.readFile(file, "utf8")).replace(/^\ufeff/, ""));

test("the header is the first line (row 1 in Excel); the format is named in its last column", async () => {
  const { inDir, out } = await caseDir();
  await validate({ files: [inDir], annotate: out });
  const text = await fs.readFile(path.join(out, "summary.csv"), "utf8");
  expect(text.startsWith('\ufeff"文件","状态"')).toBe(true);
  const rows = await readCsv(path.join(out, "summary.csv"));
  expect(rows[0].at(-1)).toBe("PerfCheck summary.csv v3");
  expect(rows.slice(1).map((r) => path.basename(r[0]))).toEqual(["a.xlsx", "broken.xlsx"]);
  for (const r of rows) expect(r).toHaveLength(rows[0].length);
  // A second run into the folder merges into it (recognised by its header), one line per file still.
  await validate({ files: [inDir], annotate: out });
  expect(await readCsv(path.join(out, "summary.csv"))).toHaveLength(3);
  await expect(fs.stat(path.join(out, "summary (2).csv"))).rejects.toThrow();
});

test("a v2 summary.csv (marker line above the header) is still ours: its lines kept, the file rewritten as v3", async () => {
  const { inDir, out } = await caseDir();
  await fs.mkdir(out);
  const v2Header = ["文件", "状态", "单位", "项目", "表格数", "得分", "等级", "错误", "警告", "提示", "说明", "带标记副本", "检查时间"];
  const earlier = ["/elsewhere/教育局.xlsx", "已检查", "教育局", "校舍维修", "1", "", "", "0", "1", "0", "", "", "2026-11-30T08:00:00.000Z"];
  await fs.writeFile(path.join(out, "summary.csv"), "\ufeff# PerfCheck summary.csv v2\r\n" + csvLine(v2Header) + csvLine(earlier));
  await validate({ files: [inDir], annotate: out });
  await expect(fs.stat(path.join(out, "summary (2).csv"))).rejects.toThrow();
  const rows = await readCsv(path.join(out, "summary.csv"));
  expect(rows[0].at(-1)).toBe("PerfCheck summary.csv v3");
  // A v2 line gets the 已忽略 column (empty) where it now stands, and the format column.
  expect(rows.find((r) => r[0] === earlier[0])).toEqual([...earlier.slice(0, 10), "", ...earlier.slice(10), ""]);
  expect(rows).toHaveLength(4);
});

test("a user's CSV that only looks similar is never taken for ours", async () => {
  const { inDir, out } = await caseDir();
  await fs.mkdir(out);
  const mine = '"文件","状态","单位"\r\n"x","y","z"\r\n';
  await fs.writeFile(path.join(out, "summary.csv"), mine);
  await validate({ files: [inDir], annotate: out });
  expect(await fs.readFile(path.join(out, "summary.csv"), "utf8")).toBe(mine);
  expect((await readCsv(path.join(out, "summary (2).csv")))[0].at(-1)).toBe("PerfCheck summary.csv v3");
});

test("说明 follows --lang: Chinese only under zh, English only under en", async () => {
  const { inDir, dir } = await caseDir();
  await validate({ files: [inDir], annotate: path.join(dir, "zh") });
  await validate({ files: [inDir], annotate: path.join(dir, "en"), lang: "en" });
  const zh = (await readCsv(path.join(dir, "zh", "summary.csv"))).find((r) => r[0].endsWith("broken.xlsx"))!;
  const en = (await readCsv(path.join(dir, "en", "summary.csv"))).find((r) => r[0].endsWith("broken.xlsx"))!;
  expect(zh[11]).toMatch(/损坏|不完整/);
  expect(zh[11]).not.toMatch(/ \/ |damaged|truncated/);
  expect(en[11]).toMatch(/damaged|truncated/);
  expect(en[11]).not.toMatch(/[\u4e00-\u9fff]/);
});

// Jest's process.env is a copy (TZ set there never reaches the clock): the CLI runs in its own process, from
// its source through tsx, so the test needs no build (CI runs it on a fresh clone).
test.each([
  ["Asia/Shanghai", "+08:00"],
  ["America/New_York", "-05:00"],
])("检查时间 is local time with its offset (TZ=%s)", async (tz, offset) => {
  const { inDir, out } = await caseDir();
  const before = Date.now();
  spawnSync(process.execPath, [require.resolve("tsx/cli"), path.join(__dirname, "..", "src", "cli", "perfcheck.ts"), "validate", "--summary", "--annotate", out, inDir], { env: { ...process.env, TZ: tz }, encoding: "utf8" });
  const at = (await readCsv(path.join(out, "summary.csv")))[1][13];
  expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  expect(at.endsWith(offset)).toBe(true);
  // The same instant as the clock around the run (Date reads the offset back exactly).
  expect(Math.abs(new Date(at).getTime() - before)).toBeLessThan(120_000);
  const utcHour = new Date(at).getUTCHours();
  expect((Number(at.slice(11, 13)) - utcHour - Number(offset.slice(0, 3)) + 48) % 24).toBe(0);
});

test("an unreadable file's message is said once: on stdout in text reports, on stderr with JSON or --quiet", async () => {
  const { inDir } = await caseDir();
  const count = (s: string) => s.split("文件已损坏或不完整").length - 1;
  for (const extra of [{}, { summary: true }]) {
    const r = await validate({ files: [inDir], ...extra });
    expect(count(r.out) + count(r.err)).toBe(1);
    expect(count(r.out)).toBe(1);
  }
  const q = await validate({ files: [inDir], quiet: true });
  expect(count(q.out) + count(q.err)).toBe(1);
  expect(count(q.err)).toBe(1);
  const j = await validate({ files: [inDir], format: "json" });
  expect(count(j.err)).toBe(1);
  expect(JSON.parse(j.out).files.find((f: { file: string }) => f.file.endsWith("broken.xlsx")).status).toBe("unreadable");
});
