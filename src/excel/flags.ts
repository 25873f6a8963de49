/**
 * Flags on the user's cells, written so that they can be taken back exactly:
 * - fills are conditional-format overlays (the user's own fill is never touched), one rule per
 *   severity and address chunk, tagged by their formula `=ISTEXT("PerfCheck:<severity>")`;
 * - remarks are notes (1.18) or, failing that, threaded comments (1.10); a user's note gets our
 *   text appended after a marker and gets it stripped again on clear; a user's comment is left alone;
 * - a 校验结果 sheet lists every finding with a link to its cell;
 * - the state needed to restore (which cells carry our remark, which sheet is ours) lives in the
 *   workbook's add-in settings.
 * Reads that depend on the findings happen in one sync, all writes in the next: the count does not
 * grow with the number of tables or findings — until the bytes would pass what Excel on the web
 * accepts in one batch, where reads and writes are split by a byte budget (src/excel/sync.ts).
 * Protected sheets are skipped with a message; a batch refused part-way is made good by the next
 * run or clear (the state records intent first, our rules and remarks are found by their tags).
 */
import { NOTE_MARKER, noteSize, noteText, SEVERITY_FILL } from "../core/explain";
import type { Finding, Severity } from "../core/finding";
import { severityRank } from "../core/finding";
import type { ValidationResult } from "../core/validate";
import { chunkAddresses, cellsToRects, freeSheetName as freeName, quoteSheet, rectsToAddresses } from "./addresses";
import { type Capabilities, detectCapabilities, officeRequirements, SKIP, type Skipped } from "./capabilities";
import { emptyState, type FlagState, isEmptyState, normaliseState, queueStateLoad, STATE_KEY, type SheetFlags } from "./state";
import { ByteBatch, CALL_BYTES, estimateBytes, guardedSync, utf8Bytes } from "./sync";

export const FLAG_TAG = "PerfCheck:";
// One marker, one set of fills and one note text for the add-in and the CLI (src/core/explain.ts).
export { NOTE_MARKER, SEVERITY_FILL } from "../core/explain";
export const RESULTS_SHEET = "校验结果";
const SEVERITY_LABEL: Record<"zh" | "en", Record<Severity, string>> = {
  zh: { error: "错误", warning: "警告", info: "提示" },
  en: { error: "Error", warning: "Warning", info: "Info" },
};

export type Lang = "zh" | "en";

export interface FlagOptions {
  capabilities?: Capabilities;
  timeoutMs?: number;
  lang?: Lang;
  /** Write the 校验结果 sheet (default true). */
  resultsSheet?: boolean;
}

/** What the first read of a run already fetched; lets writeFlags skip its own first sync. */
export interface FlagPrefetch {
  state: FlagState;
  stateExisted: boolean;
  /** Every sheet of the workbook, in order. */
  sheets: { name: string; id: string }[];
}

export interface FlagOutcome {
  flaggedCells: number;
  resultsSheet?: string;
  skipped: Skipped[];
}

/** Text of our remark for one cell: the findings, then the one-line fix of each rule. */
export function remarkText(findings: readonly Finding[], lang: Lang): string {
  return noteText(findings, lang);
}

/** Remove our part of a note; what is left is the user's (null when nothing is left of a note we made). */
export function stripRemark(content: string, created: boolean): string | null {
  const i = content.indexOf(NOTE_MARKER);
  if (i < 0) return content;
  const userPart = content.slice(0, i).replace(/\n\n$/, "");
  if (created && userPart.trim() === "") return null;
  return userPart;
}

interface CellPlan {
  addr: string;
  row: number;
  col: number;
  severity: Severity;
  findings: Finding[];
}

function groupBySheet(findings: readonly Finding[]): Map<string, Map<string, CellPlan>> {
  const out = new Map<string, Map<string, CellPlan>>();
  for (const f of findings) {
    let cells = out.get(f.sheet);
    if (!cells) out.set(f.sheet, (cells = new Map()));
    const p = cells.get(f.cell);
    if (!p) cells.set(f.cell, { addr: f.cell, row: f.row, col: f.col, severity: f.severity, findings: [f] });
    else {
      p.findings.push(f);
      if (severityRank(f.severity) < severityRank(p.severity)) p.severity = f.severity;
    }
  }
  return out;
}


