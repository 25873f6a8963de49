/**
 * The compound-file container around a .xls / .et: find its Workbook stream.
 *
 * The streams are extracted by the npm `cfb` package. cfb trusts the file: it follows a sector chain
 * until the chain ends (a loop in the FAT never ends), copies a chain once per sector it starts from
 * (a chain laid out backwards costs its length squared, in memory), and climbs the directory tree
 * without a visited set (a cycle there never ends). So before cfb sees the bytes, `checkContainer`
 * walks the same header, DIFAT, FAT and directory cfb will walk — in linear time, with its own limits —
 * and refuses what would make cfb loop or blow up: chains that loop or point past the end of the file
 * (a truncated file), a layout that would make cfb copy more than three times the file, a directory
 * that is not a tree. What passes is read by cfb in bounded time and memory.
 *
 * Only streams directly under the root are looked at: an embedded workbook (an OLE object inside the
 * file) has a Workbook stream of its own, one storage down.
 */
import * as CFB from "cfb";
import { XlsFormatError, XlsLimitError, type XlsLimits } from "./limits";

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const NOSTREAM = -1;
const ENDOFCHAIN = -2;
/** Streams smaller than this live in the mini stream (MS-CFB 2.2; cfb uses the same constant). */
const MINI_CUTOFF = 4096;
/** Directory tree depth (L/R/C links). A red-black tree of 256 siblings is at most 16 deep. */
const MAX_TREE_DEPTH = 64;

export type ContainerContent =
  /** The BIFF Workbook (or Book) stream. `name` as stored. */
  | { kind: "workbook"; name: string; stream: Uint8Array }
  /** An encrypted .xlsx (EncryptionInfo/EncryptedPackage): password-protected. */
  | { kind: "encrypted-ooxml" }
  /** A compound file with no workbook stream at its root (a Word document, an .et of another kind). */
  | { kind: "none"; streams: string[] };

const damaged = (zh: string, en: string) => new XlsFormatError(`文件已损坏或不完整（复合文档结构错误：${zh}）`, `the file is damaged or truncated (broken compound-file structure: ${en})`);

const i32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) | 0;
const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);

export function isCompoundFile(b: Uint8Array): boolean {
  return b.length >= 8 && SIGNATURE.every((x, i) => b[i] === x);
}

interface DirEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

interface Checked {
  entries: DirEntry[];
  /** Indices of the entries directly under the root. */
  rootChildren: number[];
}

/**
 * Walk the container as cfb will (header → DIFAT → FAT → directory), refusing what cfb cannot read in
 * bounded time and memory. Linear in the file's sectors.
 */
