/**
 * Issue 26, item 15: exceljs (about 0.4 s of CPU to load, paid again by every `--jobs` worker) loads only
 * when a run writes something that needs it. Here loading it fails outright, so any path that still pulls
 * it in at start or during a plain validation fails the test; the annotated run shows the trap is live.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";

jest.mock("exceljs", () => {
  throw new Error("exceljs loaded");
});

const wave2 = path.join(__dirname, "..", "fixtures", "corpus", "wave2");
const file = path.join(wave2, "hubei-ezhou-2022-project.xlsx");
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-startup-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("the CLI starts, registers every command and validates without loading exceljs", async () => {
  const { runCli } = await import("./helpers/cli");
  const r = await runCli(["validate", "--format", "json", file]);
  const j = JSON.parse(r.out) as { files: { status: string; tables: unknown[]; error?: string }[] };
  expect(j.files[0].error).toBeUndefined();
  expect(j.files[0].status).toBe("checked");
  expect(j.files[0].tables.length).toBeGreaterThan(0);
  // inspect reads with the streaming reader: no exceljs either.
  const i = await runCli(["inspect", "--format", "json", file]);
  expect(i.code).toBe(0);
});

test("an annotated copy does load exceljs's side of the CLI (the trap above is live)", async () => {
  const { runValidate } = await import("../src/cli/validateCommand");
  let out = "";
  await runValidate({ format: "json", lang: "en", files: [file], annotate: path.join(dir, "out") }, { out: (s) => void (out += s), err: () => undefined, progress: false });
  const j = JSON.parse(out) as { files: { status: string; error?: string }[] };
  expect(j.files[0].error).toMatch(/exceljs loaded/);
});