function hyperlinkFormula(sheet: string, cell: string): string {
  const target = `#${quoteSheet(sheet)}!${cell}`.replace(/"/g, '""');
  return `=HYPERLINK("${target}","${`${sheet}!${cell}`.replace(/"/g, '""')}")`;
}

async function loadPrefetch(context: Excel.RequestContext, ms?: number): Promise<FlagPrefetch> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id");
  const st = queueStateLoad(context);
  await guardedSync(context, "read flag state", ms);
  return { state: st.read(), stateExisted: st.existed(), sheets: sheets.items.map((s) => ({ name: s.name, id: s.id })) };
}

interface SheetWork {
  sheet: string;
  id: string;
  ws: Excel.Worksheet;
  old: SheetFlags;
  fresh: Map<string, CellPlan>;
  protection: Excel.WorksheetProtection;
  cfs: Excel.ConditionalFormatCollection;
  notes: Map<string, Excel.Note>;
  comments?: Excel.CommentCollection;
  commentLocs: { comment: Excel.Comment; loc: Excel.Range }[];
}

/** A row of the 校验结果 sheet: a finding of this run, or one kept from an earlier run on another sheet. */
interface ResultRow {
  sheet: string;
  cell: string;
  severity: string;
  rule: string;
  message: string;
  other: string;
}

/**
 * The shared engine of writeFlags and clearFlags: replace our flags on `sheets` with `findings`
 * (none = clear), then write or drop the results sheet and the state.
 */
async function applyFlags(
  context: Excel.RequestContext,
  findings: readonly Finding[],
  sheets: readonly string[],
  results: "write" | "drop",
  options: FlagOptions,
  prefetch?: FlagPrefetch,
): Promise<FlagOutcome> {
  const progress = { writing: false };
  try {
    return await applyFlagsInner(context, findings, sheets, results, options, progress, prefetch);
  } catch (e) {
    // Refused while writing: say that nothing is lost and what to do (describeHostError shows it).
    if (progress.writing && e && typeof e === "object") (e as { perfcheck?: Skipped }).perfcheck = SKIP.partialWrite();
    throw e;
  }
}