export function checkContainer(b: Uint8Array, limits: XlsLimits): Checked {
  if (b.length < 512) throw damaged(`文件只有 ${b.length} 字节`, `only ${b.length} bytes`);
  const major = u16(b, 26);
  const shift = u16(b, 30);
  if (!((major === 3 && shift === 9) || (major === 4 && shift === 12))) throw damaged(`未知的版本 ${major}/${shift}`, `unknown version ${major}/${shift}`);
  const ssz = 1 << shift;
  if (b.length < ssz) throw damaged(`文件短于一个扇区`, `shorter than one sector`);
  // As cfb counts them: sector k is at (k + 1) * ssz; the last may be short.
  const n = Math.ceil(b.length / ssz) - 1;
  if (n > limits.maxSectors) throw new XlsLimitError(`复合文档有超过 ${limits.maxSectors} 个扇区`, `the compound file has more than ${limits.maxSectors} sectors`);
  const sectorAt = (k: number) => (k + 1) * ssz;
  const dirStart = i32(b, 48);
  const difatStart = i32(b, 68);
  const difatCount = i32(b, 72);

  // FAT sector locations: 109 in the header, the rest in the DIFAT chain (followed for its declared count).
  const fatAddrs: number[] = [];
  for (let j = 0; j < 109; j++) {
    const q = i32(b, 76 + 4 * j);
    if (q < 0) break;
    fatAddrs.push(q);
  }
  if (difatCount > 1000) throw damaged(`DIFAT 扇区数 ${difatCount} 不合理`, `an implausible DIFAT sector count ${difatCount}`);
  let idx = difatStart;
  let cnt = difatCount;
  const perSector = ssz / 4 - 1;
  for (;;) {
    if (idx === ENDOFCHAIN) {
      if (cnt !== 0) throw damaged("DIFAT 链短于声明", "the DIFAT chain is shorter than declared");
      break;
    }
    if (idx < 0 || idx >= n) break;
    const base = sectorAt(idx);
    for (let i = 0; i < perSector; i++) {
      const q = i32(b, base + 4 * i);
      if (q === ENDOFCHAIN) break;
      fatAddrs.push(q);
    }
    if (cnt < 1) break;
    idx = i32(b, base + ssz - 4);
    cnt--;
  }
  const perFat = ssz / 4;
  /** The FAT's next sector after k, as cfb reads it: a missing FAT sector ends the chain. */
  const nextOf = (k: number): number => {
    const addr = fatAddrs[Math.floor(k / perFat)];
    if (addr === undefined || addr < 0 || addr >= n) return ENDOFCHAIN;
    const o = sectorAt(addr) + 4 * (k % perFat);
    // A short last sector: cfb reads undefined bytes as 0 there; read the same.
    return o + 4 <= b.length ? i32(b, o) : 0;
  };
  const next = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const v = nextOf(k);
    if (v >= n) throw damaged(`扇区 ${k} 的下一扇区 ${v} 在文件末尾之后`, `sector ${k} chains to sector ${v}, past the end of the file`);
    next[k] = v;
  }
  // Chain lengths, refusing loops: 0 = not seen, -1 = on the walk in progress, > 0 = length from here.
  const dist = new Int32Array(n);
  const path: number[] = [];
  for (let k = 0; k < n; k++) {
    if (dist[k] !== 0) continue;
    let j = k;
    while (j >= 0 && dist[j] === 0) {
      dist[j] = -1;
      path.push(j);
      j = next[j];
    }
    if (j >= 0 && dist[j] === -1) throw damaged(`扇区分配表（FAT）中有循环（经过扇区 ${j}）`, `a loop in the sector allocation table (FAT), through sector ${j}`);
    let d = j >= 0 ? dist[j] : 0;
    while (path.length) dist[path.pop()!] = ++d;
  }
  if (dirStart < 0 || dirStart >= n) throw damaged(`目录起始扇区 ${dirStart} 无效`, `an invalid first directory sector ${dirStart}`);
  // What cfb will copy: every chain from each sector not yet reached, in its order (from the directory on).
  const reached = new Uint8Array(n);
  const starts = new Uint8Array(n);
  let cost = 0;
  for (let i = 0; i < n; i++) {
    let k = i + dirStart;
    if (k >= n) k -= n;
    if (reached[k]) continue;
    starts[k] = 1;
    cost += dist[k];
    for (let j = k; j >= 0 && !reached[j]; j = next[j]) reached[j] = 1;
  }
  const dirBytes = dist[dirStart] * ssz;
  const count = Math.floor(dirBytes / 128);
  if (count > limits.maxDirectoryEntries) throw new XlsLimitError(`复合文档目录有超过 ${limits.maxDirectoryEntries} 项`, `the compound-file directory has more than ${limits.maxDirectoryEntries} entries`);
  const entries: DirEntry[] = [];
  for (let e = 0, k = dirStart; e < count; e++) {
    const within = (e * 128) % ssz;
    if (e > 0 && within === 0) k = next[k];
    const o = sectorAt(k) + within;
    if (o + 128 > b.length) throw damaged("目录在文件末尾处被截断", "the directory is cut off at the end of the file");
    const nameLen = u16(b, o + 64);
    if (nameLen > 64) throw damaged(`目录项 ${e} 的名称长度 ${nameLen} 无效`, `directory entry ${e} has an invalid name length ${nameLen}`);
    let name = "";
    for (let c = 0; c + 1 < nameLen; c += 2) {
      const ch = u16(b, o + c);
      if (ch === 0) break;
      name += String.fromCharCode(ch);
    }
    entries.push({ name, type: b[o + 66], left: i32(b, o + 68), right: i32(b, o + 72), child: i32(b, o + 76), start: i32(b, o + 116), size: i32(b, o + 120) });
  }
  if (entries.length === 0) throw damaged("没有目录项", "no directory entries");
  // The directory must be a forest: links in range, each entry linked to at most once, the root never,
  // and no cycle (cfb climbs these links to name each entry). Free entries (type 0) hold no links; some
  // writers (WPS) zero-fill them, so their links may read 0 — those are not links.
  const isFree = (d: DirEntry) => d.type === 0;
  const linksOf = (d: DirEntry) => (isFree(d) ? [] : [d.left, d.right, d.child].filter((t) => t !== NOSTREAM));
  const indeg = new Uint8Array(entries.length);
  for (const [e, d] of entries.entries()) {
    if (isFree(d)) {
      for (const t of [d.left, d.right, d.child]) if (t !== NOSTREAM && t !== 0) throw damaged(`空闲目录项 ${e} 有链接 ${t}`, `free directory entry ${e} has a link ${t}`);
      continue;
    }
    for (const t of linksOf(d)) {
      if (t <= 0 || t >= entries.length || isFree(entries[t]) || ++indeg[t] > 1) throw damaged(`目录项 ${e} 的链接 ${t} 无效`, `directory entry ${e} has an invalid link ${t}`);
    }
  }
  const depth = new Int32Array(entries.length).fill(-1);
  for (let r = 0; r < entries.length; r++) {
    if (indeg[r] !== 0) continue;
    const stack: number[] = [r];
    depth[r] = 0;
    while (stack.length) {
      const x = stack.pop()!;
      for (const t of linksOf(entries[x])) {
        depth[t] = depth[x] + 1;
        if (depth[t] > MAX_TREE_DEPTH) throw damaged(`目录树深度超过 ${MAX_TREE_DEPTH}`, `the directory tree is deeper than ${MAX_TREE_DEPTH}`);
        stack.push(t);
      }
    }
  }
  // An entry never reached from an entry without links to it sits on a cycle.
  const onCycle = depth.findIndex((d) => d < 0);
  if (onCycle >= 0) throw damaged(`目录项 ${onCycle} 处于循环中`, `directory entry ${onCycle} is on a cycle`);
  checkPathClimb(entries);
  // Large streams whose chain does not start one of cfb's copies cost a copy of their own.
  const copied = new Set<number>();
  for (const [e, d] of entries.entries()) {
    if (e === 0 || d.type === 5 || d.size < MINI_CUTOFF) continue;
    if (d.start < 0 || d.start >= n) throw damaged(`目录项“${d.name}”的起始扇区 ${d.start} 无效`, `entry "${d.name}" starts at an invalid sector ${d.start}`);
    if (!starts[d.start] && !copied.has(d.start)) {
      copied.add(d.start);
      cost += dist[d.start];
    }
  }
  if (cost > 3 * n + 64) throw damaged("扇区链的排列异常（读取需复制文件多次）", "sector chains laid out so that reading would copy the file many times over");
  const rootChildren: number[] = [];
  const stack = entries[0].child === NOSTREAM ? [] : [entries[0].child];
  while (stack.length) {
    const x = stack.pop()!;
    rootChildren.push(x);
    if (entries[x].left !== NOSTREAM) stack.push(entries[x].left);
    if (entries[x].right !== NOSTREAM) stack.push(entries[x].right);
  }
  rootChildren.sort((p, q) => p - q);
  return { entries, rootChildren };
}

