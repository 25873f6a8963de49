/**
 * Issue 23's main check, where LibreOffice is installed: every corpus table (written as .xlsx the way the
 * corpus check writes them), every real workbook of fixtures/corpus/wave2 and the seeds, saved as .xls by
 * LibreOffice, give the same tables, findings and scores as the .xlsx. (The seeds' .xls are also committed
 * under fixtures/xls and checked without LibreOffice in xls.reader.test.ts.)
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildSeed000Workbook, buildSeed002Workbook } from "../scripts/fixtures/seedWorkbook";
import { corpusWorkbook } from "../scripts/corpus/evaluate";
import { CorpusTableSchema } from "../scripts/corpus/schema";
import { readXls } from "../src/cli/xls";
import { readXlsx } from "../src/cli/xlsx";
import { validateWorkbook } from "../src/core/validate";
import { libreConvertAll, tempDir } from "./helpers/templates";

jest.setTimeout(600_000);

const onPath = (exe: string) => (process.env.PATH ?? "").split(path.delimiter).some((d) => d && existsSync(path.join(d, exe)));
const maybe = onPath("soffice") ? describe : describe.skip;

const CORPUS = path.join(__dirname, "..", "fixtures", "corpus");
const WAVE2 = path.join(CORPUS, "wave2");

maybe("corpus, wave2 and seeds saved as .xls by LibreOffice", () => {
  const tmp = tempDir("perfcheck-xls-lo-");
  const sources: string[] = [];
  let converted: string[] = [];

  beforeAll(async () => {
    // The corpus's table files (baseline.json and first-reads.json are records, not tables).
    const records = new Set(["baseline.json", "first-reads.json"]);
    for (const name of readdirSync(CORPUS).filter((n) => n.endsWith(".json") && !records.has(n)).sort()) {
      const t = CorpusTableSchema.parse(JSON.parse(readFileSync(path.join(CORPUS, name), "utf8")));
      const file = path.join(tmp.dir, `${t.id}.xlsx`);
      writeFileSync(file, await corpusWorkbook(t));
      sources.push(file);
    }
    for (const name of readdirSync(WAVE2).filter((n) => n.endsWith(".xlsx")).sort()) sources.push(path.join(WAVE2, name));
    for (const [name, build] of [["seed000", buildSeed000Workbook], ["seed002", buildSeed002Workbook]] as const) {
      const file = path.join(tmp.dir, `${name}.xlsx`);
      writeFileSync(file, await build());
      sources.push(file);
    }
    converted = await libreConvertAll(sources, path.join(tmp.dir, "xls"), "xls");
  });

  afterAll(() => tmp.cleanup());

  test("each .xls: same tables, findings and scores as its .xlsx", () => {
    expect(sources.length).toBeGreaterThan(30);
    const differing: string[] = [];
    let tables = 0;
    sources.forEach((src, i) => {
      const a = validateWorkbook(readXlsx(readFileSync(src)).snapshot);
      const b = validateWorkbook(readXls(readFileSync(converted[i])).snapshot);
      if (JSON.stringify({ t: a.tables, f: a.findings }) !== JSON.stringify({ t: b.tables, f: b.findings })) differing.push(path.basename(src));
      tables += b.tables.length;
    });
    expect(differing).toEqual([]);
    // Tables were found in the .xls files, not merely nothing in both.
    expect(tables).toBeGreaterThan(sources.length);
  });
});
