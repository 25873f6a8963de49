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
        indicators: t.indicators.rows,
      };
      return { table, problems: t.problems };
    });
  },
};