/**
 * cfb names each entry by climbing parent links it derives from the L/R/C links of every entry, free ones
 * included, and stops only at the root or an entry without a parent: run the same derivation here, with
 * caps, and refuse a directory whose climb would not end (a forest of real entries always ends; this is
 * the check that also covers what free entries' links do to it).
 */
function checkPathClimb(entries: DirEntry[]): void {
  const pl = entries.length;
  const dad: number[] = [];
  const q: number[] = [];
  for (let i = 0; i < pl; i++) dad[i] = q[i] = i;
  let L = NOSTREAM;
  let R = NOSTREAM;
  for (let j = 0; j < q.length; j++) {
    if (q.length > MAX_TREE_DEPTH * pl + pl) throw damaged("目录树结构异常", "an abnormal directory tree");
    const i = q[j];
    L = entries[i].left;
    R = entries[i].right;
    const C = entries[i].child;
    if (dad[i] === i) {
      if (L !== NOSTREAM && dad[L] !== L) dad[i] = dad[L];
      if (R !== NOSTREAM && dad[R] !== R) dad[i] = dad[R];
    }
    if (C !== NOSTREAM) dad[C] = i;
    if (L !== NOSTREAM && i !== dad[i]) {
      dad[L] = dad[i];
      if (q.lastIndexOf(L) < j) q.push(L);
    }
    if (R !== NOSTREAM && i !== dad[i]) {
      dad[R] = dad[i];
      if (q.lastIndexOf(R) < j) q.push(R);
    }
  }
  for (let i = 1; i < pl; i++) {
    if (dad[i] !== i) continue;
    if (R !== NOSTREAM && dad[R] !== R) dad[i] = dad[R];
    else if (L !== NOSTREAM && dad[L] !== L) dad[i] = dad[L];
  }
  for (let i = 1; i < pl; i++) {
    if (entries[i].type === 0) continue;
    let j = i;
    let steps = 0;
    if (j !== dad[j]) {
      do {
        j = dad[j];
        if (++steps > pl) throw damaged(`目录项 ${i} 的上级链接成环`, `the parents of directory entry ${i} form a cycle`);
      } while (j !== 0 && dad[j] !== -1 && j !== dad[j]);
    }
    dad[i] = -1;
  }
}

