import type { CellItem, CellRef, Field, IndicatorRow, TableBase } from "./common";

/**
 * 项目支出绩效运行监控表 (双监控, 财预〔2019〕136号 and its provincial and city versions): budget execution
 * to a month (1–N月) and progress against the year's targets, filled in at mid-year.
 */
export interface MonitoringFundLine {
  label: CellItem;
  /** 年初预算数 / 全年预算数 */
  budget?: CellItem;
  /** 1–N月执行数 */
  executed?: CellItem;
  /** 执行率 as stated */
  rate?: CellItem;
  /** 全年预计执行数 */
  forecast?: CellItem;
  /** The total line (资金总额, 年度资金总额, 合计): the execution light is shown on it. */
  total?: boolean;
}

export interface MonitoringIndicatorRow extends IndicatorRow {
  /** 年度指标值 is IndicatorRow.full; these are the monitoring columns. */
  /** 1–N月执行情况 */
  progress?: CellItem;
  /** 全年预计完成情况 */
  forecast?: CellItem;
  /** 完成目标可能性 (确定能 / 有可能 / 完全不可能) */
  likelihood?: CellItem;
  /** 偏差原因分析 */
  reason?: CellItem;
  /** 完善措施 */
  measures?: CellItem;
  /** 备注 */
  note?: CellItem;
  /**
   * Whether the 完成目标可能性 answer needs no reason (确定能), as the catalogue's likelihoodSure words say;
   * undefined when the cell is blank.
   */
  sure?: boolean;
  /** Whether a 偏差原因 is given: text, or a ticked category; a line of unticked boxes (□经费保障 □…) is none. */
  reasonGiven: boolean;
}

/** A header line of tick boxes (项目属性: √新增 □延续), its options with whether each is ticked. */
export interface TickLine {
  label: CellItem;
  /** The cell holding the options (or the first of them). */
  cell: CellItem;
  options: { text: string; ticked: boolean }[];
}

export interface MonitoringTable extends TableBase {
  kind: "monitoring";
  fields: Record<string, Field>;
  funds: MonitoringFundLine[];
  /** The months the execution figures cover (1–N月 → N), read from the fund or indicator header. */
  month?: { value: number; cell: CellRef };
  /** 年度总体目标 and 实际完成情况 (texts), where the form has them. */
  goal?: { target?: CellItem; actual?: CellItem };
  indicators: MonitoringIndicatorRow[];
  ticks: TickLine[];
}
