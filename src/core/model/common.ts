import { textOf, type CellValue, type Rect } from "../snapshot";

export type TableKind = "project-target" | "department-target" | "self-evaluation" | "evaluation-report" | "monitoring";

export const TABLE_KINDS: readonly TableKind[] = ["project-target", "department-target", "self-evaluation", "evaluation-report", "monitoring"];

/** An absolute, 0-based cell position on the table's sheet. */
export interface CellRef {
  row: number;
  col: number;
}

/** A cell read from the table: where it is, what it holds, and its text. */
export interface CellItem {
  readonly cell: CellRef;
  readonly value: CellValue;
  /** Trimmed display text; "" for blank. */
  readonly text: string;
}

/**
 * The CellItem the locators hand out: one object per cell, its position and text derived on demand.
 * A located table lives as long as its results, and on the 1,000-table benchmark the garbage collector's
 * copying of long-lived per-cell objects (an item plus its position object) cost more than reading the
 * cells (BENCHMARKS.md); `cell` is built only when a finding asks for it.
 */
export class Item implements CellItem {
  constructor(
    readonly row: number,
    readonly col: number,
    readonly value: CellValue,
  ) {}
  get cell(): CellRef {
    return { row: this.row, col: this.col };
  }
  get text(): string {
    return textOf(this.value);
  }
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
  /** 中期指标值, when the form sets mid-term targets beside the annual ones on the same rows. */
  midterm?: CellItem;
  /** Other named columns (重点工作, 对应项目, 计量单位, 指标解释 …) by their canonical key. */
  extra: Record<string, CellItem>;
}

/**
 * How a table was read (src/core/reading): each indicator column's role with its confidence and evidence,
 * and the roles that could not be told, for which the rules that need them stay silent.
 */
export interface TableReading {
  /** "words": the header's words found the indicator table; "content": what the cells hold did. */
  by: "words" | "content";
  headerRow?: number;
  columns: { col: number; header: string; role: string; confidence: number; evidence: string[] }[];
  unsure: string[];
}

/**
 * A sum found by arithmetic (src/core/reading/sums.ts): a row labelled as a total, one column of it, and the
 * numbers above it that should add up to it. `average` marks a column whose figure lies among its parts
 * (a rate, a unit price): not a sum, never reported as one.
 */
export interface DerivedSum {
  row: number;
  col: number;
  label: string;
  stated: number;
  sum: number;
  parts: { row: number; col: number; value: number }[];
  holds: boolean;
  /** The part that makes the sum hold once read as 元 in a 万元 block (divided by 10,000). */
  slip?: { row: number; col: number; value: number };
  average?: boolean;
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
  /** How the table was read; absent for tables read before the Reading existed (evaluation reports). */
  reading?: TableReading;
  /** Totals of the money area found by arithmetic, read or not by the labelled funding readers (reading/sums.ts). */
  sums?: DerivedSum[];
}
