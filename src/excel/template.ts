/**
 * Render a SheetPlan (src/core/templates/plan.ts) into a new sheet in two syncs: one to learn the
 * sheet names (never overwrite: a free name is picked), one for every write.
 */
import { PRINT_MARGINS } from "../core/templates/print";
import type { PlanStyle, SheetPlan } from "../core/templates/plan";
import { columnLetters, parseRange, type Rect, rectAddress } from "../core/snapshot";
import { cellsToRects, chunkAddresses, freeSheetName, rectsToAddresses } from "./addresses";
import { type Capabilities, detectCapabilities, officeRequirements, SKIP, type Skipped } from "./capabilities";
import { guardedSync } from "./sync";

export interface InsertOptions {
  capabilities?: Capabilities;
  timeoutMs?: number;
  lang?: "zh" | "en";
}

export interface InsertOutcome {
  sheet: string;
  skipped: Skipped[];
}

/** Excel column width in characters → points (Calibri 11: 7 px per char + 5 px padding; 0.75 pt per px). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Inline list sources longer than this are refused by Excel; such lists go to a hidden column. */
const MAX_INLINE_LIST = 255;
const LIST_COL = 16000;

function applyStyle(format: Excel.RangeFormat, st: PlanStyle): void {
  if (st.bold !== undefined) format.font.bold = st.bold;
  if (st.fontSize !== undefined) format.font.size = st.fontSize;
  if (st.fontColor) format.font.color = st.fontColor;
  if (st.fill) format.fill.color = st.fill;
  if (st.horizontal) format.horizontalAlignment = st.horizontal === "left" ? "Left" : st.horizontal === "center" ? "Center" : "Right";
  if (st.vertical) format.verticalAlignment = st.vertical === "top" ? "Top" : st.vertical === "middle" ? "Center" : "Bottom";
  if (st.wrap !== undefined) format.wrapText = st.wrap;
  if (st.locked !== undefined) format.protection.locked = st.locked;
  if (st.border) {
    for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const) {
      format.borders.getItem(edge).style = "Continuous";
    }
  }
}

/**
 * Text Excel would turn into something else when written through `values`/`formulas` into a
 * General cell, as if typed: formulas (= + - @), numbers, percentages ("100%" → 1 with a % format),
 * dates ("2026-01-01", "2026年1月1日" → serials), times, fractions and TRUE/FALSE. Excel's own
 * remedy for typed text — a leading apostrophe — keeps them as text and leaves the cell General,
 * so what the user later types there is still read as a number.
 */
