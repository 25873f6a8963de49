import type { AmountLine, CellItem, Field, IndicatorRow, TableBase } from "./common";
import type { FundingBlock } from "./project";

export type DepartmentFieldKey = "unitName" | "functions" | "organisation" | "longTermGoal" | "annualGoal";

/** A line of the 履职目标 sub-table; `basic` when the catalogue names its label the 基本支出 line. */
export interface DutyLine extends AmountLine {
  basic: boolean;
}

export interface DepartmentTargetTable extends TableBase {
  kind: "department-target";
  fields: Partial<Record<DepartmentFieldKey, Field>>;
  funding: FundingBlock;
  /** 基本支出 */
  basic?: AmountLine;
  /** 项目支出 (the stated total) */
  projectTotal?: AmountLine;
  /** The project lines listed under 项目支出. */
  projectLines: AmountLine[];
  /**
   * The spending lines of a 年度履职目标 sub-table (支出项目名称 | 预算金额), when the form has one: the
   * department's projects, and a 基本支出 line, each with its full-year amount.
   */
  dutyLines: DutyLine[];
  /** The duty sub-table's amount header (预算金额(万元)): the unit its amounts are in, where it says one. */
  dutyAmountHeader?: CellItem;
  /** All indicator rows, from every indicator block (the 履职 block carries extra.duty / keyWork / project). */
  indicators: IndicatorRow[];
}
