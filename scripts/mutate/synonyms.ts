/**
 * Header synonyms, by column role, taken from the form catalogue's own data (src/core/forms/builtin.ts):
 * every header pattern that spells out whole labels (`^三级指标$`, `(^|/)(计量|度量)单位$`, `^(分值|权重)$`)
 * gives its labels to its role's group. To these the words real tables use that the catalogue does not know
 * yet (issue 21: 绩效指标 / 具体指标 for the 三级 column) are added, so the mutants ask what a county's own
 * wording would ask. The reading must give the same findings whichever word of a group a header uses.
 */
import { BUILTIN_FORMS } from "../../src/core/forms/builtin";
import type { FormCatalogue } from "../../src/core/forms/schema";

/** Words seen in published tables the catalogue lacks (issue 21's list), by role. */
export const FIELD_WORDS: Record<string, string[]> = {
  level3: ["绩效指标", "具体指标"],
};

/**
 * The labels a pattern spells out, or [] when it is not a whole-label pattern (unanchored words such as
 * `全年`, character classes, optional parts): only exact labels make honest synonyms.
 */
export function patternLabels(pattern: string): string[] {
  const body = pattern.replace(/^\(\^\|\/\)/, "").replace(/^\^/, "");
  if (body === pattern.replace(/^\^/, "") && !pattern.startsWith("^") && !pattern.startsWith("(^|/)")) return [];
  if (!body.endsWith("$")) return [];
  const core = body.slice(0, -1);
  // Literal text and un-nested (a|b) groups only.
  if (!/^([^\\^$.*+?()[\]{}|]|\([^()\\^$.*+?[\]{}]+\))+$/.test(core)) return [];
  let out = [""];
  for (const part of core.match(/\([^()]+\)|[^()]+/g) ?? []) {
    const alts = part.startsWith("(") ? part.slice(1, -1).split("|") : [part];
    out = out.flatMap((o) => alts.map((a) => o + a));
  }
  return out.filter((l) => l.length >= 2);
}

/** Synonym groups by role: catalogue labels first (in catalogue order), then the words of FIELD_WORDS. */
export function synonymGroups(catalogue: FormCatalogue = BUILTIN_FORMS): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const add = (role: string, label: string) => {
    const g = groups.get(role) ?? [];
    if (!g.includes(label)) g.push(label);
    groups.set(role, g);
  };
  for (const form of catalogue.forms) {
    const v = form.vocabulary ?? {};
    for (const col of [...(v.indicatorColumns ?? []), ...(v.selfEvaluation?.columns ?? [])]) {
      if (col.role === "ignore") continue;
      for (const h of col.header) for (const l of patternLabels(h)) add(col.role, l);
    }
  }
  for (const [role, words] of Object.entries(FIELD_WORDS)) for (const w of words) add(role, w);
  // A label in two groups would not say which role it keeps: leave such labels out of both.
  const seen = new Map<string, number>();
  for (const g of groups.values()) for (const l of g) seen.set(l, (seen.get(l) ?? 0) + 1);
  for (const [role, g] of groups) {
    const kept = g.filter((l) => seen.get(l) === 1);
    if (kept.length >= 2) groups.set(role, kept);
    else groups.delete(role);
  }
  return groups;
}

/**
 * A header label split for matching: its required-field stars (*指标值, 绩效指标性质*), its core word, and its
 * bracketed note (指标值(A), 分值（10分）); spaces removed, NFKC (full-width brackets folded).
 */
export function headerCore(label: string): { star: string; core: string; note: string; tail: string } {
  const t = label.normalize("NFKC").replace(/\s+/g, "");
  const m = t.match(/^([*＊]*)(.*?)(\(.*\))?([*＊]*)$/);
  return { star: m?.[1] ?? "", core: m?.[2] ?? t, note: m?.[3] ?? "", tail: m?.[4] ?? "" };
}
