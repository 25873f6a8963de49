import type { CellItem, CellRef, TableBase } from "./common";

/**
 * An evaluation report's scoring section (seed 003): one fund's 绩效评价指标表 (index), its 总目标 table, its
 * 明细项目目标 table, the subtotals the report states in text next to them, and the completion counts it
 * states (绩效目标共 N 个，完成 M 个，完成率 R%). Kept together as one table so the rules can check the
 * parts against each other (明细 + 总目标 against 绩效目标类, the counts against the rows).
 */
export type ReportBlockVariant = "total" | "detail" | "index";

export interface EvaluationReportRow {
  row: number;
  /** 项目名称 (detail blocks; filled down from merges and blanks). */
  project?: CellItem;
  /** Index blocks: 一级 / 二级 / 三级 labels (一级 filled down). */
  level1?: CellItem;
  level2?: CellItem;
  level3?: CellItem;
  /** The indicator's own label: 总目标 / 明细目标, or the deepest index level. */
  indicator?: CellItem;
  weight?: CellItem;
  target?: CellItem;
  actual?: CellItem;
  score?: CellItem;
  /** Index blocks: 1 for a 一级 row, 2 for a 二级 row, 3 for a 三级 row. */
  depth?: 1 | 2 | 3;
}

/** A number the report states rather than lists: read from a 小计 row cell or out of a sentence. */
export interface StatedNumber {
  cell: CellRef;
  value: number;
  /** The text it was read from (the whole cell). */
  text: string;
}

export interface StatedSubtotal {
  weight?: StatedNumber;
  score?: StatedNumber;
  /** Number of targets (共 N 个明细目标). */
  count?: StatedNumber;
  /** Where it came from: a sentence above the block, or a 小计/合计 row below it. */
  source: "text" | "row";
}

export interface ReportBlock {
  variant: ReportBlockVariant;
  /** Header row (0-based, absolute). */
  header: number;
  range: { top: number; left: number; bottom: number; right: number };
  rows: EvaluationReportRow[];
  stated?: StatedSubtotal;
}

/** One clause `X绩效目标共 N 个，完成 M 个，完成率 R%`. */
export interface CompletionClause {
  cell: CellRef;
  text: string;
  /** all = every target of the fund; total = 总体/总目标; detail = 明细. */
  scope: "all" | "total" | "detail";
  count: number;
  done: number;
  /** Stated completion rate in percent, when written. */
  rate?: number;
  rateText?: string;
}

export interface EvaluationReportTable extends TableBase {
  kind: "evaluation-report";
  blocks: ReportBlock[];
  completion: CompletionClause[];
}
