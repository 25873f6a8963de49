/**
 * Indicator tables with no table around them: an indicator header (一级指标 …) that no locator claimed,
 * typically the lower half of a table moved to another sheet. They are read as project target tables
 * without header or funding, so their indicators are still checked, and reported as split.
 */
import type { ProjectTargetTable } from "../model/project";
import type { Rect, SheetView } from "../snapshot";
import { isIndicatorHeaderRow, parseIndicatorHeader, readIndicators, repeatsHeader, treeHeaderCells, type BlockContext } from "./blocks";
import type { Vocabulary } from "../forms/vocabulary";
import { labelIndex, tableStarts, tightRight, type Region } from "./region";
import type { LayoutProblem, LocateResult } from "./types";

const inside = (r: Rect, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

export function orphanIndicatorTables(view: SheetView, claimed: readonly Rect[], vocab: Vocabulary): LocateResult[] {
  const idx = labelIndex(view);
  const starts = tableStarts(idx, vocab);
  const headers: { row: number; col: number }[] = [];
  const whole: BlockContext = { idx, region: { anchor: { row: 0, col: 0 }, top: view.top, left: view.left, bottom: view.bottom, right: view.right }, problems: [], vocab };
  for (const r of treeHeaderCells(idx, vocab).keys()) {
    if (!isIndicatorHeaderRow(whole, r)) continue;
    const l1 = parseIndicatorHeader(whole, r)!.l1;
    if (claimed.some((rc) => inside(rc, r, l1))) continue;
    headers.push({ row: r, col: l1 });
  }
  // A header repeating the one above it, with nothing between that starts a table, is the same table going on
  // over a page break: it is read as part of that table (readIndicators takes the repeated header in its stride).
  for (let i = headers.length - 1; i > 0; i--) {
    const [a, b] = [headers[i - 1], headers[i]];
    if (starts.some((s) => s.row > a.row && s.row < b.row)) continue;
    if (repeatsHeader(view, parseIndicatorHeader(whole, a.row)!, parseIndicatorHeader(whole, b.row)!)) headers.splice(i, 1);
  }
  const out: LocateResult[] = [];
  headers.forEach((h, i) => {
    let bottom = i + 1 < headers.length ? headers[i + 1].row - 1 : view.bottom;
    for (const s of starts) if (s.row > h.row && s.row - 1 < bottom) bottom = s.row - 1;
    for (const rc of claimed) if (rc.top > h.row && rc.top - 1 < bottom && h.col >= rc.left && h.col <= rc.right) bottom = rc.top - 1;
    const region: Region = { anchor: { row: h.row, col: h.col }, top: h.row, left: h.col, bottom, right: view.right };
    region.right = tightRight(idx, region);
    const problems: LayoutProblem[] = [];
    const ctx: BlockContext = { idx, region, problems, vocab };
    const ind = readIndicators(ctx, h.row, bottom);
    if (ind.rows.length === 0) return;
    region.bottom = ind.rows[ind.rows.length - 1].row;
    problems.push({
      row: h.row,
      col: h.col,
      messageId: "split-table",
      data: {
        reason: "这张指标表上方没有项目名称、资金等表头，可能是从另一工作表拆分出来的；请把它放回原表下方",
        reasonEn: "this indicator table has no header (项目名称, funding) above it and was probably split off another sheet; put it back under its table",
      },
    });
    const first = ind.headers[0];
    const table: ProjectTargetTable = {
      kind: "project-target",
      sheet: view.name,
      name: "（无表头的指标表）",
      range: { top: region.top, left: region.left, bottom: region.bottom, right: region.right },
      anchor: { row: h.row, col: h.col },
      fields: {},
      funding: { appropriationParts: [], sources: [] },
      expenses: [],
      indicators: ind.rows,
      indicatorHeader: { row: first.row, hasHalf: first.half !== undefined, hasFull: first.full !== undefined, level1: { row: first.row, col: first.l1 } },
    };
    out.push({ table, problems });
  });
  return out;
}
