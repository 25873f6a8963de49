import type { Table } from "../model";
import type { Profile } from "../profile";
import { scoreReport } from "./report";
import { scoreSelfEvaluation } from "./selfEvaluation";
import type { TableScore } from "./types";

export type { ScoreItem, ScoreRowNote, TableScore, Unscored } from "./types";
export { evaluateSelfEvaluation } from "./selfEvaluation";
export { incompleteText, recomputedText, scoreLine, scoreShort, scoreStatusText, unscoredText } from "./present";
export { evaluateReport } from "./report";
export { assess, numberRatio, unitFromName } from "./assess";

/** Scores for tables that carry them (self-evaluation, evaluation report); undefined for target tables. */
export function scoreTable(table: Table, profile: Profile): TableScore | undefined {
  // A self-evaluation with no indicator and no fund line read is a layout problem (reported), not a score.
  if (table.kind === "self-evaluation") return table.indicators.length > 0 || table.funds.length > 0 ? scoreSelfEvaluation(table, profile) : undefined;
  if (table.kind === "evaluation-report") return scoreReport(table, profile);
  return undefined;
}
