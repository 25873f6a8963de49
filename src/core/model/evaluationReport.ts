import type { CellItem, TableBase } from "./common";

/** A scoring table of an evaluation report (seed 003: 总目标 / 明细项目目标 with 权重, 目标值, 实现值, 自评分). */
export interface EvaluationReportRow {
  row: number;
  /** 项目名称 (filled down from merges), absent in 总目标 tables. */
  project?: CellItem;
  indicator?: CellItem;
  weight?: CellItem;
  target?: CellItem;
  actual?: CellItem;
  score?: CellItem;
}

export interface EvaluationReportTable extends TableBase {
  kind: "evaluation-report";
  /** "total" for 总目标 tables, "detail" for 明细项目目标 tables. */
  variant: "total" | "detail";
  rows: EvaluationReportRow[];
  /** Stated subtotals near the table (权重 N 分 … 自评为 M 分), when present. */
  stated?: { weight?: CellItem; score?: CellItem };
}
