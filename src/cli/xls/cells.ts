/**
 * One worksheet substream ([MS-XLS] 2.1.7.20.5): from its BOF to the matching EOF, the cell records PerfCheck
 * reads — LABELSST, LABEL/RSTRING, RK, MULRK, NUMBER, BOOLERR, FORMULA with its cached result (a string
 * result comes in the STRING record after it), BLANK/MULBLANK (counted, hold nothing) — and MERGEDCELLS.
 * Everything else (row and column info, drawings, an embedded chart's own BOF…EOF) is passed over.
 *
 * Formulas are not decompiled: every BIFF8 FORMULA carries the result Excel (or LibreOffice, or WPS)
 * last computed, and that cached value is what the user sees and what the rules read.
 */
import type { CellValue, Rect } from "../../core/snapshot";
import { sheetPart, XlsFormatError, XlsLimitError } from "./limits";
import { RT, Segments, type Stream, u16, u32, unicodeString } from "./records";

/** BErr codes ([MS-XLS] 2.5.10). */
const ERRORS: Record<number, string> = { 0x00: "#NULL!", 0x07: "#DIV/0!", 0x0f: "#VALUE!", 0x17: "#REF!", 0x1d: "#NAME?", 0x24: "#NUM!", 0x2a: "#N/A", 0x2b: "#GETTING_DATA" };

const errorValue = (code: number): CellValue => ({ error: ERRORS[code] ?? "#N/A" });

const scratch = new DataView(new ArrayBuffer(8));

/** An RK number ([MS-XLS] 2.5.217): a 30-bit integer or the top 30 bits of a double, maybe ×100. */
export function rkValue(v: number): number {
  let n: number;
  if (v & 2) n = (v | 0) >> 2;
  else {
    scratch.setUint32(0, 0, true);
    scratch.setUint32(4, (v & 0xfffffffc) >>> 0, true);
    n = scratch.getFloat64(0, true);
  }
  return v & 1 ? n / 100 : n;
}

export interface SheetCells {
  rows: (CellValue[] | undefined)[];
  /** Number formats in the same shape, or undefined when no cell has one. */
  frows?: ((string | null)[] | undefined)[];
  merges: Rect[];
}

/**
 * Read the substream whose BOF is at `pos`. `sst` and `xf` come from the globals; `name` is for messages.
 */
