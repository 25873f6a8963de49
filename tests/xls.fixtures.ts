/**
 * Hand-built BIFF8 workbooks for the .xls reader's tests: records written byte by byte per [MS-XLS],
 * wrapped in a real compound file by cfb's writer. Nothing here reads a file: tests compare what the
 * reader makes of these bytes with what they were built to hold.
 */
import * as CFB from "cfb";

export function rec(type: number, data: number[] | Buffer): Buffer {
  const body = Buffer.isBuffer(data) ? data : Buffer.from(data);
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(body.length, 2);
  return Buffer.concat([head, body]);
}

const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

export const bof = (dt: number, vers = 0x0600) => rec(0x0809, [...u16(vers), ...u16(dt), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
export const eof = () => rec(0x000a, []);

/** Characters of a string: compressed (one byte each) when they all fit, else UTF-16LE. */
export function chars(s: string, utf16 = /[^\u0000-\u00ff]/.test(s)): Buffer {
  return utf16 ? Buffer.from(s, "utf16le") : Buffer.from(s, "latin1");
}

/** An XLUnicodeString (2-byte count). */
export function xlString(s: string): Buffer {
  const utf16 = /[^\u0000-\u00ff]/.test(s);
  return Buffer.concat([Buffer.from([...u16(s.length), utf16 ? 1 : 0]), chars(s, utf16)]);
}

export const label = (row: number, col: number, s: string, ixfe = 15) => rec(0x0204, Buffer.concat([Buffer.from([...u16(row), ...u16(col), ...u16(ixfe)]), xlString(s)]));
export const labelSst = (row: number, col: number, i: number, ixfe = 15) => rec(0x00fd, [...u16(row), ...u16(col), ...u16(ixfe), ...u32(i)]);
export function number(row: number, col: number, v: number, ixfe = 15): Buffer {
  const b = Buffer.alloc(14);
  b.writeUInt16LE(row, 0);
  b.writeUInt16LE(col, 2);
  b.writeUInt16LE(ixfe, 4);
  b.writeDoubleLE(v, 6);
  return rec(0x0203, b);
}
export const rk = (row: number, col: number, raw: number, ixfe = 15) => rec(0x027e, [...u16(row), ...u16(col), ...u16(ixfe), ...u32(raw)]);
/** RK for an integer (fInt set). */
export const rkInt = (n: number) => ((n << 2) | 2) >>> 0;
export function mulrk(row: number, col: number, raws: number[], ixfe = 15): Buffer {
  const parts: number[] = [...u16(row), ...u16(col)];
  for (const r of raws) parts.push(...u16(ixfe), ...u32(r));
  parts.push(...u16(col + raws.length - 1));
  return rec(0x00bd, parts);
}
export const boolerr = (row: number, col: number, v: number, isError: boolean, ixfe = 15) => rec(0x0205, [...u16(row), ...u16(col), ...u16(ixfe), v, isError ? 1 : 0]);
/** A FORMULA with a cached special result: 0 string (STRING follows), 1 boolean, 2 error, 3 empty string. */
export function formulaSpecial(row: number, col: number, kind: number, v = 0, ixfe = 15): Buffer {
  // value(8), grbit(2), chn(4), then a parsed formula: cce 3, ptgInt 1.
  return rec(0x0006, [...u16(row), ...u16(col), ...u16(ixfe), kind, 0, v, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0, 0, 0, ...u16(3), 0x1e, 1, 0]);
}
export function formulaNumber(row: number, col: number, v: number, ixfe = 15): Buffer {
  const b = Buffer.alloc(25);
  b.writeUInt16LE(row, 0);
  b.writeUInt16LE(col, 2);
  b.writeUInt16LE(ixfe, 4);
  b.writeDoubleLE(v, 6);
  b.writeUInt16LE(3, 20);
  b[22] = 0x1e;
  b[23] = 1;
  return rec(0x0006, b);
}
export const stringRec = (s: string) => rec(0x0207, xlString(s));
export function merged(...rects: [number, number, number, number][]): Buffer {
  const parts: number[] = [...u16(rects.length)];
  for (const [top, bottom, left, right] of rects) parts.push(...u16(top), ...u16(bottom), ...u16(left), ...u16(right));
  return rec(0x00e5, parts);
}
export const format = (id: number, code: string) => rec(0x041e, Buffer.concat([Buffer.from(u16(id)), xlString(code)]));
/** An XF record with only the fields the reader uses (font, format id) set. */
export const xf = (fmtId: number) => rec(0x00e0, [0, 0, ...u16(fmtId), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
export const datemode = (d1904: boolean) => rec(0x0022, u16(d1904 ? 1 : 0));

/** 16 XFs with General, as every workbook starts (15 style XFs and the default cell XF 15). */
export const defaultXfs = () => Array.from({ length: 16 }, () => xf(0));

export function boundsheet(pos: number, name: string, state = 0, dt = 0): Buffer {
  const utf16 = /[^\u0000-\u00ff]/.test(name);
  return rec(0x0085, Buffer.concat([Buffer.from([...u32(pos), state, dt, name.length, utf16 ? 1 : 0]), chars(name, utf16)]));
}

/** An SST record holding these strings as one body (split it with `splitContinue`). */
export function sstBody(strings: string[], declared = strings.length): Buffer {
  return Buffer.concat([Buffer.from([...u32(strings.length), ...u32(declared)]), ...strings.map(xlString)]);
}

export interface SheetSpec {
  name: string;
  state?: number;
  dt?: number;
  records: Buffer[];
}

/**
 * A Workbook stream: globals (BOF, the records given, BOUNDSHEET8s pointing at each sheet, EOF) then each
 * sheet's BOF…EOF. `globals` goes before the sheets are listed; `tail` after (SST usually).
 */
export function workbookStream(sheets: SheetSpec[], opts: { globals?: Buffer[]; tail?: Buffer[]; bofVersion?: number } = {}): Buffer {
  const head = Buffer.concat([bof(0x0005, opts.bofVersion), ...(opts.globals ?? [...defaultXfs()])]);
  const tail = Buffer.concat([...(opts.tail ?? []), eof()]);
  const sheetBytes = sheets.map((s) => Buffer.concat([bof(0x0010, opts.bofVersion), ...s.records, eof()]));
  // BOUNDSHEET8 sizes do not depend on the positions, so lay out once with zeros, then with the real ones.
  const listed = (positions: number[]) => Buffer.concat(sheets.map((s, i) => boundsheet(positions[i], s.name, s.state ?? 0, s.dt ?? 0)));
  const globalsLen = head.length + listed(sheets.map(() => 0)).length + tail.length;
  const positions: number[] = [];
  let at = globalsLen;
  for (const b of sheetBytes) {
    positions.push(at);
    at += b.length;
  }
  return Buffer.concat([head, listed(positions), tail, ...sheetBytes]);
}

/** Put a stream into a compound file under `name` (Workbook by default), as Excel does. */
export function compoundFile(stream: Buffer, name = "Workbook", extra: [string, Buffer][] = []): Buffer {
  const c = CFB.utils.cfb_new();
  CFB.utils.cfb_add(c, name, stream);
  for (const [n, b] of extra) CFB.utils.cfb_add(c, n, b);
  return Buffer.from(CFB.write(c, { type: "buffer" }) as Uint8Array);
}

export { u16 as le16, u32 as le32 };
