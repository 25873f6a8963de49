/**
 * Indicator tables with no table around them: an indicator header (一级指标 …) that no locator claimed,
 * typically the lower half of a table moved to another sheet. They are read as project target tables
 * without header or funding, so their indicators are still checked, and reported as split.
 */
import type { ProjectTargetTable } from "../model/project";
import type { Rect, SheetView } from "../snapshot";
import { readIndicators, type BlockContext } from "./blocks";
import { labelIndex, tableStarts, tightRight, type Region } from "./region";
import type { LayoutProblem, LocateResult } from "./types";

const inside = (r: Rect, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

export function orphanIndicatorTables(view: SheetView, claimed: readonly Rect[]): LocateResult[] {
  const idx = labelIndex(view);
  const starts = tableStarts(idx);
  const headers: { row: number; col: number }[] = [];
  for (const r of idx.rowNumbers) {
    if (idx.find(r, -Infinity, Infinity, (l) => l === "一级指标") < 0) continue;
    const cells = idx.row(r);
    const l1 = cells.find((c) => c.label === "一级指标");
    if (!l1 || !cells.some((c) => c.label === "二级指标" || c.label === "三级指标")) continue;
    if (claimed.some((rc) => inside(rc, r, l1.col))) continue;
    headers.push({ row: r, col: l1.col });
  }
  const out: LocateResult[] = [];
  headers.forEach((h, i) => {
    let bottom = i + 1 < headers.length ? headers[i + 1].row - 1 : view.bottom;
    for (const s of starts) if (s.row > h.row && s.row - 1 < bottom) bottom = s.row - 1;
    for (const rc of claimed) if (rc.top > h.row && rc.top - 1 < bottom && h.col >= rc.left && h.col <= rc.right) bottom = rc.top - 1;
    const region: Region = { anchor: { row: h.row, col: h.col }, top: h.row, left: h.col, bottom, right: view.right };
    region.right = tightRight(idx, region);
    const problems: LayoutProblem[] = [];
    const ctx: BlockContext = { idx, region, problems };
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
      indicatorHeader: { row: first.row, hasHalf: first.half !== undefined, hasFull: first.full !== undefined },
    };
    out.push({ table, problems });
  });
  return out;
}
