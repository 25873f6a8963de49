import type { KindLocator } from "./types";

/** 项目支出绩效自评表 locator: filled in by the scoring work (issue 5). */
export const selfEvaluationLocator: KindLocator = {
  kind: "self-evaluation",
  locate: () => [],
};
