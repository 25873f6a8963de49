/** Child process of the reader bench: one reader over a folder, one file at a time, memory after each mark. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { workbookSnapshot } from "../src/cli/snapshot";
import { readXlsx } from "../src/cli/xlsx";

async function main(): Promise<void> {
  const [reader, dir, marksArg] = process.argv.slice(2);
  const marks = new Set(marksArg.split(",").map(Number));
  const files = readdirSync(dir).filter((f) => f.endsWith(".xlsx")).sort().map((f) => path.join(dir, f));
  const out: { files: number; rssMB: number; heapUsedMB: number; maxRssMB: number }[] = [];
  const MB = 1024 * 1024;
  let cells = 0;
  for (let i = 0; i < files.length; i++) {
    const buf = readFileSync(files[i]);
    let snap;
    if (reader === "exceljs") {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      snap = workbookSnapshot(wb);
    } else snap = readXlsx(buf).snapshot;
    cells += snap.sheets.length;
    if (marks.has(i + 1)) {
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      out.push({ files: i + 1, rssMB: Math.round(m.rss / MB), heapUsedMB: Math.round((m.heapUsed / MB) * 10) / 10, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) });
    }
  }
  if (cells < 0) throw new Error("unreachable");
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
