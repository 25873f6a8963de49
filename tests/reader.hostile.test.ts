/**
 * Hostile and odd files against the streaming reader: each either reads correctly or gets one status
 * naming the part and the limit, quickly and without holding the file's inflated size in memory; in a
 * CLI batch the good file after them is still checked and the JSON stays whole. (No timing assertions:
 * a test that took minutes, or ran out of memory, would fail by itself.)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSeed002Workbook } from "../scripts/fixtures/seedWorkbook";
import { readXlsx, XlsxFormatError, XlsxLimitError } from "../src/cli/xlsx";
import { validateWorkbook } from "../src/core/validate";
import { SheetView } from "../src/core/snapshot";
import { runCli } from "./helpers/cli";
import { deflated, repeatedDeflate, sheetXml, SHEET_HEAD, SHEET_TAIL, workbookWith, type RawEntry } from "./reader.zipfixtures";

function limitMessage(buf: Buffer, limits = {}): string {
  try {
    readXlsx(buf, { limits });
  } catch (e) {
    expect(e).toBeInstanceOf(XlsxLimitError);
    return (e as Error).message;
  }
  throw new Error("expected a limit error");
}

const wholeSheetMerge = () => workbookWith(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>', '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'));

function manyMerges(n: number): Buffer {
  const rows: string[] = [];
  for (let r = 1; r <= 200; r++) rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>行${r}</t></is></c></row>`);
  const merges: string[] = [];
  for (let r = 1; r <= n; r++) merges.push(`<mergeCell ref="A${r}:B${r}"/>`);
  return workbookWith(sheetXml(rows.join(""), `<mergeCells count="${n}">${merges.join("")}</mergeCells>`));
}

/** A sheet of rows of 100 cells, none with `r`, repeated: 10,000 cells per chunk. */
function cellsSheet(chunks: number, declared?: number): RawEntry {
  const row = "<row>" + "<c><v>1</v></c>".repeat(100) + "</row>";
  const { data, size } = repeatedDeflate(SHEET_HEAD, row.repeat(100), chunks, SHEET_TAIL);
  return { name: "x", data, method: 8, size: declared ?? size, zip64: declared !== undefined && declared >= 0xffffffff };
}

/** A sheet part that inflates to about `mb` MB of blanks between two tags. */
function blankSheet(mb: number, declared?: number): RawEntry {
  const { data, size } = repeatedDeflate(SHEET_HEAD + "<row r=\"1\">", " ".repeat(1 << 20), mb, "</row>" + SHEET_TAIL);
  return { name: "x", data, method: 8, size: declared ?? size, zip64: (declared ?? size) >= 0xffffffff };
}

function hugeSharedString(mb: number): Buffer {
  const { data, size } = repeatedDeflate('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>', "长".repeat(1 << 18), mb * 1.33, "</t></si></sst>");
  return workbookWith(sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), [{ name: "xl/sharedStrings.xml", data, method: 8, size }]);
}

const rowsWithoutR = () =>
  workbookWith(sheetXml('<row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row><row r="5"><c><v>3</v></c></row><row><c r="C6"><v>4</v></c><c><v>5</v></c></row><row><c t="b"><v>1</v></c></row>'));

