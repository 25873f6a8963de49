import type { AmountLine } from "../model";
import type { DepartmentFieldKey, DepartmentTargetTable } from "../model/department";
import type { SheetView } from "../snapshot";
import { readFields, readFunding, readIndicators, type BlockContext } from "./blocks";
import { isSelfEvaluationRegion } from "./project";
import { findTitle, findYear, labelIndex, regionsFor, tableStarts, tightRight, type Anchor } from "./region";
import type { KindLocator, LayoutProblem, LocateResult } from "./types";

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
    const idx = labelIndex(view);
    const starts = tableStarts(idx);
    const anchors: Anchor[] = [];
    for (const [r, cells] of idx.rows) {
      for (const a of cells) if (ANCHORS.has(a.label)) anchors.push({ row: r, col: a.col });
    }
    for (const a of anchors) a.title = findTitle(idx, a, view.top);
    const out: LocateResult[] = [];
    for (const region of regionsFor(idx, anchors, starts)) {
      region.right = tightRight(idx, region);
      if (isSelfEvaluationRegion(idx, region.top, region.bottom, region.left, region.right)) continue;
      const a = region.anchor;
      const title = a.title ? idx.item(a.title.row, a.title.col) : undefined;
      const problems: LayoutProblem[] = [];
      const ctx: BlockContext = { idx, region, problems };
      const fields = readFields(ctx, DEPARTMENT_FIELDS, a.row, region.bottom);
      const fr = readFunding(ctx, a.row, region.bottom);
      const ind = readIndicators(ctx, a.row, region.bottom);
      if (!title && !fr.funding.total && ind.headers.length === 0) continue;
      let basic: AmountLine | undefined;
      let projectTotal: AmountLine | undefined;
      const projectLines: AmountLine[] = [];
      for (const line of fr.expenses) {
        const l = line.label.text.replace(/\s+/g, "");
        if (!basic && /^基本支出/.test(l)) basic = line;
        else if (!projectTotal && /^项目支出/.test(l)) projectTotal = line;
        else projectLines.push(line);
      }
      const table: DepartmentTargetTable = {
        kind: "department-target",
        sheet: view.name,
        name: fields.unitName?.value?.text || title?.text || "部门",
        range: { top: region.top, left: region.left, bottom: region.bottom, right: region.right },
        anchor: { row: a.row, col: a.col },
        title,
        year: findYear(idx, region),
        fields,
        funding: fr.funding,
        basic,
        projectTotal,
        projectLines,
        indicators: ind.rows,
      };
      if (ind.headers.length === 0) {
        problems.push({ row: a.row, col: a.col, messageId: "unreadable-table", data: { reason: "未找到指标表表头（一级指标/二级指标/三级指标）", reasonEn: "no indicator header (一级指标/二级指标/三级指标) was found" } });
      }
      out.push({ table, problems });
    }
    return out;
  },
};
