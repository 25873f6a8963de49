/**
 * BIFF8 records ([MS-XLS] 2.1.4): a 2-byte type, a 2-byte length, then the data. Every header is checked
 * against the stream before the data is touched (a length past the end is a broken file, refused), and
 * every record read counts against the workbook's record limit and clock.
 *
 * A record longer than 8,224 bytes continues in CONTINUE records that follow it; `Segments` reads such
 * a record's data as one sequence, and knows the one rule that makes strings special: when a string's
 * characters cross into the next CONTINUE, that record starts with one byte saying whether the rest is
 * compressed (one byte per character) or UTF-16.
 */
import { checkDeadline, sheetPart, XlsFormatError, XlsLimitError, type XlsLimits } from "./limits";

export const RT = {
  FORMULA: 0x0006,
  EOF: 0x000a,
  DATEMODE: 0x0022,
  FILEPASS: 0x002f,
  CONTINUE: 0x003c,
  BOUNDSHEET8: 0x0085,
  MULRK: 0x00bd,
  MULBLANK: 0x00be,
  RSTRING: 0x00d6,
  XF: 0x00e0,
  MERGEDCELLS: 0x00e5,
  SST: 0x00fc,
  LABELSST: 0x00fd,
  BLANK: 0x0201,
  NUMBER: 0x0203,
  LABEL: 0x0204,
  BOOLERR: 0x0205,
  STRING: 0x0207,
  RK: 0x027e,
  FORMAT: 0x041e,
  BOF: 0x0809,
  /** BOF of BIFF2, BIFF3 and BIFF4: files older than Excel 5. */
  BOF2: 0x0009,
  BOF3: 0x0209,
  BOF4: 0x0409,
} as const;

export const u16 = (b: Uint8Array, o: number): number => b[o] | (b[o + 1] << 8);
export const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;

/** The stream and what reading it has cost so far. */
export class Stream {
  readonly buf: Buffer;
  records = 0;
  cells = 0;
  readonly deadline: number;

  constructor(
    readonly b: Uint8Array,
    readonly limits: XlsLimits,
  ) {
    this.buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    this.deadline = Date.now() + limits.maxMillis;
  }

  get length(): number {
    return this.b.length;
  }

  /** The record at `pos`: its type, where its data starts and its length. Throws when it does not fit. */
  record(pos: number, sheet?: string): { type: number; data: number; len: number } {
    const where = sheetPart(sheet);
    if (pos + 4 > this.b.length) {
      throw new XlsFormatError(`文件不完整：${where.zh}在第 ${pos} 字节处中断，缺少结束记录`, `the file is truncated: ${where.en} breaks off at byte ${pos} without its end record`);
    }
    const type = u16(this.b, pos);
    const len = u16(this.b, pos + 2);
    if (pos + 4 + len > this.b.length) {
      throw new XlsFormatError(
        `文件已损坏：${where.zh}第 ${pos} 字节处的记录（类型 0x${type.toString(16)}）长度 ${len} 超出数据流末尾（共 ${this.b.length} 字节）`,
        `the file is damaged: the record at byte ${pos} of ${where.en} (type 0x${type.toString(16)}) declares ${len} bytes, past the end of the stream (${this.b.length} bytes)`,
      );
    }
    if (++this.records > this.limits.maxRecords) throw new XlsLimitError(`工作簿有超过 ${this.limits.maxRecords} 条记录`, `the workbook has more than ${this.limits.maxRecords} records`);
    if ((this.records & 4095) === 0) checkDeadline(this.deadline, where);
    return { type, data: pos + 4, len };
  }

  /**
   * A record's data with the CONTINUE records after it, as segments [start, end) of the stream; `next`
   * is the position after the last CONTINUE.
   */
  continued(rec: { data: number; len: number }, sheet?: string): { segs: number[]; next: number } {
    const segs = [rec.data, rec.data + rec.len];
    let pos = rec.data + rec.len;
    while (pos + 4 <= this.b.length && u16(this.b, pos) === RT.CONTINUE) {
      const c = this.record(pos, sheet);
      segs.push(c.data, c.data + c.len);
      pos = c.data + c.len;
    }
    return { segs, next: pos };
  }
}

/** Reads data spread over segments (a record and its CONTINUEs) as one sequence, never past the last. */
export class Segments {
  private i = 0;
  pos: number;
  private end: number;

  constructor(
    private readonly s: Stream,
    private readonly segs: number[],
    private readonly what: { zh: string; en: string },
  ) {
    this.pos = segs[0];
    this.end = segs[1];
  }

  private short(): XlsFormatError {
    return new XlsFormatError(`文件已损坏：${this.what.zh}的数据在记录末尾之后仍在继续（缺少 CONTINUE 记录）`, `the file is damaged: ${this.what.en} runs past the end of its record (no CONTINUE record follows)`);
  }

  /** True when every segment has been read. */
  get done(): boolean {
    if (this.pos < this.end) return false;
    for (let j = this.i + 2; j < this.segs.length; j += 2) if (this.segs[j + 1] > this.segs[j]) return false;
    return true;
  }

  /** Move to the next segment with data; false when there is none. */
  private advance(): boolean {
    while (this.pos >= this.end) {
      if (this.i + 2 >= this.segs.length) return false;
      this.i += 2;
      this.pos = this.segs[this.i];
      this.end = this.segs[this.i + 1];
    }
    return true;
  }

  u8(): number {
    if (this.pos >= this.end && !this.advance()) throw this.short();
    return this.s.b[this.pos++];
  }

  u16(): number {
    if (this.pos + 2 <= this.end) {
      const v = u16(this.s.b, this.pos);
      this.pos += 2;
      return v;
    }
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    if (this.pos + 4 <= this.end) {
      const v = u32(this.s.b, this.pos);
      this.pos += 4;
      return v;
    }
    const lo = this.u16();
    return lo + this.u16() * 0x10000;
  }

  skip(n: number): void {
    while (n > 0) {
      if (this.pos >= this.end && !this.advance()) throw this.short();
      const k = Math.min(n, this.end - this.pos);
      this.pos += k;
      n -= k;
    }
  }

  /**
   * `cch` characters, compressed (one byte each, the low byte of UTF-16) or UTF-16LE; where they cross
   * into the next segment, that segment's first byte says which the rest is.
   */
  chars(cch: number, high: boolean): string {
    let out = "";
    let left = cch;
    while (left > 0) {
      if (this.pos >= this.end) {
        if (!this.advance()) throw this.short();
        high = (this.s.b[this.pos++] & 1) === 1;
        continue;
      }
      const room = this.end - this.pos;
      const k = Math.min(left, high ? room >> 1 : room);
      if (k === 0) throw new XlsFormatError(`文件已损坏：${this.what.zh}中的字符在记录边界处断开`, `the file is damaged: a character of ${this.what.en} is split at a record boundary`);
      const bytes = high ? 2 * k : k;
      out += this.s.buf.toString(high ? "utf16le" : "latin1", this.pos, this.pos + bytes);
      this.pos += bytes;
      left -= k;
    }
    return out;
  }
}

/** An XLUnicodeString (2-byte count, flags, characters) at `pos` inside one record's data. */
export function unicodeString(s: Stream, pos: number, end: number, what: { zh: string; en: string }, countBytes: 1 | 2 = 2): string {
  const r = new Segments(s, [pos, end], what);
  const cch = countBytes === 1 ? r.u8() : r.u16();
  const flags = r.u8();
  return r.chars(cch, (flags & 1) === 1);
}
