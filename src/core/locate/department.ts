import type { AmountLine } from "../model";
import type { DepartmentFieldKey, DepartmentTargetTable } from "../model/department";
import type { SheetView } from "../snapshot";
import { readTargetTables, targetBase } from "./targetTable";
import type { KindLocator, LocateResult } from "./types";

const DEPARTMENT_FIELDS: Record<string, DepartmentFieldKey> = {
  单位名称: "unitName",
  部门名称: "unitName",
  "部门(单位)名称": "unitName",
  "单位(部门)名称": "unitName",
  预算单位: "unitName",
  预算部门: "unitName",
  单位主要职能: "functions",
  部门主要职能: "functions",
  主要职能: "functions",
  部门职责: "functions",
  部门职能: "functions",
  机构设置及人员配置: "organisation",
  机构设置: "organisation",
  中长期目标: "longTermGoal",
  长期目标: "longTermGoal",
  年度目标: "annualGoal",
  年度绩效目标: "annualGoal",
  年度总体目标: "annualGoal",
};

const ANCHORS = new Set(Object.entries(DEPARTMENT_FIELDS).filter(([, k]) => k === "unitName").map(([l]) => l));

export const departmentLocator: KindLocator = {
  kind: "department-target",
  locate(view: SheetView): LocateResult[] {
    const reads = readTargetTables(view, { anchorLabels: ANCHORS, fields: DEPARTMENT_FIELDS });
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
