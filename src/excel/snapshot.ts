/**
 * Read what the core needs — sheet names and visibility, used-range values with their origin,
 * merged areas — in one context.sync for the active sheet (one more to list sheets for the whole
 * workbook), plus our own flag state so writing flags afterwards needs no extra round trip.
 */
import type { CellValue, Rect, SheetSnapshot, SheetVisibility, WorkbookSnapshot } from "../core/snapshot";
import { parseRange } from "../core/snapshot";
import { parseAreaList } from "./addresses";
import { type Capabilities, detectCapabilities, officeRequirements, SKIP, type Skipped } from "./capabilities";
import { queueStateLoad, type FlagState } from "./state";
import { guardedSync } from "./sync";

export type Scope = "active" | "workbook";

/** Excel's per-read ceiling (all platforms) and the 5 MB payload of Excel on the web. */
export const MAX_CELLS_PER_READ = 5_000_000;
/** Row blocks for huge used ranges stay far below the 5 MB payload with three arrays per cell. */
export const BLOCK_CELLS = 100_000;

export interface ReadOptions {
  capabilities?: Capabilities;
  timeoutMs?: number;
  /** Cells per block when a used range is too large for one read. */
  blockCells?: number;
  /** Load formulas too (default true). */
  formulas?: boolean;
}

export interface SheetInfo {
  name: string;
  visibility: SheetVisibility;
}

export interface SnapshotRead {
  snapshot: WorkbookSnapshot;
  activeSheet: string;
  sheets: SheetInfo[];
  state: FlagState;
  /** State was present in the workbook (so saving "nothing" must delete it). */
  stateExisted: boolean;
  skipped: Skipped[];
}

function visibilityOf(v: string): SheetVisibility {
  return v === "Hidden" ? "hidden" : v === "VeryHidden" ? "veryHidden" : "visible";
}

