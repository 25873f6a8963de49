import type { CellItem, CellRef, Field, IndicatorRow, TableBase } from "./common";

/** 项目支出绩效自评表 (财预〔2020〕10号 layout). Owned by the scoring work; see src/core/scoring. */
export interface SelfEvaluationFundLine {
  label: CellItem;
  /** 年初预算数 */
  initial?: CellItem;
  /** 全年预算数 (A) */
  budget?: CellItem;
  /** 全年执行数 (B) */
  executed?: CellItem;
  /** 分值 */
  weight?: CellItem;
  /** 执行率 (B/A) */
  rate?: CellItem;
  /** 得分 */
  score?: CellItem;
  /**
   * 原因 beside the fund line (四川: 年中发生预算调整的，应单独说明理由), where the form has the column
   * (catalogue fund column role `reason`).
   */
  reason?: CellItem;
  /** The total line (年度资金总额, or 合计 on department forms): the execution rate is scored on it. */
  total?: boolean;
}

export interface SelfEvaluationIndicatorRow extends IndicatorRow {
  /** 年度指标值 is IndicatorRow.full; these are the scoring columns. */
  actual?: CellItem;
  weight?: CellItem;
  score?: CellItem;
  reason?: CellItem;
  /** 得分系数 (department self-evaluations, 重庆): the share of the weight earned; 得分 = 系数 × 分值. */
  coefficient?: CellItem;
}

/**
 * A goal block of the 20 + 80 layout (湖北: 预算执行 20, 年度绩效目标1（40分）, 年度绩效目标2（40分）): the goal
 * states its weight and its indicator rows share it. Where the rows have no 分值 column, a row's weight is
 * implied by the goal's weight minus its siblings' (see src/core/scoring/selfEvaluation.ts).
 */
export interface SelfEvaluationGoal {
  label: CellItem;
  /** The goal's weight, from its label (（40分）) or its weight cell. */
  weight?: number;
  /** Sheet rows (0-based, inclusive) of its indicator rows. */
  first: number;
  last: number;
}

export interface SelfEvaluationTable extends TableBase {
  kind: "self-evaluation";
  fields: Record<string, Field>;
  funds: SelfEvaluationFundLine[];
  /** The label stating the fund block's unit (项目资金（万元）), where the form states one. */
  fundUnit?: CellItem;
  indicators: SelfEvaluationIndicatorRow[];
  /** 总分 row: its weight (100) and score cells. */
  total?: { label: CellItem; weight?: CellItem; score?: CellItem };
  /** Goal blocks (20 + 80 layout), when the table groups its indicators under weighted goals. */
  goals?: SelfEvaluationGoal[];
  /**
   * The execution weight the form states in a label rather than a 分值 cell: 预算执行情况（20分）,
   * 得分（20分*执行率）.
   */
  executionWeight?: { value: number; cell: CellRef };
  /**
   * Columns no header word named (tree, target, actual, weight, score, unit), read by what their cells hold
   * (locate/selfEvaluationColumns.ts), with the evidence: shown by 读作… and `inspect` so a reviewer sees which
   * columns were read by content.
   */
  columnsByContent?: { role: "full" | "actual" | "weight" | "score" | "unit" | "level1" | "level2" | "level3"; col: number; evidence: string }[];
  /**
   * Every column the table was read with: role, the header over it, confidence and evidence, as a target table's
   * Reading states its columns (words checked against content; content alone). What inspect and 读作… show.
   */
  columns?: { role: string; col: number; header: string; confidence: number; evidence: string[] }[];
}
