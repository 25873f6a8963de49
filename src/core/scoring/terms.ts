/**
 * The profile's scoring vocabulary compiled into tests: which indicator is the budget execution rate
 * (scoring.executionRateNames) and which weight group a 一级 label belongs to (scoring.groups). Compiled
 * once per profile object; the tests are memoised, since every row of every table asks them.
 */
import { memoLabel } from "../locate/labels";
import { NATIONAL_PROFILE, type Profile } from "../profile";
import type { AssessOptions } from "./assess";

export type WeightGroup = "execution" | "output" | "benefit" | "satisfaction";

/** A 一级 label holding a word of several groups goes to the first of them in this order. */
const GROUP_ORDER: readonly WeightGroup[] = ["output", "benefit", "satisfaction", "execution"];

export interface ScoringTerms {
  /** An indicator name that ends in one of the profile's execution-rate names (spaces ignored). */
  isExecutionRate(name: string): boolean;
  /** The weight group of a 一级 label, or null. */
  groupOf(level1: string): WeightGroup | null;
}

const CACHE = new WeakMap<Profile, ScoringTerms>();

export function scoringTerms(profile: Profile = NATIONAL_PROFILE): ScoringTerms {
  let t = CACHE.get(profile);
  if (!t) {
    // A profile object built in code may leave the lists out (the schema fills them in for files).
    const names = profile.scoring.executionRateNames ?? NATIONAL_PROFILE.scoring.executionRateNames;
    const groups = profile.scoring.groups ?? NATIONAL_PROFILE.scoring.groups;
    const isExecutionRate = memoLabel((name: string) => {
      const s = name.replace(/\s+/g, "");
      return names.some((n) => s.endsWith(n));
    });
    const groupOf = memoLabel((level1: string): WeightGroup | null => {
      const s = level1.replace(/\s/g, "");
      return GROUP_ORDER.find((g) => groups[g].some((w) => s.includes(w))) ?? null;
    });
    CACHE.set(profile, (t = { isExecutionRate, groupOf }));
  }
  return t;
}

/** How assess() reads targets under a profile. */
export function assessOptions(profile: Profile): AssessOptions {
  return { implicitOp: profile.scoring.implicitOp ?? ">=", isExecutionRate: scoringTerms(profile).isExecutionRate };
}
