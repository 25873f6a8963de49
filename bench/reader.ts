/**
 * The validation reader (src/cli/xlsx) against exceljs's load on the same workbooks (issue 12): files/s
 * over the CLI bench's 200 typical workbooks, memory in a fresh process per reader, and one workbook of
 * 1,000 tables (32,000 merges), where exceljs's merge handling is quadratic.
 *
 *   BENCH_EXCELJS_1000=1  also time exceljs on the 1,000-table workbook (minutes; issue 12 measured > 3)
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { workbookSnapshot } from "../src/cli/snapshot";
import { readXlsx } from "../src/cli/xlsx";
import { rectAddress, a1, type WorkbookSnapshot } from "../src/core/snapshot";
import { writeCorpus } from "./cli";
import { ROOT } from "./root";
import { median, pairedRatio, round, sideBySideAsync, timeSync } from "./stats";
import { snapshotStats, tablesSnapshot } from "./workloads";

export interface ReaderResult {
  files: number;
  totalKB: number;
  exceljsMs: number;
  readerMs: number;
  exceljsFilesPerS: number;
  readerFilesPerS: number;
  /** exceljs time / reader time, median over rounds (target ≥ 3). */
  speedup: number;
  speedupRange: string;
  memory: { reader: string; files: number; rssMB: number; heapUsedMB: number; maxRssMB: number }[];
  big: { tables: number; merges: number; cells: number; fileKB: number; readerMs: number; exceljsMs: number | string; validateMs: number };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A snapshot written as a plain .xlsx (inline strings, numbers, merges): exceljs needs minutes to write 1,000 tables. */
export function xlsxFromSnapshot(snap: WorkbookSnapshot): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rels: string[] = [];
  const sheets: string[] = [];
  snap.sheets.forEach((s, i) => {
    const rows: string[] = [];
    s.values.forEach((row, r) => {
      const cells: string[] = [];
      row.forEach((v, c) => {
        if (v === null) return;
        const ref = a1(s.origin.row + r, s.origin.col + c);
        if (typeof v === "number") cells.push(`<c r="${ref}"><v>${v}</v></c>`);
        else if (typeof v === "string") cells.push(`<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`);
      });
      if (cells.length) rows.push(`<row r="${s.origin.row + r + 1}">${cells.join("")}</row>`);
    });
    const merges = s.merges.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${rectAddress(m)}"/>`).join("")}</mergeCells>` : "";
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><sheetData>${rows.join("")}</sheetData>${merges}</worksheet>`);
    rels.push(`<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
    sheets.push(`<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  });
  files["[Content_Types].xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${snap.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}</Types>`,
  );
  files["_rels/.rels"] = strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
  files["xl/workbook.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook ${ns}><sheets>${sheets.join("")}</sheets></workbook>`);
  files["xl/_rels/workbook.xml.rels"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`);
  return zipSync(files, { level: 6 });
}

async function exceljsLoad(buf: Uint8Array): Promise<WorkbookSnapshot> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return workbookSnapshot(wb);
}

/** Memory of one reader over the folder, in a fresh process (tsx runs the child: the bench bundle has no entry for it). */
function memory(reader: "reader" | "exceljs", dir: string, marks: number[]): ReaderResult["memory"] {
  const child = path.join(ROOT, "bench", "readerMemory.ts");
  const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", child, reader, dir, marks.join(",")], { encoding: "utf8", maxBuffer: 1 << 20 });
  return (JSON.parse(out) as Omit<ReaderResult["memory"][number], "reader">[]).map((m) => ({ reader, ...m }));
}

export async function benchReader(count: number, runs: number): Promise<ReaderResult> {
  const corpus = await writeCorpus(count);
  try {
    const buffers = await Promise.all(corpus.files.map((f) => fs.readFile(f)));
    const both = await sideBySideAsync(
      {
        exceljs: async () => {
          for (const b of buffers) await exceljsLoad(b);
        },
        reader: async () => {
          for (const b of buffers) readXlsx(b);
        },
      },
      runs,
    );
    const ratio = pairedRatio(both, "exceljs", "reader");
    const marks = [50, 100, 200].filter((n) => n <= count);
    const mem = [...memory("exceljs", corpus.dir, marks), ...memory("reader", corpus.dir, marks)];

    // One workbook of 1,000 tables on one sheet.
    const snap = tablesSnapshot(1000, 1);
    const stats = snapshotStats(snap);
    const big = xlsxFromSnapshot(snap);
    const times: number[] = [];
    let read: WorkbookSnapshot | undefined;
    for (let i = 0; i < Math.max(3, Math.min(runs, 5)); i++) times.push(timeSync(() => (read = readXlsx(big).snapshot)));
    const { validateWorkbook } = await import("../src/core/validate");
    const validateMs = timeSync(() => validateWorkbook(read!));
    let exceljsBig: number | string = "skipped (BENCH_EXCELJS_1000=1 to run; minutes)";
    if (process.env.BENCH_EXCELJS_1000 === "1") {
      const t0 = Date.now();
      await exceljsLoad(big);
      exceljsBig = Date.now() - t0;
    }
    return {
      files: count,
      totalKB: round(corpus.bytes / 1024),
      exceljsMs: round(both.median.exceljs),
      readerMs: round(both.median.reader),
      exceljsFilesPerS: round((count / both.median.exceljs) * 1000),
      readerFilesPerS: round((count / both.median.reader) * 1000),
      speedup: round(ratio.median, 2),
      speedupRange: `${round(ratio.min, 2)}–${round(ratio.max, 2)}`,
      memory: mem,
      big: { tables: 1000, merges: stats.merges, cells: stats.cells, fileKB: round(big.length / 1024), readerMs: round(median(times)), exceljsMs: exceljsBig, validateMs: round(validateMs) },
    };
  } finally {
    corpus.cleanup();
  }
}

/** The reader section of `npm run bench`: measure, print, and return the figures for results.json. */
export async function reportReader(quick: boolean, say: (title: string, body: string) => void, table: (rows: Record<string, unknown>[]) => string): Promise<ReaderResult> {
  const reader = await benchReader(quick ? 50 : 200, quick ? 1 : 5);
  const { memory: mem, big, ...rest } = reader;
  say(`reader: the validation reader vs exceljs load on ${reader.files} workbooks (target ≥ 3×, flat memory)`, table([rest as unknown as Record<string, unknown>]));
  say("reader memory, fresh process per reader, one file at a time", table(mem as unknown as Record<string, unknown>[]));
  say("reader: one workbook of 1,000 tables (target < 3 s)", table([big as unknown as Record<string, unknown>]));
  return reader;
}
