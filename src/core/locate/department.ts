import type { AmountLine, CellItem } from "../model";
import { normLabel } from "./labels";
import { cellItemAt, type Region } from "./region";
import type { DepartmentFieldKey, DepartmentTargetTable, DutyLine } from "../model/department";
import type { SheetView } from "../snapshot";
import type { Vocabulary } from "../forms/vocabulary";
import { readTargetTables, targetBase } from "./targetTable";
import type { KindLocator, LocateResult } from "./types";

export const departmentLocator: KindLocator = {
  kind: "department-target",
  locate(view: SheetView, vocab: Vocabulary): LocateResult[] {
    const reads = readTargetTables(view, {
      vocab,
      anchorLabels: vocab.anchors["department-target"],
      fields: vocab.fields["department-target"] as Record<string, DepartmentFieldKey>,
      titleAnchor: vocab.department.isTitle,
      yieldTo: vocab.anchors["project-target"],
    });
    return reads.map((t) => {
      let basic: AmountLine | undefined;
      let projectTotal: AmountLine | undefined;
      const projectLines: AmountLine[] = [];
      // The catalogue names the 基本支出 and 项目支出 lines (funding.departmentLines); the other lines are projects.
      for (const line of t.funding.expenses) {
        const which = vocab.funding.departmentLine(line.label.text.replace(/\s+/g, ""));
        if (!basic && which === "basic") basic = line;
        else if (!projectTotal && which === "project") projectTotal = line;
        else projectLines.push(line);
      }
      const table: DepartmentTargetTable = {
        kind: "department-target",
        ...targetBase(t, view.name, t.fields.unitName?.value?.text || t.title?.text || "部门"),
        basic,
        projectTotal,
        projectLines,
        dutyLines: [],
        indicators: t.indicators.rows,
      };
      const duty = readDutyLines(view, t.region, (t.indicators.headers[0]?.row ?? t.region.bottom + 1) - 1, vocab);
      if (duty) {
        table.dutyLines = duty.lines;
        table.dutyAmountHeader = duty.amountHeader;
      }
      return { table, problems: t.problems };
    });
  },
};

/**
 * The 年度履职目标 sub-table (部门职能 | 年度目标任务 | 支出项目名称 | 预算金额(万元)) above the indicators: its
 * header row is found by the catalogue's item and amount labels; each row below, up to a blank row or the
 * indicator header, is a spending line (label from the item column, full-year amount from the amount column).
 */
function readDutyLines(view: SheetView, region: Region, lastRow: number, vocab: Vocabulary): { lines: DutyLine[]; amountHeader: CellItem } | undefined {
  const header = (l: string) => normLabel(l).replace(/\([^)]*\)/g, "");
  for (let r = region.top; r <= lastRow; r++) {
    let item = -1;
    let amount = -1;
    for (let c = region.left; c <= region.right; c++) {
      const l = header(view.text(r, c));
      if (!l) continue;
      if (item < 0 && vocab.department.isDutyItem(l)) item = c;
      else if (amount < 0 && vocab.department.isDutyAmount(l)) amount = c;
    }
    if (item < 0 || amount < 0) continue;
    const lines: DutyLine[] = [];
    for (let row = r + 1; row <= lastRow; row++) {
      const label = cellItemAt(view, row, item);
      const full = cellItemAt(view, row, amount);
      if (!label.text && !full.text) break;
      lines.push({ label, full, basic: vocab.funding.departmentLine(label.text.replace(/\s+/g, "")) === "basic" });
    }
    return { lines, amountHeader: cellItemAt(view, r, amount) };
  }
  return undefined;
}
