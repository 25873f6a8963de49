/**
 * A self-evaluation's value columns found by what their cells hold, where the header's words name none of
 * them (a county's own wording, a 第8栏 header, a column label lost in a merge): the Reading's rule that a
 * column is what it holds, not what it is called. Only columns whose header no vocabulary knows are taken, and
 * only roles the words left unfilled are given, so a table the words read whole is read as before.
 *
 * - 分值 and 得分 by arithmetic: two columns of small numbers, the left summing to at most 100, the right never
 *   above the left on the same row (a score is at most its weight).
 * - 指标值 (target) and 实际完成值 (actual) by content and order: the first unnamed column right of 三级 whose cells
 *   look like targets or numbers is the target; the actual is the one unnamed column between it and the score
 *   (even empty: an actual nobody filled in), or among several the next that holds values as the target does.
 */
import { parseValue } from "../grammar/value";
import type { SheetView } from "../snapshot";
import { textOf } from "../snapshot";
import { columnSignature, share, type ColumnSignature } from "../reading/signature";
import { agrees, contentRole, type ColumnRole } from "../reading/columns";
import type { TreeName } from "../reading/tree";

export interface ContentColumn {
  role: "full" | "actual" | "weight" | "score" | "unit" | "level1" | "level2" | "level3";
  col: number;
  /**
   * Why, in the Reading's evidence codes (reading/roles.ts describes them): `content:full 5/6`, `sum:weight 90`,
   * `bound:score 5/5`, `position:actual`, `names:level1 3`.
   */
  evidence: string;
}

interface Candidate {
  col: number;
  sig: ColumnSignature;
  /** The number on each data row (null when the cell holds none). */
  nums: (number | null)[];
  /** Cells holding only a placeholder (—, /): counted as text by the signature. */
  placeholders: number;
}

const num = (v: unknown): number | null => {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  const t = textOf(v).trim();
  if (!t) return null;
  const p = parseValue(t);
  return p.kind === "number" && p.op === null && p.unit === "" ? p.value : null;
};

/** Small numbers on at least two rows and nothing else: what a weight or a score column holds. */
function smallNumbers(c: Candidate): boolean {
  const filled = c.nums.filter((n): n is number => n !== null);
  return c.sig.filled >= 2 && filled.length >= Math.max(2, c.sig.filled * 0.8) && filled.every((n) => n >= 0 && n <= 100);
}

/** Rows where both columns hold a number, and on how many of them `low` is at most `high`. */
function atMost(low: Candidate, high: Candidate): { both: number; within: number } {
  let both = 0;
  let within = 0;
  low.nums.forEach((n, i) => {
    const h = high.nums[i];
    if (n === null || h === null) return;
    both++;
    if (n <= h + 1e-9) within++;
  });
  return { both, within };
}

const sum = (c: Candidate) => c.nums.reduce<number>((s, n) => s + (n ?? 0), 0);
const weightLike = (c: Candidate) => sum(c) <= 100.5;
const scoreFits = (score: Candidate, weight: Candidate) => {
  const { both, within } = atMost(score, weight);
  return both >= 2 && within >= both * 0.9;
};


/**
 * Targets or numbers more than sentences, on at least two rows, leaving out the placeholders (—, /) a form
 * writes where a row has no target: what a target column holds.
 */
function targetLike(c: Candidate): boolean {
  const { sig } = c;
  const filled = sig.filled - c.placeholders;
  if (filled < 2) return false;
  return sig.long / filled < 0.5 && (sig.target + sig.number) / filled >= 0.5;
}

/**
 * The roles `cols` lacks among 指标值 / 实际完成值 / 分值 / 得分, found in the columns right of 三级 that `unnamed`
 * says no header word names, over the indicator rows `rows`.
 */