const COERCIBLE = [
  /^[=+\-@']/,
  /^\s*[(（]?[¥$€£]?\s*[+-]?(\d[\d,]*\.?\d*|\.\d+)([eE][+-]?\d+)?\s*%?\s*[)）]?\s*$/,
  /^\s*\d{1,4}\s*[-/.年]\s*\d{1,2}(\s*[-/.月]\s*\d{1,4}\s*日?)?\s*$/,
  /^\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$/,
  /^\s*\d{1,2}:\d{2}(:\d{2})?\s*([ap]m?)?\s*$/i,
  /^\s*\d+\s+\d+\/\d+\s*$/,
  /^\s*(true|false)\s*$/i,
];

export function textAsText(text: string): string {
  return COERCIBLE.some((re) => re.test(text)) ? `'${text}` : text;
}

export async function insertTemplate(context: Excel.RequestContext, plan: SheetPlan, options: InsertOptions = {}): Promise<InsertOutcome> {
  const caps = options.capabilities ?? detectCapabilities(officeRequirements());
  const lang = options.lang ?? "zh";
  const skipped: Skipped[] = [];
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await guardedSync(context, "list sheets", options.timeoutMs);
  const name = freeSheetName(plan.name, sheets.items.map((s) => s.name));
  const ws = context.workbook.worksheets.add(name);

  // Values and formulas in one 2D write; text that looks like a formula is kept as text.
  let rows = 0;
  let cols = 0;
  for (const c of plan.cells) {
    rows = Math.max(rows, c.row + 1);
    cols = Math.max(cols, c.col + 1);
  }
  if (rows > 0) {
    const grid: (string | number)[][] = Array.from({ length: rows }, () => new Array<string | number>(cols).fill(""));
    for (const c of plan.cells) {
      if (c.formula !== undefined) grid[c.row][c.col] = `=${c.formula}`;
      else if (typeof c.value === "number") grid[c.row][c.col] = c.value;
      else if (typeof c.value === "string") grid[c.row][c.col] = textAsText(c.value);
    }
    ws.getRangeByIndexes(0, 0, rows, cols).formulas = grid;
  }

  for (const m of plan.merges) ws.getRange(rectAddress(m)).merge(false);

  // Styles: one format call per style and address chunk.
  const byStyle = new Map<string, { row: number; col: number }[]>();
  for (const c of plan.cells) {
    if (!c.style) continue;
    const list = byStyle.get(c.style) ?? [];
    list.push({ row: c.row, col: c.col });
    byStyle.set(c.style, list);
  }
  if (!caps.rangeAreas && byStyle.size) skipped.push(SKIP.rangeAreas());
  for (const [key, cells] of byStyle) {
    const st = plan.styles[key];
    if (!st) continue;
    const addrs = rectsToAddresses(cellsToRects(cells));
    if (caps.rangeAreas) for (const chunk of chunkAddresses(addrs)) applyStyle(ws.getRanges(chunk).format, st);
    else for (const a of addrs) applyStyle(ws.getRange(a).format, st);
    if (st.numFmt) {
      // RangeAreas has no numberFormat; rectangles keep the call count small.
      for (const a of addrs) ws.getRange(a).numberFormat = numFmtGrid(a, st.numFmt);
    }
  }

  plan.columnWidths.forEach((w, i) => {
    const col = columnLetters(i);
    ws.getRange(`${col}:${col}`).format.columnWidth = charsToPoints(w);
  });
  for (const [row, h] of Object.entries(plan.rowHeights ?? {})) {
    const r = Number(row) + 1;
    ws.getRange(`${r}:${r}`).format.rowHeight = h;
  }

  let listCol = LIST_COL;
  for (const v of plan.validations) {
    const range = ws.getRange(rectAddress(v.range));
    const inline = v.list.join(",");
    let source: string;
    if (inline.length <= MAX_INLINE_LIST && !v.list.some((x) => x.includes(","))) source = inline;
    else {
      const col = columnLetters(listCol++);
      ws.getRange(`${col}1:${col}${v.list.length}`).values = v.list.map((x) => [x]);
      ws.getRange(`${col}:${col}`).columnHidden = true;
      source = `=$${col}$1:$${col}$${v.list.length}`;
    }
    range.dataValidation.rule = { list: { inCellDropDown: true, source } };
    if (v.prompt) range.dataValidation.prompt = { showPrompt: true, title: "", message: lang === "zh" ? v.prompt.zh : v.prompt.en };
  }

  if (caps.pageLayout) {
    ws.pageLayout.orientation = plan.print.orientation === "landscape" ? "Landscape" : "Portrait";
    ws.pageLayout.paperSize = "A4";
    if (plan.print.repeatRows) ws.pageLayout.setPrintTitleRows(`$${plan.print.repeatRows.first + 1}:$${plan.print.repeatRows.last + 1}`);
    if (plan.print.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    // The margins and the page breaks between groups the plan worked out (src/core/templates/print.ts), as the CLI writes
    // them: Office.js takes margins in points and a break as the first row of the new page (both ExcelApi 1.9).
    ws.pageLayout.leftMargin = PRINT_MARGINS.left * 72;
    ws.pageLayout.rightMargin = PRINT_MARGINS.right * 72;
    ws.pageLayout.topMargin = PRINT_MARGINS.top * 72;
    ws.pageLayout.bottomMargin = PRINT_MARGINS.bottom * 72;
    ws.pageLayout.headerMargin = PRINT_MARGINS.header * 72;
    ws.pageLayout.footerMargin = PRINT_MARGINS.footer * 72;
    for (const r of plan.print.rowBreaks ?? []) ws.horizontalPageBreaks.add(`A${r + 1}`);
  } else skipped.push(SKIP.pageLayout());
  if (plan.frozenRows) ws.freezePanes.freezeRows(plan.frozenRows);
  if (plan.protect) ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true, allowSort: true, allowAutoFilter: true });
  ws.activate();
  await guardedSync(context, "insert template", options.timeoutMs);
  return { sheet: name, skipped };
}

function numFmtGrid(address: string, fmt: string): string[][] {
  const r = parseRange(address) as Rect;
  return Array.from({ length: r.bottom - r.top + 1 }, () => new Array<string>(r.right - r.left + 1).fill(fmt));
}
