/** The profile's indicator vocabulary (profile.indicatorWords) compiled once per profile for the rules. */
import type { Profile } from "../profile";

export interface MisfilingClass {
  name: RegExp;
  notName?: RegExp;
  percentValue?: boolean;
  level1?: RegExp[];
  level2?: RegExp[];
  expected: { zh: string; en: string };
}

export interface IndicatorWords {
  lowerIsBetter: RegExp[];
  lowerIsBetterNot: RegExp[];
  projectPeriod: RegExp[];
  templatePrompts: RegExp[];
  misfiling: MisfilingClass[];
}

const COMPILED = new WeakMap<Profile, IndicatorWords>();
const re = (p: string) => new RegExp(p);

export function indicatorWords(profile: Profile): IndicatorWords {
  let w = COMPILED.get(profile);
  if (!w) {
    const src = profile.indicatorWords;
    w = {
      lowerIsBetter: src.lowerIsBetter.map(re),
      lowerIsBetterNot: src.lowerIsBetterNot.map(re),
      projectPeriod: src.projectPeriod.map(re),
      templatePrompts: src.templatePrompts.map(re),
      misfiling: src.misfiling.map((m) => ({
        name: re(m.name),
        notName: m.notName ? re(m.notName) : undefined,
        percentValue: m.percentValue,
        level1: m.under.level1?.map(re),
        level2: m.under.level2?.map(re),
        expected: m.expected,
      })),
    };
    COMPILED.set(profile, w);
  }
  return w;
}

const COMBINED = new WeakMap<readonly RegExp[], RegExp>();

/**
 * True when any of the patterns matches. The list is tested as one alternation, compiled once per list: these
 * lists are asked of every indicator row by several rules, and one pass over the text costs less than one per
 * pattern. Patterns with flags (none in the profiles today) are tested one by one.
 */
export const anyMatch = (res: readonly RegExp[], text: string): boolean => {
  let one = COMBINED.get(res);
  if (!one) {
    one = res.some((r) => r.flags !== "") ? undefined : new RegExp(res.map((r) => `(?:${r.source})`).join("|"));
    if (!one) return res.some((r) => r.test(text));
    COMBINED.set(res, one);
  }
  return one.test(text);
};
