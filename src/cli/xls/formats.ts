/**
 * Number formats as the workbook shows them: FORMAT records ([MS-XLS] 2.4.126) give codes by id, XF
 * records (2.4.353) give each cell style its format id, and a cell's ixfe picks its XF. Ids without a
 * FORMAT record are Excel's built-ins (the zh-CN ones for the locale-dependent ids), as in the .xlsx
 * reader, so the core's number-format code (src/core/numberFormat.ts) shows the value either way.
 */
import { BUILTIN_FORMATS } from "../../core/numberFormat";
import { type Stream, u16, unicodeString } from "./records";

export class Formats {
  private readonly codes = new Map<number, string>();
  private readonly xfIds: number[] = [];

  /** A FORMAT record: ifmt, then the code as an XLUnicodeString. */
  addFormat(s: Stream, data: number, len: number): void {
    if (len < 5) return;
    const id = u16(s.b, data);
    this.codes.set(id, unicodeString(s, data + 2, data + len, { zh: "数字格式（FORMAT）记录", en: "a number format (FORMAT) record" }));
  }

  /** An XF record: its number format id is the second field. Cell and style XFs share one numbering. */
  addXf(s: Stream, data: number, len: number): void {
    this.xfIds.push(len >= 4 ? u16(s.b, data + 2) : 0);
  }

  /** Format code per XF index, null for General (the shape the .xlsx reader gives). */
  byXf(): (string | null)[] {
    return this.xfIds.map((id) => {
      const code = this.codes.get(id) ?? BUILTIN_FORMATS[id] ?? null;
      return code === null || /^general$/i.test(code) ? null : code;
    });
  }
}