async function applyFlagsInner(
  context: Excel.RequestContext,
  findings: readonly Finding[],
  sheets: readonly string[],
  results: "write" | "drop",
  options: FlagOptions,
  progress: { writing: boolean },
  prefetch?: FlagPrefetch,
): Promise<FlagOutcome> {
  const caps = options.capabilities ?? detectCapabilities(officeRequirements());
  const lang = options.lang ?? "zh";
  const ms = options.timeoutMs;
  const skipped: Skipped[] = [];
  if (!caps.rangeAreas) skipped.push(SKIP.rangeAreas());
  const remarks: "notes" | "comments" | "none" = caps.notes ? "notes" : caps.comments ? "comments" : "none";
  if (remarks === "comments") skipped.push(SKIP.notesToComments());
  if (remarks === "none") skipped.push(SKIP.remarks());

  const pre = prefetch ?? (await loadPrefetch(context, ms));
  const state = normaliseState(pre.state, pre.sheets);
  // Created last run and renamed before its id was learnt: found by its header row (one sync, only then).
  if (pre.state.resultsSheet && !pre.state.resultsSheetId && !state.resultsSheet) await findRenamedResults(context, pre.sheets, state, ms);
  const idOf = new Map(pre.sheets.map((s) => [s.name, s.id]));
  const nameOfId = new Map(pre.sheets.map((s) => [s.id, s.name]));
  const bySheet = groupBySheet(findings.filter((f) => idOf.has(f.sheet)));

  // --- reads the writes depend on: protection, our rules, remarks, the old results (byte-budgeted, normally one sync) ---
  const reads = new ByteBatch(context, "read flags", ms);
  const work: SheetWork[] = [];
  for (const sheet of sheets) {
    const id = idOf.get(sheet);
    if (id === undefined || sheet === state.resultsSheet) continue;
    const ws = context.workbook.worksheets.getItem(id);
    const old = state.sheets[id] ?? { cells: {} };
    const fresh = bySheet.get(sheet) ?? new Map<string, CellPlan>();
    await reads.room(4 * CALL_BYTES);
    const protection = ws.protection;
    protection.load("protected");
    // Always scan the whole sheet for our tagged rules: a refused batch may have left some the
    // state does not list, and a flagged cell the user copied elsewhere carries our rule with it.
    const cfs = ws.getRange().conditionalFormats;
    cfs.load("items/type,items/customOrNullObject/rule/formula");
    const w: SheetWork = { sheet, id, ws, old, fresh, protection, cfs, notes: new Map(), commentLocs: [] };
    if (remarks === "notes") {
      const cells = new Set<string>([...Object.keys(old.cells).filter((a) => old.cells[a]), ...fresh.keys()]);
      for (const addr of cells) {
        await reads.room(2 * CALL_BYTES + 300);
        const n = ws.notes.getItemOrNullObject(addr);
        n.load("content");
        w.notes.set(addr, n);
      }
    }
    // Threaded comments are read in notes mode too: Excel allows no note on a cell that has one.
    if (caps.comments && (fresh.size > 0 || Object.keys(old.cells).length > 0)) {
      w.comments = ws.comments;
      w.comments.load("items/content");
    }
    work.push(w);
  }
  const ownResultsId = state.resultsSheetId && nameOfId.has(state.resultsSheetId) ? state.resultsSheetId : undefined;
  const ownResults = ownResultsId ? nameOfId.get(ownResultsId) : state.resultsSheet && idOf.has(state.resultsSheet) ? state.resultsSheet : undefined;
  let resultsProtection: Excel.WorksheetProtection | undefined;
  let oldRows: Excel.Range | undefined;
  if (ownResults && results === "write" && options.resultsSheet !== false) {
    const rs = context.workbook.worksheets.getItem(ownResults);
    resultsProtection = rs.protection;
    resultsProtection.load("protected");
    oldRows = rs.getUsedRangeOrNullObject(true);
    oldRows.load("values,columnCount");
  }
  await reads.flush();
  if (work.some((w) => w.comments && w.comments.items.length > 0)) {
    // Comment locations are only reachable per item, after the collection is known.
    for (const w of work)
      for (const c of w.comments?.items ?? []) {
        await reads.room(2 * CALL_BYTES);
        const loc = c.getLocation();
        loc.load("address");
        w.commentLocs.push({ comment: c, loc });
      }
    await reads.flush();
  }

  // --- writes, byte-budgeted (one sync unless the flags are very many) ---
  const writes = new ByteBatch(context, "write flags", ms);
  progress.writing = true;
  const commentAdds: CommentAdd[] = [];
  // Intent first: if Excel refuses a write part-way (no rollback), the saved state already covers
  // every cell this batch may have touched, so the next run or clear cleans it up exactly.
  const intent: FlagState = JSON.parse(JSON.stringify(state)) as FlagState;
  for (const w of work) {
    if (w.protection.protected) continue;
    const merged: SheetFlags = { name: w.sheet, cells: { ...w.old.cells } };
    for (const [addr] of w.fresh) if (!(addr in merged.cells)) merged.cells[addr] = null;
    for (const [addr, n] of w.notes) if (w.fresh.has(addr)) merged.cells[addr] = { created: n.isNullObject };
    if (remarks === "comments") for (const addr of w.fresh.keys()) merged.cells[addr] = merged.cells[addr] ?? { created: true };
    intent.sheets[w.id] = merged;
  }
  const wantResults = results === "write" && options.resultsSheet !== false && !(resultsProtection?.protected ?? false);
  // A results sheet about to be created is named in the intent: if the batch stops right after
  // adding it, the next run finds and reuses it instead of leaving an orphan.
  const newResultsName = wantResults && !ownResults ? freeName(RESULTS_SHEET, pre.sheets.map((s) => s.name)) : undefined;
  if (newResultsName) {
    intent.resultsSheet = newResultsName;
    delete intent.resultsSheetId;
  }
  let stateWritten = pre.stateExisted;
  const intentJson = JSON.stringify(intent);
  if (!isEmptyState(intent)) {
    await writes.room(CALL_BYTES + utf8Bytes(intentJson));
    context.workbook.settings.add(STATE_KEY, intentJson);
    stateWritten = true;
  }

  let flaggedCells = 0;
  for (const w of work) {
    const { ws, old, fresh, sheet } = w;
    if (w.protection.protected) {
      // Excel would refuse every write here (AccessDenied): say so and leave the sheet and its state alone.
      if (fresh.size > 0 || Object.keys(old.cells).length > 0) skipped.push(SKIP.protectedSheet(sheet));
      continue;
    }
    for (const cf of w.cfs.items) {
      const custom = cf.customOrNullObject;
      // Ours by the tag — or a custom rule without a formula, which only a batch refused between
      // add("Custom") and setting its formula leaves (Excel's UI cannot make one).
      if (cf.type === "Custom" && !custom.isNullObject && (custom.rule.formula.includes(FLAG_TAG) || !custom.rule.formula)) {
        await writes.room(CALL_BYTES);
        cf.delete();
      }
    }
    const next: SheetFlags = { name: sheet, cells: {} };
    // Fills: one conditional format per severity and address chunk.
    for (const sev of ["error", "warning", "info"] as Severity[]) {
      const cells = [...fresh.values()].filter((p) => p.severity === sev);
      if (cells.length === 0) continue;
      const addrs = rectsToAddresses(cellsToRects(cells));
      const chunks = caps.rangeAreas ? chunkAddresses(addrs) : addrs;
      for (const a of chunks) {
        await writes.room(5 * CALL_BYTES + a.length);
        const t = caps.rangeAreas ? ws.getRanges(a) : ws.getRange(a);
        const cf = t.conditionalFormats.add("Custom");
        cf.custom.rule.formula = `=ISTEXT("${FLAG_TAG}${sev}")`;
        cf.custom.format.fill.color = SEVERITY_FILL[sev];
      }
    }
    for (const p of fresh.values()) next.cells[p.addr] = null;
    flaggedCells += fresh.size;

    const byCell = new Map<string, Excel.Comment>();
    for (const { comment, loc } of w.commentLocs) byCell.set(loc.address.slice(loc.address.lastIndexOf("!") + 1).replace(/\$/g, ""), comment);
    const isOurComment = (c: Excel.Comment) => c.content.startsWith(NOTE_MARKER);

    if (remarks === "notes") {
      const conflicts: string[] = [];
      for (const [addr, note] of w.notes) {
        const current = note.isNullObject ? null : note.content;
        const rec = old.cells[addr];
        let base = current === null ? null : rec || current.includes(NOTE_MARKER) ? stripRemark(current, true) : current;
        // Nothing of the user's left: no empty note may stay behind.
        if (base === "") base = null;
        const plan = fresh.get(addr);
        let desired: string | null;
        if (plan) {
          const userComment = byCell.get(addr);
          if (userComment && !isOurComment(userComment)) {
            // Excel allows no note beside a threaded comment: colour only, the text is in 校验结果.
            conflicts.push(`${sheet}!${addr}`);
            desired = base;
          } else {
            const text = remarkText(plan.findings, lang);
            desired = base === null ? text : `${base}\n\n${text}`;
            next.cells[addr] = { created: base === null };
          }
        } else desired = base;
        if (desired === current) continue;
        await writes.room(2 * CALL_BYTES + (desired ? utf8Bytes(desired) : 0));
        if (desired === null) note.delete();
        else {
          const target = current === null ? ws.notes.add(addr, desired) : note;
          if (current !== null) note.content = desired;
          // Our own notes are sized to show their whole text (a default note clips after four lines);
          // a user's note we append to keeps the size the user gave it.
          if (caps.noteSize && next.cells[addr]?.created) {
            const size = noteSize(desired);
            target.width = size.width;
            target.height = size.height;
          }
        }
      }
      if (conflicts.length) skipped.push(SKIP.noteConflictsWithComment(conflicts));
    } else if (remarks === "comments") {
      const takenCells: string[] = [];
      for (const [addr, c] of byCell) {
        // Ours by its marker: a refused batch may have added it without the state knowing.
        if (!isOurComment(c)) continue;
        const plan = fresh.get(addr);
        await writes.room(2 * CALL_BYTES + 400);
        if (plan) {
          c.content = remarkText(plan.findings, lang);
          next.cells[addr] = { created: true };
        } else c.delete();
      }
      for (const [addr, plan] of fresh) {
        const existing = byCell.get(addr);
        if (existing && !isOurComment(existing)) {
          takenCells.push(`${sheet}!${addr}`);
          continue;
        }
        if (existing) continue;
        const text = remarkText(plan.findings, lang);
        await writes.room(2 * CALL_BYTES + utf8Bytes(text));
        // Added last in the batch: on 1.10–1.17 a user's note is invisible to the add-in (notes are
        // 1.18) and Excel refuses a comment beside it; see addComments().
        commentAdds.push({ sheet, id: w.id, addr, text });
        next.cells[addr] = { created: true };
      }
      if (takenCells.length) skipped.push(SKIP.commentTaken(takenCells));
    }
    if (Object.keys(next.cells).length) state.sheets[w.id] = next;
    else delete state.sheets[w.id];
  }

  // Results sheet: ours is cleared and rewritten; a user's sheet of the same name is never touched.
  let resultsName: string | undefined;
  if (results === "drop") {
    if (ownResults) {
      await writes.room(2 * CALL_BYTES);
      context.workbook.worksheets.getItem(ownResults).delete();
    }
    delete state.resultsSheet;
    delete state.resultsSheetId;
  } else if (resultsProtection?.protected) {
    skipped.push(SKIP.resultsProtected(ownResults as string));
    resultsName = ownResults;
  } else if (wantResults) {
    // Rows of sheets not validated this time stay (live mode re-validates one sheet at a time).
    const validated = new Set(sheets);
    const kept: ResultRow[] = [];
    if (oldRows && !oldRows.isNullObject && oldRows.columnCount >= 7) {
      for (const row of (oldRows.values as unknown[][]).slice(1)) {
        const [, sheet, cell, severity, rule, message, other] = row.map((v) => String(v ?? ""));
        if (!sheet || !cell || validated.has(sheet) || !idOf.has(sheet) || sheet === ownResults) continue;
        kept.push({ sheet, cell, severity, rule, message, other });
      }
    }
    const fresh: ResultRow[] = findings.map((f) => ({
      sheet: f.sheet,
      cell: f.cell,
      severity: SEVERITY_LABEL[lang][f.severity],
      rule: f.rule,
      message: lang === "zh" ? f.message : f.messageEn,
      other: lang === "zh" ? f.messageEn : f.message,
    }));
    const order = new Map(pre.sheets.map((s, i) => [s.name, i]));
    const rows = [...kept, ...fresh].map((r, i) => ({ r, i })).sort((a, b) => (order.get(a.r.sheet) ?? 0) - (order.get(b.r.sheet) ?? 0) || a.i - b.i).map((x) => x.r);
    resultsName = ownResults ?? (newResultsName as string);
    await writes.room(2 * CALL_BYTES);
    // A new sheet's id is learnt on the next run (normaliseState), which saves a sync now.
    const rs = ownResults ? context.workbook.worksheets.getItem(ownResults) : context.workbook.worksheets.add(resultsName);
    if (ownResults) rs.getRange().clear();
    await writeResults(rs, rows, lang, writes);
    state.resultsSheet = resultsName;
    if (ownResults) state.resultsSheetId = idOf.get(ownResults);
    else delete state.resultsSheetId;
  } else if (ownResults) {
    resultsName = ownResults;
  }
  if (isEmptyState(state)) {
    if (stateWritten) {
      await writes.room(2 * CALL_BYTES);
      context.workbook.settings.getItem(STATE_KEY).delete();
    }
  } else {
    const json = JSON.stringify(state);
    await writes.room(CALL_BYTES + utf8Bytes(json));
    context.workbook.settings.add(STATE_KEY, json);
  }
  if (commentAdds.length) {
    const refused = await addComments(context, commentAdds, state, writes, ms);
    // Those cells stay coloured; only their remark is missing (the text is in 校验结果).
    if (refused.length) skipped.push(SKIP.noteConflictsWithComment(refused));
  } else await writes.flush();
  return { flaggedCells, resultsSheet: resultsName, skipped };
}

