import type { ProjectFieldKey, ProjectTargetTable } from "../model/project";
import type { SheetView } from "../snapshot";
import { readTargetTables, targetBase } from "./targetTable";
import type { KindLocator, LocateResult } from "./types";

const PROJECT_ANCHOR: ReadonlySet<string> = new Set(["项目名称"]);

export const PROJECT_FIELDS: Record<string, ProjectFieldKey> = {
  项目名称: "projectName",
  主管部门: "department",
  "主管部门及代码": "department",
  项目类型: "projectType",
  项目属性: "projectType",
  项目级次: "projectLevel",
  开始时间: "startTime",
  项目开始时间: "startTime",
  完成时间: "endTime",
  结束时间: "endTime",
  项目完成时间: "endTime",
  实施单位: "implementer",
  "项目负责人/联系电话": "contact",
  项目负责人及联系电话: "contact",
  "项目负责人(联系电话)": "contact",
  "联系人/联系电话": "contact",
  "项目负责人/联系方式": "contact",
  立项必要性: "necessity",
  项目立项必要性: "necessity",
  实施可行性: "feasibility",
  项目实施可行性: "feasibility",
  项目实施内容: "content",
  实施内容: "content",
  中长期目标: "longTermGoal",
  长期目标: "longTermGoal",
  总体目标: "longTermGoal",
  年度目标: "annualGoal",
  年度绩效目标: "annualGoal",
};

export const projectLocator: KindLocator = {
  kind: "project-target",
  locate(view: SheetView): LocateResult[] {
    const reads = readTargetTables(view, {
      // A 项目名称 column header of a report scoring table (项目名称 | 明细目标 | 权重 …) is not an anchor.
      anchorLabels: PROJECT_ANCHOR,
      notAnchorRow: (row) => row.some((x) => x.label === "权重" || x.label === "明细目标"),
      fields: PROJECT_FIELDS,
      foreignTitle: /部门整体|单位整体/,
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
      if (h) table.indicatorHeader = { row: h.row, hasHalf: h.half !== undefined, hasFull: h.full !== undefined };
      return { table, problems: t.problems };
    });
  },
};
