/**
 * The CLI's .xls / .et reader: a compound file's BIFF8 Workbook stream → the WorkbookSnapshot the .xlsx
 * reader (../xlsx/reader.ts) gives, so locating, rules and scoring do not know which format they read.
 *
 * Read per [MS-XLS], and only what PerfCheck uses: the globals substream (BOUNDSHEET8 for sheet names,
 * visibility and where each sheet starts; SST; FORMAT and XF; DATEMODE), then each worksheet's substream
 * (cells.ts). Refused, with a line saying to save the file as .xlsx: BIFF5 and older, FILEPASS
 * (encrypted), a container without a BIFF8 Workbook stream, and any record or container structure that
 * breaks its bounds. Every count (records, cells, strings, merges, sheets, bytes) and the clock are
 * limited (limits.ts); the work is linear in the stream, so a hostile file costs bounded time and memory.
 */
import type { SheetSnapshot, SheetVisibility, WorkbookSnapshot } from "../../core/snapshot";
import { finishSheet } from "../xlsx/reader";
import { readSheetCells } from "./cells";
import { isCompoundFile, openContainer } from "./container";
import { Formats } from "./formats";
import { DEFAULT_XLS_LIMITS, XlsFormatError, XlsLimitError, type XlsLimits } from "./limits";
import { RT, Stream, u16, u32, unicodeString } from "./records";
import { readSst } from "./sst";

export interface XlsReadOptions {
  limits?: Partial<XlsLimits>;
}

interface BoundSheet {
  name: string;
  visibility: SheetVisibility;
  /** Where the sheet's BOF is in the stream. */
  pos: number;
  /** 0 worksheet (or dialog sheet), 1 macro sheet, 2 chart, 6 VBA module. */
  kind: number;
}

const VISIBILITY: SheetVisibility[] = ["visible", "hidden", "veryHidden", "veryHidden"];

/** The BIFF version a stream's first record announces; refuses what is not BIFF8. */
function checkVersion(s: Stream): void {
  if (s.length < 8) throw new XlsFormatError("工作簿数据流为空或不完整", "the Workbook stream is empty or truncated");
  const type = u16(s.b, 0);
  if (type === RT.BOF2 || type === RT.BOF3 || type === RT.BOF4) {
    throw new XlsFormatError("这是 Excel 2.x–4.0 时代的工作簿（BIFF2–4），PerfCheck 不读取", "this is an Excel 2.x–4.0 workbook (BIFF2–4), which PerfCheck does not read");
  }
  if (type !== RT.BOF) throw new XlsFormatError("工作簿数据流不以 BOF 记录开头，不是 Excel 工作簿", "the Workbook stream does not start with a BOF record; not an Excel workbook");
  const vers = u16(s.b, 4);
  if (vers === 0x0500) {
    throw new XlsFormatError("这是 Excel 5.0/95 格式的工作簿（BIFF5），PerfCheck 只读取 Excel 97–2003 格式（BIFF8）", "this is an Excel 5.0/95 workbook (BIFF5); PerfCheck reads only the Excel 97–2003 format (BIFF8)");
  }
  if (vers !== 0x0600) throw new XlsFormatError(`未知的 BIFF 版本 0x${vers.toString(16)}`, `an unknown BIFF version 0x${vers.toString(16)}`);
}

