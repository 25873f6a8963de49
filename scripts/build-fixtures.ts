/**
 * Writes the seed workbooks, and the workbooks the README's examples run on:
 * `npx tsx scripts/build-fixtures.ts [outDir]` (default fixtures/out/, git-ignored).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CORPUS_DIR, corpusWorkbook } from "./corpus/evaluate";
import { CorpusTableSchema } from "./corpus/schema";
import { buildSeed003Workbook } from "./fixtures/seed003Workbook";
import { buildSeed000Workbook, buildSeed002Workbook } from "./fixtures/seedWorkbook";

/** The README's `--forms docs/examples/forms-zhejiang-cixi.json` example runs on this corpus table. */
export const CIXI_TABLE = "zhejiang-ningbo-cixi-2023-proj-1";

/** Every workbook `npm run fixtures` writes, by file name. */
export async function fixtureWorkbooks(): Promise<[string, Buffer][]> {
  const cixi = CorpusTableSchema.parse(JSON.parse(readFileSync(join(CORPUS_DIR, `${CIXI_TABLE}.json`), "utf8")));
  return [
    ["seed000.xlsx", await buildSeed000Workbook()],
    ["seed002.xlsx", await buildSeed002Workbook()],
    ["seed003.xlsx", await buildSeed003Workbook()],
    ["慈溪.xlsx", await corpusWorkbook(cixi)],
  ];
}

export async function writeFixtures(outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const [name, buf] of await fixtureWorkbooks()) {
    const path = join(outDir, name);
    writeFileSync(path, buf);
    written.push(path);
  }
  return written;
}

if (require.main === module) {
  writeFixtures(resolve(process.argv[2] ?? join(__dirname, "..", "fixtures", "out"))).then((files) => files.forEach((f) => console.log(f)), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
