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
 * grow with the number of tables or findings.
 */
import type { Finding, Severity } from "../core/finding";
import { severityRank } from "../core/finding";
import type { ValidationResult } from "../core/validate";
import { chunkAddresses, cellsToRects, freeSheetName as freeName, quoteSheet, rectsToAddresses } from "./addresses";
import { type Capabilities, detectCapabilities, officeRequirements, SKIP, type Skipped } from "./capabilities";
import { emptyState, type FlagState, queueStateLoad, queueStateSave, type SheetFlags } from "./state";
import { guardedSync } from "./sync";

export const FLAG_TAG = "PerfCheck:";
export const NOTE_MARKER = "【PerfCheck】";
export const RESULTS_SHEET = "校验结果";
export const SEVERITY_FILL: Record<Severity, string> = { error: "#FFC7CE", warning: "#FFEB9C", info: "#DDEBF7" };
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
  sheetNames: string[];
}

export interface FlagOutcome {
  flaggedCells: number;
  resultsSheet?: string;
  skipped: Skipped[];
}

/** Text of our remark for one cell. */
export function remarkText(findings: readonly Finding[], lang: Lang): string {
  const lines = findings.map((f) => `[${SEVERITY_LABEL[lang][f.severity]}] ${lang === "zh" ? f.message : f.messageEn}`);
  return `${NOTE_MARKER}\n${lines.join("\n")}`;
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
  sheets.load("items/name");
  const st = queueStateLoad(context);
  await guardedSync(context, "read flag state", ms);
  return { state: st.read(), stateExisted: st.existed(), sheetNames: sheets.items.map((s) => s.name) };
}

interface SheetWork {
  sheet: string;
  ws: Excel.Worksheet;
  old: SheetFlags;
  fresh: Map<string, CellPlan>;
  cfs?: Excel.ConditionalFormatCollection;
  notes: Map<string, Excel.Note>;
  comments?: Excel.CommentCollection;
  commentLocs: { comment: Excel.Comment; loc: Excel.Range }[];
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
  const caps = options.capabilities ?? detectCapabilities(officeRequirements());
  const lang = options.lang ?? "zh";
  const ms = options.timeoutMs;
  const skipped: Skipped[] = [];
  if (!caps.rangeAreas) skipped.push(SKIP.rangeAreas());
  const remarks: "notes" | "comments" | "none" = caps.notes ? "notes" : caps.comments ? "comments" : "none";
  if (remarks === "comments") skipped.push(SKIP.notesToComments());
  if (remarks === "none") skipped.push(SKIP.remarks());

  const pre = prefetch ?? (await loadPrefetch(context, ms));
  const state: FlagState = JSON.parse(JSON.stringify(pre.state)) as FlagState;
  const present = new Set(pre.sheetNames);
  // Sheets renamed or deleted since: nothing left to restore there.
  for (const s of Object.keys(state.sheets)) if (!present.has(s)) delete state.sheets[s];
  const bySheet = groupBySheet(findings.filter((f) => present.has(f.sheet)));

  // --- one sync: everything the writes depend on ---
  const work: SheetWork[] = [];
  for (const sheet of sheets) {
    if (!present.has(sheet)) continue;
    const ws = context.workbook.worksheets.getItem(sheet);
    const old = state.sheets[sheet] ?? { cells: {} };
    const fresh = bySheet.get(sheet) ?? new Map<string, CellPlan>();
    const w: SheetWork = { sheet, ws, old, fresh, notes: new Map(), commentLocs: [] };
    if (Object.keys(old.cells).length > 0) {
      // Scan the whole sheet: a flagged cell the user copied elsewhere carried our rule with it.
      w.cfs = ws.getRange().conditionalFormats;
      w.cfs.load("items/type,items/customOrNullObject/rule/formula");
    }
    if (remarks === "notes") {
      const cells = new Set<string>([...Object.keys(old.cells).filter((a) => old.cells[a]), ...fresh.keys()]);
      for (const addr of cells) {
        const n = ws.notes.getItemOrNullObject(addr);
        n.load("content");
        w.notes.set(addr, n);
      }
    } else if (remarks === "comments" && (fresh.size > 0 || Object.keys(old.cells).length > 0)) {
      w.comments = ws.comments;
      w.comments.load("items/content");
    }
    work.push(w);
  }
  const sheetList = context.workbook.worksheets;
  sheetList.load("items/name");
  await guardedSync(context, "read flags", ms);
  if (remarks === "comments" && work.some((w) => w.comments && w.comments.items.length > 0)) {
    // Comment locations are only reachable per item, after the collection is known.
    for (const w of work) for (const c of w.comments?.items ?? []) {
      const loc = c.getLocation();
      loc.load("address");
      w.commentLocs.push({ comment: c, loc });
    }
    await guardedSync(context, "read comment cells", ms);
  }

