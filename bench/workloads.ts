/**
 * Generated workloads for the benchmarks, built from the seed-000 transcriptions with the same
 * writer the seed workbooks use, so the snapshots carry the real forms' merges and label spellings.
 */
import ExcelJS from "exceljs";
import { writeProjectTable } from "../scripts/fixtures/projectTable";
import { seed000Labels } from "../scripts/fixtures/seedWorkbook";
import { loadSeed000, type ProjectTable } from "../scripts/fixtures/types";
import type { CellValue, Rect, SheetSnapshot, WorkbookSnapshot } from "../src/core/snapshot";
import { sheetSnapshot } from "../src/cli/snapshot";

const SEED = loadSeed000().tables;

/** The i-th table of the workload: seed tables in turn, renamed so no two tables are identical. */
function tableFor(i: number): { table: ProjectTable; labels: ReturnType<typeof seed000Labels> } {
  const base = SEED[i % SEED.length];
  const table: ProjectTable = {
    ...base,
    fields: base.fields.map((f) => (f.label === "项目名称" ? { ...f, value: `${f.value}（${i + 1}）` } : f)),
  };
  return { table, labels: seed000Labels(i % SEED.length, base) };
}

/**
 * Stack `count` project tables on `sheets` sheets, one or two blank rows apart, each sheet starting
 * at a different offset (A1, C3, B2) as real workbooks do.
 */
export function writeTables(wb: ExcelJS.Workbook, count: number, sheets = 1): void {
  const offsets = [{ row: 1, col: 1 }, { row: 3, col: 3 }, { row: 2, col: 2 }];
  const perSheet = Math.ceil(count / sheets);
  for (let s = 0; s < sheets; s++) {
    const ws = wb.addWorksheet(`项目表${s + 1}`);
    const origin = offsets[s % offsets.length];
    let row = origin.row;
    for (let k = 0; k < perSheet && s * perSheet + k < count; k++) {
      const i = s * perSheet + k;
      const { table, labels } = tableFor(i);
      const layout = writeProjectTable(ws, table, { row, col: origin.col }, { labels, setWidths: k === 0 });
      row = layout.bottom + 2 + (i % 2);
    }
  }
}

/** Each seed table once, alone on a sheet at A1, read back through the CLI's exceljs reader. */
let blocks: { values: CellValue[][]; merges: Rect[] }[] | undefined;
function seedBlocks(): { values: CellValue[][]; merges: Rect[] }[] {
  if (blocks) return blocks;
  const wb = new ExcelJS.Workbook();
  blocks = SEED.map((base, i) => {
    const ws = wb.addWorksheet(`t${i}`);
    writeProjectTable(ws, base, { row: 1, col: 1 }, { labels: seed000Labels(i, base) });
    const snap = sheetSnapshot(ws);
    return { values: snap.values, merges: snap.merges };
  });
  return blocks;
}

/**
 * A snapshot of `count` tables stacked one or two blank rows apart on `sheets` sheets, each sheet
 * at a different offset. exceljs's mergeCells checks every earlier merge, so writing 1,000 tables
 * into one worksheet takes minutes; the seed tables are written once and their snapshots copied.
 */
export function tablesSnapshot(count: number, sheets = 1): WorkbookSnapshot {
  const seeds = seedBlocks();
  const offsets = [{ row: 0, col: 0 }, { row: 2, col: 2 }, { row: 1, col: 1 }];
  const perSheet = Math.ceil(count / sheets);
  const out: SheetSnapshot[] = [];
  for (let s = 0; s < sheets; s++) {
    const origin = offsets[s % offsets.length];
    const values: CellValue[][] = [];
    const merges: Rect[] = [];
    let row = origin.row;
    for (let k = 0; k < perSheet && s * perSheet + k < count; k++) {
      const i = s * perSheet + k;
      const b = seeds[i % seeds.length];
      while (values.length < row) values.push([]);
      b.values.forEach((r, ri) => {
        const line = new Array<CellValue>(origin.col).fill(null).concat(r);
        // Renamed so no two tables are identical.
        line.forEach((v, ci) => {
          if (v === "项目名称" && typeof line[ci + 1] === "string") line[ci + 1] = `${line[ci + 1]}（${i + 1}）`;
        });
        values[row + ri] = line;
      });
      for (const m of b.merges) merges.push({ top: m.top + row, bottom: m.bottom + row, left: m.left + origin.col, right: m.right + origin.col });
      row += b.values.length + 1 + (i % 2);
    }
    out.push({ name: `项目表${s + 1}`, origin: { row: 0, col: 0 }, values, merges });
  }
  return { sheets: out };
}

export function snapshotStats(snap: WorkbookSnapshot): { rows: number; cells: number; merges: number } {
  let rows = 0;
  let cells = 0;
  let merges = 0;
  for (const s of snap.sheets) {
    rows += s.values.length;
    for (const r of s.values) cells += r.length;
    merges += s.merges.length;
  }
  return { rows, cells, merges };
}

/** A typical workbook as a department hands it in: `n` tables on one or two sheets. */
export async function typicalWorkbook(i: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;
  const tables = 3 + (i % 8);
  writeTables(wb, tables, 1 + (i % 2));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
