/**
 * A bureau's template from its profile: the distribution section turned into template parameters, and
 * the identity the copy carries. Checking a returned table builds the same plan again from the identity's
 * parameters (src/core/templates/returned.ts), so what is compared is what was sent.
 */
import type { Profile } from "../profile";
import { compileSpec } from "./compile";
import type { Distribution } from "./distribution";
import { identityProperties, structureHash, type TemplateIdentity } from "./identity";
import { resolveParams, TemplateParamError, type TemplateKind, type TemplateParams } from "./params";
import type { SheetPlan } from "./plan";
import { specOf } from "./specs";

export interface DistributedOptions {
  /** 支出 lines / empty rows per 二级 group; default the profile's, else the template's own. */
  lines?: number;
  indicators?: number;
  /** The department this copy is for. */
  unit?: { name: string; code?: string };
  /** Months a monitoring template covers (1–N月); default 7. */
  month?: number;
}

export interface DistributedTemplate {
  plan: SheetPlan;
  identity: TemplateIdentity;
  /** Custom document properties to write with the workbook. */
  properties: Record<string, string>;
}

export function distributionOf(profile: Profile): Distribution {
  if (!profile.distribution) throw new TemplateParamError(`profile "${profile.id}" has no distribution section / 配置“${profile.id}”没有 distribution（模板分发）部分`);
  return profile.distribution;
}

/** Template parameters a profile's distribution section gives for one kind. */
export function distributedParams(profile: Profile, kind: TemplateKind, o: DistributedOptions = {}): TemplateParams {
  const d = distributionOf(profile);
  if (!d.kinds.includes(kind)) throw new TemplateParamError(`profile "${profile.id}" does not distribute "${kind}" templates (distribution.kinds: ${d.kinds.join(", ")}) / 配置未分发此类模板`);
  return {
    region: d.region,
    title: d.titles?.[kind],
    issuer: d.issuer,
    amountUnit: d.amountUnit,
    year: kind === "self-evaluation" ? (d.selfEvaluationYear ?? d.year - 1) : d.year,
    ...(kind === "monitoring" && o.month !== undefined ? { month: o.month } : {}),
    expenseLines: o.lines ?? d.lines,
    indicatorRows: o.indicators ?? d.indicators,
    protect: d.protect,
    executionWeight: profile.scoring.weights.execution,
    requiredRows: d.requiredRows.filter((r) => !r.kinds || r.kinds.includes(kind)),
    indicatorGroups: d.indicatorGroups,
    lockGroups: true,
    unit: o.unit,
  };
}

export function buildDistributedTemplate(profile: Profile, kind: TemplateKind, o: DistributedOptions = {}): DistributedTemplate {
  const d = distributionOf(profile);
  const p = resolveParams(kind, distributedParams(profile, kind, o));
  const spec = specOf(kind, p);
  const plan = compileSpec(spec);
  const identity: TemplateIdentity = {
    v: 1,
    kind,
    sheet: plan.name,
    profile: profile.id,
    name: profile.name.zh,
    version: d.version,
    hash: structureHash(plan),
    year: p.year,
    lines: p.expenseLines,
    ind: p.indicatorRows,
    ...(kind === "monitoring" ? { month: p.month } : {}),
  };
  return { plan, identity, properties: identityProperties([identity]) };
}
