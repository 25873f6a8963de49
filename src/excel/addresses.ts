/** Address helpers for the Office.js side: sheet quoting, RangeAreas address lists, chunking. */
import type { Rect } from "../core/snapshot";
import { parseRange, rectAddress } from "../core/snapshot";

/** Excel's limit on an address string passed to getRanges; longer strings are silently truncated. */
export const MAX_ADDRESS_CHARS = 8192;

/** `Sheet 1` → `'Sheet 1'`; quotes doubled. Always quoted: Excel accepts it and CJK names need it in formulas. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Split an address list (`'a,b'!A1:B2, Sheet2!C3`) on commas outside quotes; sheet prefixes dropped. */
export function parseAreaList(list: string): Rect[] {
  const parts: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of list) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) parts.push(cur);
  const out: Rect[] = [];
  for (const p of parts) {
    const r = parseRange(p.trim().replace(/\$/g, ""));
    if (r) out.push(r);
  }
  return out;
}

/** Group cells into rectangles: horizontal runs merged downwards when they line up exactly. */
export function cellsToRects(cells: readonly { row: number; col: number }[]): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const c of cells) {
    const list = byRow.get(c.row) ?? [];
    list.push(c.col);
    byRow.set(c.row, list);
  }
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  const open = new Map<string, Rect>();
  const done: Rect[] = [];
  for (const row of rows) {
    const cols = [...new Set(byRow.get(row))].sort((a, b) => a - b);
    const runs: [number, number][] = [];
    for (const c of cols) {
      const last = runs[runs.length - 1];
      if (last && last[1] === c - 1) last[1] = c;
      else runs.push([c, c]);
    }
    const next = new Map<string, Rect>();
    for (const [l, r] of runs) {
      const key = `${l}:${r}`;
      const prev = open.get(key);
      if (prev && prev.bottom === row - 1) {
        prev.bottom = row;
        next.set(key, prev);
        open.delete(key);
      } else next.set(key, { top: row, left: l, bottom: row, right: r });
    }
    for (const r of open.values()) done.push(r);
    open.clear();
    for (const [k, v] of next) open.set(k, v);
  }
  for (const r of open.values()) done.push(r);
  return done.sort((a, b) => a.top - b.top || a.left - b.left);
}

/** Join area addresses into comma lists that each stay under the getRanges limit. */
export function chunkAddresses(areas: readonly string[], max: number = MAX_ADDRESS_CHARS): string[] {
  const chunks: string[] = [];
  let cur = "";
  for (const a of areas) {
    if (a.length > max) throw new Error(`address longer than ${max} characters: ${a.slice(0, 40)}…`);
    if (cur && cur.length + 1 + a.length > max) {
      chunks.push(cur);
      cur = a;
    } else cur = cur ? `${cur},${a}` : a;
  }
  if (cur) chunks.push(cur);
  return chunks;
}

export function rectsToAddresses(rects: readonly Rect[]): string[] {
  return rects.map(rectAddress);
}

/** A sheet name Excel accepts (≤ 31 chars, none of []:*?/\) that no sheet has yet (case-insensitive). */
export function freeSheetName(base: string, taken: readonly string[]): string {
  const clean = base.replace(/[[\]:*?/\\]/g, "_").replace(/^'+|'+$/g, "").slice(0, 31) || "Sheet";
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = clean.slice(0, 31 - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
