/**
 * Hostile and broken .xls files against the BIFF8 reader and its container guard: each gets one clear
 * refusal (XlsFormatError, saying 另存为 .xlsx) or a limit (XlsLimitError), never a crash, a hang or
 * another kind of error. No timing assertions: a case that looped or ran out of memory fails by itself.
 */
import * as CFB from "cfb";
import { readFileSync } from "node:fs";
import path from "node:path";
import { readXls, XlsFormatError, XlsLimitError } from "../src/cli/xls";
import * as F from "./xls.fixtures";

const SEED = readFileSync(path.join(__dirname, "..", "fixtures", "xls", "seed002.xls"));

function outcome(bytes: Uint8Array, limits = {}): "read" | "format" | "limit" {
  try {
    readXls(bytes, { limits });
    return "read";
  } catch (e) {
    if (e instanceof XlsFormatError) return "format";
    if (e instanceof XlsLimitError) return "limit";
    throw e;
  }
}

function message(bytes: Uint8Array, limits = {}): string {
  try {
    readXls(bytes, { limits });
  } catch (e) {
    if (!(e instanceof XlsFormatError || e instanceof XlsLimitError)) throw e;
    return (e as Error).message;
  }
  throw new Error("expected a refusal");
}

/** The container's header fields and FAT, to patch chains the way a hostile file would. */
function layout(b: Buffer) {
  const ssz = 1 << b.readUInt16LE(30);
  const fat: number[] = [];
  for (let j = 0; j < 109; j++) {
    const q = b.readInt32LE(76 + 4 * j);
    if (q < 0) break;
    fat.push(q);
  }
  const at = (k: number) => (fat[Math.floor(k / (ssz / 4))] + 1) * ssz + 4 * (k % (ssz / 4));
  const dirStart = b.readInt32LE(48);
  const entry = (name: string) => {
    for (let e = 0; e < ssz / 128; e++) {
      const o = (dirStart + 1) * ssz + 128 * e;
      const n = b.toString("utf16le", o, o + Math.max(0, b.readUInt16LE(o + 64) - 2));
      if (n === name) return { offset: o, start: b.readInt32LE(o + 116), size: b.readInt32LE(o + 120) };
    }
    throw new Error(`no ${name}`);
  };
  const chain = (start: number) => {
    const out: number[] = [];
    for (let k = start; k >= 0 && out.length < 100_000; k = b.readInt32LE(at(k))) out.push(k);
    return out;
  };
  return { ssz, at, entry, chain, dirStart };
}

const streamOf = (b: Buffer) => Buffer.from(CFB.find(CFB.parse(b), "Workbook")!.content as Uint8Array);