export function columnsByContent(view: SheetView, cols: Record<string, number>, rows: readonly number[], unnamed: (col: number) => boolean, labelled: (col: number) => boolean, tree: (t: string) => TreeName | undefined): ContentColumn[] {
  const wanted = (["full", "actual", "weight", "score", "unit"] as const).filter((k) => cols[k] === undefined);
  if (wanted.length === 0 || rows.length < 2 || cols.level3 === undefined) return [];
  const used = new Set(Object.values(cols));
  const from = rows[0];
  const to = rows[rows.length - 1];
  const candidates: Candidate[] = [];
  for (let c = cols.level3 + 1; c <= view.right; c++) {
    if (used.has(c) || !unnamed(c)) continue;
    const sig = columnSignature(view, c, from, to, tree);
    // An empty column counts only with a header of its own: an actual nobody filled in is still the actual.
    if (sig.filled === 0 && !labelled(c)) continue;
    // A dash, a slash or 不适用 where a row has no value: the value grammar's not-applicable, neither value nor sentence.
    const texts = rows.map((r) => (view.isCovered(r, c) ? "" : textOf(view.value(r, c)).trim()));
    candidates.push({ col: c, sig, nums: rows.map((r) => (view.isCovered(r, c) ? null : num(view.value(r, c)))), placeholders: texts.filter((t) => t !== "" && parseValue(t).kind === "not-applicable").length });
  }
  const out: ContentColumn[] = [];
  const take = (role: ContentColumn["role"], c: Candidate, evidence: string) => {
    out.push({ role, col: c.col, evidence });
    candidates.splice(candidates.indexOf(c), 1);
  };
  const byCol = (col: number | undefined): Candidate | undefined => (col === undefined ? undefined : { col, sig: columnSignature(view, col, from, to, tree), nums: rows.map((r) => num(view.value(r, col))), placeholders: 0 });
  const small = candidates.filter(smallNumbers);
  const weightKnown = byCol(cols.weight);
  const scoreKnown = byCol(cols.score);
  if (!weightKnown && !scoreKnown) {
    // Both by arithmetic: the leftmost pair that fits.
    outer: for (const w of small) {
      if (!weightLike(w)) continue;
      for (const s of small) {
        if (s.col <= w.col || !scoreFits(s, w)) continue;
        take("weight", w, `sum:weight ${round(sum(w))}`);
        take("score", s, `bound:score ${atMost(s, w).within}/${atMost(s, w).both}`);
        break outer;
      }
    }
    // No pair: a table not scored yet (得分 left blank) has its weights beside an empty, labelled column. The
    // weights must look like a whole table's (adding up to 50–100), the empty column come right after them.
    if (!out.length) {
      const w = small.find((c) => weightLike(c) && sum(c) >= 50);
      const s = w && candidates.find((c) => c.col > w.col && c.sig.filled === 0);
      if (w && s && candidates.indexOf(s) === candidates.indexOf(w) + 1) {
        take("weight", w, `sum:weight ${round(sum(w))}`);
        take("score", s, "position:score");
      }
    }
  } else if (weightKnown && !scoreKnown) {
    const s = small.find((c) => c.col > weightKnown.col && scoreFits(c, weightKnown));
    if (s) take("score", s, `bound:score ${atMost(s, weightKnown).within}/${atMost(s, weightKnown).both}`);
  } else if (scoreKnown && !weightKnown) {
    const w = small.filter((c) => c.col < scoreKnown.col && weightLike(c) && scoreFits(scoreKnown, c)).pop();
    if (w) take("weight", w, `sum:weight ${round(sum(w))}`);
  }
  // A unit column (个, %, 万元 down the rows) where no word names one: the target reads with its unit.
  // Told first, so a unit column between the target and the actual is not taken for either.
  if (cols.unit === undefined) {
    const u = candidates.find((c) => c.sig.filled >= 1 && c.sig.unit / (c.sig.filled - c.placeholders || 1) >= 0.6);
    if (u) take("unit", u, `content:unit ${u.sig.unit}/${u.sig.filled - u.placeholders}`);
  }
  // The target, then the actual, left to right between 三级 and the score (the order every form keeps): the
  // target holds targets or numbers rather than sentences; the actual is the one column left between it and the
  // score whatever it holds (完成, a number, a sentence saying what was done), or among several the one holding
  // values as the target does.
  const scoreCol = cols.score ?? out.find((o) => o.role === "score")?.col ?? cols.reason ?? Infinity;
  const between = candidates.filter((c) => c.col < scoreCol && c.col !== cols.weight);
  let full = cols.full;
  if (full === undefined) {
    const t = between.find((c) => (cols.actual === undefined || c.col < cols.actual) && targetLike(c));
    if (t) {
      take("full", t, `content:full ${t.sig.target + t.sig.number}/${t.sig.filled - t.placeholders}`);
      full = t.col;
    }
  }
  if (cols.actual === undefined && full !== undefined) {
    // Alone between the target and the score it is the actual whatever it holds; among several, the one that
    // holds values as the target does.
    const gap = between.filter((c) => c.col > full! && candidates.includes(c));
    const a = gap.length === 1 ? gap[0] : gap.find(targetLike);
    if (a) take("actual", a, gap.length === 1 ? "position:actual" : `content:actual ${a.sig.target + a.sig.number}/${a.sig.filled - a.placeholders}`);
  }
  return out.filter((o) => (wanted as readonly string[]).includes(o.role));
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The tree columns of a self-evaluation whose header names none of them in words (第2栏 over 产出指标): 一级 is
 * the column holding most 一级 names in the rows under the header, 二级 the one right of it holding most 二级
 * names, and 三级 the next column right of the tree that holds names (text, not numbers or targets). Undefined
 * unless the rows hold two 一级 names in one column, or one with 二级 names right of it.
 */
export function treeByContent(view: SheetView, header: number, from: number, to: number, unnamed: (col: number) => boolean, tree: (t: string) => TreeName | undefined): ContentColumn[] | undefined {
  const counts = new Map<number, { l1: number; l2: number }>();
  for (let c = view.left; c <= view.right; c++) {
    if (!unnamed(c)) continue;
    for (let r = from; r <= to; r++) {
      if (view.isCovered(r, c)) continue;
      const n = tree(textOf(view.value(r, c)).trim());
      if (!n) continue;
      const e = counts.get(c) ?? { l1: 0, l2: 0 };
      if (n.level === 1) e.l1++;
      else if (n.level === 2) e.l2++;
      counts.set(c, e);
    }
  }
  let l1: number | undefined;
  for (const [c, e] of counts) if (e.l1 >= 1 && e.l1 >= e.l2 && (l1 === undefined || e.l1 > counts.get(l1)!.l1)) l1 = c;
  if (l1 === undefined) return undefined;
  let l2: number | undefined;
  for (const [c, e] of counts) if (c > l1 && e.l2 >= 1 && e.l2 > e.l1 && (l2 === undefined || e.l2 > counts.get(l2)!.l2)) l2 = c;
  // One 一级 name alone is no tree; with 二级 names beside it, it is.
  if (counts.get(l1)!.l1 < 2 && l2 === undefined) return undefined;
  const out: ContentColumn[] = [{ role: "level1", col: l1, evidence: `names:level1 ${counts.get(l1)!.l1}` }];
  if (l2 !== undefined) out.push({ role: "level2", col: l2, evidence: `names:level2 ${counts.get(l2)!.l2}` });
  const right = l2 ?? l1;
  for (let c = right + 1; c <= view.right; c++) {
    if (view.isCovered(header, c) && view.mergeCovering(header, c)?.left !== c) continue;
    if (!unnamed(c)) break;
    const sig = columnSignature(view, c, from, to, tree);
    if (sig.filled >= 2 && share(sig, sig.text + sig.long) >= 0.6) {
      out.push({ role: "level3", col: c, evidence: `content:level3 ${sig.text + sig.long}/${sig.filled}` });
      return out;
    }
  }
  return undefined;
}

/**
 * The column of indicator names in a table with no tree (a department self-evaluation listing 财政供养人员控制率,
 * 预算完成率 … under one header): the first unnamed column left of `before` whose cells are short names, mostly
 * different from one another, not numbers, targets or tree names.
 */
export function namesByContent(view: SheetView, from: number, to: number, unnamed: (col: number) => boolean, before: number, tree: (t: string) => TreeName | undefined): ContentColumn | undefined {
  for (let c = view.left; c < Math.min(before, view.right + 1); c++) {
    if (!unnamed(c)) continue;
    const sig = columnSignature(view, c, from, to, tree);
    if (sig.filled < 2) continue;
    if (sig.text / sig.filled >= 0.6 && sig.distinct >= sig.filled * 0.8) return { role: "level3", col: c, evidence: `content:level3 ${sig.text}/${sig.filled}` };
  }
  return undefined;
}

const VALUE_ROLES: ReadonlySet<string> = new Set(["full", "half", "midterm", "actual"]);

/** One column of a self-evaluation as read: its role, the header over it, how sure, and why (inspect, 读作…). */
export interface SelfEvaluationColumn {
  role: string;
  col: number;
  header: string;
  confidence: number;
  evidence: string[];
}

/**
 * Every column a self-evaluation was read with, as the target tables' Reading states its columns: a column named
 * by its header's words is checked against what its cells hold (0.9 where they agree, 0.6 where they do not,
 * 0.5 with nothing under it to check); a column found by content alone says so (0.7) with its evidence.
 */
export function describeColumns(view: SheetView, cols: Record<string, number>, byContent: readonly ContentColumn[], rows: readonly number[], labelOf: (col: number) => string, tree: (t: string) => TreeName | undefined): SelfEvaluationColumn[] {
  const out: SelfEvaluationColumn[] = [];
  for (const [role, col] of Object.entries(cols).sort((a, b) => a[1] - b[1])) {
    const header = labelOf(col);
    const found = byContent.find((b) => b.role === role && b.col === col);
    if (found) {
      out.push({ role, col, header, confidence: 0.7, evidence: [found.evidence] });
      continue;
    }
    const evidence = [`header:${header}→${role}`];
    const sig = rows.length ? columnSignature(view, col, rows[0], rows[rows.length - 1], tree) : undefined;
    const found2 = sig ? contentRole(sig) : undefined;
    // Bare numbers are what a target or an actual holds when its unit stands in a column of its own: content says
    // "numbers", not "weights", under a value header.
    const content = found2 && found2.role === "weight" && VALUE_ROLES.has(role) ? { role: "number", count: found2.count } : found2;
    if (content) evidence.push(`content:${content.role} ${content.count}/${sig!.filled}`);
    const agreed = content && (content.role === "number" || agrees(role as ColumnRole, content.role as ColumnRole));
    out.push({ role, col, header, confidence: content ? (agreed ? 0.9 : 0.6) : 0.5, evidence });
  }
  return out;
}
