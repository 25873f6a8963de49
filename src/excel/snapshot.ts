/**
 * Read what the core needs — sheet names, ids and visibility, used-range values, formulas and
 * number formats with their origin, merged areas, the date system — in one context.sync for the active sheet (one
 * more to list sheets for the whole workbook), plus our own flag state so writing flags afterwards
 * needs no extra round trip.
 *
 * Real Excel refuses some of this on large sheets, and the reader falls back in pieces:
 * - more than 512 merged areas in one getMergedAreasOrNullObject call fails the whole batch, so
 *   merges are asked for in whole-row bands of 100 rows from the start (still one sync); a band
 *   that fails sends the reader to re-read the shape and ask per band of at most 512 cells (a band
 *   cannot hold more merged areas than cells), all bands in one sync while the byte budget allows;
 * - a used range over 5 MB (Excel on the web) or 5,000,000 cells (RangeExceedsLimit) is read in
 *   row blocks, halving a block the host still refuses.
 */
import type { CellValue, Rect, SheetSnapshot, SheetVisibility, WorkbookSnapshot } from "../core/snapshot";
import { isGeneralFormat } from "../core/numberFormat";
import { parseRange } from "../core/snapshot";
import { parseAreaList } from "./addresses";
import { type Capabilities, detectCapabilities, officeRequirements, SKIP, type Skipped } from "./capabilities";
import { queueStateLoad, type FlagState, type StateHandle } from "./state";
import { ByteBatch, CALL_BYTES, guardedSync, isSizeError } from "./sync";

/** What the pane offers: the active sheet or the whole workbook. */
export type Scope = "active" | "workbook";
/** What the reader accepts: a Scope, or named sheets (names or worksheet ids; live mode reads the changed sheet). */
export type ReadScope = Scope | { sheets: readonly string[] };

/** Excel's per-read ceiling (all platforms) and the 5 MB payload of Excel on the web. */
export const MAX_CELLS_PER_READ = 5_000_000;
/** Row blocks for huge used ranges; a block still refused is halved. */
export const BLOCK_CELLS = 100_000;
/** getMergedAreasOrNullObject fails above this many merged areas in its range (Microsoft's Range reference). */
export const MAX_MERGED_AREAS = 512;
/**
 * Fast-path merge bands: whole rows, 100 at a time (a project table has about 30 merged areas in
 * 41 rows, so a band holds ~75), up to 200 bands (20,000 rows) split between the sheets read.
 */
const FAST_BAND_ROWS = 100;
const FAST_MAX_BANDS = 200;
const FAST_MIN_BANDS = 10;

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
  id: string;
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

interface Converted {
  vals: CellValue[][];
  forms: (string | null)[][];
  fmts: (string | null)[][];
  anyFormula: boolean;
  anyFormat: boolean;
}

function convert(values: unknown[][], types: string[][] | undefined, formulas: unknown[][] | undefined, formats: unknown[][] | undefined): Converted {
  const out: Converted = { vals: [], forms: [], fmts: [], anyFormula: false, anyFormat: false };
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    const v: CellValue[] = new Array(row.length);
    const f: (string | null)[] = new Array(row.length);
    const n: (string | null)[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) {
      v[c] = toCellValue(row[c], types?.[r]?.[c]);
      const fx = formulas?.[r]?.[c];
      if (typeof fx === "string" && fx.startsWith("=")) {
        f[c] = fx.slice(1);
        out.anyFormula = true;
      } else f[c] = null;
      // null = General: the core reads a value as stored unless a format says how it is shown.
      const nf = formats?.[r]?.[c];
      if (typeof nf === "string" && !isGeneralFormat(nf)) {
        n[c] = nf;
        out.anyFormat = true;
      } else n[c] = null;
    }
    out.vals.push(v);
    out.forms.push(f);
    out.fmts.push(n);
  }
  return out;
}

function apply(snap: SheetSnapshot, c: Converted): void {
  snap.values = c.vals;
  if (c.anyFormula) snap.formulas = c.forms;
  if (c.anyFormat) snap.formats = c.fmts;
}

interface Target {
  ws: Excel.Worksheet;
  /** Known before the read (workbook scope); filled from the loaded proxy otherwise. */
  name?: string;
}

interface SheetRead {
  ws: Excel.Worksheet;
  used: Excel.Range;
  /** Merged areas of whole-row bands asked for before the used range is known (fast path). */
  merges?: Excel.RangeAreas[];
  /** Rows (0-based, exclusive) those bands cover. */
  mergeRows?: number;
}

