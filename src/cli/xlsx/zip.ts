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

interface Zip64Values {
  size?: number;
  compressedSize?: number;
  localOffset?: number;
}

/**
 * The zip64 extended information (extra field 0x0001) of one header. By the specification it holds, in
 * this order, only the values whose 32-bit field is 0xFFFFFFFF; some writers copy the local header's
 * field (both sizes, always) into the central directory, so a field longer than the flagged values
 * need is read with every value in place.
 */
function zip64Extra(buf: Uint8Array, dv: DataView, from: number, length: number, wide: { size: boolean; compressedSize: boolean; localOffset: boolean }): Zip64Values | undefined {
  const end = Math.min(from + length, buf.length);
  for (let e = from; e + 4 <= end; ) {
    const id = dv.getUint16(e, true);
    const len = dv.getUint16(e + 2, true);
    if (id === 0x0001) {
      const fields = Math.floor(Math.min(len, end - e - 4) / 8);
      const flagged = +wide.size + +wide.compressedSize + +wide.localOffset;
      const all = fields > flagged;
      const out: Zip64Values = {};
      let q = e + 4;
      let left = fields;
      const take = (want: boolean): number | undefined => {
        if (!(want || all) || left === 0) return undefined;
        left--;
        q += 8;
        return want ? u64(buf, dv, q - 8) : undefined;
      };
      out.size = take(wide.size);
      out.compressedSize = take(wide.compressedSize);
      out.localOffset = take(wide.localOffset);
      return out;
    }
    e += 4 + len;
  }
  return undefined;
}

/** Both sizes from the zip64 field of the local header at `at`, when it has one. */
function localZip64(buf: Uint8Array, dv: DataView, at: number): Zip64Values | undefined {
  if (!(at + 30 <= buf.length) || dv.getUint32(at, true) !== LOCAL) return undefined;
  const nameLen = dv.getUint16(at + 26, true);
  const extraLen = dv.getUint16(at + 28, true);
  const v = zip64Extra(buf, dv, at + 30 + nameLen, extraLen, { size: true, compressedSize: true, localOffset: false });
  return v?.size !== undefined && v.compressedSize !== undefined ? v : undefined;
}

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
    const wide = { size: size === 0xffffffff, compressedSize: compressedSize === 0xffffffff, localOffset: localOffset === 0xffffffff };
    const z64 = zip64Extra(buf, dv, p + 46 + nameLen, extraLen, wide);
    if (z64) ({ size = size, compressedSize = compressedSize, localOffset = localOffset } = z64);
    if (wide.localOffset && z64?.localOffset === undefined) throw broken(`no zip64 offset for ${name}`, `${name} 缺少 zip64 偏移量`);
    // A size still at 0xFFFFFFFF has no zip64 value in the central directory: the local header's zip64
    // field (which must hold both sizes) says it, or the entry is broken — never "4 GB".
    if ((wide.size && z64?.size === undefined) || (wide.compressedSize && z64?.compressedSize === undefined)) {
      const local = localZip64(buf, dv, localOffset);
      if (wide.size) size = local?.size ?? Number.NaN;
      if (wide.compressedSize) compressedSize = local?.compressedSize ?? Number.NaN;
      if (Number.isNaN(size) || Number.isNaN(compressedSize)) throw broken(`no zip64 sizes for ${name}`, `${name} 缺少 zip64 大小`);
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
  // A zip states every part's size in its central directory; a part that inflates past it is damaged or
  // forged (a "1,000-byte" part that is really 400 MB). Stop at the first byte past it, not at a limit
  // hundreds of megabytes later.
  const overflow = () =>
    new XlsxFormatError(
      `文件已损坏或被改动：${part.zh}声明解压后 ${sizeText(entry.size)}，实际更大`,
      `the file is damaged or tampered with: ${part.en} declares ${sizeText(entry.size)} inflated but holds more`,
    );
  let produced = 0;
  const count = (n: number) => {
    produced += n;
    budget.total += n;
    if (produced > entry.size) throw overflow();
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
  // A part declared small gets smaller input chunks (1 KB at least), so one that lies about its size is
  // stopped after about a megabyte of output rather than one 66 MB push; 8 MB and up keep 64 KB.
  const CHUNK = Math.min(64 * 1024, Math.max(1024, 2 ** Math.ceil(Math.log2(entry.size / 128 + 1))));
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
  // Deflate never makes data much bigger (5 bytes a 64 KB stored block), so compressed data well past the
  // declared size cannot fit in it: the chunked path below stops that at its first chunk instead.
  if (entry.size < ONE_GO_BYTES && entry.compressedSize <= entry.size + (entry.size >> 10) + 1024) {
    let out: Uint8Array | undefined;
    try {
      out = inflateSync(buf.subarray(start, end), { out: new Uint8Array(entry.size + 1) });
    } catch {
      out = undefined; // broken data: the chunked path below says what is wrong
    }
    if (out && out.length > entry.size) throw overflow();
    if (out) {
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