/** The container's Workbook stream (BIFF8; or Book, BIFF5 and older), read through cfb once checked. */
export function openContainer(bytes: Uint8Array, limits: XlsLimits): ContainerContent {
  const { entries, rootChildren } = checkContainer(bytes, limits);
  const streams = rootChildren.filter((i) => entries[i].type === 2);
  const named = (re: RegExp) => streams.find((i) => re.test(entries[i].name));
  if (named(/^(EncryptionInfo|EncryptedPackage)$/)) return { kind: "encrypted-ooxml" };
  const at = named(/^workbook$/i) ?? named(/^book$/i);
  if (at === undefined) return { kind: "none", streams: streams.map((i) => entries[i].name) };
  const entry = entries[at];
  if (entry.size < 0 || entry.size > limits.maxStreamBytes) throw new XlsLimitError(`工作簿数据流超过 ${limits.maxStreamBytes} 字节`, `the Workbook stream is larger than ${limits.maxStreamBytes} bytes`);
  let container: CFB.CFB$Container;
  try {
    // A Buffer: cfb then cuts sectors as views instead of copies.
    container = CFB.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Uint8Array);
  } catch (e) {
    throw damaged(String((e as Error)?.message ?? e), String((e as Error)?.message ?? e));
  }
  const content = container.FileIndex[at]?.content;
  if (!content || content.length !== entry.size) {
    throw damaged(`工作簿数据流声明 ${entry.size} 字节，只读到 ${content?.length ?? 0} 字节`, `the Workbook stream declares ${entry.size} bytes but only ${content?.length ?? 0} are there`);
  }
  const stream = content instanceof Uint8Array ? content : Uint8Array.from(content);
  return { kind: "workbook", name: entry.name, stream };
}
