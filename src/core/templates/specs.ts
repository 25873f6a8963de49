/** The spec of each template kind from resolved parameters: one place, so every way of building a template (standard, distributed) covers every kind. */
import { departmentSpec } from "./department";
import { monitoringSpec } from "./monitoring";
import type { ResolvedParams, TemplateKind } from "./params";
import { TemplateParamError } from "./params";
import { projectSpec } from "./project";
import { selfEvaluationSpec } from "./selfEvaluation";
import type { TemplateSpec } from "./spec";

export function specOf(kind: TemplateKind, p: ResolvedParams): TemplateSpec {
  switch (kind) {
    case "project":
      return projectSpec(p);
    case "department":
      return departmentSpec(p);
    case "self-evaluation":
      return selfEvaluationSpec(p);
    case "monitoring":
      return monitoringSpec(p);
    default:
      throw new TemplateParamError(`unknown template kind "${String(kind satisfies never)}" / 未知的模板类型`);
  }
}
