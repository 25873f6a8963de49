/**
 * The mutant run: every corpus table (fixtures/corpus/*.json grids, written as real .xlsx and read back once;
 * fixtures/corpus/wave2/*.xlsx) read with the CLI's reader and validated; each sheet with content rewritten by
 * every mutation kind and variant; each mutant validated and its findings compared with the original's.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { readXlsx } from "../../src/cli/xlsx/reader";
import type { Finding } from "../../src/core/finding";
import { isBlank, type WorkbookSnapshot } from "../../src/core/snapshot";
import { validateWorkbook } from "../../src/core/validate";
import { corpusWorkbook, loadCorpus } from "../corpus/evaluate";
import { WAVE_DIR } from "../corpus/wave";
import { compareFindings, unchanged, type Comparison } from "./compare";
import { MUTATIONS, mutate, type MutationKind } from "./mutations";

export interface Subject {
  id: string;
  snapshot: WorkbookSnapshot;
  /** Sheets with content: each is mutated on its own. */
  sheets: string[];
  original: Finding[];
}

export async function loadSubjects(): Promise<Subject[]> {
  const out: Subject[] = [];
  const add = (id: string, snapshot: WorkbookSnapshot) => {
    const sheets = snapshot.sheets.filter((s) => s.values.some((r) => r?.some((v) => !isBlank(v)))).map((s) => s.name);
    out.push({ id, snapshot, sheets, original: validateWorkbook(snapshot).findings });
  };
  for (const t of await loadCorpus()) add(t.id, readXlsx(new Uint8Array(await corpusWorkbook(t))).snapshot);
  for (const f of (await fs.readdir(WAVE_DIR)).filter((n) => n.endsWith(".xlsx")).sort())
    add(`wave2/${f.replace(/\.xlsx$/, "")}`, readXlsx(new Uint8Array(await fs.readFile(path.join(WAVE_DIR, f)))).snapshot);
  return out;
}

export interface MutantOutcome {
  subject: string;
  sheet: string;
  kind: string;
  variant: string;
  /** Set when the mutation does not fit the sheet. */
  notApplicable?: string;
  comparison?: Comparison;
  unchanged?: boolean;
}

interface Planned {
  subject: Subject;
  sheet: string;
  kind: MutationKind;
  variant: string;
  result: ReturnType<typeof mutate>;
}

/** Every mutant of every subject (cheap: no validation yet). */
export function planMutants(subjects: Subject[], kinds: readonly MutationKind[] = MUTATIONS): Planned[] {
  const out: Planned[] = [];
  for (const subject of subjects)
    for (const sheet of subject.sheets)
      for (const kind of kinds)
        for (const variant of kind.variants) {
          let result: ReturnType<typeof mutate>;
          try {
            result = mutate(subject.snapshot, sheet, kind, variant);
          } catch (e) {
            // A mutation's own bug: say which table and sheet it met, so it can be reproduced with --kind.
            throw new Error(`${subject.id} [${sheet}] ${kind.id}${variant ? ` ${variant}` : ""}: ${(e as Error).message}`);
          }
          out.push({ subject, sheet, kind, variant, result });
        }
  return out;
}

/** A small seeded generator (mulberry32): the same seed picks the same sample on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `perKind` applicable mutants of each kind, drawn with the seed; the not-applicable ones are all kept (they cost nothing). */
export function sampleMutants(planned: Planned[], perKind: number, seed: number): Planned[] {
  const rnd = seeded(seed);
  const out: Planned[] = [];
  for (const kind of new Set(planned.map((p) => p.kind))) {
    const mine = planned.filter((p) => p.kind === kind);
    const applicable = mine.filter((p) => !("notApplicable" in p.result));
    // Fisher–Yates on a copy, then the first perKind, in their original order so output reads by table.
    const pick = applicable.slice();
    for (let i = pick.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [pick[i], pick[j]] = [pick[j], pick[i]];
    }
    const chosen = new Set(pick.slice(0, perKind));
    out.push(...mine.filter((p) => "notApplicable" in p.result || chosen.has(p)));
  }
  return out;
}

export function runMutant(p: Planned): MutantOutcome {
  const base = { subject: p.subject.id, sheet: p.sheet, kind: p.kind.id, variant: p.variant };
  if ("notApplicable" in p.result) return { ...base, notApplicable: p.result.notApplicable };
  const findings = validateWorkbook(p.result.snapshot).findings;
  const comparison = compareFindings(p.subject.original, findings, p.result.map);
  return { ...base, comparison, unchanged: unchanged(comparison) };
}

/**
 * The kinds of difference a mutant shows, one name per rule: `moved R` when rule R went missing at its mapped
 * address and appeared elsewhere (the reading anchors it on another cell), else `missing R` or `extra R`.
 */
export function differenceNames(c: Comparison | undefined): string[] {
  if (!c) return [];
  const missing = new Set(c.missing.map((m) => m.rule));
  const extra = new Set(c.extra.map((e) => e.rule));
  const out = new Set<string>();
  for (const r of missing) out.add(extra.has(r) ? `moved ${r}` : `missing ${r}`);
  for (const r of extra) if (!missing.has(r)) out.add(`extra ${r}`);
  return [...out];
}

export interface KindSummary {
  kind: string;
  applicable: number;
  unchanged: number;
  notApplicable: number;
  /** unchanged / applicable (1 when nothing applied: there is nothing to hold a floor against). */
  share: number;
  /** The differences met most often (differenceNames) with the number of mutants showing each. */
  commonDifferences: { difference: string; mutants: number }[];
}

export function summariseKinds(outcomes: MutantOutcome[]): { kinds: KindSummary[]; total: { applicable: number; unchanged: number; share: number } } {
  const kinds: KindSummary[] = [];
  for (const kind of new Set(outcomes.map((o) => o.kind))) {
    const mine = outcomes.filter((o) => o.kind === kind);
    const applied = mine.filter((o) => !o.notApplicable);
    const same = applied.filter((o) => o.unchanged).length;
    const diffs = new Map<string, number>();
    for (const o of applied) {
      for (const d of differenceNames(o.comparison)) diffs.set(d, (diffs.get(d) ?? 0) + 1);
    }
    kinds.push({
      kind,
      applicable: applied.length,
      unchanged: same,
      notApplicable: mine.length - applied.length,
      share: applied.length ? same / applied.length : 1,
      commonDifferences: [...diffs].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([difference, mutants]) => ({ difference, mutants })),
    });
  }
  const applicable = kinds.reduce((s, k) => s + k.applicable, 0);
  const same = kinds.reduce((s, k) => s + k.unchanged, 0);
  return { kinds, total: { applicable, unchanged: same, share: applicable ? same / applicable : 1 } };
}