describe("the container", () => {
  test("the seed reads (the patches below start from a good file)", () => {
    expect(outcome(SEED)).toBe("read");
    expect(layout(SEED).entry("Workbook").size).toBeGreaterThan(4096);
  });

  test("a loop in the FAT: refused, naming the loop", () => {
    const b = Buffer.from(SEED);
    const l = layout(b);
    const wb = l.entry("Workbook");
    const chain = l.chain(wb.start);
    expect(chain.length).toBeGreaterThan(2);
    b.writeInt32LE(chain[1], l.at(chain[chain.length - 1]));
    expect(message(b)).toMatch(/循环.*loop in the sector allocation table/);
  });

  test("a sector chained to itself", () => {
    const b = Buffer.from(SEED);
    const l = layout(b);
    const start = l.entry("Workbook").start;
    b.writeInt32LE(start, l.at(start));
    expect(message(b)).toMatch(/loop/);
  });

  test("a chain laid out backwards (cfb would copy it once per sector): refused", () => {
    const b = Buffer.from(SEED);
    const l = layout(b);
    const wb = l.entry("Workbook");
    const chain = l.chain(wb.start);
    // Same content, sectors in reverse order on disk: chain position i goes to sector chain[m-i].
    const m = chain.length - 1;
    chain.forEach((s, i) => SEED.copy(b, (chain[m - i] + 1) * l.ssz, (s + 1) * l.ssz, (s + 2) * l.ssz));
    for (let i = 0; i < m; i++) b.writeInt32LE(chain[m - i - 1], l.at(chain[m - i]));
    b.writeInt32LE(-2, l.at(chain[0]));
    b.writeInt32LE(chain[m], wb.offset + 116);
    expect(message(b)).toMatch(/copy the file many times/);
  });

  test("a directory whose links make a cycle", () => {
    const b = Buffer.from(SEED);
    const l = layout(b);
    const wb = l.entry("Workbook");
    // The Workbook entry becomes its own left sibling.
    const self = (wb.offset - (l.dirStart + 1) * l.ssz) / 128;
    b.writeInt32LE(self, wb.offset + 68);
    expect(message(b)).toMatch(/directory entry/);
  });

  test("free directory entries zero-filled, as WPS writes them, still read; a free entry with a real link does not", () => {
    const b = Buffer.from(SEED);
    const l = layout(b);
    // Entries 6 and 7 of the seed are free (type 0, links -1): zero their links.
    const free = (e: number) => (l.dirStart + 1) * l.ssz + 128 * e;
    for (const e of [6, 7]) {
      expect(b[free(e) + 66]).toBe(0);
      for (const o of [68, 72, 76]) b.writeInt32LE(0, free(e) + o);
    }
    expect(outcome(b)).toBe("read");
    b.writeInt32LE(3, free(7) + 76);
    expect(message(b)).toMatch(/free directory entry 7 has a link 3/);
  });

  test("a chain pointing past the end of the file, and a truncated file", () => {
    const b = Buffer.from(SEED);
    const l = layout(b);
    const chain = l.chain(l.entry("Workbook").start);
    b.writeInt32LE(100_000, l.at(chain[3]));
    expect(message(b)).toMatch(/past the end of the file/);
    for (const cut of [SEED.length - 1, SEED.length - 600, Math.floor(SEED.length / 2), 4096, 600, 100]) {
      expect(message(SEED.subarray(0, cut))).toMatch(/另存为 \.xlsx|damaged|truncated/);
    }
  });
});

