/**
 * Label text normalisation: real tables write the same label many ways (`半年（程）`, `半年(程)`,
 * stray spaces and line breaks, `项目负责人/ 联系电话`). Every comparison goes through `normLabel`.
 */
import type { CellValue } from "../snapshot";
import { cellText } from "../snapshot";

/**
 * Every locator normalises every cell of a sheet, and a workbook of many tables repeats the same few
 * hundred labels: NFKC and the regexes dominated validation of 1,000 tables (BENCHMARKS.md). Short
 * texts are memoised; the cache is dropped when full so it stays bounded.
 */
const MEMO = new Map<string, string>();
const MEMO_MAX_ENTRIES = 20_000;
const MEMO_MAX_LENGTH = 80;

export function normLabel(v: CellValue | string): string {
  const s = typeof v === "string" ? v : cellText(v);
  if (s.length > MEMO_MAX_LENGTH) return normalize(s);
  let out = MEMO.get(s);
  if (out === undefined) {
    if (MEMO.size >= MEMO_MAX_ENTRIES) MEMO.clear();
    out = normalize(s);
    MEMO.set(s, out);
  }
  return out;
}

function normalize(s: string): string {
  return s
    .normalize("NFKC") // full-width brackets, colons, digits → ASCII
    .replace(/<[^>]{0,200}>/g, "") // markup some exports leave in cells
    .replace(/[\s\u00a0\u3000]+/g, "")
    .replace(/[：:]+$/, "")
    .replace(/^[*＊]+/, "") // required-field asterisks
    .trim();
}

/**
 * A test or mapping of label text, memoised. The locators and rules ask the same questions (is this a
 * title? which group is this?) of the same few hundred labels on every row of every table, and a map
 * lookup is cheaper than the regexes and substring searches. Bounded: cleared when full.
 */
export function memoLabel<T>(fn: (label: string) => T, max = 10_000): (label: string) => T {
  const memo = new Map<string, T>();
  return (label: string) => {
    let out = memo.get(label);
    if (out === undefined && !memo.has(label)) {
      if (memo.size >= max) memo.clear();
      out = fn(label);
      memo.set(label, out);
    }
    return out as T;
  };
}

/** True when the normalised text equals one of the candidates (already normalised). */
export function labelIs(text: string, ...candidates: string[]): boolean {
  return candidates.includes(text);
}

/** Strip a unit suffix `（万元）` / `(万元)` from a label. */
export function stripUnit(label: string): string {
  return label.replace(/\((万元|元|%)\)$/, "");
}
