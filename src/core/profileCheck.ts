/**
 * Profile files that say no. The core schema (src/core/profile.ts) checks types and ranges of the merged
 * profile but drops keys it does not know — a misspelt `satisfacton` would silently do nothing. Before
 * merging, the file itself is checked against the national profile's shape (by the CLI and by the task
 * pane, which load the same files): unknown keys, wrong types, weights that do not add up to 100, bands
 * and grades that overlap or leave gaps; every problem names the field and the file.
 */
import { NATIONAL_PROFILE, type Profile, ProfileError, resolveProfile } from "./profile";
import { distributionProblems } from "./templates/distribution";

/** Optional keys the national profile may omit (present in the schema). */
const OPTIONAL: Record<string, unknown> = { "scoring.implicitOp": ">=", "scoring.rateTolerance": 0 };

function typeName(v: unknown): string {
  return Array.isArray(v) ? "array" : v === null ? "null" : typeof v;
}

export function checkProfileInput(json: unknown, file: string): void {
  const problems: string[] = [];
  // Each problem names its field in both halves, so either language keeps it.
  const add = (field: string, zh: string, en: string) => problems.push(`${field}: ${zh} / ${field}: ${en}`);
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new ProfileError(`配置文件 ${file} 必须是 JSON 对象 / the profile file ${file} must be a JSON object`);
  const walk = (v: unknown, shape: unknown, at: string) => {
    if (Array.isArray(shape)) {
      if (!Array.isArray(v)) return void add(`${at}`, `应为数组，实为 ${typeName(v)}`, `expected array, got ${typeName(v)}`);
      v.forEach((x, i) => walk(x, shape[0], `${at}[${i}]`));
      return;
    }
    if (typeof shape === "object" && shape !== null) {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return void add(`${at}`, `应为对象，实为 ${typeName(v)}`, `expected object, got ${typeName(v)}`);
      // Records with keys of the file's choosing: trees by id, and in each tree 一级 → [二级 …].
      if (at === "trees" || /^trees\.[^.]+$/.test(at)) {
        for (const [k, x] of Object.entries(v)) walk(x, at === "trees" ? {} : [""], `${at}.${k}`);
        return;
      }
      for (const [k, x] of Object.entries(v)) {
        const key = at ? `${at}.${k}` : k;
        // The distribution section has a schema of its own (no national default to compare shapes with).
        if (key === "distribution") {
          for (const p of distributionProblems(x)) add(p.field, `取值有误：${p.message}`, p.message);
          continue;
        }
        const sub = Object.prototype.hasOwnProperty.call(shape, k) ? (shape as Record<string, unknown>)[k] : OPTIONAL[key.replace(/\[\d+\]/g, "")];
        if (sub === undefined) {
          if (!(at === "" && k === "extends")) add(`${key}`, `未知字段`, `unknown key`);
          continue;
        }
        walk(x, sub, key);
      }
      return;
    }
    if (typeof v !== typeof shape) add(`${at}`, `应为 ${typeof shape}，实为 ${typeName(v)}`, `expected ${typeof shape}, got ${typeName(v)}`);
  };
  walk(json, NATIONAL_PROFILE, "");
  const j = json as { scoring?: { weights?: Record<string, unknown>; qualitativeBands?: unknown; grades?: unknown } };
  const w = j.scoring?.weights;
  if (w && typeof w === "object") {
    const merged = { ...NATIONAL_PROFILE.scoring.weights, ...w } as Record<string, unknown>;
    const sum = Object.values(merged).reduce<number>((a, b) => a + (typeof b === "number" ? b : NaN), 0);
    if (Number.isFinite(sum) && Math.abs(sum - 100) > 1e-9) add(`scoring.weights`, `权重合计 ${sum}，应为 100`, `weights add up to ${sum}, not 100`);
  }
  const bands = j.scoring?.qualitativeBands;
  if (Array.isArray(bands) && bands.every((b) => typeof b?.min === "number" && typeof b?.max === "number")) {
    const sorted = [...(bands as { min: number; max: number }[])].sort((a, b) => b.max - a.max);
    sorted.forEach((b, i) => {
      if (b.min > b.max) add(`scoring.qualitativeBands`, `区间 ${b.min}–${b.max} 下限大于上限`, `band ${b.min}–${b.max} has min above max`);
      const next = sorted[i + 1];
      if (next && next.max > b.min) add(`scoring.qualitativeBands`, `区间 ${b.min}–${b.max} 与 ${next.min}–${next.max} 重叠`, `bands ${b.min}–${b.max} and ${next.min}–${next.max} overlap`);
    });
  }
  const grades = j.scoring?.grades;
  if (Array.isArray(grades) && grades.every((g) => typeof g?.min === "number")) {
    const mins = (grades as { grade: string; min: number }[]).map((g) => g.min);
    if (mins.some((m, i) => i > 0 && m >= mins[i - 1])) add(`scoring.grades`, `等级下限应从高到低排列且不重复`, `grade thresholds must run from best to worst without repeats`);
  }
  if (problems.length) throw new ProfileError(`配置文件 ${file} 有误 / the profile file ${file} is invalid:\n  ${problems.join("\n  ")}`);
}

/**
 * A profile file's text (JSON, a UTF-8 BOM allowed) → the effective profile, or a ProfileError naming
 * the file and every problem in both languages ("中文 / English").
 */
export function profileFromJson(text: string, file: string): Profile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch (e) {
    throw new ProfileError(`配置文件 ${file} 不是有效的 JSON / the profile file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  // Unknown keys, wrong types, weights that do not add up, overlapping bands: refused, naming field and file.
  checkProfileInput(json, file);
  try {
    return resolveProfile(json);
  } catch (e) {
    const detail = (e as Error).message;
    throw new ProfileError(`配置文件 ${file} 有误：${detail} / the profile file ${file} is invalid: ${detail}`);
  }
}
