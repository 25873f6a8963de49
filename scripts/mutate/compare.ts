/**
 * Findings of a mutant against the original's, moved to the new addresses: each original finding is
 * expected at every cell its cell maps to (two cells for a table copied below itself), by rule id and
 * address. Severities and message texts are not compared: a mutant may state an amount in 元, and the
 * message then says so.
 */
import type { Finding } from "../../src/core/finding";
import { a1 } from "../../src/core/snapshot";
import type { AddressMap } from "./mutations";

export interface FindingKey {
  rule: string;
  sheet: string;
  cell: string;
  /** The message of the finding this key came from (the original's, for a missing one). */
  message: string;
}

export interface Comparison {
  /** Expected at the mapped address, absent from the mutant. */
  missing: FindingKey[];
  /** In the mutant, not expected. */
  extra: FindingKey[];
}

const keyOf = (k: { rule: string; sheet: string; cell: string }) => `${k.rule}\u0000${k.sheet}\u0000${k.cell}`;

/** Where the original's findings should be in the mutant. */
export function expectedFindings(original: readonly Finding[], map: AddressMap): FindingKey[] {
  const out: FindingKey[] = [];
  for (const f of original) {
    if (f.sheet !== map.sheet) {
      out.push({ rule: f.rule, sheet: f.sheet, cell: f.cell, message: f.message });
      continue;
    }
    for (const c of map.cell(f.row, f.col)) out.push({ rule: f.rule, sheet: f.sheet, cell: a1(c.row, c.col), message: f.message });
  }
  return out;
}

/** Multiset difference of expected and found keys: empty both ways means the findings are unchanged. */
export function compareFindings(original: readonly Finding[], mutant: readonly Finding[], map: AddressMap): Comparison {
  const expected = expectedFindings(original, map);
  const left = new Map<string, FindingKey[]>();
  for (const e of expected) {
    const k = keyOf(e);
    left.set(k, [...(left.get(k) ?? []), e]);
  }
  const extra: FindingKey[] = [];
  for (const f of mutant) {
    const bucket = left.get(keyOf(f));
    if (bucket?.length) bucket.pop();
    else extra.push({ rule: f.rule, sheet: f.sheet, cell: f.cell, message: f.message });
  }
  const missing = [...left.values()].flat();
  return { missing, extra };
}

export const unchanged = (c: Comparison) => c.missing.length === 0 && c.extra.length === 0;