function readGlobals(s: Stream): { sheets: BoundSheet[]; sst: string[]; xf: (string | null)[]; date1904: boolean } {
  const { limits } = s;
  const sheets: BoundSheet[] = [];
  const formats = new Formats();
  let sst: string[] = [];
  let date1904 = false;
  const first = s.record(0);
  let pos = first.data + first.len;
  for (;;) {
    const rec = s.record(pos);
    const { type, data, len } = rec;
    pos = data + len;
    if (type === RT.EOF) break;
    switch (type) {
      case RT.FILEPASS:
        throw new XlsFormatError("工作簿已加密（设有打开密码），无法读取；请去掉密码", "the workbook is encrypted (it has an open password) and cannot be read; remove the password");
      case RT.DATEMODE:
        if (len >= 2) date1904 = u16(s.b, data) === 1;
        break;
      case RT.BOUNDSHEET8: {
        if (len < 8) break;
        if (sheets.length >= limits.maxSheets) throw new XlsLimitError(`工作簿有超过 ${limits.maxSheets} 张工作表`, `the workbook has more than ${limits.maxSheets} sheets`);
        const name = unicodeString(s, data + 6, data + len, { zh: "工作表名称", en: "a sheet name" }, 1);
        sheets.push({ name, pos: u32(s.b, data), visibility: VISIBILITY[s.b[data + 4] & 3], kind: s.b[data + 5] });
        break;
      }
      case RT.SST: {
        const read = readSst(s, rec);
        sst = read.strings;
        pos = read.next;
        break;
      }
      case RT.FORMAT:
        formats.addFormat(s, data, len);
        break;
      case RT.XF:
        formats.addXf(s, data, len);
        break;
    }
  }
  return { sheets, sst, xf: formats.byXf(), date1904 };
}

/** Read a BIFF8 Workbook stream (already taken out of its container). */
export function readBiff8(stream: Uint8Array, options: XlsReadOptions = {}): WorkbookSnapshot {
  const limits: XlsLimits = { ...DEFAULT_XLS_LIMITS, ...options.limits };
  const s = new Stream(stream, limits);
  checkVersion(s);
  const g = readGlobals(s);
  const sheets: SheetSnapshot[] = [];
  for (const sh of g.sheets) {
    // Charts, macro sheets and VBA modules hold no cells PerfCheck reads (the .xlsx reader skips charts too).
    if (sh.kind !== 0) continue;
    const cells = readSheetCells(s, sh.pos, sh.name, g.sst, g.xf);
    sheets.push(finishSheet({ name: sh.name, visibility: sh.visibility }, cells.rows, cells.frows, undefined, cells.merges));
  }
  const snapshot: WorkbookSnapshot = { sheets };
  if (g.date1904) snapshot.date1904 = true;
  return snapshot;
}

/** A file that starts with a BIFF BOF record (BIFF2–4 files, or a bare BIFF5/8 stream). */
export function isBareBiff(b: Uint8Array): boolean {
  const t = b.length >= 4 ? u16(b, 0) : -1;
  return t === RT.BOF || t === RT.BOF2 || t === RT.BOF3 || t === RT.BOF4;
}

/** Read an .xls / .et (a compound file's bytes) for validation. Throws XlsFormatError / XlsLimitError with zh/en messages. */
export function readXls(bytes: Uint8Array, options: XlsReadOptions = {}): { snapshot: WorkbookSnapshot } {
  const limits: XlsLimits = { ...DEFAULT_XLS_LIMITS, ...options.limits };
  // Excel 2.x–4.0 wrote the records bare, without a compound file: read as a stream, which names the version.
  if (!isCompoundFile(bytes)) {
    if (isBareBiff(bytes)) return { snapshot: readBiff8(bytes, options) };
    throw new XlsFormatError("不是 Excel 97–2003 工作簿（不是复合文档）", "not an Excel 97–2003 workbook (not a compound file)");
  }
  const c = openContainer(bytes, limits);
  if (c.kind === "encrypted-ooxml") {
    throw new XlsFormatError("工作簿受密码保护，无法读取；请去掉打开密码", "the workbook is password-protected; remove the password");
  }
  if (c.kind === "none") {
    const names = c.streams.length ? c.streams.join(", ") : "—";
    throw new XlsFormatError(`复合文档中没有 Excel 97–2003（BIFF8）的 Workbook 数据流（只有：${names}），不是可读取的 .xls 或 .et 工作簿`, `the compound file holds no Excel 97–2003 (BIFF8) Workbook stream (only: ${names}); not a readable .xls or .et workbook`);
  }
  return { snapshot: readBiff8(c.stream, options) };
}
