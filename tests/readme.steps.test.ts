/**
 * The README's steps, tried as written (issue 26): `perfcheck` reached after a fresh build (npx inside the
 * clone, `npm install -g .`), and the `--forms` example run on the workbook `npm run fixtures` writes, with
 * the findings the README prints. `npm run fixtures` also writes the evaluation report (seed 003).
 * Needs `npm run build:cli` first, as every test that runs the built CLI.
 */
import { execFileSync } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFixtures } from "../scripts/build-fixtures";
import { runCli } from "./helpers/cli";

const ROOT = path.join(__dirname, "..");
const README = path.join(ROOT, "README.md");
let tmp: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-readme-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** The fenced block of README.md that starts with the command line `$ <command>`, as [command, output lines]. */
async function example(command: RegExp): Promise<[string, string[]]> {
  const md = await fs.readFile(README, "utf8");
  for (const block of md.split("```").filter((_, i) => i % 2 === 1)) {
    const lines = block.split("\n");
    const at = lines.findIndex((l) => l.startsWith("$ ") && command.test(l));
    if (at >= 0) return [lines[at].slice(2), lines.slice(at + 1).filter((l) => l.trim() !== "" && !l.startsWith("$ "))];
  }
  throw new Error(`README.md has no example ${command}`);
}

test("npm run fixtures writes the seed workbooks, the evaluation report and the --forms example's workbook", async () => {
  const written = (await writeFixtures(path.join(tmp, "out"))).map((f) => path.basename(f));
  expect(written).toEqual(["seed000.xlsx", "seed002.xlsx", "seed003.xlsx", "慈溪.xlsx"]);
  const r = await runCli(["validate", "--format", "json", path.join(tmp, "out", "seed003.xlsx")]);
  const kinds = (JSON.parse(r.out) as { files: { tables: { kind: string; score?: unknown }[] }[] }).files[0].tables.map((t) => t.kind);
  expect(kinds.filter((k) => k === "evaluation-report")).toHaveLength(2);
});

test("the README's --forms example runs as written and prints the findings shown", async () => {
  const [command, shown] = await example(/--forms docs\/examples\/forms-zhejiang-cixi\.json/);
  const args = command.split(/\s+/);
  expect(args[0]).toBe("perfcheck");
  // Run from a folder laid out as the clone is: docs/examples/… and fixtures/out/… where the command names them.
  const clone = path.join(tmp, "clone");
  await fs.mkdir(path.join(clone, "docs", "examples"), { recursive: true });
  await fs.copyFile(path.join(ROOT, "docs", "examples", "forms-zhejiang-cixi.json"), path.join(clone, "docs", "examples", "forms-zhejiang-cixi.json"));
  await writeFixtures(path.join(clone, "fixtures", "out"));
  const cwd = process.cwd();
  process.chdir(clone);
  try {
    const r = await runCli(args.slice(1));
    expect(r.code).toBe(1); // errors found
    const printed = r.out.split("\n").map((l) => l.trimEnd());
    for (const line of shown) expect(printed).toContain(line.trimEnd());
  } finally {
    process.chdir(cwd);
  }
});

const built = existsSync(path.join(ROOT, "dist", "cli", "perfcheck.js"));
(built ? test : test.skip)("perfcheck is reached as the README says: npx inside the clone, npm install -g . everywhere", async () => {
  const npx = execFileSync("npx", ["--no-install", "perfcheck", "profile", "show", "national"], { cwd: ROOT, encoding: "utf8" });
  expect(JSON.parse(npx).id).toBe("national");
  const prefix = path.join(tmp, "global");
  execFileSync("npm", ["install", "-g", ".", "--prefix", prefix, "--no-audit", "--no-fund", "--offline"], { cwd: ROOT, stdio: "pipe" });
  const bin = path.join(prefix, "bin", "perfcheck");
  const out = execFileSync(bin, ["profile", "show", "national"], { cwd: tmp, encoding: "utf8" });
  expect(JSON.parse(out).id).toBe("national");
});