  // --- one sync: all writes ---
  let flaggedCells = 0;
  const taken: string[] = [];
  for (const w of work) {
    const { ws, old, fresh, sheet } = w;
    for (const cf of w.cfs?.items ?? []) {
      const custom = cf.customOrNullObject;
      if (cf.type === "Custom" && !custom.isNullObject && custom.rule.formula.includes(FLAG_TAG)) cf.delete();
    }
    const next: SheetFlags = { cells: {} };
    // Fills: one conditional format per severity and address chunk.
    for (const sev of ["error", "warning", "info"] as Severity[]) {
      const cells = [...fresh.values()].filter((p) => p.severity === sev);
      if (cells.length === 0) continue;
      const addrs = rectsToAddresses(cellsToRects(cells));
      const targets = caps.rangeAreas ? chunkAddresses(addrs).map((a) => ws.getRanges(a)) : addrs.map((a) => ws.getRange(a));
      for (const t of targets) {
        const cf = t.conditionalFormats.add("Custom");
        cf.custom.rule.formula = `=ISTEXT("${FLAG_TAG}${sev}")`;
        cf.custom.format.fill.color = SEVERITY_FILL[sev];
      }
    }
    for (const p of fresh.values()) next.cells[p.addr] = null;
    flaggedCells += fresh.size;

    if (remarks === "notes") {
      for (const [addr, note] of w.notes) {
        const current = note.isNullObject ? null : note.content;
        const rec = old.cells[addr];
        const base = current === null ? null : rec ? stripRemark(current, rec.created) : current;
        const plan = fresh.get(addr);
        let desired: string | null;
        let created = false;
        if (plan) {
          const text = remarkText(plan.findings, lang);
          if (base === null || base === "") {
            desired = text;
            created = true;
          } else desired = `${base}\n\n${text}`;
          next.cells[addr] = { created };
        } else desired = base;
        if (desired === current) continue;
        if (desired === null) note.delete();
        else if (current === null) ws.notes.add(addr, desired);
        else note.content = desired;
      }
    } else if (remarks === "comments") {
      const byCell = new Map<string, Excel.Comment>();
      for (const { comment, loc } of w.commentLocs) byCell.set(loc.address.slice(loc.address.lastIndexOf("!") + 1).replace(/\$/g, ""), comment);
      const takenCells: string[] = [];
      for (const [addr, c] of byCell) {
        const ours = c.content.startsWith(NOTE_MARKER);
        if (ours && old.cells[addr]) {
          const plan = fresh.get(addr);
          if (plan) {
            c.content = remarkText(plan.findings, lang);
            next.cells[addr] = { created: true };
          } else c.delete();
        }
      }
      for (const [addr, plan] of fresh) {
        const existing = byCell.get(addr);
        if (existing && !(existing.content.startsWith(NOTE_MARKER) && old.cells[addr])) {
          takenCells.push(`${sheet}!${addr}`);
          continue;
        }
        if (existing) continue;
        context.workbook.comments.add(`${quoteSheet(sheet)}!${addr}`, remarkText(plan.findings, lang));
        next.cells[addr] = { created: true };
      }
      if (takenCells.length) skipped.push(SKIP.commentTaken(takenCells));
    }
    if (Object.keys(next.cells).length) state.sheets[sheet] = next;
    else delete state.sheets[sheet];
  }
  for (const s of sheetList.items) taken.push(s.name);

  // Results sheet: ours is cleared and rewritten; a user's sheet of the same name is never touched.
  let resultsName: string | undefined;
  const ownResults = state.resultsSheet && taken.includes(state.resultsSheet) ? state.resultsSheet : undefined;
  if (results === "drop" || options.resultsSheet === false) {
    if (results === "drop" && ownResults) context.workbook.worksheets.getItem(ownResults).delete();
    if (results === "drop") delete state.resultsSheet;
  } else {
    resultsName = ownResults ?? freeName(RESULTS_SHEET, taken);
    const rs = ownResults ? context.workbook.worksheets.getItem(ownResults) : context.workbook.worksheets.add(resultsName);
    if (ownResults) rs.getRange().clear();
    writeResults(rs, findings, lang);
    state.resultsSheet = resultsName;
  }
  queueStateSave(context, state, pre.stateExisted);
  await guardedSync(context, "write flags", ms);
  return { flaggedCells, resultsSheet: resultsName, skipped };
}

const HEADERS: Record<Lang, string[]> = {
  zh: ["序号", "工作表", "单元格", "严重程度", "规则", "问题说明", "Message"],
  en: ["No.", "Sheet", "Cell", "Severity", "Rule", "Problem", "说明"],
};

function fill2d(rows: number, cols: number, v: string): string[][] {
  return Array.from({ length: rows }, () => new Array<string>(cols).fill(v));
}

function writeResults(rs: Excel.Worksheet, findings: readonly Finding[], lang: Lang): void {
  const n = findings.length;
  const rows = Math.max(n, 1);
  // Text columns are formatted as text first: a message that starts with "=" must stay a message.
  rs.getRange(`A1:G${rows + 1}`).numberFormat = fill2d(rows + 1, 7, "@");
  rs.getRange("A1:G1").values = [HEADERS[lang]];
  rs.getRange("A1:G1").format.font.bold = true;
  if (n === 0) {
    rs.getRange("A2:G2").values = [["", "", "", "", "", lang === "zh" ? "未发现问题" : "No problems found", lang === "zh" ? "No problems found" : "未发现问题"]];
  } else {
    const body: (string | number)[][] = findings.map((f, i) => [
      String(i + 1),
      f.sheet,
      f.cell,
      SEVERITY_LABEL[lang][f.severity],
      f.rule,
      lang === "zh" ? f.message : f.messageEn,
      lang === "zh" ? f.messageEn : f.message,
    ]);
    rs.getRange(`A2:G${n + 1}`).values = body;
    const links = rs.getRange(`C2:C${n + 1}`);
    links.numberFormat = fill2d(n, 1, "General");
    links.formulas = findings.map((f) => [hyperlinkFormula(f.sheet, f.cell)]);
  }
  rs.getRange("A:G").format.autofitColumns();
  rs.freezePanes.freezeRows(1);
}

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
  const sheets = Object.keys(pre.state.sheets);
  return applyFlags(context, [], sheets, "drop", options, pre);
}

export { emptyState };