/** Office.js hands back "" for blanks and the error text (with valueType "Error") for #REF! and friends. */
export function toCellValue(v: unknown, type: string | undefined): CellValue {
  if (type === "Error") return { error: String(v) };
  if (type === "Empty" || v === "" || v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

function convert(values: unknown[][], types: string[][] | undefined, formulas: unknown[][] | undefined) {
  const vals: CellValue[][] = [];
  const forms: (string | null)[][] = [];
  let anyFormula = false;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    const out: CellValue[] = new Array(row.length);
    const fout: (string | null)[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) {
      out[c] = toCellValue(row[c], types?.[r]?.[c]);
      const f = formulas?.[r]?.[c];
      if (typeof f === "string" && f.startsWith("=")) {
        fout[c] = f.slice(1);
        anyFormula = true;
      } else fout[c] = null;
    }
    vals.push(out);
    forms.push(fout);
  }
  return { vals, forms, anyFormula };
}

interface SheetRead {
  ws: Excel.Worksheet;
  name: string;
  visibility: SheetVisibility;
  used: Excel.Range;
  merges?: Excel.RangeAreas;
}

function isSizeError(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return /PayloadSizeLimit|ResponsePayloadSizeLimit|RequestPayloadSizeLimit/i.test(`${err?.code ?? ""} ${err?.message ?? ""}`);
}

export async function readSnapshot(context: Excel.RequestContext, scope: Scope, options: ReadOptions = {}): Promise<SnapshotRead> {
  const caps = options.capabilities ?? detectCapabilities(officeRequirements());
  const withFormulas = options.formulas !== false;
  const ms = options.timeoutMs;
  const skipped: Skipped[] = [];
  if (!caps.mergedAreas) skipped.push(SKIP.mergedAreas());

  const queueHeader = () => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/visibility");
    const active = context.workbook.worksheets.getActiveWorksheet();
    active.load("name");
    return { sheets, active, state: queueStateLoad(context) };
  };

  const queueReads = (targets: Excel.Worksheet[], names: string[], vis: SheetVisibility[], withValues: boolean): SheetRead[] =>
    targets.map((ws, i) => {
      const used = ws.getUsedRangeOrNullObject(true);
      used.load(withValues ? (withFormulas ? "address,rowCount,columnCount,values,valueTypes,formulas" : "address,rowCount,columnCount,values,valueTypes") : "address,rowCount,columnCount");
      let merges: Excel.RangeAreas | undefined;
      if (caps.mergedAreas) {
        merges = ws.getRange().getMergedAreasOrNullObject();
        merges.load("address");
      }
      return { ws, name: names[i], visibility: vis[i], used, merges };
    });

  let header = queueHeader();
  let targets: Excel.Worksheet[];
  let names: string[] = [];
  let vis: SheetVisibility[] = [];
  if (scope === "workbook") {
    await guardedSync(context, "list sheets", ms);
    const state = header.state.read();
    const items = header.sheets.items.filter((s) => s.name !== state.resultsSheet);
    targets = items;
    names = items.map((s) => s.name);
    vis = items.map((s) => visibilityOf(s.visibility));
  } else {
    targets = [header.active];
  }

  let reads: SheetRead[];
  let needBlocks = false;
  try {
    reads = queueReads(targets, names, vis, true);
    await guardedSync(context, "read sheet", ms);
  } catch (e) {
    if (!isSizeError(e)) throw e;
    // The whole batch was refused: ask again for the shape only, then read values in row blocks.
    needBlocks = true;
    header = queueHeader();
    if (scope === "active") targets = [header.active];
    else targets = targets.map((t, i) => context.workbook.worksheets.getItem(names[i] ?? t.name));
    reads = queueReads(targets, names, vis, false);
    await guardedSync(context, "read sheet shape", ms);
  }

  const activeName = header.active.name;
  const sheetInfos: SheetInfo[] = header.sheets.items.map((s) => ({ name: s.name, visibility: visibilityOf(s.visibility) }));
  if (scope === "active") {
    reads[0].name = activeName;
    reads[0].visibility = sheetInfos.find((s) => s.name === activeName)?.visibility ?? "visible";
  }

  const out: SheetSnapshot[] = [];
  for (const rd of reads) {
    const snap: SheetSnapshot = { name: rd.name, origin: { row: 0, col: 0 }, values: [], merges: [], visibility: rd.visibility };
    if (rd.merges && !rd.merges.isNullObject) snap.merges = parseAreaList(rd.merges.address);
    if (!rd.used.isNullObject) {
      const rect = parseRange(rd.used.address) as Rect;
      snap.origin = { row: rect.top, col: rect.left };
      const rows = rd.used.rowCount;
      const cols = rd.used.columnCount;
      // Excel may hand back null instead of failing past 5,000,000 cells.
      const values = needBlocks ? null : (rd.used.values as unknown[][] | null);
      if (values) {
        const { vals, forms, anyFormula } = convert(values, rd.used.valueTypes as string[][], withFormulas ? (rd.used.formulas as unknown[][]) : undefined);
        snap.values = vals;
        if (anyFormula) snap.formulas = forms;
      } else {
        const { vals, forms, anyFormula } = await readBlocks(context, rd.ws, rect.top, rect.left, rows, cols, options.blockCells ?? BLOCK_CELLS, withFormulas, ms);
        snap.values = vals;
        if (anyFormula) snap.formulas = forms;
      }
    }
    out.push(snap);
  }
  const stateExisted = header.state.existed();
  return { snapshot: { sheets: out }, activeSheet: activeName, sheets: sheetInfos, state: header.state.read(), stateExisted, skipped };
}

/** Read a huge range in row blocks, one sync each; a block the host refuses is halved and retried. */
async function readBlocks(context: Excel.RequestContext, ws: Excel.Worksheet, top: number, left: number, rows: number, cols: number, blockCells: number, withFormulas: boolean, ms?: number) {
  const vals: CellValue[][] = [];
  const forms: (string | null)[][] = [];
  let anyFormula = false;
  let blockRows = Math.max(1, Math.floor(blockCells / Math.max(cols, 1)));
  let r = 0;
  while (r < rows) {
    const n = Math.min(blockRows, rows - r);
    const block = ws.getRangeByIndexes(top + r, left, n, cols);
    block.load(withFormulas ? "values,valueTypes,formulas" : "values,valueTypes");
    try {
      await guardedSync(context, "read rows", ms);
    } catch (e) {
      if (isSizeError(e) && n > 1) {
        blockRows = Math.max(1, Math.floor(n / 2));
        continue;
      }
      throw e;
    }
    const c = convert(block.values as unknown[][], block.valueTypes as string[][], withFormulas ? (block.formulas as unknown[][]) : undefined);
    vals.push(...c.vals);
    forms.push(...c.forms);
    anyFormula ||= c.anyFormula;
    r += n;
  }
  return { vals, forms, anyFormula };
}