export function readSheetCells(s: Stream, pos: number, name: string, sst: string[], xf: (string | null)[]): SheetCells {
  const { limits } = s;
  const where = sheetPart(name);
  const b = s.b;
  const rows: (CellValue[] | undefined)[] = [];
  const frows: ((string | null)[] | undefined)[] = [];
  let anyFormat = false;
  const merges: Rect[] = [];
  const mergeKeys = new Set<string>();
  let cells = 0;
  /** A FORMULA whose string result is in the STRING record that follows it. */
  let pending: { row: number; col: number; ixfe: number } | undefined;

  const count = (n: number) => {
    cells += n;
    s.cells += n;
    if (cells > limits.maxCellsPerSheet) throw new XlsLimitError(`${where.zh}有超过 ${limits.maxCellsPerSheet} 个单元格`, `${where.en} has more than ${limits.maxCellsPerSheet} cells`);
    if (s.cells > limits.maxCells) throw new XlsLimitError(`工作簿共有超过 ${limits.maxCells} 个单元格（读到${where.zh}时）`, `the workbook has more than ${limits.maxCells} cells (at ${where.en})`);
  };

  let grid = 0;
  const store = (row: number, col: number, value: CellValue, ixfe: number) => {
    let r = rows[row];
    if (!r) r = rows[row] = [];
    if (col >= r.length) {
      grid += col + 1 - r.length;
      if (grid > limits.maxGridCells) throw new XlsLimitError(`${where.zh}的单元格分布范围超过 ${limits.maxGridCells} 格`, `${where.en} spans a grid of more than ${limits.maxGridCells} cells`);
    }
    while (r.length < col) r.push(null);
    r[col] = value;
    const fmt = xf[ixfe] ?? null;
    if (fmt !== null) {
      anyFormat = true;
      let fr = frows[row];
      if (!fr) fr = frows[row] = [];
      while (fr.length < col) fr.push(null);
      fr[col] = fmt;
    } else {
      // A cell written twice (a hostile file) keeps only its last format.
      const fr = frows[row];
      if (fr && col < fr.length) fr[col] = null;
    }
  };

  const tooShort = (type: number, len: number) =>
    new XlsFormatError(`文件已损坏：${where.zh}中类型 0x${type.toString(16)} 的记录只有 ${len} 字节`, `the file is damaged: a record of type 0x${type.toString(16)} in ${where.en} has only ${len} bytes`);

  const first = s.record(pos, name);
  if (first.type !== RT.BOF) {
    throw new XlsFormatError(`文件已损坏：${where.zh}的起始位置（第 ${pos} 字节）不是 BOF 记录`, `the file is damaged: ${where.en} does not start with a BOF record (byte ${pos})`);
  }
  let depth = 1;
  pos = first.data + first.len;
  while (depth > 0) {
    const rec = s.record(pos, name);
    const { type, data, len } = rec;
    pos = data + len;
    if (type === RT.BOF) {
      depth++;
      continue;
    }
    if (type === RT.EOF) {
      depth--;
      continue;
    }
    // Records of an embedded chart's substream are not cells of this sheet.
    if (depth > 1) continue;
    switch (type) {
      case RT.LABELSST: {
        if (len < 10) throw tooShort(type, len);
        count(1);
        const i = u32(b, data + 6);
        store(u16(b, data), u16(b, data + 2), i < sst.length ? sst[i] : null, u16(b, data + 4));
        break;
      }
      case RT.LABEL:
      case RT.RSTRING: {
        if (len < 9) throw tooShort(type, len);
        count(1);
        store(u16(b, data), u16(b, data + 2), unicodeString(s, data + 6, data + len, where), u16(b, data + 4));
        break;
      }
      case RT.RK: {
        if (len < 10) throw tooShort(type, len);
        count(1);
        store(u16(b, data), u16(b, data + 2), rkValue(u32(b, data + 6)), u16(b, data + 4));
        break;
      }
      case RT.MULRK: {
        // rw, colFirst, then 6 bytes (ixfe, RK) per cell, then colLast.
        if (len < 6 || (len - 6) % 6 !== 0) throw tooShort(type, len);
        const n = (len - 6) / 6;
        count(n);
        const row = u16(b, data);
        const col = u16(b, data + 2);
        for (let k = 0; k < n; k++) {
          const o = data + 4 + 6 * k;
          store(row, col + k, rkValue(u32(b, o + 2)), u16(b, o));
        }
        break;
      }
      case RT.NUMBER: {
        if (len < 14) throw tooShort(type, len);
        count(1);
        store(u16(b, data), u16(b, data + 2), s.buf.readDoubleLE(data + 6), u16(b, data + 4));
        break;
      }
      case RT.BOOLERR: {
        if (len < 8) throw tooShort(type, len);
        count(1);
        const v = b[data + 6];
        store(u16(b, data), u16(b, data + 2), b[data + 7] ? errorValue(v) : v !== 0, u16(b, data + 4));
        break;
      }
      case RT.BLANK:
        count(1);
        break;
      case RT.MULBLANK:
        count(Math.max(0, (len - 6) >> 1));
        break;
      case RT.FORMULA: {
        if (len < 20) throw tooShort(type, len);
        count(1);
        const row = u16(b, data);
        const col = u16(b, data + 2);
        const ixfe = u16(b, data + 4);
        pending = undefined;
        if (u16(b, data + 12) !== 0xffff) {
          store(row, col, s.buf.readDoubleLE(data + 6), ixfe);
          break;
        }
        const kind = b[data + 6];
        if (kind === 0) pending = { row, col, ixfe };
        else if (kind === 1) store(row, col, b[data + 8] !== 0, ixfe);
        else if (kind === 2) store(row, col, errorValue(b[data + 8]), ixfe);
        else if (kind === 3) store(row, col, "", ixfe);
        break;
      }
      case RT.STRING: {
        // The string result of the FORMULA before it; may continue in CONTINUE records.
        const { segs, next } = s.continued(rec, name);
        pos = next;
        if (!pending) break;
        const r = new Segments(s, segs, where);
        const cch = r.u16();
        const flags = r.u8();
        if (cch > limits.maxStringLength) throw new XlsLimitError(`${where.zh}中有超过 ${limits.maxStringLength} 个字符的文本`, `${where.en} holds a text longer than ${limits.maxStringLength} characters`);
        store(pending.row, pending.col, r.chars(cch, (flags & 1) === 1), pending.ixfe);
        pending = undefined;
        break;
      }
      case RT.MERGEDCELLS: {
        if (len < 2) throw tooShort(type, len);
        const n = Math.min(u16(b, data), Math.floor((len - 2) / 8));
        for (let k = 0; k < n; k++) {
          const o = data + 2 + 8 * k;
          const top = u16(b, o);
          const bottom = u16(b, o + 2);
          const left = u16(b, o + 4);
          const right = u16(b, o + 6);
          const key = `${top},${left},${bottom},${right}`;
          // Duplicates are kept once, as the .xlsx reader does.
          if (mergeKeys.has(key)) continue;
          mergeKeys.add(key);
          if (merges.length >= limits.maxMergesPerSheet) throw new XlsLimitError(`${where.zh}有超过 ${limits.maxMergesPerSheet} 个合并区域`, `${where.en} has more than ${limits.maxMergesPerSheet} merged areas`);
          merges.push({ top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) });
        }
        break;
      }
    }
  }
  return { rows, frows: anyFormat ? frows : undefined, merges };
}
