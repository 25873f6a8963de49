/** Why the formula gives a row no score (self-evaluations). */
export type Unscored = "missing-actual" | "missing-amount" | "empty-budget" | "no-weight" | "restated" | "unit-mismatch" | "qualitative" | "no-target" | "unknown" | "missing-rows";

/** One scored line: the indicator, its weight, the score the rules compute (审核得分) and the one the user entered (自评得分). */
export interface ScoreItem {
  /** A1 address of the score cell. */
  cell: string;
  indicator: string;
  weight: number;
  computed: number | null;
  entered: number | null;
  /** What the line adds to the total where that is not `computed` (an entered score kept, or nothing). */
  counted?: number | null;
  /** Entered and computed differ by more than the profile's tolerance. */
  differs?: boolean;
  /** Why `computed` is null. */
  unscored?: Unscored;
  /** The weight is not written in the table: implied by its goal's weight minus its siblings'. */
  weightImplied?: boolean;
}

/** A row named in a total's note: one that leaves the total 不完整, or whose entered score was kept unverified. */
export interface ScoreRowNote {
  cell: string;
  indicator: string;
  reason: Unscored;
}

export interface TableScore {
  /**
   * The recomputed total (审核得分), on the 百分制; null when the table cannot be scored in full
   * (status incomplete or blank): a partial sum is never given as the total.
   */
  total: number | null;
  /** The grade of `total`; null with no total. */
  grade: string | null;
  /** complete; incomplete (rows missing, unscored or unreadable — see `missing`); blank (nothing filled in: 未填写). */
  status?: "complete" | "incomplete" | "blank";
  /** The total the table states (自评得分: its 总分 cell, else its entered scores added up). */
  entered?: number | null;
  /** Entered and recomputed totals differ by more than the tolerance. */
  totalDiffers?: boolean;
  /** Set when the weights do not add up to 100: their sum, and the total as they add it up (the 百分制 total is `total`). */
  weightSum?: number;
  rawTotal?: number;
  /** Rows that leave the total 不完整. */
  missing?: ScoreRowNote[];
  /** Rows whose entered score counts because no formula applies to them. */
  unverified?: ScoreRowNote[];
  items: ScoreItem[];
  /** Evaluation reports: the total the report states (合计 row), when it states one. */
  stated?: number;
}
