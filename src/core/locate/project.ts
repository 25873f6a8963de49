import type { ProjectFieldKey, ProjectTargetTable } from "../model/project";
import type { SheetView } from "../snapshot";
import type { Vocabulary } from "../forms/vocabulary";
import { readTargetTables, targetBase } from "./targetTable";
import type { KindLocator, LocateResult } from "./types";
import { readPlan } from "./plan";

export const projectLocator: KindLocator = {
  kind: "project-target",
  locate(view: SheetView, vocab: Vocabulary): LocateResult[] {
    const reads = readTargetTables(view, {
      vocab,
      // A 项目名称 column header of a report scoring table (项目名称 | 明细目标 | 权重 …) is not an anchor.
      anchorLabels: vocab.anchors["project-target"],
      notAnchorRow: (row) => row.some((x) => vocab.evaluationReport.isHeaderWeight(x.label) || vocab.evaluationReport.columns.detailGoal(x.label)),
      fields: vocab.fields["project-target"] as Record<string, ProjectFieldKey>,
      foreignTitle: vocab.department.isTitle,
      titleAnchor: (title) => !vocab.department.isTitle(title),
      passOver: vocab.anchors["department-target"],
    });
    return reads.map((t) => {
      const table: ProjectTargetTable = {
        kind: "project-target",
        ...targetBase(t, view.name, t.fields.projectName?.value?.text || t.title?.text || "项目"),
        expenses: t.funding.expenses,
        expenseTotal: t.funding.expenseTotal,
        indicators: t.indicators.rows,
      };
      const h = t.indicators.headers[0];
      const plan = readPlan(view, { ...t.region, bottom: (h ? (h.top ?? h.row) : t.region.bottom + 1) - 1 }, vocab.fields["project-target"]);
      if (plan.length) table.plan = plan;
      if (h) table.indicatorHeader = { row: h.top ?? h.row, hasHalf: h.half !== undefined, hasFull: h.full !== undefined, level1: { row: h.row, col: h.l1 } };
      return { table, problems: t.problems };
    });
  },
};
