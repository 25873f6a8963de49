/**
 * Which 二级 belongs under which 一级, by the trees the profile accepts (profile.trees, data: 10号, 101号
 * and any region's own). 履职 (department duties) has free-text 二级 and is in no tree.
 */
import type { Profile } from "../../profile";

const PARENTS = new WeakMap<Profile, Map<string, string[]>>();

/** The 一级 groups a 二级 is allowed under, given the profile's accepted trees (memoised per profile). */
export function allowedParents(level2: string, profile: Profile): string[] {
  let memo = PARENTS.get(profile);
  if (!memo) PARENTS.set(profile, (memo = new Map()));
  let hit = memo.get(level2);
  if (!hit) memo.set(level2, (hit = computeParents(level2, profile)));
  return hit;
}

function computeParents(level2: string, profile: Profile): string[] {
  const out = new Set<string>();
  for (const id of profile.indicatorTrees) {
    for (const [l1, l2s] of Object.entries(profile.trees[id] ?? {})) if (l2s.includes(level2)) out.add(l1);
  }
  return [...out];
}

/** A 一级 group of an accepted tree, or 履职. */
export function knownLevel1(level1: string, profile: Profile): boolean {
  return level1 === "履职" || profile.indicatorTrees.some((id) => Object.prototype.hasOwnProperty.call(profile.trees[id] ?? {}, level1));
}
