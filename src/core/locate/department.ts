import type { AmountLine } from "../model";
import type { DepartmentFieldKey, DepartmentTargetTable } from "../model/department";
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
      titleAnchor: (title) => /部门整体|单位整体|整体支出/.test(title),
      yieldTo: vocab.anchors["project-target"],
    });
    return reads.map((t) => {
      let basic: AmountLine | undefined;
      let projectTotal: AmountLine | undefined;
      const projectLines: AmountLine[] = [];
      for (const line of t.funding.expenses) {
        const l = line.label.text.replace(/\s+/g, "");
        if (!basic && /^基本支出/.test(l)) basic = line;
        else if (!projectTotal && /^项目支出/.test(l)) projectTotal = line;
        else projectLines.push(line);
      }
      const table: DepartmentTargetTable = {
        kind: "department-target",
        ...targetBase(t, view.name, t.fields.unitName?.value?.text || t.title?.text || "部门"),
        basic,
        projectTotal,
        projectLines,
        indicators: t.indicators.rows,
      };
      return { table, problems: t.problems };
    });
  },
};
