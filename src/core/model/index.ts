export * from "./common";
export * from "./project";
export * from "./department";
export * from "./selfEvaluation";
export * from "./evaluationReport";

import type { ProjectTargetTable } from "./project";
import type { DepartmentTargetTable } from "./department";
import type { SelfEvaluationTable } from "./selfEvaluation";
import type { EvaluationReportTable } from "./evaluationReport";

export type Table = ProjectTargetTable | DepartmentTargetTable | SelfEvaluationTable | EvaluationReportTable;