interface Header {
  sheets: Excel.WorksheetCollection;
  active: Excel.Worksheet;
  state: StateHandle;
  /** DATE(1904,1,1) evaluated by Excel: 0 when the workbook uses the 1904 date system. */
  epoch?: Excel.FunctionResult<number>;
  /** Custom document properties (ExcelApi 1.7): a distributed template's identity (issue 24). */
  custom?: Excel.CustomPropertyCollection;
}

/** Row bands of `rect` holding at most `maxCells` cells each (column slices when a row alone is wider). */
export function mergeBands(rect: Rect, maxCells: number = MAX_MERGED_AREAS): Rect[] {
  const cols = rect.right - rect.left + 1;
  const out: Rect[] = [];
  if (cols > maxCells) {
    for (let r = rect.top; r <= rect.bottom; r++)
      for (let c = rect.left; c <= rect.right; c += maxCells) out.push({ top: r, bottom: r, left: c, right: Math.min(rect.right, c + maxCells - 1) });
    return out;
  }
  const rows = Math.max(1, Math.floor(maxCells / cols));
  for (let r = rect.top; r <= rect.bottom; r += rows) out.push({ top: r, bottom: Math.min(rect.bottom, r + rows - 1), left: rect.left, right: rect.right });
  return out;
}

/** Errors that cannot come from asking for merged areas: no point retrying in bands. */
function unrelatedToMerges(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? "";
  return ["InvalidOperationInCellEditMode", "AccessDenied", "ItemNotFound", "Timeout"].includes(code) || (e as Error)?.name === "HostTimeoutError";
}

