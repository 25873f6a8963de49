/**
 * Hand-built .xlsx files for the reader tests: a minimal zip writer (zip64 optional, any declared size)
 * and deflate streams made of one compressed chunk repeated, so a part that inflates to a gigabyte
 * costs a megabyte to build and nothing on disk.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";

export interface RawEntry {
  name: string;
  /** Stored bytes (raw deflate when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** Declared uncompressed size. */
  size: number;
  crc?: number;
  /** Write the sizes in a zip64 extra field (0xFFFFFFFF in the header). */
  zip64?: boolean;
}

export function deflated(name: string, text: string | Uint8Array): RawEntry {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  return { name, data: deflateRawSync(bytes), method: 8, size: bytes.length, crc: crc32(bytes) };
}

/**
 * A deflate stream of `prefix + chunk × times + suffix`, built from independent full-flush pieces:
 * the chunk is compressed once and its bytes repeated.
 */
export function repeatedDeflate(prefix: string, chunk: string, times: number, suffix: string): { data: Buffer; size: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const head = deflateRawSync(Buffer.from(prefix), flush);
  const body = deflateRawSync(Buffer.from(chunk), flush);
  const tail = deflateRawSync(Buffer.from(suffix));
  const parts: Buffer[] = [head];
  for (let i = 0; i < times; i++) parts.push(body);
  parts.push(tail);
  return { data: Buffer.concat(parts), size: Buffer.byteLength(prefix) + Buffer.byteLength(chunk) * times + Buffer.byteLength(suffix) };
}

export function zipFile(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const big = e.zip64 || e.size >= 0xffffffff || e.data.length >= 0xffffffff;
    const extra = big ? Buffer.alloc(4 + 16) : Buffer.alloc(0);
    if (big) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(e.size), 4);
      extra.writeBigUInt64LE(BigInt(e.data.length), 12);
    }
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(big ? 45 : 20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(e.method, 8);
    lh.writeUInt32LE(e.crc ?? 0, 14);
    lh.writeUInt32LE(big ? 0xffffffff : e.data.length, 18);
    lh.writeUInt32LE(big ? 0xffffffff : e.size, 22);
    lh.writeUInt16LE(name.length, 26);
    lh.writeUInt16LE(extra.length, 28);
    locals.push(lh, name, extra, Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength));
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(big ? 45 : 20, 4);
    ch.writeUInt16LE(big ? 45 : 20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(e.method, 10);
    ch.writeUInt32LE(e.crc ?? 0, 16);
    ch.writeUInt32LE(big ? 0xffffffff : e.data.length, 20);
    ch.writeUInt32LE(big ? 0xffffffff : e.size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt16LE(extra.length, 30);
    ch.writeUInt32LE(offset, 42);
    centrals.push(ch, name, extra);
    offset += 30 + name.length + extra.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A workbook whose one sheet ("表1") is the given part; `extra` adds or replaces parts (sharedStrings, styles). */
export function workbookWith(sheet: RawEntry | string, extra: RawEntry[] = [], opts: { date1904?: boolean; sheetName?: string } = {}): Buffer {
  const sheetEntry = typeof sheet === "string" ? deflated("xl/worksheets/sheet1.xml", sheet) : { ...sheet, name: "xl/worksheets/sheet1.xml" };
  const names = new Set(extra.map((e) => e.name));
  const base: RawEntry[] = [
    deflated("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    deflated("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    deflated("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}>${opts.date1904 ? '<workbookPr date1904="1"/>' : ""}<sheets><sheet name="${opts.sheetName ?? "表1"}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    deflated(
      "xl/_rels/workbook.xml.rels",
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    ),
  ];
  return zipFile([...base.filter((e) => !names.has(e.name)), ...extra, sheetEntry]);
}

export function sheetXml(body: string, after = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${body}</sheetData>${after}</worksheet>`;
}

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>`;
export const SHEET_TAIL = "</sheetData></worksheet>";
