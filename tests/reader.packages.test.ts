/**
 * Zip containers the reader meets beyond plain .xlsx (issue 26): .xlsb and .ods are named and told to be
 * saved as .xlsx; a part that inflates past its declared size is stopped at once, not hundreds of
 * megabytes later under another name; zip64 sizes are read where the writer put them, and genuine small
 * zip64 workbooks (Info-ZIP's `zip -fz`, a writer that copies the local zip64 field) read like any other.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { readXlsx, XlsxFormatError } from "../src/cli/xlsx";
import { DEFAULT_XLSX_LIMITS } from "../src/cli/xlsx/limits";
import { readCentralDirectory, streamEntry } from "../src/cli/xlsx/zip";
import { runCli } from "./helpers/cli";
import { libreConvert } from "./helpers/templates";
import { deflated, repeatedDeflate, sheetXml, SHEET_HEAD, SHEET_TAIL, workbookWith, zipFile, type RawEntry } from "./reader.zipfixtures";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "perfcheck-packages-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function formatMessage(buf: Uint8Array): string {
  try {
    readXlsx(buf);
  } catch (e) {
    expect(e).toBeInstanceOf(XlsxFormatError);
    return (e as Error).message;
  }
  throw new Error("expected a format error");
}

async function smallWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("项目");
  ws.getCell("A1").value = "项目名称";
  ws.getCell("B1").value = "培训";
  ws.getCell("A2").value = "资金总额";
  ws.getCell("B2").value = 50;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("other spreadsheet packages are named, with what to do", () => {
  test(".ods (written by LibreOffice): an OpenDocument spreadsheet, save it as .xlsx", async () => {
    const xlsx = path.join(dir, "部门.xlsx");
    writeFileSync(xlsx, await smallWorkbook());
    const ods = await libreConvert(xlsx, dir, "ods");
    const msg = formatMessage(readFileSync(ods));
    expect(msg).toContain("OpenDocument 电子表格（.ods");
    expect(msg).toContain("另存为” .xlsx");
    expect(msg).toContain("OpenDocument spreadsheet");
    expect(msg).not.toContain("xl/workbook.xml");
    const r = await runCli(["validate", ods]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("OpenDocument 电子表格");
  }, 300_000);

  test(".xlsb: an Excel binary workbook, save it as .xlsx", () => {
    const xlsb = zipFile([
      deflated("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>'),
      deflated("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>'),
      deflated("xl/workbook.bin", new Uint8Array([0x83, 0x01, 0x00, 0x80, 0x01, 0x00, 0x99, 0x01])),
    ]);
    const msg = formatMessage(xlsb);
    expect(msg).toContain("Excel 二进制工作簿（.xlsb）");
    expect(msg).toContain("另存为");
    expect(msg).toContain("Excel binary workbook (.xlsb)");
  });

  test("in a reviewer's folder, .xlsb and .ods files get their status instead of being passed over", async () => {
    const folder = path.join(dir, "收件");
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "a.xlsb"), zipFile([deflated("xl/workbook.bin", new Uint8Array([0x83, 0x01, 0x00]))]));
    writeFileSync(path.join(folder, "b.ods"), zipFile([{ name: "mimetype", data: Buffer.from("application/vnd.oasis.opendocument.spreadsheet"), method: 0, size: 46 }, deflated("content.xml", "<office:document-content/>")]));
    const r = await runCli(["validate", "--summary", folder]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/a\.xlsb[^\n]*Excel 二进制工作簿/);
    expect(r.out).toMatch(/b\.ods[^\n]*OpenDocument 电子表格/);
  });
});

describe("a part that inflates past its declared size", () => {
  // 400 MB of blanks inside one row, declared as 1,000 bytes.
  const lying = (): RawEntry => {
    const { data } = repeatedDeflate(SHEET_HEAD + '<row r="1">', " ".repeat(1 << 20), 400, "</row>" + SHEET_TAIL);
    return { name: "x", data, method: 8, size: 1000 };
  };

  test("is refused as soon as its output passes the declared size, naming the part and the sizes", () => {
    const buf = workbookWith(lying());
    const entry = readCentralDirectory(buf, DEFAULT_XLSX_LIMITS).get("xl/worksheets/sheet1.xml")!;
    const budget = { total: 0, deadline: Date.now() + 60_000, limits: DEFAULT_XLSX_LIMITS };
    let passedOn = 0;
    expect(() => streamEntry(buf, entry, budget, (c) => (passedOn += c.length), "表1")).toThrow(XlsxFormatError);
    // Stopped within a few megabytes of output (one small input chunk), not 400 MB; the sink never sees more than declared.
    expect(budget.total).toBeLessThan(4 * 1024 * 1024);
    expect(passedOn).toBeLessThanOrEqual(1000);
    const msg = formatMessage(buf);
    expect(msg).toContain("工作表“表1”（xl/worksheets/sheet1.xml）声明解压后 1000 B，实际更大");
    expect(msg).not.toContain("32767");
  });

  test("a small part one byte longer than declared is refused too; the exact size reads", () => {
    const xml = sheetXml('<row r="1"><c r="A1"><v>7</v></c></row>');
    const e = deflated("x", xml);
    expect(formatMessage(workbookWith({ ...e, size: e.size - 1 }))).toContain("实际更大");
    expect(readXlsx(workbookWith(e)).snapshot.sheets[0].values).toEqual([[7]]);
  });
});

/**
 * A zip whose entries carry zip64 fields the way real writers lay them out. `central`: "spec" (only the
 * flagged values, APPNOTE 4.5.3), "both" (the local field's two sizes copied into the central directory
 * while only `flag` is 0xFFFFFFFF there), "local-only" (0xFFFFFFFF in the central directory, the values
 * only in the local header).
 */