export async function readSnapshot(context: Excel.RequestContext, scope: ReadScope, options: ReadOptions = {}): Promise<SnapshotRead> {
  const caps = options.capabilities ?? detectCapabilities(officeRequirements());
  const withFormulas = options.formulas !== false;
  const ms = options.timeoutMs;
  const skipped: Skipped[] = [];
  if (!caps.mergedAreas) skipped.push(SKIP.mergedAreas());
  const props = `address,rowCount,columnCount,values,valueTypes,${withFormulas ? "formulas," : ""}numberFormat`;

  const queueHeader = (): Header => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/visibility,items/id");
    const active = context.workbook.worksheets.getActiveWorksheet();
    active.load("name,id");
    // Dates are serials from the workbook's epoch; Excel's own DATE tells which (no extra sync).
    let epoch: Excel.FunctionResult<number> | undefined;
    if (caps.dateSystem) {
      epoch = context.workbook.functions.date(1904, 1, 1);
      epoch.load("value,error");
    }
    // Loaded in the same sync; a host object without the collection (a test fake) simply has none.
    const custom = (context.workbook as { properties?: Excel.DocumentProperties }).properties?.custom;
    custom?.load("items/key,items/value");
    return { sheets, active, state: queueStateLoad(context), epoch, custom };
  };

  const queueTargets = (header: Header, names?: string[]): Target[] => {
    if (scope === "active") return [{ ws: header.active }];
    if (scope === "workbook") return (names ?? []).map((n) => ({ ws: context.workbook.worksheets.getItem(n), name: n }));
    return scope.sheets.map((key) => {
      const ws = context.workbook.worksheets.getItem(key);
      ws.load("name");
      return { ws };
    });
  };

  let header = queueHeader();
  let names: string[] | undefined;
  if (scope === "workbook") {
    // A sheet cannot be addressed before its name is known: one sync to list them.
    await guardedSync(context, "list sheets", ms);
    const resultsSheet = header.state.read().resultsSheet;
    names = header.sheets.items.filter((s) => s.name !== resultsSheet).map((s) => s.name);
  }

  // Fast path: everything in one sync. The used range is not known yet, so merged areas are asked
  // for in whole-row bands from row 1 (a band holding more than 512 sends us to the fallback below);
  // rows past the bands, on very long sheets, cost one more sync once the used range is known.
  let targets = queueTargets(header, names);
  const bandsPerSheet = Math.max(FAST_MIN_BANDS, Math.floor(FAST_MAX_BANDS / Math.max(1, targets.length)));
  let reads: SheetRead[] = targets.map((t) => {
    const used = t.ws.getUsedRangeOrNullObject(true);
    used.load(props);
    if (!caps.mergedAreas) return { ws: t.ws, used };
    const merges: Excel.RangeAreas[] = [];
    for (let b = 0; b < bandsPerSheet; b++) {
      const areas = t.ws.getRange(`${b * FAST_BAND_ROWS + 1}:${(b + 1) * FAST_BAND_ROWS}`).getMergedAreasOrNullObject();
      areas.load("address");
      merges.push(areas);
    }
    return { ws: t.ws, used, merges, mergeRows: bandsPerSheet * FAST_BAND_ROWS };
  });
  let mode: "ok" | "blocks" | "bands" = "ok";
  try {
    await guardedSync(context, "read sheet", ms);
  } catch (e) {
    if (isSizeError(e)) mode = "blocks";
    else if (caps.mergedAreas && !unrelatedToMerges(e)) mode = "bands";
    else throw e;
    // A failed batch delivers nothing: ask again for the shape only.
    header = queueHeader();
    targets = queueTargets(header, names);
    reads = targets.map((t) => {
      const used = t.ws.getUsedRangeOrNullObject(true);
      used.load("address,rowCount,columnCount");
      return { ws: t.ws, used };
    });
    await guardedSync(context, "read sheet shape", ms);
  }

  const activeName = header.active.name;
  const sheetInfos: SheetInfo[] = header.sheets.items.map((s) => ({ name: s.name, id: s.id, visibility: visibilityOf(s.visibility) }));
  const state = header.state.read();
  const nameOf = (i: number) => targets[i].name ?? (scope === "active" ? activeName : targets[i].ws.name);

  const out: (SheetSnapshot & { rect?: Rect })[] = reads.map((rd, i) => {
    const name = nameOf(i);
    const snap: SheetSnapshot & { rect?: Rect } = { name, origin: { row: 0, col: 0 }, values: [], merges: [], visibility: sheetInfos.find((s) => s.name === name)?.visibility ?? "visible" };
    if (!rd.used.isNullObject) {
      const rect = parseRange(rd.used.address) as Rect;
      snap.rect = rect;
      snap.origin = { row: rect.top, col: rect.left };
    }
    return snap;
  });

  if (mode === "ok") {
    if (caps.mergedAreas) {
      // Merges found by the row bands, then those below the bands on very long sheets (one more sync).
      const fast: PendingBands = [];
      for (let i = 0; i < reads.length; i++) for (const areas of reads[i].merges ?? []) fast.push({ i, areas });
      collectMerges(fast, out);
      const rest = reads.map((rd, i) => {
        const rect = out[i].rect;
        const covered = rd.mergeRows ?? 0;
        return rect && rect.bottom >= covered ? { ...rect, top: Math.max(rect.top, covered) } : undefined;
      });
      if (rest.some(Boolean)) {
        const pending = await queueMergeBands(context, reads, rest, ms);
        await guardedSync(context, "read merged cells", ms);
        collectMerges(pending, out);
      }
    }
    for (let i = 0; i < reads.length; i++) {
      const rd = reads[i];
      const snap = out[i];
      if (rd.used.isNullObject) continue;
      // Excel may hand back null instead of failing past 5,000,000 cells.
      const values = rd.used.values as unknown[][] | null;
      if (values) apply(snap, convert(values, rd.used.valueTypes as string[][], withFormulas ? (rd.used.formulas as unknown[][]) : undefined, rd.used.numberFormat as unknown[][]));
      else apply(snap, await readBlocks(context, rd.ws, snap.rect as Rect, options.blockCells ?? BLOCK_CELLS, props, ms));
    }
  } else {
    let loaded: (Excel.Range | undefined)[] | undefined;
    let pending: PendingBands = [];
    if (mode === "bands") {
      // The size was not the problem: values and merge bands together in one sync where the byte budget allows.
      loaded = reads.map((rd, i) => {
        if (rd.used.isNullObject) return undefined;
        const r = rd.ws.getRangeByIndexes(out[i].origin.row, out[i].origin.col, rd.used.rowCount, rd.used.columnCount);
        r.load(props.replace("address,rowCount,columnCount,", ""));
        return r;
      });
      try {
        if (caps.mergedAreas) pending = await queueMergeBands(context, reads, out.map((o) => o.rect), ms);
        await guardedSync(context, "read sheet values", ms);
      } catch (e) {
        if (!isSizeError(e)) throw e;
        loaded = undefined;
        pending = [];
      }
    }
    if (caps.mergedAreas && (mode === "blocks" || !loaded)) {
      pending = await queueMergeBands(context, reads, out.map((o) => o.rect), ms);
      await guardedSync(context, "read merged cells", ms);
    }
    collectMerges(pending, out);
    for (let i = 0; i < reads.length; i++) {
      if (reads[i].used.isNullObject) continue;
      const r = loaded?.[i];
      if (r) apply(out[i], convert(r.values as unknown[][], r.valueTypes as string[][], withFormulas ? (r.formulas as unknown[][]) : undefined, r.numberFormat as unknown[][]));
      else apply(out[i], await readBlocks(context, reads[i].ws, out[i].rect as Rect, options.blockCells ?? BLOCK_CELLS, props, ms));
    }
  }
  for (const s of out) s.merges.sort((a, b) => a.top - b.top || a.left - b.left);

  // Our own 校验结果 sheet is never validated: it lists findings, it holds no tables.
  const sheets: SheetSnapshot[] = [];
  for (const s of out) {
    delete s.rect;
    if (state.resultsSheet && s.name === state.resultsSheet) {
      skipped.push(SKIP.resultsSheetItself(s.name));
      continue;
    }
    sheets.push(s);
  }
  const snapshot: WorkbookSnapshot = { sheets };
  if (header.epoch && !header.epoch.error && header.epoch.value === 0) snapshot.date1904 = true;
  if (header.custom?.items.length) snapshot.properties = Object.fromEntries(header.custom.items.map((p) => [p.key, String(p.value)]));
  return { snapshot, activeSheet: activeName, sheets: sheetInfos, state, stateExisted: header.state.existed(), skipped };
}

