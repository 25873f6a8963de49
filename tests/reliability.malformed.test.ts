/**
 * Hostile workbooks through the CLI (issue 7): every bad file gets a message naming the file and what
 * is wrong with it, the run goes on with the others, and exit codes are 0 clean / 1 errors / 2 unreadable.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeMalformedCorpus, type MalformedFile, type MalformedKind } from "../scripts/fixtures/malformed";
import { runValidate } from "../src/cli/validateCommand";

let dir: string;
let corpus: MalformedFile[];

async function validate(files: string[], format: "json" | "text" = "json") {
  let out = "";
  let err = "";
  const code = await runValidate({ format, lang: "zh", files }, { out: (s) => void (out += s), err: (s) => void (err += s), progress: false });
  return { code, out, err };
}

const byKind = (k: MalformedKind) => corpus.find((c) => c.kind === k)!;

/** What the message must say for each unreadable kind (Chinese first, English after the slash). */
const EXPECTED: Partial<Record<MalformedKind, RegExp>> = {
  "truncated-zip": /损坏或不完整.*damaged or truncated/,
  "password-protected": /密码保护.*password-protected/,
  "legacy-xls": /旧版 \.xls.*legacy \.xls/,
  "empty-file": /文件为空.*empty/,
  "not-a-zip": /不是 \.xlsx.*not a zip/,
  "zip-not-xlsx": /不是 Excel 工作簿.*not an Excel workbook/,
  "no-sheets": /没有任何工作表.*no worksheets/,
};

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-malformed-"));
  corpus = await writeMalformedCorpus(dir);
}, 60_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("a folder of hostile workbooks: each bad one is named with its problem, the others are still validated", async () => {
  const r = await validate([dir]);
  expect(r.code).toBe(2);
  const report = JSON.parse(r.out) as { files: { file: string; error?: string; tables: { sheet: string; kind: string }[]; findings: { rule: string; sheet: string }[] }[] };
  expect(report.files.map((f) => f.file).sort()).toEqual(corpus.map((c) => c.file).sort());
  const of = (k: MalformedKind) => report.files.find((f) => f.file === byKind(k).file)!;

  for (const c of corpus) {
    const f = of(c.kind);
    if (c.unreadable) {
      expect(f.error).toMatch(EXPECTED[c.kind]!);
      // stderr names the file next to the problem.
      const line = r.err.split("\n").find((l) => l.includes(c.file));
      // In the run's language (zh by default); the JSON keeps both halves.
      expect(line).toContain(f.error!.split(" / ")[0]);
      expect(line).not.toContain(" / ");
    } else {
      expect({ kind: c.kind, error: f.error }).toEqual({ kind: c.kind, error: undefined });
    }
  }
  expect(of("good").tables).toHaveLength(1);
  expect(of("images").tables).toHaveLength(1);
  expect(of("million-rows").tables).toHaveLength(1);
  expect(of("empty-sheet").tables).toHaveLength(0);
  // Hidden and very hidden sheets are validated too: a reviewer must not miss a table someone hid.
  expect(of("hidden-sheets").tables.map((t) => t.sheet)).toEqual(["可见", "隐藏", "深度隐藏"]);
  // The upper half says where the table breaks off, and the orphaned indicator block on the other sheet says so too.
  expect(of("split-table").findings.filter((x) => x.rule === "layout/split-table").map((x) => x.sheet)).toEqual(["上半部分", "指标"]);
});

test("the text report names every unreadable file and counts it in the summary", async () => {
  const r = await validate([dir], "text");
  expect(r.code).toBe(2);
  const unreadable = corpus.filter((c) => c.unreadable);
  for (const c of unreadable) expect(r.out).toContain(`${c.file}\n  无法读取: `);
  expect(r.out).toMatch(new RegExp(`汇总：${corpus.length} 个文件（${unreadable.length} 个无法读取）`));
});

test("exit codes: readable files only → 0 or 1 by errors found; an empty sheet alone → 0; one unreadable file → 2", async () => {
  const readable = corpus.filter((c) => !c.unreadable).map((c) => c.file);
  const r = await validate(readable);
  const errors = (JSON.parse(r.out).files as { findings: { severity: string }[] }[]).flatMap((f) => f.findings).filter((f) => f.severity === "error").length;
  expect(r.code).toBe(errors > 0 ? 1 : 0);
  expect((await validate([byKind("empty-sheet").file])).code).toBe(0);
  for (const c of corpus.filter((x) => x.unreadable)) expect({ kind: c.kind, code: (await validate([c.file])).code }).toEqual({ kind: c.kind, code: 2 });
});

test("a missing path is reported and the run goes on", async () => {
  const missing = path.join(dir, "不存在.xlsx");
  const r = await validate([missing, byKind("good").file]);
  expect(r.code).toBe(2);
  const files = JSON.parse(r.out).files as { file: string; error?: string; tables: unknown[] }[];
  expect(files[0]).toMatchObject({ file: missing, error: expect.stringMatching(/不存在.*no such file/) });
  expect(files[1].tables).toHaveLength(1);
});
