import { defineRule } from "../types";
import { filled, indicatorName } from "./util";

export default defineRule(
  {
    id: "monitoring/likelihood-no-reason",
    category: "monitoring",
    severity: "warning",
    appliesTo: ["monitoring"],
    title: { zh: "预计不能确定完成却未写偏差原因或完善措施", en: "Target may be missed but no reason or remedy given" },
    doc: {
      zh: "完成目标可能性不是“确定能”（有可能、完全不可能）的指标，须填写偏差原因分析（经费保障、制度保障、人员保障、硬件条件保障、其他）和完善措施（财预〔2019〕136号）。“确定能”的指标写了原因也无妨。哪些回答算“确定能”由表式目录给出，地区表式文件可以补充。",
      en: "An indicator whose 完成目标可能性 is anything but 确定能 (有可能, 完全不可能) needs a 偏差原因分析 (funding, rules, staff, equipment, other) and a 完善措施 (Caiyu [2019] No. 136). A reason given for a 确定能 row is fine. Which answers count as 确定能 is data in the form catalogue, which a region's forms file may extend.",
    },
    fix: { zh: "填写偏差原因分析和完善措施。", en: "Fill in the deviation cause and the corrective measures." },
    messages: {
      missing: {
        zh: "“{indicator}”完成目标可能性为“{answer}”，但未填写{missing}",
        en: "\"{indicator}\" answers \"{answer}\" for the likelihood of meeting its target but gives no {missingEn}",
      },
    },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      if (row.sure !== false || !row.likelihood) continue;
      const noReason = !row.reasonGiven;
      const noMeasures = !filled(row.measures);
      if (!noReason && !noMeasures) continue;
      const missing = [noReason ? "偏差原因分析" : "", noMeasures ? "完善措施" : ""].filter(Boolean).join("和");
      const missingEn = [noReason ? "cause of the deviation" : "", noMeasures ? "corrective measure" : ""].filter(Boolean).join(" and ");
      const cell = (noReason ? row.reason : row.measures) ?? row.reason ?? row.measures ?? row.likelihood;
      ctx.report({ cell: cell.cell, messageId: "missing", data: { indicator: indicatorName(row), answer: row.likelihood.text, missing, missingEn } });
    }
  },
);
