import { defineRule } from "../types";
import { level3 } from "../util";

export default defineRule(
  {
    id: "indicator/value-missing",
    category: "indicator",
    severity: "error",
    needs: ["full"],
    appliesTo: ["project-target", "department-target"],
    title: { zh: "三级指标必须有指标值", en: "Indicators have target values" },
    doc: {
      zh: "写了三级指标名称的行必须填写全年（程）指标值；有半年列的表，半年值为空给出警告（不适用时填“/”）。",
      en: "A named 三级 indicator needs a full-year target; in tables with a half-year column an empty half-year value is warned about (write \"/\" when it does not apply).",
    },
    fix: { zh: "填写指标值（如 ≥25期）；半年不适用时填“/”。", en: "Enter the target value (e.g. ≥25期); enter “/” where the half-year value does not apply." },
    messages: {
      full: { zh: "“{name}”没有填写全年指标值", en: "\"{name}\" has no full-year target" },
      half: { zh: "“{name}”没有填写半年指标值（不适用请填“/”）", en: "\"{name}\" has no half-year target (write \"/\" if it does not apply)" },
    },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      const name = level3(row);
      if (!name) continue;
      if (row.full && !row.full.text) ctx.report({ cell: row.full.cell, messageId: "full", data: { name } });
      else if (row.half && !row.half.text && row.full?.text) ctx.report({ cell: row.half.cell, messageId: "half", data: { name }, severity: "warning" });
    }
  },
);