interface CommentAdd {
  sheet: string;
  id: string;
  addr: string;
  text: string;
}

/**
 * Queue the comment adds at the tail of the write batch (after the final state) and sync. Excel
 * refuses a threaded comment on a cell that has a note, and hosts before 1.18 cannot see notes;
 * a refusal ends the batch there (no rollback). When that happens — recognisable because the
 * state written just before the tail is in place — the comments that made it are found, the
 * refused cell is dropped from the state (it stays coloured, its text is in 校验结果) and the
 * rest is queued again. Returns the refused cells.
 */
async function addComments(context: Excel.RequestContext, adds: CommentAdd[], state: FlagState, writes: ByteBatch, ms?: number): Promise<string[]> {
  const refused: string[] = [];
  let remaining = adds;
  let expected = JSON.stringify(state);
  for (;;) {
    for (const a of remaining) {
      await writes.room(2 * CALL_BYTES + utf8Bytes(a.text));
      context.workbook.comments.add(`${quoteSheet(a.sheet)}!${a.addr}`, a.text);
    }
    try {
      await writes.flush();
      return refused;
    } catch (e) {
      const stored = context.workbook.settings.getItemOrNullObject(STATE_KEY);
      stored.load("value");
      const bySheet = new Map<string, Excel.CommentCollection>();
      for (const a of remaining)
        if (!bySheet.has(a.id)) {
          const c = context.workbook.worksheets.getItem(a.id).comments;
          c.load("items/content");
          bySheet.set(a.id, c);
        }
      await guardedSync(context, "check comments", ms);
      // The failure was not in the comment tail: nothing to recover here.
      if (stored.isNullObject || String(stored.value) !== expected) throw e;
      const locs: { id: string; loc: Excel.Range }[] = [];
      for (const [id, coll] of bySheet)
        for (const c of coll.items)
          if (c.content.startsWith(NOTE_MARKER)) {
            const loc = c.getLocation();
            loc.load("address");
            locs.push({ id, loc });
          }
      await guardedSync(context, "check comments", ms);
      const present = new Set(locs.map(({ id, loc }) => `${id}!${loc.address.slice(loc.address.lastIndexOf("!") + 1).replace(/\$/g, "")}`));
      const missing = remaining.filter((a) => !present.has(`${a.id}!${a.addr}`));
      if (missing.length === 0) return refused;
      const bad = missing[0];
      refused.push(`${bad.sheet}!${bad.addr}`);
      const cells = state.sheets[bad.id]?.cells;
      if (cells) cells[bad.addr] = null;
      remaining = missing.slice(1);
      expected = JSON.stringify(state);
      await writes.room(CALL_BYTES + utf8Bytes(expected));
      context.workbook.settings.add(STATE_KEY, expected);
    }
  }
}

