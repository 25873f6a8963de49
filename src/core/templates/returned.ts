/**
 * A returned table against the template it was made from (issue 24). The identity in the workbook's
 * custom properties names the kind, profile, version and parameters; the plan is built again from the
 * profile with those parameters, and its structure hash must equal the one stored. Then the plan's rows
 * are aligned with the sheet's (rows a clerk inserted or deleted shift everything below them), so every
 * expected label and formula is compared at the place it now has, formulas with their references moved
 * as Excel moves them.
 */
import type { Profile } from "../profile";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../snapshot";
import { a1, columnLetters, isBlank, parseA1 } from "../snapshot";
import { buildDistributedTemplate } from "./distributed";
import { TABLE_KIND_OF } from "./distribution";
import { FORMULA_ROLES, isProtectedRole, readIdentities, type TemplateIdentity } from "./identity";
import type { SheetPlan } from "./plan";

export interface TemplateContext {
  /** The run's profile: its id, name and current version (the profile's distribution section). */
  current: { profile: string; name: string; version: string };
  /** The identity this table carries; undefined when the workbook has none for it. */
  identity?: TemplateIdentity;
  /** Identity property values that could not be read (edited by hand). */
  broken: string[];
  /** The plan the table was made from, when the identity names the current profile and version. */
  expected?: SheetPlan;
  /** The stored structure hash equals the rebuilt plan's (false: same version, different template). */
  hashMatches?: boolean;
  /** The hash the current profile's template has (when it could be built). */
  expectedHash?: string;
  sheet: SheetSnapshot;
  /** Row/column alignment of `expected` with the sheet (computed once, on first use). */
  alignment(): Alignment | undefined;
}

export interface LabelProblem {
  /** Where it is (or would be) on the sheet. */
  row: number;
  col: number;
  expected: string;
  /** The text found there instead ("" when blank); undefined when the whole row is gone. */
  found?: string;
}

export interface Alignment {
  /** Plan row → sheet row (absent: deleted). */
  rowOf: Map<number, number>;
  /** Plan column → sheet column. */
  colOf: number[];
  /** Template rows with fixed text that are gone or renamed, by label cell. */
  labels: LabelProblem[];
  /** Sheet columns inserted between the template's columns, with the header row to report on. */
  insertedColumns: { col: number; row: number }[];
  /** Template columns deleted (none of their labels are found). */
  deletedColumns: { col: number; row: number; expected: string }[];
}

const norm = (v: unknown): string => String(v ?? "").normalize("NFKC").replace(/\s+/g, "");

function cellAt(s: SheetSnapshot, row: number, col: number): CellValue {
  return s.values[row - s.origin.row]?.[col - s.origin.col] ?? null;
}

export function formulaAt(s: SheetSnapshot, row: number, col: number): string | null {
  return s.formulas?.[row - s.origin.row]?.[col - s.origin.col] ?? null;
}

export function valueAt(s: SheetSnapshot, row: number, col: number): CellValue {
  return cellAt(s, row, col);
}

/**
 * The template context of a located table, when the profile distributes templates. The identity is
 * matched by sheet name, else (a renamed sheet) the only identity of the table's kind.
 */
export function templateContextFor(wb: WorkbookSnapshot, sheet: SheetSnapshot, tableKind: string, profile: Profile): TemplateContext | undefined {
  const d = profile.distribution;
  if (!d) return undefined;
  const { identities, broken } = readIdentities(wb.properties);
  const ofKind = identities.filter((i) => TABLE_KIND_OF[i.kind] === tableKind);
  const identity = ofKind.find((i) => i.sheet === sheet.name) ?? (ofKind.length === 1 && !wb.sheets.some((s) => s.name === ofKind[0].sheet) ? ofKind[0] : undefined);
  const ctx: TemplateContext = { current: { profile: profile.id, name: profile.name.zh, version: d.version }, identity, broken, sheet, alignment: () => undefined };
  if (identity && identity.profile === profile.id && identity.version === d.version && d.kinds.includes(identity.kind)) {
    try {
      const t = buildDistributedTemplate(profile, identity.kind, { lines: identity.lines, indicators: identity.ind, month: identity.month });
      ctx.expected = t.plan;
      ctx.hashMatches = t.identity.hash === identity.hash;
      ctx.expectedHash = t.identity.hash;
    } catch {
      // Parameters the profile no longer allows: no structure to compare with (the hash rule says so).
      ctx.hashMatches = false;
    }
  }
  let memo: Alignment | undefined | null = null;
  ctx.alignment = () => {
    if (memo === null) memo = ctx.expected && ctx.hashMatches ? alignTemplate(ctx.expected, sheet) : undefined;
    return memo;
  };
  return ctx;
}

