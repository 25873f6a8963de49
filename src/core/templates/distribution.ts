/**
 * A finance bureau's distribution profile (issue 24): what its templates say (印发单位, the region in the
 * title, the budget year, the amount unit, required rows and indicator groups) and the version every
 * returned table is checked against. It is the `distribution` section of a region profile
 * (src/core/profile.ts), so one file gives both the templates a bureau sends and the rules and scoring
 * scheme its returned tables are checked with — the 执行率 分值 printed in a self-evaluation template is
 * the profile's own `scoring.weights.execution`, never a second copy that could drift.
 */
import { z } from "zod";
import { TEMPLATE_KINDS, type TemplateKind } from "./params";

/**
 * The kinds a bureau's distribution sends when its profile names none: the three annual forms. The mid-year
 * monitoring table is sent in its own round, so a profile lists it in distribution.kinds to send it.
 */
const DISTRIBUTED_BY_DEFAULT: readonly TemplateKind[] = ["project", "department", "self-evaluation"];

const text = (max: number) => z.string().trim().min(1).max(max);

/** A 三级 row every copy of the template carries, pre-filled and locked (its values stay editable). */
export const RequiredRowSchema = z.strictObject({
  /** Template kinds that carry it; default every kind the profile distributes. */
  kinds: z.array(z.enum(TEMPLATE_KINDS as unknown as [TemplateKind, ...TemplateKind[]])).min(1).optional(),
  level1: text(20),
  level2: text(20),
  level3: text(40),
  /** Pre-filled target (全年/年度指标值; the half-year value too for target tables). */
  target: z.string().trim().max(40).optional(),
});
export type RequiredRow = z.infer<typeof RequiredRowSchema>;

export const DistributionSchema = z.strictObject({
  /** 印发单位, printed under the title: 无锡市财政局. */
  issuer: text(40),
  /** Region in the title: 无锡市 → 无锡市项目支出绩效目标表. Empty: no region. */
  region: z.string().trim().max(40).default(""),
  /** Budget year of target tables; a self-evaluation looks back at year − 1 unless selfEvaluationYear says otherwise. */
  year: z.number().int().min(2000).max(2100),
  selfEvaluationYear: z.number().int().min(2000).max(2100).optional(),
  /** Amount unit printed in the funding headers. */
  amountUnit: z.enum(["万元", "元"]).default("万元"),
  /** Version of the templates; a returned table made from another version is reported. */
  version: z.string().trim().min(1).max(20).regex(/^[\w.\-]+$/, "letters, digits, . _ - only / 只能含字母、数字和 . _ -"),
  /** Template kinds the bureau distributes. */
  kinds: z.array(z.enum(TEMPLATE_KINDS as unknown as [TemplateKind, ...TemplateKind[]])).min(1).default([...DISTRIBUTED_BY_DEFAULT]),
  /** Whole titles by kind, when the bureau's form is not named `<region><standard name>`. */
  titles: z.strictObject({ project: text(40).optional(), department: text(40).optional(), "self-evaluation": text(40).optional(), monitoring: text(40).optional() }).optional(),
  /** Rows every copy carries, under their 一级/二级 group. */
  requiredRows: z.array(RequiredRowSchema).default([]),
  /** The 二级 groups each 一级 carries (replaces the 10号 tree's 产出/效益/满意度 part): {"产出指标": ["数量指标", …]}. */
  indicatorGroups: z.record(text(20), z.array(text(20)).min(1)).optional(),
  /** Default row counts: 支出 lines and empty rows per 二级 group. */
  lines: z.number().int().min(1).max(200).optional(),
  indicators: z.number().int().min(1).max(50).optional(),
  /** Protect the sheet (inputs stay editable); default true for distributed templates. */
  protect: z.boolean().default(true),
});
export type Distribution = z.infer<typeof DistributionSchema>;

/** Problems of a `distribution` section, each naming its field (`distribution.version`). */
export function distributionProblems(json: unknown): { field: string; message: string }[] {
  const r = DistributionSchema.safeParse(json);
  if (r.success) {
    const problems: { field: string; message: string }[] = [];
    const kinds = new Set(r.data.kinds);
    r.data.requiredRows.forEach((row, i) => {
      for (const k of row.kinds ?? []) if (!kinds.has(k)) problems.push({ field: `distribution.requiredRows[${i}].kinds`, message: `"${k}" is not among distribution.kinds / 不在 distribution.kinds 中` });
      const groups = r.data.indicatorGroups;
      if (groups && !(groups[row.level1] ?? []).includes(row.level2)) {
        problems.push({ field: `distribution.requiredRows[${i}]`, message: `${row.level1} / ${row.level2} is not in distribution.indicatorGroups / 不在 indicatorGroups 中` });
      }
    });
    return problems;
  }
  const field = (path: readonly PropertyKey[]) => ["distribution", ...path.map(String)].join(".").replace(/\.(\d+)(?=\.|$)/g, "[$1]");
  // A misspelt key is named itself (distribution.colour), as profileCheck names the others.
  return r.error.issues.flatMap((i) =>
    i.code === "unrecognized_keys" ? i.keys.map((k) => ({ field: field([...i.path, k]), message: "unknown key / 未知字段" })) : [{ field: field(i.path), message: i.message }],
  );
}

/** Template kind → the table kind the locator reads it as. */
export const TABLE_KIND_OF: Record<TemplateKind, string> = { project: "project-target", department: "department-target", "self-evaluation": "self-evaluation", monitoring: "monitoring" };
