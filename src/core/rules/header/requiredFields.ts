import type { Field } from "../../model";
import { defineRule } from "../types";

const PROJECT_REQUIRED: [string, string, string][] = [
  ["projectName", "项目名称", "project name"],
  ["department", "主管部门", "supervising department"],
  ["implementer", "实施单位", "implementing unit"],
  ["startTime", "开始时间", "start time"],
  ["endTime", "完成时间", "completion time"],
  ["contact", "项目负责人/联系电话", "person in charge / phone"],
  ["annualGoal", "年度目标", "annual goal"],
];
const DEPARTMENT_REQUIRED: [string, string, string][] = [
  ["unitName", "单位名称", "unit name"],
  ["functions", "单位主要职能", "main functions"],
  ["annualGoal", "年度目标", "annual goal"],
];

export default defineRule(
  {
    id: "header/required-fields",
    category: "header",
    severity: "error",
    appliesTo: ["project-target", "department-target"],
    title: { zh: "表头必填项已填写", en: "Required header fields are filled in" },
    doc: {
      zh: "项目表的项目名称、主管部门、实施单位、开始/完成时间、项目负责人及联系电话、年度目标，部门表的单位名称、主要职能、年度目标，标签在表中时其内容不能为空。",
      en: "When their labels are present, these fields must be filled in: project tables — 项目名称, 主管部门, 实施单位, 开始/完成时间, 项目负责人/联系电话, 年度目标; department tables — 单位名称, 单位主要职能, 年度目标.",
    },
    fix: { zh: "在标签右侧的单元格填写该项内容。", en: "Fill in the cell next to the label." },
    messages: { empty: { zh: "“{label}”未填写", en: "\"{labelEn}\" ({label}) is empty" } },
  },
  (table, ctx) => {
    const list = table.kind === "project-target" ? PROJECT_REQUIRED : DEPARTMENT_REQUIRED;
    const fields = table.fields as Record<string, Field | undefined>;
    for (const [key, zh, en] of list) {
      const f = fields[key];
      if (!f) continue;
      if (!f.value || f.value.text === "") ctx.report({ cell: (f.value ?? f.label).cell, messageId: "empty", data: { label: zh, labelEn: en } });
    }
  },
);
