import type { ProjectFieldKey, ProjectTargetTable } from "../model/project";
import type { SheetView } from "../snapshot";
import { readFields, readFunding, readIndicators, type BlockContext } from "./blocks";
import { findTitle, findYear, labelIndex, regionsFor, tableStarts, tightRight, type Anchor } from "./region";
import type { KindLocator, LayoutProblem, LocateResult } from "./types";

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

/** Labels that only a self-evaluation (or report) table has: such a 项目名称 is not a target table. */
const NOT_TARGET = /全年执行数|实际完成值|实际完成情况|自评分|^得分$/;

export function isSelfEvaluationRegion(ctxIdx: ReturnType<typeof labelIndex>, top: number, bottom: number, left: number, right: number): boolean {
  for (let r = top; r <= bottom; r++) for (const c of ctxIdx.row(r, left, right)) if (NOT_TARGET.test(c.label) || /自评表$/.test(c.label)) return true;
  return false;
}

export const projectLocator: KindLocator = {
  kind: "project-target",
  locate(view: SheetView): LocateResult[] {
    const idx = labelIndex(view);
    const starts = tableStarts(idx);
    const anchors: Anchor[] = [];
    for (const [r, cells] of idx.rows) {
      const labels = cells.map((c) => c.label);
      if (labels.includes("权重") || labels.includes("明细目标")) continue;
      for (const a of cells) if (a.label === "项目名称") anchors.push({ row: r, col: a.col });
    }
    for (const a of anchors) a.title = findTitle(idx, a, view.top);
    const out: LocateResult[] = [];
    for (const region of regionsFor(idx, anchors, starts)) {
      region.right = tightRight(idx, region);
      if (isSelfEvaluationRegion(idx, region.top, region.bottom, region.left, region.right)) continue;
      const a = region.anchor;
      const title = a.title ? idx.item(a.title.row, a.title.col) : undefined;
      if (title && /部门整体|单位整体/.test(title.text)) continue;
      const problems: LayoutProblem[] = [];
      const ctx: BlockContext = { idx, region, problems };
      const fields = readFields(ctx, PROJECT_FIELDS, a.row, region.bottom);
      const fr = readFunding(ctx, a.row, region.bottom);
      const ind = readIndicators(ctx, a.row, region.bottom);
      // A lone 项目名称 with neither funding nor indicators and no title is not a table (a cover page, a list).
      if (!title && !fr.funding.total && ind.headers.length === 0) continue;
      const table: ProjectTargetTable = {
        kind: "project-target",
        sheet: view.name,
        name: fields.projectName?.value?.text || title?.text || "项目",
        range: { top: region.top, left: region.left, bottom: region.bottom, right: region.right },
        anchor: { row: a.row, col: a.col },
        title,
        year: findYear(idx, region),
        fields,
        funding: fr.funding,
        expenses: fr.expenses,
        expenseTotal: fr.expenseTotal,
        indicators: ind.rows,
      };
      if (ind.headers.length === 0) {
        problems.push({ row: a.row, col: a.col, messageId: "unreadable-table", data: { reason: "未找到指标表表头（一级指标/二级指标/三级指标）", reasonEn: "no indicator header (一级指标/二级指标/三级指标) was found" } });
      } else {
        const h = ind.headers[0];
        table.indicatorHeader = { row: h.row, hasHalf: h.half !== undefined, hasFull: h.full !== undefined };
        if (h.full === undefined) problems.push({ row: h.row, col: h.l1, messageId: "missing-column", data: { column: "全年（程）指标值" } });
        if (h.l3 === undefined) problems.push({ row: h.row, col: h.l1, messageId: "missing-column", data: { column: "三级指标" } });
        // A header with nothing under it: the indicator rows were moved (often to another sheet) or deleted.
        if (ind.rows.length === 0) {
          problems.push({ row: h.row, col: h.l1, messageId: "split-table", data: { reason: "指标表头下没有任何指标行，指标可能在其他工作表上或已被删除", reasonEn: "there are no indicator rows under the indicator header; they may be on another sheet or deleted" } });
        }
      }
      out.push({ table, problems });
    }
    return out;
  },
};
