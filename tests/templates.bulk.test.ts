/**
 * `perfcheck template --profile P --departments LIST.csv --out DIR` (issue 24): one workbook per
 * department with its name and code filled in and the template's identity, never overwriting, each one
 * opening in LibreOffice. Speed (50 departments under 10 s) is measured by `npm run bench`, not here.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { registerTemplateCommand, writeTemplate } from "../src/cli/commands/template";
import { parseCsv, readDepartments } from "../src/cli/commands/departments";
import { readXlsx } from "../src/cli/xlsx";
import { profileFromJson } from "../src/core/profileCheck";
import { readIdentities } from "../src/core/templates/identity";
import { validateWorkbook } from "../src/core/validate";
import { libreConvertAll, tempDir } from "./helpers/templates";

const tmp = tempDir("perfcheck-bulk-");
afterAll(() => tmp.cleanup());

const PROFILE_JSON = JSON.stringify({
  extends: "national",
  id: "demo-2027",
  name: { zh: "示范市财政局2027年度模板", en: "Demo city bureau 2027" },
  distribution: { issuer: "示范市财政局", region: "示范市", year: 2027, version: "2027.1" },
});
const profileFile = path.join(tmp.dir, "demo-2027.json");
writeFileSync(profileFile, PROFILE_JSON);
const PROFILE = profileFromJson(PROFILE_JSON, profileFile);

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

const NAMES = Array.from({ length: 50 }, (_, i) => (i === 7 ? "示范市教育局（本级），机关" : `示范市第${i + 1}局`));
const csv = path.join(tmp.dir, "单位清单.csv");
writeFileSync(csv, "\ufeff单位编码,单位名称\r\n" + NAMES.map((n, i) => `${300100 + i},${n.includes(",") || n.includes("，") ? `"${n}"` : n}`).join("\r\n") + "\r\n");
const outDir = path.join(tmp.dir, "分发");

let first: { out: string; err: string; code: number };
beforeAll(async () => {
  first = await run(["template", "--profile", profileFile, "--departments", csv, "--out", outDir]);
}, 120_000);

test("one workbook per department, named by code and name, each with the identity and the department filled in", () => {
  expect(first).toMatchObject({ code: 0, err: "" });
  expect(first.out).toContain("已生成 50 份模板");
  const files = readdirSync(outDir).sort();
  expect(files).toHaveLength(50);
  expect(files).toContain("300107-示范市教育局（本级），机关.xlsx");
  for (const [i, name] of NAMES.entries()) {
    const snap = readXlsx(new Uint8Array(readFileSync(path.join(outDir, `${300100 + i}-${name}.xlsx`)))).snapshot;
    const { identities } = readIdentities(snap.properties);
    expect(identities.map((x) => [x.kind, x.profile, x.version])).toEqual([
      ["project", "demo-2027", "2027.1"],
      ["department", "demo-2027", "2027.1"],
      ["self-evaluation", "demo-2027", "2027.1"],
    ]);
    const dept = snap.sheets.find((s) => s.name === "部门整体绩效目标表")!;
    const texts = dept.values.flat().filter((v) => typeof v === "string");
    expect(texts).toContain(`填报单位：${name}（编码 ${300100 + i}）`);
    expect(texts).toContain(name); // 单位名称
    expect(texts).not.toContain(expect.stringContaining("\ue000"));
  }
});

test("a stamped copy holds exactly what rendering that department's workbook directly gives", async () => {
  const direct = path.join(tmp.dir, "direct.xlsx");
  // The same department rendered on its own (no stand-ins): values, formulas, merges and identity agree.
  await writeTemplate({ profile: profileFile, out: direct });
  const a = readXlsx(new Uint8Array(readFileSync(direct))).snapshot;
  const b = readXlsx(new Uint8Array(readFileSync(path.join(outDir, `300100-${NAMES[0]}.xlsx`)))).snapshot;
  expect(b.properties).toEqual(a.properties);
  expect(b.sheets.map((s) => s.name)).toEqual(a.sheets.map((s) => s.name));
  b.sheets.forEach((s, k) => {
    expect(s.merges).toEqual(a.sheets[k].merges);
    expect(s.formulas).toEqual(a.sheets[k].formulas);
    // Only the department's own cells differ (empty in the direct one, which names no department).
    const diff: string[] = [];
    s.values.forEach((row, r) => row.forEach((v, c) => v !== (a.sheets[k].values[r]?.[c] ?? null) && diff.push(String(v))));
    expect(new Set(diff)).toEqual(new Set([`填报单位：${NAMES[0]}（编码 300100）`, NAMES[0]]));
  });
});

test("every copy validates with the profile: no template finding, version named", () => {
  for (const f of readdirSync(outDir).slice(0, 5)) {
    const r = validateWorkbook(readXlsx(new Uint8Array(readFileSync(path.join(outDir, f)))).snapshot, { profile: PROFILE });
    expect(r.tables.map((t) => t.template?.version)).toEqual(["2027.1", "2027.1", "2027.1"]);
    expect(r.findings.filter((x) => x.rule.startsWith("template/"))).toEqual([]);
  }
});

test("a second run overwrites nothing: every file is left as it was and listed, exit code 2", async () => {
  const read = () => readdirSync(outDir).sort().map((n) => [n, readFileSync(path.join(outDir, n)).toString("base64"), statSync(path.join(outDir, n)).mtimeMs]);
  const before = read();
  const again = await run(["template", "--profile", profileFile, "--departments", csv, "--out", outDir]);
  expect(again.code).toBe(2);
  expect(again.out).toContain("已生成 0 份模板");
  expect(again.err.match(/已存在，未覆盖/g)).toHaveLength(50);
  expect(read()).toEqual(before);
  expect(readdirSync(outDir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
});

test("usage errors: no profile, a profile without distribution, --force, a bad list", async () => {
  const noProfile = await run(["template", "--departments", csv, "--out", path.join(tmp.dir, "x")]);
  expect(noProfile.code).toBe(2);
  expect(noProfile.err).toMatch(/--departments 需要 --profile/);
  const national = await run(["template", "--profile", "national", "--departments", csv, "--out", path.join(tmp.dir, "x")]);
  expect(national.err).toMatch(/没有 distribution/);
  const force = await run(["template", "--profile", profileFile, "--departments", csv, "--out", path.join(tmp.dir, "x"), "--force"]);
  expect(force.err).toMatch(/永不覆盖/);
  const bad = path.join(tmp.dir, "bad.csv");
  writeFileSync(bad, "单位名称,单位编码\n教育局,1\n,2\n");
  const r = await run(["template", "--profile", profileFile, "--departments", bad, "--out", path.join(tmp.dir, "x")]);
  expect(r.code).toBe(2);
  expect(r.err).toContain("第 3 行没有单位名称");
  const wrong = path.join(tmp.dir, "wrong.json");
  writeFileSync(wrong, JSON.stringify({ id: "w", distribution: { issuer: "某局", year: 2027, version: "1", colour: "red" } }));
  const w = await run(["template", "--profile", wrong, "--out", path.join(tmp.dir, "w.xlsx")]);
  expect(w.code).toBe(2);
  expect(w.err).toContain(wrong);
  expect(w.err).toContain("distribution");
});

test("the list reader: quoted fields, header in either order, GB18030, no header", async () => {
  expect(parseCsv('a,"b,""c"""\r\n\r\nd,e')).toEqual([["a", 'b,"c"'], ["d", "e"]]);
  const gb = path.join(tmp.dir, "gb.csv");
  // 单位名称,单位编码 / 教育局,1 in GB18030, as Excel saves plain "CSV" on a Chinese system.
  writeFileSync(gb, Buffer.from("b5a5cebbc3fbb3c62cb5a5cebbb1e0c2eb0d0abdccd3fdbed62c310d0a", "hex"));
  expect(await readDepartments(gb)).toEqual([{ name: "教育局", code: "1" }]);
  const plain = path.join(tmp.dir, "plain.csv");
  writeFileSync(plain, "教育局,101\n卫健委\n");
  expect(await readDepartments(plain)).toEqual([{ name: "教育局", code: "101" }, { name: "卫健委", code: undefined }]);
});

test("each of the 50 workbooks opens in LibreOffice (converted and read back)", async () => {
  const files = readdirSync(outDir).map((n) => path.join(outDir, n));
  mkdirSync(path.join(tmp.dir, "lo"));
  const out = await libreConvertAll(files, path.join(tmp.dir, "lo"), "xlsx");
  expect(out).toHaveLength(50);
  for (const f of out) {
    const snap = readXlsx(new Uint8Array(readFileSync(f))).snapshot;
    expect(snap.sheets.map((s) => s.name).slice(0, 3)).toEqual(["项目绩效目标表", "部门整体绩效目标表", "项目支出绩效自评表"]);
    expect(readIdentities(snap.properties).identities).toHaveLength(3);
  }
}, 600_000);