type PendingBands = { i: number; areas: Excel.RangeAreas }[];

/** Queue merged-area reads per row band (≤ 512 cells, so ≤ 512 areas); syncs early only if the byte budget is reached. */
async function queueMergeBands(context: Excel.RequestContext, reads: SheetRead[], rects: (Rect | undefined)[], ms?: number): Promise<PendingBands> {
  const batch = new ByteBatch(context, "read merged cells", ms);
  const pending: PendingBands = [];
  for (let i = 0; i < reads.length; i++) {
    const rect = rects[i];
    if (!rect) continue;
    for (const b of mergeBands(rect)) {
      // Request: two proxies and a load; response: the band's merged areas, ~12 bytes each.
      await batch.room(3 * CALL_BYTES + 64 * 12);
      const areas = reads[i].ws.getRangeByIndexes(b.top, b.left, b.bottom - b.top + 1, b.right - b.left + 1).getMergedAreasOrNullObject();
      areas.load("address");
      pending.push({ i, areas });
    }
  }
  return pending;
}

/** Merged areas from the bands, deduplicated (a merge crossing a band edge may be reported by both bands). */
function collectMerges(pending: PendingBands, out: SheetSnapshot[]): void {
  const seen = out.map(() => new Set<string>());
  for (const { i, areas } of pending) {
    if (areas.isNullObject) continue;
    for (const r of parseAreaList(areas.address)) {
      const k = `${r.top},${r.left},${r.bottom},${r.right}`;
      if (seen[i].has(k)) continue;
      seen[i].add(k);
      out[i].merges.push(r);
    }
  }
}

/** Read a huge range in row blocks, one sync each; a block the host refuses is halved and retried. */
async function readBlocks(context: Excel.RequestContext, ws: Excel.Worksheet, rect: Rect, blockCells: number, props: string, ms?: number): Promise<Converted> {
  const rows = rect.bottom - rect.top + 1;
  const cols = rect.right - rect.left + 1;
  const acc: Converted = { vals: [], forms: [], fmts: [], anyFormula: false, anyFormat: false };
  let blockRows = Math.max(1, Math.floor(blockCells / Math.max(cols, 1)));
  const withFormulas = props.includes("formulas");
  let r = 0;
  while (r < rows) {
    const n = Math.min(blockRows, rows - r);
    const block = ws.getRangeByIndexes(rect.top + r, rect.left, n, cols);
    block.load(props.replace("address,rowCount,columnCount,", ""));
    try {
      await guardedSync(context, "read rows", ms);
    } catch (e) {
      if (isSizeError(e) && n > 1) {
        blockRows = Math.max(1, Math.floor(n / 2));
        continue;
      }
      throw e;
    }
    const c = convert(block.values as unknown[][], block.valueTypes as string[][], withFormulas ? (block.formulas as unknown[][]) : undefined, block.numberFormat as unknown[][]);
    acc.vals.push(...c.vals);
    acc.forms.push(...c.forms);
    acc.fmts.push(...c.fmts);
    acc.anyFormula ||= c.anyFormula;
    acc.anyFormat ||= c.anyFormat;
    r += n;
  }
  return acc;
}
