/**
 * Standard templates from one declarative spec each (issue 4): the 项目支出绩效目标表, the 部门整体绩效目标表
 * and the 项目支出绩效自评表. `buildTemplatePlan` gives the host-neutral SheetPlan that the CLI (exceljs)
 * and the add-in (Office.js) both render.
 */
import { compileSpec } from "./compile";
import { resolveParams, type TemplateKind, type TemplateParams } from "./params";
import { specOf } from "./specs";
import type { SheetPlan } from "./plan";
import type { TemplateSpec } from "./spec";

export type { SheetPlan, PlanCell, PlanStyle, PlanValidation } from "./plan";
export type { TemplateKind, TemplateParams } from "./params";
export { TEMPLATE_KINDS, TemplateParamError, LIMITS as TEMPLATE_LIMITS } from "./params";
export type { TemplateSpec, RowSpec, CellSpec, SpanSpec, CellRole } from "./spec";
export { compileSpec, rectA1, TemplateSpecError } from "./compile";
export { INPUT_FILL, AMOUNT_FORMAT, PERCENT_FORMAT, SCORE_FORMAT } from "./styles";
export { PROJECT_TYPES, PROJECT_LEVELS, PROJECT_SOURCES } from "./project";
export { APPROPRIATION_PARTS, DEPARTMENT_OTHER_SOURCES } from "./department";
export { NATURE_CHOICES, SELF_EVAL_FUND_PARTS, numberInFormula } from "./selfEvaluation";
export { MONITORING_FUND_PARTS, MONITORING_TICK_LINES } from "./monitoring";
export { LEVEL1_CHOICES, level2Choices, PROJECT_PROCESS_ROWS, DEPARTMENT_PROCESS_ROWS } from "./indicators";

/** Template names for menus and file names. */
export const TEMPLATE_NAMES: Record<TemplateKind, { zh: string; en: string }> = {
  project: { zh: "项目支出绩效目标表", en: "Project expenditure performance targets" },
  department: { zh: "部门整体绩效目标表", en: "Department overall performance targets" },
  "self-evaluation": { zh: "项目支出绩效自评表", en: "Project expenditure performance self-evaluation" },
  monitoring: { zh: "项目支出绩效运行监控表", en: "Project performance monitoring (mid-year)" },
};

/** The declarative spec of one template with its parameters resolved (defaults, limits). */
export function templateSpec(kind: TemplateKind, params: TemplateParams = {}, now?: Date): TemplateSpec {
  return specOf(kind, resolveParams(kind, params, now));
}

export function buildTemplatePlan(kind: TemplateKind, params: TemplateParams = {}, now?: Date): SheetPlan {
  return compileSpec(templateSpec(kind, params, now));
}
