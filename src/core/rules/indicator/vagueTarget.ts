import { defineRule } from "../types";
import { group1, level3, target } from "../util";

const VAGUE = /^(进一步|不断|逐步|持续|有效|明显|显著|大幅|加强)?(提升|提高|改善|加强|增强|优化|推进|减少|降低|增加)$|^不断提升$|^进一步/;

export default defineRule(
  {
    id: "indicator/vague-target",
    category: "indicator",
    severity: "info",
    needs: ["full"],
    appliesTo: ["project-target", "department-target"],
    title: { zh: "定性目标过于笼统", en: "Qualitative target too vague" },
    doc: {
      zh: "“提升”“不断提升”“进一步加强”之类没有程度或数值的目标难以评价；效益指标最好量化，至少写成可分级的定性描述（domain-rules D6、C1）。",
      en: "Targets such as 提升, 不断提升 or 进一步加强 with no degree or number are hard to assess; benefit indicators should be quantified or at least gradable (domain-rules D6, C1).",
    },
    fix: { zh: "写明程度或数值（如“投诉率下降 10%”），或使用可分级的定性描述。", en: "State a degree or number (e.g. complaints down 10%), or use a gradable qualitative description." },
    messages: { vague: { zh: "“{name}”的目标“{value}”过于笼统，建议量化", en: "\"{name}\": the target \"{value}\" is vague; consider a number" } },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      const g = group1(row);
      if (g === "决策" || g === "过程") continue;
      const p = target(row, "full");
      if (!row.full || (p.kind !== "qualitative" && p.kind !== "text")) continue;
      if (VAGUE.test(p.raw.replace(/\s+/g, ""))) ctx.report({ cell: row.full.cell, messageId: "vague", data: { name: level3(row), value: row.full.text } });
    }
  },
);
