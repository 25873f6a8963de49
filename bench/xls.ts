/**
 * Issue 23: reading .xls is no slower than reading .xlsx of the same tables. The CLI bench's 200 typical
 * workbooks (.xlsx, written by exceljs) and their .xls twins (the .xlsx reader's snapshot written as BIFF8
 * by xlsWriter.ts) are read side by side; each .xls is checked to read back as its .xlsx first.
 */
import { promises as fs } from "node:fs";
import { readXls } from "../src/cli/xls";
import { readXlsx } from "../src/cli/xlsx";
import { writeCorpus } from "./cli";
import { pairedRatio, round, sideBySideAsync } from "./stats";
import { xlsFromSnapshot } from "./xlsWriter";

export interface XlsResult {
  files: number;
  xlsxKB: number;
  xlsKB: number;
  xlsxMs: number;
  xlsMs: number;
  /** .xls time / .xlsx time, median over rounds (target ≤ 1). */
  ratio: number;
  ratioRange: string;
}

export async function benchXls(count: number, runs: number): Promise<XlsResult> {
  const corpus = await writeCorpus(count);
  try {
    const xlsx = await Promise.all(corpus.files.map((f) => fs.readFile(f)));
    const xls = xlsx.map((b) => xlsFromSnapshot(readXlsx(b).snapshot));
    // The twins hold the same cells: a bench of a reader that lost them would mean nothing.
    const a = JSON.stringify(readXlsx(xlsx[0]).snapshot.sheets.map((s) => s.values));
    const b = JSON.stringify(readXls(xls[0]).snapshot.sheets.map((s) => s.values));
    if (a !== b) throw new Error("the .xls twin does not read back as its .xlsx");
    const both = await sideBySideAsync(
      {
        xlsx: async () => {
          for (const buf of xlsx) readXlsx(buf);
        },
        xls: async () => {
          for (const buf of xls) readXls(buf);
        },
      },
      runs,
    );
    const ratio = pairedRatio(both, "xls", "xlsx");
    return {
      files: count,
      xlsxKB: round(xlsx.reduce((n, x) => n + x.length, 0) / 1024),
      xlsKB: round(xls.reduce((n, x) => n + x.length, 0) / 1024),
      xlsxMs: round(both.median.xlsx),
      xlsMs: round(both.median.xls),
      ratio: round(ratio.median, 2),
      ratioRange: `${round(ratio.min, 2)}–${round(ratio.max, 2)}`,
    };
  } finally {
    corpus.cleanup();
  }
}
