/**
 * A progress plan under a header row naming a start and an end (项目实施进度计划: 项目实施内容 | 开始时间 | 完成时间),
 * read by its shape: the header's two time labels are the catalogue's startTime / endTime field words, and the
 * rows below hold a date or year in those columns. Forms that write 开始时间 | 2025年 as a field pair are fields,
 * not a plan: the cells below must hold dates.
 */
import type { CellItem } from "../model";
import type { PlanItem } from "../model/project";
import { cellItemAt, labelIndex } from "./region";
import type { SheetView } from "../snapshot";

const DATE_LIKE = /^\s*(19|20)\d{2}(\s*(年|[-/.])\s*\d{0,2}\s*月?\s*(\d{1,2}\s*日?)?)?\s*$/;
const dateLike = (c: CellItem) => (typeof c.value === "number" ? c.value >= 1900 && c.value <= 2200 : DATE_LIKE.test(c.text.normalize("NFKC")));

export function readPlan(view: SheetView, area: { top: number; left: number; bottom: number; right: number }, fields: Record<string, string>): PlanItem[] {
  const idx = labelIndex(view);
  const fieldOf = (label: string | undefined) => (label !== undefined && Object.prototype.hasOwnProperty.call(fields, label) ? fields[label] : undefined);
  for (let r = area.top; r < area.bottom; r++) {
    let start = -1;
    let end = -1;
    for (let c = area.left; c <= area.right; c++) {
      if (view.isCovered(r, c)) continue;
      const key = fieldOf(idx.labelAt(r, c));
      if (key === "startTime" && start < 0) start = c;
      else if (key === "endTime" && end < 0) end = c;
    }
    if (start < 0 || end < 0) continue;
    const items: PlanItem[] = [];
    for (let row = r + 1; row <= area.bottom; row++) {
      const s = cellItemAt(view, row, start);
      const e = cellItemAt(view, row, end);
      if (!s.text && !e.text) break;
      if (!dateLike(s) && !dateLike(e)) break;
      let label: CellItem | undefined;
      for (let c = Math.min(start, end) - 1; c >= area.left && !label; c--) {
        const it = cellItemAt(view, row, c);
        if (it.text && it.cell.row === row) label = it;
      }
      items.push({ row, label, start: s, end: e });
    }
    if (items.length) return items;
  }
  return [];
}
