/**
 * A finding is said once: no rule reports the same message on the same cell twice (原州 2022: 年初预算数 read
 * for both the initial and the full-year budget once gave each text amount two identical errors).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { readXlsx } from "../src/cli/xlsx/reader";
import { validateWorkbook } from "../src/core/validate";

const CORPUS = path.join(__dirname, "..", "fixtures", "corpus");

test("no finding is repeated on any table of the corpus waves", async () => {
  const waves = (await fs.readdir(CORPUS)).filter((d) => /^wave\d+$/.test(d));
  let files = 0;
  const repeated: string[] = [];
  for (const w of waves) {
    for (const f of (await fs.readdir(path.join(CORPUS, w))).filter((x) => x.endsWith(".xlsx"))) {
      files++;
      const r = validateWorkbook(readXlsx(new Uint8Array(await fs.readFile(path.join(CORPUS, w, f)))).snapshot);
      const seen = new Set<string>();
      for (const x of r.findings) {
        const key = `${x.sheet}!${x.cell} ${x.rule} ${x.message}`;
        if (seen.has(key)) repeated.push(`${w}/${f} ${key}`);
        seen.add(key);
      }
    }
  }
  expect(files).toBeGreaterThanOrEqual(20);
  expect(repeated).toEqual([]);
});
