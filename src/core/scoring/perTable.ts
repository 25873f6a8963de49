import type { Profile } from "../profile";

/**
 * One evaluation per table and profile: the score rules and the table's score read the same evaluation, which
 * was computed again for the score (a sixth of validating a self-evaluation; issue 26, item 15). Read-only.
 */
export function oncePerTable<T extends object, R>(compute: (table: T, profile: Profile) => R): (table: T, profile: Profile) => R {
  const done = new WeakMap<T, WeakMap<Profile, R>>();
  return (table, profile) => {
    let m = done.get(table);
    if (!m) done.set(table, (m = new WeakMap()));
    let r = m.get(profile);
    if (r === undefined) m.set(profile, (r = compute(table, profile)));
    return r;
  };
}
