/** One scored line: the indicator, its weight, the score the rules compute and the one the user entered. */
export interface ScoreItem {
  /** A1 address of the score cell. */
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
  /** Evaluation reports: the total the report states (合计 row), when it states one. */
  stated?: number;
}
