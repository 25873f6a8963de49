/**
 * A distributed template's identity (issue 24): kind, profile, version, the parameters it was drawn
 * with and a hash of its protected structure. It travels as one custom document property per template
 * sheet (docProps/custom.xml; Office.js workbook.properties.custom), where a clerk neither sees nor
 * edits it by accident and where Excel, WPS and LibreOffice keep it on save (docs/templates.md says
 * what was tested where).
 */
import { z } from "zod";
import type { SheetPlan } from "./plan";
import { TEMPLATE_KINDS, type TemplateKind } from "./params";
import { ROLE_STYLES } from "./styles";
import type { CellRole } from "./spec";

/** Property names: `PerfCheck.Template` for the first template sheet, `PerfCheck.Template.2` … after it. */
export const IDENTITY_PROPERTY = "PerfCheck.Template";
/** Excel keeps custom property strings up to 255 characters. */
export const MAX_PROPERTY_LENGTH = 255;

const IdentitySchema = z.object({
  v: z.literal(1),
  kind: z.enum(TEMPLATE_KINDS as unknown as [TemplateKind, ...TemplateKind[]]),
  sheet: z.string().min(1).max(31),
  profile: z.string().min(1),
  name: z.string(),
  version: z.string().min(1),
  hash: z.string().regex(/^[0-9a-f]{16}$/),
  year: z.number().int(),
  lines: z.number().int().min(1),
  ind: z.number().int().min(1),
  /** Months of a monitoring template (1–N月): its headers say them, so the structure is rebuilt with them. */
  month: z.number().int().min(1).max(12).optional(),
});
export type TemplateIdentity = z.infer<typeof IdentitySchema>;

/** Roles whose cells are part of the protected structure: fixed text and formulas a clerk must not change. */
export function isProtectedRole(role: string | undefined): boolean {
  if (!role) return false;
  const r = ROLE_STYLES[role as CellRole];
  return r !== undefined && r.locked !== false;
}

/** Formula roles a returned table must still hold: totals, 执行率, 得分 and the scoring helpers. */
export const FORMULA_ROLES: ReadonlySet<string> = new Set(["amountTotal", "percentTotal", "scoreTotal", "scoreFormula", "helper"]);

/** FNV-1a, twice with different bases: 64 bits as 16 hex digits, pure TS (the core has no crypto). */
function fnv64(s: string): string {
  let a = 0x811c9dc5, b = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
    b = (b ^ (b >>> 13)) >>> 0;
  }
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
}

/**
 * Hash of what a clerk must not change: every protected cell's place and text or formula, the merges,
 * and the printed columns. Input cells (the department's name, amounts, targets) are not in it, so every
 * department's copy of one version has the same hash.
 */
export function structureHash(plan: SheetPlan): string {
  const parts: string[] = [];
  for (const c of plan.cells) {
    if (!(c.formula !== undefined ? FORMULA_ROLES.has(c.style ?? "") || isProtectedRole(c.style) : isProtectedRole(c.style))) continue;
    if (c.formula === undefined && c.value === undefined) continue;
    parts.push(`${c.row},${c.col}:${c.formula !== undefined ? "=" + c.formula : String(c.value)}`);
  }
  for (const m of plan.merges) parts.push(`m${m.top},${m.left},${m.bottom},${m.right}`);
  parts.push(`w${plan.printArea?.right ?? ""}`);
  return fnv64(parts.join("\n"));
}

/** The property value: compact JSON, with the profile's name shortened so it stays within Excel's limit. */
export function identityValue(id: TemplateIdentity): string {
  let name = id.name;
  for (;;) {
    const s = JSON.stringify({ ...id, name });
    if (s.length <= MAX_PROPERTY_LENGTH || name.length === 0) return s;
    name = name.slice(0, Math.max(0, name.length - 8));
  }
}

/** Custom properties for a workbook's template sheets. */
export function identityProperties(ids: readonly TemplateIdentity[]): Record<string, string> {
  const out: Record<string, string> = {};
  ids.forEach((id, i) => (out[i === 0 ? IDENTITY_PROPERTY : `${IDENTITY_PROPERTY}.${i + 1}`] = identityValue(id)));
  return out;
}

/** The identities in a workbook's custom properties; a value that is not one (edited by hand) is listed as broken. */
export function readIdentities(props: Readonly<Record<string, string>> | undefined): { identities: TemplateIdentity[]; broken: string[] } {
  const identities: TemplateIdentity[] = [];
  const broken: string[] = [];
  for (const [k, v] of Object.entries(props ?? {})) {
    if (k !== IDENTITY_PROPERTY && !k.startsWith(`${IDENTITY_PROPERTY}.`)) continue;
    try {
      const r = IdentitySchema.safeParse(JSON.parse(v));
      if (r.success) identities.push(r.data);
      else broken.push(k);
    } catch {
      broken.push(k);
    }
  }
  return { identities, broken };
}
