export type TemplateKind = "project" | "department" | "self-evaluation";

export const TEMPLATE_KINDS: readonly TemplateKind[] = ["project", "department", "self-evaluation"];

export interface TemplateParams {
  /** Title prefix, e.g. 无锡市本级 / 江苏省省级. */
  region?: string;
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
}

export class TemplateParamError extends Error {}

export const LIMITS = { lines: 200, indicators: 50 } as const;

export interface ResolvedParams {
  region: string;
  year: number;
  expenseLines: number;
  indicatorRows: number;
  protect: boolean;
  groupRows: Readonly<Record<string, number>>;
  dutyRows: number;
}

function count(name: string, v: number | undefined, dflt: number, max: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1 || v > max) throw new TemplateParamError(`${name} must be an integer from 1 to ${max} (got ${v}) / ${name} 应为 1–${max} 的整数`);
  return v;
}

export function resolveParams(kind: TemplateKind, p: TemplateParams, now: Date = new Date()): ResolvedParams {
  // Target tables are drawn up for next year's budget; a self-evaluation looks back at last year.
  const defaultYear = kind === "self-evaluation" ? now.getFullYear() - 1 : now.getFullYear() + 1;
  const year = p.year ?? defaultYear;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new TemplateParamError(`year must be 2000–2100 (got ${year}) / 年度应在 2000–2100 之间`);
  const region = (p.region ?? (kind === "department" ? "无锡市市级" : kind === "project" ? "无锡市本级" : "")).trim();
  if (region.length > 40) throw new TemplateParamError("region is too long / 地区名称过长");
  const indicatorRows = count("indicatorRows", p.indicatorRows, kind === "self-evaluation" ? 2 : 1, LIMITS.indicators);
  const groupRows: Record<string, number> = {};
  for (const [k, v] of Object.entries(p.groupRows ?? {})) groupRows[k] = count(`groupRows.${k}`, v, 1, LIMITS.indicators);
  return {
    region,
    year,
    expenseLines: count("expenseLines", p.expenseLines, kind === "department" ? 5 : 3, LIMITS.lines),
    indicatorRows,
    protect: p.protect ?? false,
    groupRows,
    dutyRows: count("dutyRows", p.dutyRows, Math.max(6, indicatorRows * 3), LIMITS.lines),
  };
}
