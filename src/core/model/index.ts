export * from "./common";
export * from "./project";
export * from "./department";
export * from "./selfEvaluation";
export * from "./evaluationReport";
export * from "./monitoring";

import type { ProjectTargetTable } from "./project";
import type { DepartmentTargetTable } from "./department";
import type { SelfEvaluationTable } from "./selfEvaluation";
import type { EvaluationReportTable } from "./evaluationReport";
import type { MonitoringTable } from "./monitoring";

export type Table = ProjectTargetTable | DepartmentTargetTable | SelfEvaluationTable | EvaluationReportTable | MonitoringTable;
