/**
 * The .xls (BIFF8) reader: hand-built records read as the values they were built to hold, refusals
 * for what it does not read, and — the point of it — the seeds saved as .xls by LibreOffice give the
 * same snapshot, findings and scores as the .xlsx (fixtures/xls/ holds those .xls, so no soffice here).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSeed000Workbook, buildSeed002Workbook } from "../scripts/fixtures/seedWorkbook";
import { readXls, XlsFormatError } from "../src/cli/xls";
import { readXlsx } from "../src/cli/xlsx";
import { SheetView, type WorkbookSnapshot } from "../src/core/snapshot";
import { validateWorkbook } from "../src/core/validate";
import * as F from "./xls.fixtures";

const read = (stream: Buffer) => readXls(F.compoundFile(stream)).snapshot;

function refusal(bytes: Buffer): string {
  try {
    readXls(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(XlsFormatError);
    expect((e as Error).message).toContain("另存为 .xlsx");
    expect((e as Error).message).toContain("save it as .xlsx");
    return (e as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("cells as Excel shows them", () => {
  test("LABEL, NUMBER, RK, MULRK, BOOLERR, BLANK and merges", () => {
    const snap = read(
      F.workbookStream([
        {
          name: "表一",
          records: [F.label(0, 0, "项目名称"), F.label(0, 1, "plain"), F.number(1, 1, 1234.56), F.rk(2, 0, F.rkInt(-7)), F.rk(2, 1, F.rkInt(1234) | 1), F.mulrk(3, 0, [F.rkInt(1), F.rkInt(2), F.rkInt(250) | 1]), F.boolerr(4, 0, 1, false), F.boolerr(4, 1, 0x07, true), F.rec(0x0201, [5, 0, 0, 0, 15, 0]), F.merged([0, 0, 2, 3], [6, 7, 0, 0])],
        },
      ]),
    );
    const s = snap.sheets[0];
    expect(s.values).toEqual([[ "项目名称", "plain"], [null, 1234.56], [-7, 12.34], [1, 2, 2.5], [true, { error: "#DIV/0!" }]]);
    expect(s.merges).toEqual([{ top: 0, left: 2, bottom: 0, right: 3 }, { top: 6, left: 0, bottom: 7, right: 0 }]);
  });

  test("FORMULA cached results: number, string (in the STRING after it), boolean, error, empty string", () => {
    const s = read(
      F.workbookStream([
        { name: "S", records: [F.formulaNumber(0, 0, 42.5), F.formulaSpecial(0, 1, 0), F.stringRec("合计"), F.formulaSpecial(0, 2, 1, 1), F.formulaSpecial(0, 3, 2, 0x2a), F.formulaSpecial(0, 4, 3)] },
      ]),
    ).sheets[0];
    expect(s.values).toEqual([[42.5, "合计", true, { error: "#N/A" }, ""]]);
  });

  test("SST across CONTINUE: a string compressed in one record and UTF-16 in the next, rich and phonetic runs skipped", () => {
    // Record 1: cstTotal, cstUnique, "Hello", then "abc" of "abc中文字" (compressed).
    const sst = Buffer.concat([Buffer.from([...F.le32(4), ...F.le32(3)]), F.xlString("Hello"), Buffer.from([...F.le16(6), 0]), Buffer.from("abc", "latin1")]);
    // CONTINUE: the rest of the characters, now UTF-16 (the first byte says so), then a rich + phonetic
    // string whose phonetic block is cut by the next CONTINUE (no flag byte there: it is not characters).
    const cont1 = Buffer.concat([Buffer.from([1]), Buffer.from("中文字", "utf16le"), Buffer.from([...F.le16(2), 0x0d, ...F.le16(1), ...F.le32(6)]), Buffer.from("项目", "utf16le"), Buffer.from([0, 0, 1, 0]), Buffer.from([9, 9, 9])]);
    const cont2 = Buffer.from([9, 9, 9]);
    const snap = read(
      F.workbookStream([{ name: "S", records: [F.labelSst(0, 0, 0), F.labelSst(0, 1, 1), F.labelSst(0, 2, 2)] }], { tail: [F.rec(0x00fc, sst), F.rec(0x003c, cont1), F.rec(0x003c, cont2)] }),
    );
    expect(snap.sheets[0].values).toEqual([["Hello", "abc中文字", "项目"]]);
  });

  test("formats reach the snapshot: percent, the 1904 date system, a custom code and a [DBNum] date", () => {
    const globals = [F.datemode(true), F.format(164, '0.00"万元"'), F.format(165, '[DBNum1][$-804]yyyy"年"m"月"d"日"'), ...F.defaultXfs(), F.xf(9), F.xf(14), F.xf(164), F.xf(165)];
    const snap = read(F.workbookStream([{ name: "S", records: [F.number(0, 0, 0.955, 16), F.number(0, 1, 43830, 17), F.number(0, 2, 12.5, 18), F.number(0, 3, 43830, 19)] }], { globals }));
    expect(snap.date1904).toBe(true);
    expect(snap.sheets[0].formats).toEqual([["0%", "m/d/yyyy", '0.00"万元"', '[DBNum1][$-804]yyyy"年"m"月"d"日"']]);
    const view = new SheetView(snap.sheets[0], snap);
    expect(view.raw(0, 0)).toBe("95.5%");
    // 43830 in the 1904 system is 2024-01-01 (2019-12-31 in the 1900 system).
    expect(view.raw(0, 1)).toBe("2024/1/1");
    expect(view.raw(0, 2)).toBe(12.5);
    expect(view.raw(0, 3)).toBe("2024年1月1日");
  });

  test("sheet names and visibility; chart sheets are left out", () => {
    const snap = read(
      F.workbookStream([
        { name: "可见", records: [F.label(0, 0, "a")] },
        { name: "隐藏", state: 1, records: [F.label(0, 0, "b")] },
        { name: "PerfCheck", state: 2, records: [] },
        { name: "图表", dt: 2, records: [] },
      ]),
    );
    expect(snap.sheets.map((s) => [s.name, s.visibility])).toEqual([["可见", "visible"], ["隐藏", "hidden"], ["PerfCheck", "veryHidden"]]);
  });

  test("an embedded chart's BOF…EOF inside a sheet does not end the sheet", () => {
    const s = read(F.workbookStream([{ name: "S", records: [F.label(0, 0, "before"), F.bof(0x0020), F.label(5, 5, "chart"), F.eof(), F.label(1, 0, "after")] }])).sheets[0];
    expect(s.values).toEqual([["before"], ["after"]]);
  });
});

describe("refusals name the cause and say 另存为 .xlsx", () => {
  test("BIFF5 (Excel 5.0/95) in a Book stream", () => {
    expect(refusal(F.compoundFile(F.workbookStream([{ name: "S", records: [] }], { bofVersion: 0x0500 }), "Book"))).toMatch(/BIFF5/);
  });

  test("BIFF2–4", () => {
    expect(refusal(F.compoundFile(Buffer.concat([F.rec(0x0409, [0, 0, 0x10, 0, 0, 0]), F.eof()])))).toMatch(/BIFF2–4/);
  });

  test("a bare BIFF4 file (no compound file) and bytes that are no workbook at all", () => {
    expect(refusal(Buffer.concat([F.rec(0x0409, [0, 0, 0x10, 0, 0, 0]), F.eof()]))).toMatch(/BIFF2–4/);
    expect(refusal(Buffer.from("just some text, not a workbook"))).toMatch(/not a compound file/);
  });

  test("FILEPASS: encrypted", () => {
    expect(refusal(F.compoundFile(F.workbookStream([{ name: "S", records: [] }], { globals: [F.rec(0x002f, [1, 0, 1, 0, 1, 0])] })))).toMatch(/加密.*encrypted/);
  });

  test("a compound file without a Workbook stream (an .et of another kind, a Word file)", () => {
    expect(refusal(F.compoundFile(Buffer.alloc(100), "WordDocument"))).toMatch(/WordDocument/);
  });

  test("an encrypted .xlsx (EncryptionInfo)", () => {
    expect(refusal(F.compoundFile(Buffer.alloc(100), "EncryptionInfo", [["EncryptedPackage", Buffer.alloc(5000)]]))).toMatch(/密码.*password/);
  });

  test("an embedded workbook one storage down is not the file's own", () => {
    expect(refusal(F.compoundFile(F.workbookStream([{ name: "S", records: [] }]), "MBD0001/Workbook"))).toMatch(/no Excel 97–2003/);
  });
});

/** Same findings, tables and scores; same cells; merges as sets (LibreOffice writes them in another order). */
function expectSameWorkbook(xlsx: WorkbookSnapshot, xls: WorkbookSnapshot): void {
  expect(xls.sheets.map((s) => [s.name, s.visibility])).toEqual(xlsx.sheets.map((s) => [s.name, s.visibility]));
  xlsx.sheets.forEach((s, i) => {
    expect(xls.sheets[i].values).toEqual(s.values);
    expect(xls.sheets[i].formats).toEqual(s.formats);
    const key = (m: object) => JSON.stringify(m);
    expect(xls.sheets[i].merges.map(key).sort()).toEqual(s.merges.map(key).sort());
  });
  const a = validateWorkbook(xlsx);
  const b = validateWorkbook(xls);
  expect(b.tables).toEqual(a.tables);
  expect(b.findings).toEqual(a.findings);
}

describe("the seeds saved as .xls by LibreOffice read as the .xlsx", () => {
  // fixtures/xls/*.xls: `npm run fixtures`, then soffice --headless --convert-to xls --outdir fixtures/xls fixtures/out/seed00*.xlsx
  test.each([
    ["seed000", buildSeed000Workbook],
    ["seed002", buildSeed002Workbook],
  ])("%s", async (name, build) => {
    const xlsx = readXlsx(await build()).snapshot;
    const xls = readXls(readFileSync(path.join(__dirname, "..", "fixtures", "xls", `${name}.xls`))).snapshot;
    expect(validateWorkbook(xls).tables.length).toBeGreaterThan(0);
    expectSameWorkbook(xlsx, xls);
  });
});

export { expectSameWorkbook };
