/**
 * A snapshot written as a plain BIFF8 .xls (SST + LABELSST for text, NUMBER for numbers, MERGEDCELLS,
 * number formats), in a compound file by cfb's writer: the bench's .xls twins of its .xlsx files, so
 * reading the same tables in both formats can be timed without LibreOffice. Strings are written as
 * UTF-16 and split across CONTINUE records as Excel splits them (a flag byte where characters continue).
 */
import * as CFB from "cfb";
import { isCellError, type WorkbookSnapshot } from "../src/core/snapshot";

const MAX = 8224;

function record(type: number, body: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt16LE(type, 0);
  h.writeUInt16LE(body.length, 2);
  return Buffer.concat([h, body]);
}

/** SST and its CONTINUE records. */
function sst(strings: string[]): Buffer {
  const records: Buffer[] = [];
  let cur: number[] = [];
  let type = 0x00fc;
  const flush = () => {
    records.push(record(type, Buffer.from(cur)));
    cur = [];
    type = 0x003c;
  };
  const push = (...b: number[]) => cur.push(...b);
  push(...le32(strings.length), ...le32(strings.length));
  for (const s of strings) {
    if (cur.length + 5 > MAX) flush();
    push(...le16(s.length), 1);
    for (let i = 0; i < s.length; i++) {
      if (cur.length + 2 > MAX) {
        flush();
        push(1);
      }
      push(...le16(s.charCodeAt(i)));
    }
  }
  flush();
  return Buffer.concat(records);
}

const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

export function xlsFromSnapshot(snap: WorkbookSnapshot): Buffer {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const formats = new Map<string, number>();
  const sheets: Buffer[] = [];
  for (const s of snap.sheets) {
    const recs: Buffer[] = [record(0x0809, Buffer.from([0, 6, 0x10, 0, ...new Array(12).fill(0)]))];
    s.values.forEach((row, r) => {
      row?.forEach((v, c) => {
        const fmt = s.formats?.[r]?.[c];
        let fid = 0;
        if (fmt) {
          if (!formats.has(fmt)) formats.set(fmt, formats.size);
          fid = 16 + formats.get(fmt)!;
        }
        const ixfe = fmt ? fid : 15;
        const rr = s.origin.row + r;
        const cc = s.origin.col + c;
        if (typeof v === "string") {
          let i = index.get(v);
          if (i === undefined) index.set(v, (i = strings.push(v) - 1));
          recs.push(record(0x00fd, Buffer.from([...le16(rr), ...le16(cc), ...le16(ixfe), ...le32(i)])));
        } else if (typeof v === "number") {
          const b = Buffer.alloc(14);
          b.writeUInt16LE(rr, 0);
          b.writeUInt16LE(cc, 2);
          b.writeUInt16LE(ixfe, 4);
          b.writeDoubleLE(v, 6);
          recs.push(record(0x0203, b));
        } else if (typeof v === "boolean" || (v !== null && isCellError(v))) {
          recs.push(record(0x0205, Buffer.from([...le16(rr), ...le16(cc), ...le16(ixfe), typeof v === "boolean" ? Number(v) : 0x2a, typeof v === "boolean" ? 0 : 1])));
        }
      });
    });
    for (let i = 0; i < s.merges.length; i += 1000) {
      const part = s.merges.slice(i, i + 1000);
      recs.push(record(0x00e5, Buffer.from([...le16(part.length), ...part.flatMap((m) => [...le16(m.top), ...le16(m.bottom), ...le16(m.left), ...le16(m.right)])])));
    }
    recs.push(record(0x000a, Buffer.alloc(0)));
    sheets.push(Buffer.concat(recs));
  }
  const xf = (fmtId: number) => record(0x00e0, Buffer.from([0, 0, ...le16(fmtId), ...new Array(16).fill(0)]));
  const fmtRecords = [...formats.keys()].map((code, i) => record(0x041e, Buffer.from([...le16(164 + i), ...le16(code.length), 1, ...Buffer.from(code, "utf16le")])));
  const head = Buffer.concat([record(0x0809, Buffer.from([0, 6, 5, 0, ...new Array(12).fill(0)])), ...fmtRecords, ...Array.from({ length: 16 }, () => xf(0)), ...[...formats.keys()].map((_, i) => xf(164 + i))]);
  const bound = (pos: number, name: string) => record(0x0085, Buffer.from([...le32(pos), 0, 0, name.length, 1, ...Buffer.from(name, "utf16le")]));
  const tail = Buffer.concat([sst(strings), record(0x000a, Buffer.alloc(0))]);
  let pos = head.length + snap.sheets.reduce((n, s) => n + bound(0, s.name).length, 0) + tail.length;
  const bounds = snap.sheets.map((s, i) => {
    const b = bound(pos, s.name);
    pos += sheets[i].length;
    return b;
  });
  const stream = Buffer.concat([head, ...bounds, tail, ...sheets]);
  const c = CFB.utils.cfb_new();
  CFB.utils.cfb_add(c, "Workbook", stream);
  return Buffer.from(CFB.write(c, { type: "buffer" }) as Uint8Array);
}
