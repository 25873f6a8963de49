/** Issue 14, profiles that say no: every mistake in a profile file is refused, naming the field and the file. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "./helpers/cli";

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-profile-"));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function show(profile: unknown, lang: "zh" | "en" = "zh") {
  const file = path.join(dir, `p${Math.random().toString(36).slice(2)}.json`);
  await fs.writeFile(file, JSON.stringify(profile));
  return { file, ...(await runCli(["profile", "show", "--lang", lang, file])) };
}

test.each([
  [{ satisfacton: { minPercent: 85 } }, /satisfacton: 未知字段/],
  [{ satisfaction: { minPercent: 85, maxPercent: 100 } }, /satisfaction\.maxPercent: 未知字段/],
  [{ amountTolerance: "0.1" }, /amountTolerance: 应为 number，实为 string/],
  [{ scoring: { weights: { execution: 20 } } }, /scoring\.weights: 权重合计 110，应为 100/],
  [{ scoring: { qualitativeBands: [{ min: 70, max: 100 }, { min: 50, max: 80 }, { min: 0, max: 50 }] } }, /scoring\.qualitativeBands: 区间 70–100 与 50–80 重叠/],
  [{ scoring: { grades: [{ grade: "优", min: 80 }, { grade: "良", min: 90 }] } }, /scoring\.grades: 等级下限应从高到低/],
  [{ requiredGroups: "产出" }, /requiredGroups: 应为数组/],
])("refused: %j", async (profile, expected) => {
  const r = await show(profile);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(expected);
  expect(r.err).toContain(r.file);
  expect(r.out).toBe("");
});

test("the refusal follows --lang and validate refuses the same file before reading any workbook", async () => {
  const r = await show({ satisfacton: {} }, "en");
  expect(r.err).toMatch(/satisfacton: unknown key/);
  expect(r.err).not.toMatch(/未知字段/);
  const v = await runCli(["validate", "--profile", r.file, path.join(dir, "nothing-here")]);
  expect(v.code).toBe(2);
  expect(v.err).toMatch(/satisfacton: 未知字段/);
  expect(v.out).toBe("");
});

test("profile show prints the effective profile: a built-in, or a file merged over its base", async () => {
  const hubei = await runCli(["profile", "show", "hubei"]);
  expect(hubei.code).toBe(0);
  expect(JSON.parse(hubei.out).scoring.weights).toEqual({ execution: 20, output: 40, benefit: 30, satisfaction: 10 });
  const r = await show({ extends: "hubei", id: "suzhou", satisfaction: { minPercent: 85 } });
  expect(r.code).toBe(0);
  const p = JSON.parse(r.out);
  expect(p).toMatchObject({ id: "suzhou", satisfaction: { minPercent: 85 }, scoring: { weights: { execution: 20 } } });
  expect((await runCli(["profile", "show", "nowhere"])).err).toMatch(/未知的配置“nowhere”/);
});