interface PlanText {
  col: number;
  text: string;
  raw: string;
}

/** The fixed texts of each plan row (labels, headers, group names, pre-filled 三级), by column. */
function planTexts(plan: SheetPlan): Map<number, PlanText[]> {
  const out = new Map<number, PlanText[]>();
  for (const c of plan.cells) {
    if (c.formula !== undefined || c.value === undefined || !isProtectedRole(c.style)) continue;
    const text = norm(c.value);
    if (!text) continue;
    const list = out.get(c.row) ?? [];
    list.push({ col: c.col, text, raw: String(c.value) });
    out.set(c.row, list);
  }
  for (const l of out.values()) l.sort((a, b) => a.col - b.col);
  return out;
}

/** How many of `want` appear in `have` in order (columns may have moved), and where. */
function inOrder(want: PlanText[], have: { col: number; text: string }[]): { n: number; at: (number | undefined)[] } {
  const at: (number | undefined)[] = [];
  let j = 0;
  let n = 0;
  for (const w of want) {
    let k = j;
    while (k < have.length && have[k].text !== w.text) k++;
    if (k < have.length) {
      at.push(have[k].col);
      n++;
      j = k + 1;
    } else at.push(undefined);
  }
  return { n, at };
}

const MAX_ROWS = 5000;

