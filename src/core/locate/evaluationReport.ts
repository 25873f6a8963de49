import type { KindLocator } from "./types";

/** Evaluation-report scoring tables (seed 003): filled in by the scoring work (issue 5). */
export const evaluationReportLocator: KindLocator = {
  kind: "evaluation-report",
  locate: () => [],
};
