import type { CellValue, Rect } from "../snapshot";

export type TableKind = "project-target" | "department-target" | "self-evaluation" | "evaluation-report";

export const TABLE_KINDS: readonly TableKind[] = ["project-target", "department-target", "self-evaluation", "evaluation-report"];

/** An absolute, 0-based cell position on the table's sheet. */
export interface CellRef {
  row: number;
  col: number;
}

/** A cell read from the table: where it is, what it holds, and its text. */
export interface CellItem {
  cell: CellRef;
  value: CellValue;
  /** Trimmed display text; "" for blank. */
  text: string;
}

/** A labelled header field (项目名称 → value). `value` is undefined when no value cell was found. */
export interface Field {
  label: CellItem;
  value?: CellItem;
}

/** A money line: a label and its half-year / full-year amount cells (either may be missing). */
export interface AmountLine {
  label: CellItem;
  half?: CellItem;
  full?: CellItem;
}

/** One row of an indicator table (一级 → 二级 → 三级 with values). 一级/二级 are filled down from merges. */
export interface IndicatorRow {
  row: number;
  level1?: CellItem;
  level2?: CellItem;
  level3?: CellItem;
  /** 半年（程）指标值 */
  half?: CellItem;
  /** 全年（程）指标值 (or 年度指标值 when the table has one value column) */
  full?: CellItem;
  /** Other named columns (重点工作, 对应项目, 计量单位, 指标解释 …) by their canonical key. */
  extra: Record<string, CellItem>;
}

/** Fields every located table has. */
export interface TableBase {
  kind: TableKind;
  sheet: string;
  /** Human name: the project / unit name, or the title. */
  name: string;
  range: Rect;
  /** The cell the table was found by (its anchor label). */
  anchor: CellRef;
  title?: CellItem;
  /** The budget year stated above the table (`2026年度`) or in its title. */
  year?: { value: number; cell: CellRef };
}