function zip64Workbook(base: Buffer, central: "spec" | "both" | "local-only", flag: "size" | "compressed" | "both", declare?: (name: string) => number | undefined): Buffer {
  const dirs = readCentralDirectory(base, DEFAULT_XLSX_LIMITS);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of dirs.values()) {
    const dv = new DataView(base.buffer, base.byteOffset, base.byteLength);
    const lo = e.localOffset;
    const start = lo + 30 + dv.getUint16(lo + 26, true) + dv.getUint16(lo + 28, true);
    const data = base.subarray(start, start + e.compressedSize);
    const crc = dv.getUint32(lo + 14, true);
    const size = declare?.(e.name) ?? e.size;
    const name = Buffer.from(e.name, "utf8");
    const z = (values: number[]) => {
      const b = Buffer.alloc(4 + 8 * values.length);
      b.writeUInt16LE(1, 0);
      b.writeUInt16LE(8 * values.length, 2);
      values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
      return b;
    };
    const localExtra = z([size, data.length]);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(45, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(e.method, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(0xffffffff, 18);
    lh.writeUInt32LE(0xffffffff, 22);
    lh.writeUInt16LE(name.length, 26);
    lh.writeUInt16LE(localExtra.length, 28);
    locals.push(lh, name, localExtra, Buffer.from(data));
    const wideSize = flag !== "compressed";
    const wideComp = flag !== "size";
    const centralExtra = central === "local-only" ? Buffer.alloc(0) : central === "both" ? z([size, data.length]) : z([...(wideSize ? [size] : []), ...(wideComp ? [data.length] : [])]);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(45, 4);
    ch.writeUInt16LE(45, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(e.method, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(wideComp ? 0xffffffff : data.length, 20);
    ch.writeUInt32LE(wideSize ? 0xffffffff : size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt16LE(centralExtra.length, 30);
    ch.writeUInt32LE(offset, 42);
    centrals.push(ch, name, centralExtra);
    offset += 30 + name.length + localExtra.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(dirs.size, 8);
  end.writeUInt16LE(dirs.size, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe("zip64", () => {
  let plain: Buffer;
  let expected: unknown;
  beforeAll(async () => {
    plain = await smallWorkbook();
    expected = readXlsx(plain).snapshot;
  });

  test("a genuine small zip64 workbook from Info-ZIP (zip -fz) reads like the plain one", () => {
    const src = path.join(dir, "src");
    const plainFile = path.join(dir, "plain.xlsx");
    const z64File = path.join(dir, "zip64.xlsx");
    writeFileSync(plainFile, plain);
    execFileSync("unzip", ["-q", "-o", "-d", src, plainFile]);
    execFileSync("zip", ["-q", "-r", "-fz", z64File, "."], { cwd: src });
    const buf = readFileSync(z64File);
    expect(buf.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true); // a zip64 end record: zip64 it is
    expect(readXlsx(buf).snapshot).toEqual(expected);
  });

  for (const [central, flag] of [["spec", "both"], ["spec", "size"], ["spec", "compressed"], ["both", "size"], ["both", "compressed"], ["local-only", "both"]] as const) {
    test(`zip64 fields laid out "${central}" with ${flag} flagged: read right, workbook read like the plain one`, () => {
      const buf = zip64Workbook(plain, central, flag);
      const dirs = readCentralDirectory(buf, DEFAULT_XLSX_LIMITS);
      const want = readCentralDirectory(plain, DEFAULT_XLSX_LIMITS);
      for (const [k, e] of dirs) expect([k, e.size, e.compressedSize]).toEqual([k, want.get(k)!.size, want.get(k)!.compressedSize]);
      expect(readXlsx(buf).snapshot).toEqual(expected);
    });
  }

  test("the CLI checks a genuine zip64 workbook (its declared total is not 16 × 4 GB)", async () => {
    const file = path.join(dir, "zip64-cli.xlsx");
    writeFileSync(file, zip64Workbook(plain, "spec", "both"));
    const r = await runCli(["validate", "--format", "json", file]);
    expect(r.code).not.toBe(2);
    expect((JSON.parse(r.out) as { files: { status: string }[] }).files[0].status).not.toMatch(/unreadable|too-large/);
  });

  test("a 2 GB part declared in zip64 fields is 2 GB in the message, wherever the writer put it", () => {
    for (const central of ["spec", "both", "local-only"] as const) {
      const buf = zip64Workbook(plain, central, "size", (n) => (/sheet1/.test(n) ? 2 * 1024 ** 3 : undefined));
      expect(readCentralDirectory(buf, DEFAULT_XLSX_LIMITS).get("xl/worksheets/sheet1.xml")!.size).toBe(2 * 1024 ** 3);
      let msg = "";
      try {
        readXlsx(buf);
      } catch (e) {
        msg = (e as Error).message;
      }
      expect(msg).toContain("解压后 2 GB，上限 512 MB");
    }
  });
});
