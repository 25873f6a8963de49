import type { Table } from "../model";
import type { Profile } from "../profile";

/** One scored line: the indicator, its weight, the score the rules compute and the one the user entered. */
export interface ScoreItem {
  cell: string;
  indicator: string;
  weight: number;
  computed: number | null;
  entered: number | null;
}

export interface TableScore {
  total: number;
  grade: string;
  items: ScoreItem[];
}

/** Scores for tables that carry them (self-evaluation, evaluation report); undefined for target tables. */
export function scoreTable(table: Table, profile: Profile): TableScore | undefined {
  void table;
  void profile;
  return undefined;
}
