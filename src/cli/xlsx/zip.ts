/**
 * The zip layer of the validation reader: the central directory is read first (zip64 included), every
 * size is checked against the limits before anything is inflated, and a part is inflated in chunks
 * with a running count of its output, handed on as it comes (nothing holds a whole inflated part).
 * fflate does the inflating; the container is parsed here because we need the checks before it.
 */
import { Inflate, inflateSync } from "fflate";
import { partName, sizeText, XlsxFormatError, XlsxLimitError, type XlsxLimits } from "./limits";

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function u64(b: Uint8Array, dv: DataView, p: number): number {
  // Sizes past 2^53 are not real; reading them as a float keeps them "too big" for every check.
  return dv.getUint32(p, true) + dv.getUint32(p + 4, true) * 2 ** 32;
}

function broken(en: string, zh: string): XlsxFormatError {
  return new XlsxFormatError(`文件已损坏或不完整（zip 结构错误：${zh}）`, `the file is damaged or truncated (broken zip: ${en})`);
}

const decoder = new TextDecoder("utf-8");
const latin = new TextDecoder("latin1");

/** The central directory, checked: entry count, names, sizes and offsets within the file. */
export function readCentralDirectory(buf: Uint8Array, limits: XlsxLimits): Map<string, ZipEntry> {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = buf.length;
  let eocd = -1;
  for (let p = n - 22; p >= Math.max(0, n - 22 - 65535); p--) {
    if (dv.getUint32(p, true) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw broken("no end of central directory", "找不到中央目录结尾");
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && dv.getUint32(loc, true) === ZIP64_LOCATOR) {
      const rec = u64(buf, dv, loc + 8);
      if (rec + 56 > n || dv.getUint32(rec, true) !== ZIP64_EOCD) throw broken("bad zip64 end record", "zip64 目录结尾无效");
      count = u64(buf, dv, rec + 32);
      cdSize = u64(buf, dv, rec + 40);
      cdOffset = u64(buf, dv, rec + 48);
    }
  }
  if (count > limits.maxEntries) {
    throw new XlsxLimitError(`压缩包含 ${count} 个条目，上限 ${limits.maxEntries}`, `the zip has ${count} entries, the limit is ${limits.maxEntries}`);
  }
  if (cdOffset + cdSize > n) throw broken("central directory outside the file", "中央目录超出文件范围");
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > n || dv.getUint32(p, true) !== CENTRAL) throw broken("bad central directory entry", "中央目录条目无效");
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let size = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let localOffset = dv.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen + commentLen > n) throw broken("central directory entry outside the file", "中央目录条目超出文件范围");
    const nameBytes = buf.subarray(p + 46, p + 46 + nameLen);
    const name = (flags & 0x800 ? decoder : latin).decode(nameBytes);
    // The zip64 extra field holds the sizes and offset that did not fit in 32 bits, in this order.
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = dv.getUint16(e, true);
      const len = dv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= e + 4 + len) (size = u64(buf, dv, q)), (q += 8);
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) (compressedSize = u64(buf, dv, q)), (q += 8);
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) localOffset = u64(buf, dv, q);
      }
      e += 4 + len;
    }
    // Names are compared case-insensitively with forward slashes, as Excel does.
    const key = name.replace(/\\/g, "/").replace(/^\//, "").toLowerCase();
    if (!entries.has(key)) entries.set(key, { name, method, flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Parts declared smaller than this inflate in one call (8 MB: a sheet of ~100,000 cells). */
const ONE_GO_BYTES = 8 * 1024 * 1024;

/** Running totals for one workbook: what has been inflated so far. */
export interface InflateBudget {
  total: number;
  deadline: number;
  limits: XlsxLimits;
}

export function checkClock(budget: InflateBudget, what: string, whatEn: string): void {
  if (Date.now() > budget.deadline) {
    const s = Math.round(budget.limits.maxMillis / 1000);
    throw new XlsxLimitError(`读取${what}超时（上限 ${s} 秒）`, `reading ${whatEn} took too long (limit ${s} s)`);
  }
}

/**
 * Inflate one part in chunks, passing each piece of output to `sink` as it comes. Declared sizes are
 * checked first; the actual output is counted as it is produced and the part is abandoned the moment
 * it passes the limit (a zip can declare any size it likes).
 */
export function streamEntry(buf: Uint8Array, entry: ZipEntry, budget: InflateBudget, sink: (chunk: Uint8Array) => void, sheet?: string): void {
  const { limits } = budget;
  const part = partName(entry.name, sheet);
  if (entry.flags & 1) throw new XlsxFormatError(`${part.zh}已加密，无法读取`, `${part.en} is encrypted`);
  if (entry.compressedSize > limits.maxPartCompressed) {
    throw new XlsxLimitError(`${part.zh}压缩后 ${sizeText(entry.compressedSize)}，上限 ${sizeText(limits.maxPartCompressed)}`, `${part.en} is ${sizeText(entry.compressedSize)} compressed, the limit is ${sizeText(limits.maxPartCompressed)}`);
  }
  if (entry.size > limits.maxPartBytes) {
    throw new XlsxLimitError(`${part.zh}解压后 ${sizeText(entry.size)}，上限 ${sizeText(limits.maxPartBytes)}`, `${part.en} inflates to ${sizeText(entry.size)}, the limit is ${sizeText(limits.maxPartBytes)}`);
  }
  if (budget.total + entry.size > limits.maxTotalBytes) {
    throw new XlsxLimitError(`工作簿各部分解压后超过 ${sizeText(limits.maxTotalBytes)}（读到${part.zh}时）`, `the workbook's parts inflate to more than ${sizeText(limits.maxTotalBytes)} (at ${part.en})`);
  }
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const lo = entry.localOffset;
  if (lo + 30 > buf.length || dv.getUint32(lo, true) !== LOCAL) throw broken(`bad local header for ${entry.name}`, `${entry.name} 的本地文件头无效`);
  const start = lo + 30 + dv.getUint16(lo + 26, true) + dv.getUint16(lo + 28, true);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw broken(`${entry.name} runs past the end of the file`, `${entry.name} 超出文件末尾`);
  let produced = 0;
  const count = (n: number) => {
    produced += n;
    budget.total += n;
    if (produced > limits.maxPartBytes) {
      throw new XlsxLimitError(`${part.zh}解压后超过 ${sizeText(limits.maxPartBytes)}（声明 ${sizeText(entry.size)}），上限 ${sizeText(limits.maxPartBytes)}`, `${part.en} inflates past ${sizeText(limits.maxPartBytes)} (declared ${sizeText(entry.size)}), the limit is ${sizeText(limits.maxPartBytes)}`);
    }
    if (budget.total > limits.maxTotalBytes) {
      throw new XlsxLimitError(`工作簿各部分解压后超过 ${sizeText(limits.maxTotalBytes)}（读到${part.zh}时）`, `the workbook's parts inflate to more than ${sizeText(limits.maxTotalBytes)} (at ${part.en})`);
    }
  };
  // Input in 64 KB chunks: deflate expands at most ~1,032×, so one chunk never makes more than ~66 MB at
  // once, and a typical part (tens of KB) inflates in one push (fflate grows and copies its output buffer
  // on every push, which made small chunks the largest cost of reading a typical workbook).
  const CHUNK = 64 * 1024;
  if (entry.method === 0) {
    for (let p = start; p < end; p += CHUNK) {
      const c = buf.subarray(p, Math.min(end, p + CHUNK));
      count(c.length);
      sink(c);
      checkClock(budget, part.zh, part.en);
    }
    return;
  }
  if (entry.method !== 8) throw new XlsxFormatError(`${part.zh}使用了不支持的压缩方式 ${entry.method}`, `${part.en} uses unsupported compression method ${entry.method}`);
  // A part of ordinary size inflates in one go into a buffer of its declared size plus one byte: no
  // growing and copying of the output (the largest cost of reading a typical workbook). fflate writes
  // nothing past a given buffer, so a part that fills the spare byte is bigger than it says: it is
  // read again below, where every byte is counted against the limits.
  if (entry.size < ONE_GO_BYTES) {
    let out: Uint8Array | undefined;
    try {
      out = inflateSync(buf.subarray(start, end), { out: new Uint8Array(entry.size + 1) });
    } catch {
      out = undefined; // broken data: the chunked path below says what is wrong
    }
    if (out && out.length <= entry.size) {
      count(out.length);
      sink(out);
      checkClock(budget, part.zh, part.en);
      return;
    }
  }
  let failure: unknown;
  const inflater = new Inflate((chunk) => {
    if (failure) return;
    try {
      count(chunk.length);
      sink(chunk);
    } catch (e) {
      failure = e;
    }
  });
  for (let p = start; p < end && !failure; p += CHUNK) {
    const last = p + CHUNK >= end;
    try {
      inflater.push(buf.subarray(p, Math.min(end, p + CHUNK)), last);
    } catch (e) {
      if (failure) break;
      throw broken(`${entry.name}: ${(e as Error).message}`, `${entry.name} 解压失败：${(e as Error).message}`);
    }
    if (!failure) checkClock(budget, part.zh, part.en);
  }
  if (failure) throw failure;
}