export function alignTemplate(plan: SheetPlan, s: SheetSnapshot): Alignment {
  const texts = planTexts(plan);
  const planRows = (plan.printArea?.bottom ?? Math.max(...plan.cells.map((c) => c.row))) + 1;
  const first = s.origin.row;
  const last = Math.min(s.origin.row + s.values.length - 1, first + MAX_ROWS);
  const sheetTexts: { col: number; text: string }[][] = [];
  for (let r = first; r <= last; r++) {
    const row = s.values[r - first] ?? [];
    const list: { col: number; text: string }[] = [];
    row.forEach((v, i) => {
      if (typeof v === "string" || typeof v === "number") {
        const t = norm(v);
        if (t) list.push({ col: s.origin.col + i, text: t });
      }
    });
    sheetTexts.push(list);
  }
  // A landmark matches a sheet row when most of its texts are there in order (a renamed or deleted
  // column leaves the rest); a single-text landmark needs its one text.
  const landmarks = [...texts.keys()].filter((r) => r < planRows).sort((a, b) => a - b);
  const S = sheetTexts.length;
  const L = landmarks.length;
  const match = (li: number, sj: number) => {
    const want = texts.get(landmarks[li])!;
    const { n } = inOrder(want, sheetTexts[sj]);
    return n >= Math.max(1, Math.ceil(want.length * 0.6));
  };
  // Longest common subsequence of landmarks and sheet rows.
  const dp: Uint16Array[] = Array.from({ length: L + 1 }, () => new Uint16Array(S + 1));
  for (let i = 1; i <= L; i++) {
    for (let j = 1; j <= S; j++) {
      const best = Math.max(dp[i - 1][j], dp[i][j - 1]);
      dp[i][j] = match(i - 1, j - 1) ? Math.max(best, dp[i - 1][j - 1] + 1) : best;
    }
  }
  const pairs: [number, number][] = [];
  for (let i = L, j = S; i > 0 && j > 0; ) {
    if (dp[i][j] === dp[i - 1][j]) i--;
    else if (dp[i][j] === dp[i][j - 1]) j--;
    else {
      pairs.push([landmarks[i - 1], first + j - 1]);
      i--;
      j--;
    }
  }
  pairs.reverse();

  // Rows between matched landmarks map in order; a leading gap maps upwards from the first match.
  const rowOf = new Map<number, number>();
  const matched = new Set<number>();
  for (const [p, r] of pairs) {
    rowOf.set(p, r);
    matched.add(p);
  }
  const anchors: [number, number][] = [[-1, first - 1], ...pairs, [planRows, last + 1]];
  for (let k = 0; k + 1 < anchors.length; k++) {
    const [pa, sa] = anchors[k];
    const [pb, sb] = anchors[k + 1];
    if (k === 0 && pairs.length) {
      for (let p = pb - 1, r = sb - 1; p > pa && r > sa; p--, r--) rowOf.set(p, r);
      continue;
    }
    for (let p = pa + 1, r = sa + 1; p < pb && r < sb; p++, r++) rowOf.set(p, r);
  }

  // Columns: where each template column's labels are found on matched rows.
  const cols = (plan.columnWidths.length || 1);
  const votes: Map<number, number>[] = Array.from({ length: cols }, () => new Map());
  const had = new Array<number>(cols).fill(0);
  for (const [p, r] of pairs) {
    const want = texts.get(p)!;
    const { at } = inOrder(want, sheetTexts[r - first]);
    want.forEach((w, i) => {
      if (w.col >= cols) return;
      had[w.col]++;
      if (at[i] !== undefined) votes[w.col].set(at[i]!, (votes[w.col].get(at[i]!) ?? 0) + 1);
    });
  }
  const colOf: number[] = [];
  const deletedColumns: Alignment["deletedColumns"] = [];
  const headerRow = pickHeaderRow(texts, pairs);
  for (let c = 0; c < cols; c++) {
    const v = [...votes[c].entries()].sort((a, b) => b[1] - a[1])[0];
    if (v) colOf[c] = v[0];
    else {
      colOf[c] = (c > 0 ? colOf[c - 1] : s.origin.col - 1) + 1;
      if (had[c] >= 2) {
        const hdr = headerRow && texts.get(headerRow[0])!.find((t) => t.col === c);
        deletedColumns.push({ col: colOf[c], row: headerRow ? headerRow[1] : first, expected: hdr?.raw ?? columnLetters(c) });
      }
    }
  }
  // Deleted columns shift the rest left: keep later columns in order.
  for (let c = 1; c < cols; c++) if (colOf[c] <= colOf[c - 1]) colOf[c] = colOf[c - 1] + 1;
  const insertedColumns: Alignment["insertedColumns"] = [];
  const lastTableCol = Math.min(cols - 1, Math.max(plan.printArea?.right ?? cols - 1, ...plan.cells.filter((c) => c.formula !== undefined).map((c) => c.col)));
  for (let c = 0; c < lastTableCol; c++) {
    for (let x = colOf[c] + 1; x < colOf[c + 1]; x++) insertedColumns.push({ col: x, row: headerRow ? headerRow[1] : first });
  }

  // Template labels gone or renamed: unmatched landmark rows, and texts missing on matched rows.
  const deletedCols = new Set(deletedColumns.map((d) => d.col));
  const labels: LabelProblem[] = [];
  for (const p of landmarks) {
    const want = texts.get(p)!;
    const r = rowOf.get(p);
    if (r === undefined) {
      // The whole row is gone: report where it would be, on the row that now follows its predecessor.
      const before = [...rowOf.entries()].filter(([q]) => q < p).sort((a, b) => b[0] - a[0])[0];
      const at = before ? before[1] + 1 : first;
      labels.push({ row: at, col: colOf[want[0].col] ?? want[0].col, expected: want.map((w) => w.raw).join(" / ") });
      continue;
    }
    for (const w of want) {
      const col = colOf[w.col] ?? w.col;
      if (deletedCols.has(col) && !matched.has(p)) continue;
      const v = cellAt(s, r, col);
      const text = norm(typeof v === "string" || typeof v === "number" ? v : "");
      if (text === w.text) continue;
      if (matched.has(p) && sheetTexts[r - first].some((t) => t.text === w.text)) continue; // found in another column of the row
      if (deletedColumns.some((d) => d.col === col) && matched.has(p)) continue;
      labels.push({ row: r, col, expected: w.raw, found: isBlank(v) ? "" : String(v) });
    }
  }
  return { rowOf, colOf, labels, insertedColumns, deletedColumns };
}