const duplicateMerges = () =>
  workbookWith(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>合并</t></is></c><c r="B1"><v>9</v></c></row>', '<mergeCells count="3"><mergeCell ref="A1:B1"/><mergeCell ref="A1:B1"/><mergeCell ref="$A$1:$B$1"/></mergeCells>'));

describe("odd but valid files read as Excel shows them", () => {
  test("a merge over the whole sheet is one rectangle, and validation runs", () => {
    const snap = readXlsx(wholeSheetMerge()).snapshot;
    expect(snap.sheets[0].merges).toEqual([{ top: 0, left: 0, bottom: 1048575, right: 16383 }]);
    expect(snap.sheets[0].values).toEqual([["项目名称"]]);
    expect(() => validateWorkbook(snap)).not.toThrow();
  });

  test("100,000 merges are read as rectangles and validated", () => {
    const snap = readXlsx(manyMerges(100_000)).snapshot;
    expect(snap.sheets[0].merges).toHaveLength(100_000);
    expect(snap.sheets[0].merges[99_999]).toEqual({ top: 99_999, left: 0, bottom: 99_999, right: 1 });
    const view = new SheetView(snap.sheets[0], snap);
    expect(view.value(150, 1)).toBe("行151");
    expect(() => validateWorkbook(snap)).not.toThrow();
  });

  test("rows and cells without `r` follow the one before", () => {
    expect(readXlsx(rowsWithoutR()).snapshot.sheets[0].values).toEqual([["a", 2], [], [], [], [3], [null, null, 4, 5], [true]]);
  });

  test("duplicate merges are kept once; a covered cell's stray value is dropped as Excel does", () => {
    const s = readXlsx(duplicateMerges()).snapshot.sheets[0];
    expect(s.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
    expect(s.values).toEqual([["合并"]]);
  });

  test("a zip64 entry reads like any other", () => {
    const e = deflated("x", sheetXml('<row r="1"><c r="A1"><v>7</v></c></row>'));
    expect(readXlsx(workbookWith({ ...e, zip64: true })).snapshot.sheets[0].values).toEqual([[7]]);
  });

  test("shared formulas: each cell gets the master moved by its offset, computed when no result is cached", () => {
    const buf = workbookWith(
      sheetXml(
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2+$A$1</f></c></row>' +
          '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/></c></row>' +
          '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>7</v></c></row>',
      ),
    );
    const s = readXlsx(buf).snapshot.sheets[0];
    expect(s.formulas?.map((r) => r[1])).toEqual(["A1*2+$A$1", "A2*2+$A$1", "A3*2+$A$1"]);
    expect(s.values.map((r) => r[1] ?? null)).toEqual([null, null, 7]);
    const view = new SheetView(s);
    expect([view.raw(0, 1), view.raw(1, 1), view.raw(2, 1)]).toEqual([3, 5, 7]);
  });

  test("a formula without a cached result keeps its cell's format: its computed result reads as the user will see it", () => {
    const styles = deflated("xl/styles.xml", '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="10"/></cellXfs></styleSheet>');
    const buf = workbookWith(sheetXml('<row r="1"><c r="A1"><v>191</v></c><c r="B1"><v>200</v></c><c r="C1" s="1"><f>A1/B1</f></c></row>'), [styles]);
    const snap = readXlsx(buf).snapshot;
    expect(snap.sheets[0].formats?.[0][2]).toBe("0.00%");
    expect(new SheetView(snap.sheets[0], snap).raw(0, 2)).toBe("95.50%");
  });

  test("the 1904 date system and styles' number formats reach the snapshot", () => {
    const styles = deflated(
      "xl/styles.xml",
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="176"/></cellXfs></styleSheet>',
    );
    const buf = workbookWith(sheetXml('<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="2"><v>43829</v></c><c r="C1" s="0"><v>5</v></c></row>'), [styles], { date1904: true });
    const snap = readXlsx(buf).snapshot;
    expect(snap.date1904).toBe(true);
    expect(snap.sheets[0].formats).toEqual([["0%", 'yyyy"年"m"月"d"日"']]);
    const view = new SheetView(snap.sheets[0], snap);
    expect([view.raw(0, 0), view.raw(0, 1), view.raw(0, 2)]).toEqual(["100%", "2023年12月31日", 5]);
  });
});

describe("files over a limit get one status naming the part", () => {
  test("a sheet declared to inflate to 5 GB (zip64) is refused before inflating", () => {
    const msg = limitMessage(workbookWith(blankSheet(1, 5 * 1024 ** 3)));
    expect(msg).toContain("工作表“表1”（xl/worksheets/sheet1.xml）解压后 5 GB");
    expect(msg).toContain("上限 512 MB");
    expect(msg).toContain("inflates to 5 GB");
  });

  test("a sheet that inflates to 1 GB while declaring 1 KB is stopped at the declared size, not at a limit", () => {
    // The running count stops it at the first chunk past the central directory's size (issue 26): a
    // damaged or forged part, said so, whatever the limits.
    for (const limits of [{ maxPartBytes: 4 * 1024 * 1024, maxCellsPerSheet: 1e9, maxCells: 1e9 }, {}]) {
      let msg = "";
      try {
        readXlsx(workbookWith(cellsSheet(1000, 1024)), { limits });
      } catch (e) {
        expect(e).toBeInstanceOf(XlsxFormatError);
        msg = (e as Error).message;
      }
      expect(msg).toContain("工作表“表1”（xl/worksheets/sheet1.xml）声明解压后 1 KB，实际更大");
    }
    expect(() => readXlsx(workbookWith(blankSheet(1024, 1024)))).toThrow(/xl\/worksheets\/sheet1\.xml）声明解压后 1 KB/);
  });

  test("20 million cells: refused at the per-sheet cell limit (or, on a starved machine, the clock)", () => {
    // The cap itself, deterministically: a lower limit on the same file.
    expect(limitMessage(workbookWith(cellsSheet(2000)), { maxCellsPerSheet: 200_000 })).toContain("有超过 200000 个单元格");
    // With the defaults the file is refused too, by whichever limit it reaches first.
    expect(limitMessage(workbookWith(cellsSheet(2000)))).toMatch(/有超过 2000000 个单元格|超时（上限 30 秒）/);
  });

  test("a 500 MB shared string: refused at the string length limit", () => {
    const msg = limitMessage(hugeSharedString(500));
    expect(msg).toContain("共享字符串表");
    expect(msg).toContain("32767");
  });

  test("nesting and entry count are bounded", () => {
    const deep = "<x>".repeat(100) + "</x>".repeat(100);
    expect(limitMessage(workbookWith(sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row>`, `<extLst>${deep}</extLst>`)))).toContain("嵌套超过 64 层");
    expect(limitMessage(wholeSheetMerge(), { maxEntries: 3 })).toContain("上限 3");
  });
});

describe("a CLI batch with hostile files", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "perfcheck-hostile-"));
    const files: [string, Buffer][] = [
      ["01-whole-sheet-merge.xlsx", wholeSheetMerge()],
      ["02-100k-merges.xlsx", manyMerges(100_000)],
      ["03-declared-5gb.xlsx", workbookWith(blankSheet(1, 5 * 1024 ** 3))],
      ["04-inflates-1gb.xlsx", workbookWith(blankSheet(1024, 1024))],
      ["05-20m-cells.xlsx", workbookWith(cellsSheet(2000))],
      ["06-500mb-string.xlsx", hugeSharedString(500)],
      ["07-rows-without-r.xlsx", rowsWithoutR()],
      ["08-duplicate-merges.xlsx", duplicateMerges()],
      ["09-good.xlsx", await buildSeed002Workbook()],
    ];
    for (const [name, buf] of files) writeFileSync(path.join(dir, name), buf);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("every file gets a status, the good one after them is checked, and the JSON is whole", async () => {
    const { out } = await runCli(["validate", "--format", "json", dir]);
    const json = JSON.parse(out) as { files: { file: string; error?: string; tables?: unknown[] }[] };
    const byName = new Map(json.files.map((f) => [path.basename(f.file), f]));
    expect(byName.size).toBe(9);
    for (const n of ["03-declared-5gb.xlsx", "05-20m-cells.xlsx", "06-500mb-string.xlsx"]) {
      expect(byName.get(n)?.error).toMatch(/超出大小限制|解压后过大/);
    }
    expect(byName.get("04-inflates-1gb.xlsx")?.error).toMatch(/声明解压后 1 KB，实际更大/);
    for (const n of ["01-whole-sheet-merge.xlsx", "02-100k-merges.xlsx", "07-rows-without-r.xlsx", "08-duplicate-merges.xlsx"]) expect(byName.get(n)?.error).toBeUndefined();
    expect(byName.get("09-good.xlsx")?.error).toBeUndefined();
    expect(byName.get("09-good.xlsx")?.tables?.length).toBeGreaterThan(0);
  });
});
