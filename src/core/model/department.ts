import type { AmountLine, Field, IndicatorRow, TableBase } from "./common";
import type { FundingBlock } from "./project";

export type DepartmentFieldKey = "unitName" | "functions" | "organisation" | "longTermGoal" | "annualGoal";

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
  /** All indicator rows, from every indicator block (the 履职 block carries extra.duty / keyWork / project). */
  indicators: IndicatorRow[];
}