const HEADERS: Record<Lang, string[]> = {
  zh: ["序号", "工作表", "单元格", "严重程度", "规则", "问题说明", "Message"],
  en: ["No.", "Sheet", "Cell", "Severity", "Rule", "Problem", "说明"],
};

function fill2d(rows: number, cols: number, v: string): string[][] {
  return Array.from({ length: rows }, () => new Array<string>(cols).fill(v));
}

async function writeResults(rs: Excel.Worksheet, rows: readonly ResultRow[], lang: Lang, batch: ByteBatch): Promise<void> {
  const n = rows.length;
  const total = Math.max(n, 1) + 1;
  // Text columns are formatted as text first: a message that starts with "=" must stay a message.
  for (let top = 0; top < total; top += RESULT_CHUNK_ROWS) {
    const count = Math.min(RESULT_CHUNK_ROWS, total - top);
    await batch.room(CALL_BYTES + count * 7 * 6);
    rs.getRangeByIndexes(top, 0, count, 7).numberFormat = fill2d(count, 7, "@");
  }
  await batch.room(3 * CALL_BYTES + 200);
  rs.getRange("A1:G1").values = [HEADERS[lang]];
  rs.getRange("A1:G1").format.font.bold = true;
  if (n === 0) {
    rs.getRange("A2:G2").values = [["", "", "", "", "", lang === "zh" ? "未发现问题" : "No problems found", lang === "zh" ? "No problems found" : "未发现问题"]];
  } else {
    // Row chunks sized by bytes: 20,000 findings are several MB of text, over the web's 5 MB.
    let i = 0;
    while (i < n) {
      const body: string[][] = [];
      let bytes = 0;
      while (i < n && body.length < RESULT_CHUNK_ROWS && bytes < batch.budget / 2) {
        const r = rows[i];
        const row = [String(i + 1), r.sheet, r.cell, r.severity, r.rule, r.message, r.other];
        bytes += estimateBytes(row);
        body.push(row);
        i++;
      }
      const top = i - body.length + 1;
      await batch.room(CALL_BYTES + bytes);
      rs.getRangeByIndexes(top, 0, body.length, 7).values = body;
      const links = rs.getRangeByIndexes(top, 2, body.length, 1);
      const formulas = body.map((row) => [hyperlinkFormula(row[1], row[2])]);
      await batch.room(2 * CALL_BYTES + estimateBytes(formulas) + body.length * 10);
      links.numberFormat = fill2d(body.length, 1, "General");
      links.formulas = formulas;
    }
  }
  await batch.room(2 * CALL_BYTES);
  rs.getRange("A:G").format.autofitColumns();
  rs.freezePanes.freezeRows(1);
}

