import type { AmountLine, CellItem, CellRef, Field, IndicatorRow, TableBase } from "./common";

/** Canonical keys of the header fields of a 项目支出绩效目标表. */
export type ProjectFieldKey =
  | "projectName"
  | "department"
  | "projectType"
  | "projectLevel"
  | "startTime"
  | "endTime"
  | "implementer"
  | "contact"
  | "necessity"
  | "feasibility"
  | "content"
  | "longTermGoal"
  | "annualGoal";

export interface FundingBlock {
  /** 资金总额 */
  total?: AmountLine;
  /** 财政拨款 小计 (department tables and some project variants) */
  appropriation?: AmountLine;
  /** Parts of 财政拨款 (一般公共预算资金, 政府性基金, 财政专户管理资金 under 财政拨款) */
  appropriationParts: AmountLine[];
  /** Top-level sources that add up to 资金总额 (excluding 财政拨款 parts when a 小计 exists). */
  sources: AmountLine[];
  /** The label of the block (项目资金（万元）), where units are stated. */
  unitLabel?: CellItem;
  /**
   * Money blocks beside this one on the same rows (项目资金总额 … beside 年度资金申请总额 …): this block is the
   * year's, the one the table's other checks use; these are read alike and their sums checked too.
   */
  parallel?: FundingBlock[];
}

/** One line of a progress plan (项目实施进度计划): what, from when, to when. */
export interface PlanItem {
  row: number;
  label?: CellItem;
  start: CellItem;
  end: CellItem;
}

export interface ProjectTargetTable extends TableBase {
  kind: "project-target";
  fields: Partial<Record<ProjectFieldKey, Field>>;
  funding: FundingBlock;
  /** 支出 lines. */
  expenses: AmountLine[];
  /** The 合计 line under 支出, when the table has one. */
  expenseTotal?: AmountLine;
  indicators: IndicatorRow[];
  /** The progress plan's lines, where the table has one (项目实施进度计划 | 开始时间 | 完成时间). */
  plan?: PlanItem[];
  /**
   * Header row of the indicator table (its first row, for a two-row header), if found; `level1` is the 一级
   * column's own header cell (一级指标, on the lower row under a parent 指标).
   */
  indicatorHeader?: { row: number; hasHalf: boolean; hasFull: boolean; level1: CellRef };
}
