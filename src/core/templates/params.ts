export type TemplateKind = "project" | "department" | "self-evaluation" | "monitoring";

export const TEMPLATE_KINDS: readonly TemplateKind[] = ["project", "department", "self-evaluation", "monitoring"];

export interface TemplateParams {
  /** Title prefix, e.g. 无锡市本级 / 江苏省省级; default none (项目支出绩效目标表). */
  region?: string;
  /** The whole title, when a bureau's form is not named `<region><standard name>`. */
  title?: string;
  /** 印发单位, printed right of the 填报单位 line. */
  issuer?: string;
  /** Amount unit of the funding headers (default 万元). */
  amountUnit?: "万元" | "元";
  /** The department a copy is for (bulk generation): name in the form's own field, name and code in the 填报单位 line. */
  unit?: { name: string; code?: string };
  /** 执行率 分值 pre-filled in a self-evaluation (the profile's scoring.weights.execution). */
  executionWeight?: number;
  /** 三级 rows pre-filled (locked) under their 一级/二级 group. */
  requiredRows?: readonly { level1: string; level2: string; level3: string; target?: string }[];
  /** The 二级 groups of each 一级 of the outcome part (产出/效益/满意度), replacing the 10号 tree. */
  indicatorGroups?: Readonly<Record<string, readonly string[]>>;
  /** 一级/二级 group labels fixed (locked, no dropdown): a distributed template prescribes its groups. */
  lockGroups?: boolean;
  /** Budget year (targets) or evaluated year (self-evaluation). */
  year?: number;
  /** 支出 lines (project) / 项目支出 lines (department). */
  expenseLines?: number;
  /** Rows per empty indicator group (二级), and 履职 rows ×3 for the department. */
  indicatorRows?: number;
  /** Turn on sheet protection (input cells stay editable). */
  protect?: boolean;
  /** Rows for particular 二级 groups (e.g. { 数量指标: 4 }), overriding indicatorRows. */
  groupRows?: Readonly<Record<string, number>>;
  /** 履职 rows (department), overriding the default. */
  dutyRows?: number;
  /** Months a monitoring table covers (1–N月), 1–12; default 7 (the national mid-year round). */
  month?: number;
}

export class TemplateParamError extends Error {}

export const LIMITS = { lines: 200, indicators: 50 } as const;

export interface ResolvedParams {
  region: string;
  title?: string;
  issuer?: string;
  amountUnit: "万元" | "元";
  unit?: { name: string; code?: string };
  executionWeight: number;
  requiredRows: readonly { level1: string; level2: string; level3: string; target?: string }[];
  indicatorGroups?: Readonly<Record<string, readonly string[]>>;
  lockGroups: boolean;
  year: number;
  expenseLines: number;
  indicatorRows: number;
  protect: boolean;
  groupRows: Readonly<Record<string, number>>;
  dutyRows: number;
  month: number;
}

function count(name: string, v: number | undefined, dflt: number, max: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1 || v > max) throw new TemplateParamError(`${name} must be an integer from 1 to ${max} (got ${v}) / ${name} 应为 1–${max} 的整数`);
  return v;
}

export function resolveParams(kind: TemplateKind, p: TemplateParams, now: Date = new Date()): ResolvedParams {
  // Target tables are drawn up for next year's budget; a self-evaluation looks back at last year; a monitoring
  // table watches the year under way.
  const defaultYear = kind === "self-evaluation" ? now.getFullYear() - 1 : kind === "monitoring" ? now.getFullYear() : now.getFullYear() + 1;
  const month = p.month ?? 7;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new TemplateParamError(`month must be an integer from 1 to 12 (got ${month}) / 月份应为 1–12 的整数`);
  const year = p.year ?? defaultYear;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new TemplateParamError(`year must be 2000–2100 (got ${year}) / 年度应在 2000–2100 之间`);
  // The built-in default names no city: a bureau's profile (or --region) says whose form it is.
  const region = (p.region ?? "").trim();
  if (region.length > 40) throw new TemplateParamError("region is too long / 地区名称过长");
  const title = p.title?.trim() || undefined;
  if (title && title.length > 40) throw new TemplateParamError("title is too long / 标题过长");
  const unitName = p.unit?.name.trim();
  if (p.unit && (!unitName || unitName.length > 60)) throw new TemplateParamError("unit name must be 1–60 characters / 单位名称应为 1–60 个字符");
  const executionWeight = p.executionWeight ?? 10;
  if (!Number.isFinite(executionWeight) || executionWeight < 0 || executionWeight > 100) throw new TemplateParamError(`executionWeight must be 0–100 (got ${executionWeight}) / 执行率分值应在 0–100 之间`);
  const indicatorRows = count("indicatorRows", p.indicatorRows, kind === "self-evaluation" || kind === "monitoring" ? 2 : 1, LIMITS.indicators);
  const groupRows: Record<string, number> = {};
  for (const [k, v] of Object.entries(p.groupRows ?? {})) groupRows[k] = count(`groupRows.${k}`, v, 1, LIMITS.indicators);
  return {
    region,
    title,
    issuer: p.issuer?.trim() || undefined,
    amountUnit: p.amountUnit ?? "万元",
    unit: p.unit && unitName ? { name: unitName, code: p.unit.code?.trim() || undefined } : undefined,
    executionWeight,
    requiredRows: p.requiredRows ?? [],
    indicatorGroups: p.indicatorGroups,
    lockGroups: p.lockGroups ?? false,
    year,
    expenseLines: count("expenseLines", p.expenseLines, kind === "department" ? 5 : 3, LIMITS.lines),
    indicatorRows,
    protect: p.protect ?? false,
    groupRows,
    month,
    dutyRows: count("dutyRows", p.dutyRows, Math.max(6, indicatorRows * 3), LIMITS.lines),
  };
}
