/**
 * A sheet plan: a host-neutral description of a sheet to create (cells, formulas, merges, styles,
 * dropdowns, print set-up). The template spec produces plans; exceljs (CLI) and Office.js (add-in)
 * each render them, so both write the same template.
 *
 * Every cell of a merged area is listed (covered cells with style only, no value), so a renderer
 * that formats cell by cell still draws the merge's borders and fill.
 */
import type { Rect } from "../snapshot";

export interface PlanStyle {
  bold?: boolean;
  fontSize?: number;
  fontColor?: string; // "#RRGGBB"
  fill?: string; // "#RRGGBB"
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "middle" | "bottom";
  wrap?: boolean;
  border?: boolean;
  numFmt?: string; // Excel number format, e.g. "0.00" or "0.00%"
  italic?: boolean;
  /** Indent level of left-aligned text (Excel's indent, about one character each). */
  indent?: number;
  /** Input cells stay unlocked when the sheet is protected. */
  locked?: boolean;
}

export interface PlanCell {
  row: number; // 0-based
  col: number; // 0-based
  value?: string | number;
  /** Formula without the leading "=", A1 references on the same sheet. */
  formula?: string;
  style?: string; // key into SheetPlan.styles
}

export interface PlanValidation {
  range: Rect;
  /** Allowed values (inline list; the renderer moves long lists to a hidden range). */
  list: string[];
  prompt?: { zh: string; en: string };
  /** Reject values outside the list (default true). */
  strict?: boolean;
}

export interface SheetPlan {
  name: string;
  columnWidths: number[]; // Excel character widths, column A first
  rowHeights?: Record<number, number>;
  cells: PlanCell[];
  merges: Rect[];
  styles: Record<string, PlanStyle>;
  validations: PlanValidation[];
  print: {
    orientation: "landscape" | "portrait";
    paper: "A4";
    repeatRows?: { first: number; last: number };
    fitToWidth?: boolean;
    /** 0-based rows that start a new printed page: placed between groups (print.ts), never inside a merge. */
    rowBreaks?: number[];
  };
  /** Sheet protection that leaves input cells (locked: false) editable; off by default. */
  protect: boolean;
  /** Rows 0..frozenRows-1 stay in view. */
  frozenRows?: number;
  /** Printed cells (default: every planned cell); helper columns right of it stay off paper. */
  printArea?: Rect;
  /** Which template this plan was built from and its parameters, for the host's sheet naming and logs. */
  template?: { kind: string; title: string };
  /**
   * Cells by role, so a host can select the first input or a test can find a total without
   * searching labels. Keys are template-specific (e.g. `funding.total`, `expense.total`).
   */
  anchors?: Record<string, { row: number; col: number }>;
}
