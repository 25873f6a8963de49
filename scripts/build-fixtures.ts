/**
 * Writes the seed workbooks: `npx tsx scripts/build-fixtures.ts [outDir]` (default fixtures/out/).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildSeed000Workbook, buildSeed002Workbook } from "./fixtures/seedWorkbook";

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? join(__dirname, "..", "fixtures", "out"));
  mkdirSync(outDir, { recursive: true });
  const files: [string, Buffer][] = [
    ["seed000.xlsx", await buildSeed000Workbook()],
    ["seed002.xlsx", await buildSeed002Workbook()],
  ];
  for (const [name, buf] of files) {
    const path = join(outDir, name);
    writeFileSync(path, buf);
    console.log(`${path} (${buf.length} bytes)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