describe("the Workbook stream", () => {
  const sheet = (records: Buffer[]) => [{ name: "S", records }];

  test("an SST declaring more strings than it holds", () => {
    const stream = F.workbookStream(sheet([F.labelSst(0, 0, 0)]), { tail: [F.rec(0x00fc, F.sstBody(["a", "b"], 5))] });
    expect(message(F.compoundFile(stream))).toMatch(/declares 5 strings but holds only 2/);
  });

  test("an SST declaring 4 billion strings is refused before anything is kept", () => {
    const stream = F.workbookStream(sheet([]), { tail: [F.rec(0x00fc, F.sstBody(["a"], 0xffffffff))] });
    expect(message(F.compoundFile(stream))).toMatch(/more than 5000000 strings/);
  });

  test("a string running past its record with no CONTINUE", () => {
    const body = Buffer.concat([Buffer.from([...F.le32(1), ...F.le32(1), ...F.le16(50), 0]), Buffer.from("short", "latin1")]);
    expect(message(F.compoundFile(F.workbookStream(sheet([]), { tail: [F.rec(0x00fc, body)] })))).toMatch(/runs past the end of its record/);
  });

  test("a CONTINUE past the end of the stream", () => {
    const head = Buffer.concat([F.bof(5), ...F.defaultXfs(), F.rec(0x00fc, F.sstBody(["a"]))]);
    const cont = Buffer.from([0x3c, 0, 0x88, 0x13, 1, 2, 3]);
    expect(message(F.compoundFile(Buffer.concat([head, cont])))).toMatch(/declares 5000 bytes, past the end of the stream/);
  });

  test("a record length past the stream, in a sheet", () => {
    const good = F.workbookStream(sheet([F.label(0, 0, "x")]));
    const bad = Buffer.concat([good.subarray(0, good.length - 4), Buffer.from([0x04, 0x02, 0x60, 0xea])]);
    expect(message(F.compoundFile(bad))).toMatch(/sheet "S".*past the end of the stream/);
  });

  test("a stream without its EOF", () => {
    const good = F.workbookStream(sheet([F.label(0, 0, "x")]));
    expect(message(F.compoundFile(good.subarray(0, good.length - 4)))).toMatch(/breaks off/);
  });

  test("a BOUNDSHEET pointing outside the stream or at something that is not a BOF", () => {
    expect(message(F.compoundFile(Buffer.concat([F.bof(5), F.boundsheet(1_000_000, "S"), F.eof()])))).toMatch(/truncated|breaks off/);
    expect(message(F.compoundFile(Buffer.concat([F.bof(5), F.boundsheet(0x10, "S"), F.eof(), F.label(0, 0, "x")])))).toMatch(/BOF/);
  });

  test("1M MULRK cells: read within the default limits, refused at a lower one, and six sheets pointing at them pass the workbook's limit", () => {
    const per = Math.floor((8224 - 6) / 6);
    const rows = Math.ceil(1_000_000 / per);
    const recs: Buffer[] = [];
    for (let r = 0; r < rows; r++) recs.push(F.mulrk(r, 0, new Array(per).fill(F.rkInt(1))));
    const stream = F.workbookStream(sheet(recs));
    expect(outcome(F.compoundFile(stream))).toBe("read");
    expect(message(F.compoundFile(stream), { maxCellsPerSheet: 500_000 })).toMatch(/more than 500000 cells/);
    // Six BOUNDSHEET8 records with the same position: the one sheet is read six times, up to the limit.
    const sheetPos = stream.indexOf(F.bof(0x0010));
    const many = Buffer.concat([F.bof(5), ...Array.from({ length: 6 }, (_, i) => F.boundsheet(0, `S${i}`)), F.eof()]);
    const at = many.length;
    const patched = Buffer.concat([many, stream.subarray(sheetPos)]);
    for (let i = 0; i < 6; i++) patched.writeUInt32LE(at, F.bof(5).length + i * F.boundsheet(0, "S0").length + 4);
    expect(message(F.compoundFile(patched))).toMatch(/workbook has more than 5000000 cells/);
  });

  test("cells far apart are bounded by the grid limit", () => {
    const recs: Buffer[] = [];
    for (let r = 0; r < 5000; r++) recs.push(F.label(r, 60000, "x"));
    expect(message(F.compoundFile(F.workbookStream(sheet(recs))))).toMatch(/grid of more than 16000000 cells/);
  });
});

describe("fuzz: mutated and cut files get a status, never a crash", () => {
  /** A small deterministic PRNG, so a failure can be replayed. */
  function prng(seed: number) {
    let s = seed >>> 0;
    return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32);
  }

  test("300 mutations of the container bytes", () => {
    const rand = prng(23);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const b = Buffer.from(SEED);
      const n = 1 + Math.floor(rand() * 8);
      // Half the flips in the header, FAT and directory, where the container guard works.
      for (let k = 0; k < n; k++) b[Math.floor(rand() * (rand() < 0.5 ? 2048 : b.length))] = Math.floor(rand() * 256);
      seen.add(outcome(b));
    }
    expect(seen.has("read")).toBe(true);
    expect(seen.has("format")).toBe(true);
  });

  test("300 mutations and cuts of the Workbook stream", () => {
    const rand = prng(2023);
    const stream = streamOf(SEED);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      let s = Buffer.from(stream);
      const n = 1 + Math.floor(rand() * 6);
      for (let k = 0; k < n; k++) s[Math.floor(rand() * s.length)] = Math.floor(rand() * 256);
      if (rand() < 0.3) s = s.subarray(0, Math.floor(rand() * s.length));
      seen.add(outcome(F.compoundFile(s)));
    }
    expect(seen.has("read")).toBe(true);
    expect(seen.has("format")).toBe(true);
  });
});