/** The matched landmark with the most labels (the indicator header): where column findings are reported. */
function pickHeaderRow(texts: Map<number, PlanText[]>, pairs: [number, number][]): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const pr of pairs) if (!best || texts.get(pr[0])!.length > texts.get(best[0])!.length) best = pr;
  return best;
}

/** A template formula cell to check: its plan place and formula. */
export interface ExpectedFormula {
  row: number;
  col: number;
  formula: string;
  role: string;
}

export function expectedFormulas(plan: SheetPlan): ExpectedFormula[] {
  return plan.cells.filter((c) => c.formula !== undefined && FORMULA_ROLES.has(c.style ?? "")).map((c) => ({ row: c.row, col: c.col, formula: c.formula!, role: c.style! }));
}

/**
 * A template formula with its references moved as Excel moves them when rows or columns are inserted or
 * deleted; undefined when a single cell it names is gone (the deleted row is reported by itself).
 */
export function movedFormula(formula: string, a: Alignment): string | undefined {
  let failed = false;
  const rowOf = (r: number, dir: 0 | 1 | -1, limit: number): number | undefined => {
    if (a.rowOf.has(r)) return a.rowOf.get(r);
    if (dir === 0) return undefined;
    // A range end whose row was deleted: the range now ends at the nearest remaining row inside it.
    for (let x = r + dir; dir > 0 ? x <= limit : x >= limit; x += dir) if (a.rowOf.has(x)) return a.rowOf.get(x);
    return undefined;
  };
  const ref = (m: string, dir: 0 | 1 | -1, limit: number): string => {
    const p = parseA1(m);
    if (!p) return m;
    const r = rowOf(p.row, dir, limit);
    if (r === undefined) {
      failed = true;
      return m;
    }
    return a1(r, a.colOf[p.col] ?? p.col);
  };
  const moved = splitStrings(formula)
    .map((part, i) => {
      if (i % 2 === 1) return part; // inside a string literal
      return part.replace(/(?<![A-Za-z0-9_.$])(\$?[A-Z]{1,3}\$?\d+)(?::(\$?[A-Z]{1,3}\$?\d+))?(?![A-Za-z0-9_(])/g, (all, x: string, y: string | undefined) => {
        if (y === undefined) return ref(x, 0, 0);
        const px = parseA1(x), py = parseA1(y);
        if (!px || !py) return all;
        return `${ref(x, 1, py.row)}:${ref(y, -1, px.row)}`;
      });
    })
    .join("");
  return failed ? undefined : moved;
}

/** Alternating outside / inside "…" string literals ("" inside a literal is an escaped quote). */
function splitStrings(f: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let inside = false;
  for (let i = 0; i < f.length; i++) {
    const ch = f[i];
    if (ch === '"') {
      if (inside && f[i + 1] === '"') {
        cur += '""';
        i++;
        continue;
      }
      if (!inside) {
        parts.push(cur);
        cur = '"';
      } else {
        parts.push(cur + '"');
        cur = "";
      }
      inside = !inside;
      continue;
    }
    cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Formula text as compared: no "=", no "$", no spaces outside strings, upper case, no _xlfn. prefixes. */
export function normalFormula(f: string): string {
  return splitStrings(f.replace(/^\s*=/, ""))
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/_xl(fn|ws)\./gi, "").replace(/[\s$]/g, "").toUpperCase()))
    .join("");
}