/** Sheets whose header row is read when looking for a renamed results sheet (a workbook rarely has more). */
const RENAMED_RESULTS_PROBE = 200;

/**
 * Our results sheet, created by the last run (its id learnt only on the next run, which saves a
 * sync) and renamed by the user since: the sheet whose first row is our header, in either
 * language. Without this, a second 校验结果 sheet would be added beside it.
 */
async function findRenamedResults(context: Excel.RequestContext, sheets: readonly { name: string; id: string }[], state: FlagState, ms?: number): Promise<void> {
  const flagged = new Set(Object.keys(state.sheets));
  const probes = sheets
    .filter((s) => !flagged.has(s.id))
    .slice(0, RENAMED_RESULTS_PROBE)
    .map((s) => {
      const r = context.workbook.worksheets.getItem(s.id).getRange("A1:G1");
      r.load("values");
      return { s, r };
    });
  if (probes.length === 0) return;
  await guardedSync(context, "find results sheet", ms);
  const headers = Object.values(HEADERS).map((h) => h.join("\u0000"));
  const found = probes.find((p) => headers.includes((p.r.values as unknown[][])[0].map((v) => String(v ?? "")).join("\u0000")));
  if (found) {
    state.resultsSheet = found.s.name;
    state.resultsSheetId = found.s.id;
  }
}

/** Rows per write of the results sheet (also bounded by bytes). */
const RESULT_CHUNK_ROWS = 5000;

/** Flag every finding of `result` on the sheets that were validated, replacing our earlier flags there. */
export async function writeFlags(
  context: Excel.RequestContext,
  result: Pick<ValidationResult, "findings">,
  validatedSheets: readonly string[],
  options: FlagOptions = {},
  prefetch?: FlagPrefetch,
): Promise<FlagOutcome> {
  return applyFlags(context, result.findings, validatedSheets, "write", options, prefetch);
}

/** Remove every flag this add-in made, restore user notes, drop the 校验结果 sheet and the state. */
export async function clearFlags(context: Excel.RequestContext, options: FlagOptions = {}): Promise<FlagOutcome> {
  const pre = await loadPrefetch(context, options.timeoutMs);
  const st = normaliseState(pre.state, pre.sheets);
  const names = new Map(pre.sheets.map((s) => [s.id, s.name]));
  const sheets = Object.keys(st.sheets).map((id) => names.get(id)).filter((n): n is string => n !== undefined);
  return applyFlags(context, [], sheets, "drop", options, pre);
}

export { emptyState };
