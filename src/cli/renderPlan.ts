/**
 * SheetPlan → exceljs worksheet (the CLI's renderer; the add-in renders the same plan with Office.js).
 * Merges, styles, formulas, dropdowns, print set-up and protection.
 */
import ExcelJS from "exceljs";
import { columnLetters } from "../core/snapshot";
import type { PlanStyle, SheetPlan } from "../core/templates/plan";

/** Excel's limit for an inline list (`"a,b,c"`), characters between the quotes. */
const INLINE_LIST_MAX = 255;
const LIST_SHEET = "_perfcheck_lists";
const DEFAULT_ROW_HEIGHT = 18;

function argb(hex: string): string {
  return "FF" + hex.replace(/^#/, "").toUpperCase();
}

function applyStyle(cell: ExcelJS.Cell, s: PlanStyle): void {
  const font: Partial<ExcelJS.Font> = { name: "宋体", size: s.fontSize ?? 11 };
  if (s.bold) font.bold = true;
  if (s.italic) font.italic = true;
  if (s.fontColor) font.color = { argb: argb(s.fontColor) };
  cell.font = font;
  if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (s.horizontal) alignment.horizontal = s.horizontal;
  if (s.vertical) alignment.vertical = s.vertical;
  if (s.wrap) alignment.wrapText = true;
  if (s.indent) alignment.indent = s.indent;
  if (Object.keys(alignment).length) cell.alignment = alignment;
  if (s.border) {
    const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  if (s.numFmt) cell.numFmt = s.numFmt;
  cell.protection = { locked: s.locked !== false };
}

function listFormula(wb: ExcelJS.Workbook, list: string[]): string {
  const inline = list.join(",");
  if (inline.length <= INLINE_LIST_MAX && !list.some((v) => v.includes(",") || v.includes('"'))) return `"${inline}"`;
  // Long lists (or values with commas) go to a very hidden sheet, one column per list.
  let sheet = wb.getWorksheet(LIST_SHEET);
  if (!sheet) {
    sheet = wb.addWorksheet(LIST_SHEET);
    sheet.state = "veryHidden";
  }
  const col = sheet.actualColumnCount + 1;
  list.forEach((v, i) => (sheet!.getCell(i + 1, col).value = v));
  const L = columnLetters(col - 1);
  return `'${LIST_SHEET}'!$${L}$1:$${L}$${list.length}`;
}

/** Add the plan as a new worksheet. Protection hashing is synchronous here (no password). */
export function renderPlan(wb: ExcelJS.Workbook, plan: SheetPlan, sheetName: string = plan.name): ExcelJS.Worksheet {
  if (wb.getWorksheet(sheetName)) throw new Error(`a sheet named "${sheetName}" already exists / 工作表“${sheetName}”已存在`);
  const repeat = plan.print.repeatRows;
  const area = plan.printArea;
  const ws = wb.addWorksheet(sheetName, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: plan.print.orientation,
      fitToPage: plan.print.fitToWidth === true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: repeat ? `${repeat.first + 1}:${repeat.last + 1}` : undefined,
      // exceljs prefixes "$" to each corner; the row "$" makes the defined name fully absolute, which LibreOffice needs.
      printArea: area ? `${columnLetters(area.left)}$${area.top + 1}:${columnLetters(area.right)}$${area.bottom + 1}` : undefined,
    },
    views: plan.frozenRows ? [{ state: "frozen", ySplit: plan.frozenRows }] : undefined,
  });
  ws.headerFooter.oddFooter = "&C第 &P 页，共 &N 页";
  plan.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const lastRow = plan.cells.reduce((m, c) => Math.max(m, c.row), 0);
  // Rows without a planned height get room for one wrapped line of CJK text.
  for (let r = 0; r <= lastRow; r++) ws.getRow(r + 1).height = plan.rowHeights?.[r] ?? DEFAULT_ROW_HEIGHT;
  // Page breaks between groups (0-based row that starts a page = break after 1-based row r).
  for (const r of plan.print.rowBreaks ?? []) ws.getRow(r).addPageBreak();

  for (const c of plan.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    if (c.formula !== undefined) cell.value = { formula: c.formula } as ExcelJS.CellFormulaValue;
    else if (c.value !== undefined) cell.value = c.value;
    const style = c.style ? plan.styles[c.style] : undefined;
    if (style) applyStyle(cell, style);
  }
  for (const m of plan.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);

  for (const v of plan.validations) {
    const formula = listFormula(wb, v.list);
    for (let r = v.range.top; r <= v.range.bottom; r++) {
      for (let c = v.range.left; c <= v.range.right; c++) {
        ws.getCell(r + 1, c + 1).dataValidation = {
          type: "list",
          allowBlank: true,
          formulae: [formula],
          showErrorMessage: v.strict !== false,
          errorStyle: "stop",
          errorTitle: "无效的值 / Invalid value",
          error: "请从下拉列表中选择。/ Pick a value from the list.",
          showInputMessage: v.prompt !== undefined,
          promptTitle: v.prompt ? "提示 / Hint" : undefined,
          prompt: v.prompt ? `${v.prompt.zh}\n${v.prompt.en}` : undefined,
        };
      }
    }
  }

  if (plan.protect) {
    // No password: protection guards the form's structure against slips, not against a determined user.
    void ws.protect("", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      insertRows: false,
      deleteRows: false,
    });
  }
  return ws;
}

/** A new workbook holding one rendered plan, set to recalculate every formula when opened. */
export function workbookFromPlan(plan: SheetPlan): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "PerfCheck";
  wb.calcProperties.fullCalcOnLoad = true;
  renderPlan(wb, plan);
  // The hidden list sheet (if any) must not be the active one.
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" }];
  return wb;
}
