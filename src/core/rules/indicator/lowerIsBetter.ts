import { defineRule } from "../types";
import { anyMatch, indicatorWords } from "../words";
import { forTargets, group1, group2, level3 } from "../util";

/**
 * Class 7 of issue 22: an indicator where less is better (投诉率, 事故发生率, 差错率 …) given a ≥ or > target:
 * the direction is reversed. The names are data (profile.indicatorWords.lowerIsBetter, with the exceptions
 * in lowerIsBetterNot: 投诉率下降幅度 is right with ≥). Costs are indicator/cost-operator's.
 */
export default defineRule(
  {
    id: "indicator/lower-is-better",
    category: "indicator",
    severity: "warning",
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "越低越好的指标用了“≥”", en: "A lower-is-better indicator with ≥" },
    doc: {
      zh: "投诉率、事故发生率、差错率等越低越好的指标，目标应写成上限“≤”（反向指标）；写成“≥”等于要求越多越好，方向反了。名称清单以地区配置为准；成本指标由 indicator/cost-operator 检查。",
      en: "Complaint, accident and error rates and the like are better lower: the target is a ceiling (≤, a 反向 indicator); ≥ asks for more and reverses the direction. The names are set in the region's profile; costs are checked by indicator/cost-operator.",
    },
    fix: { zh: "改为上限，如 ≤2%。", en: "Write a ceiling, e.g. ≤2%." },
    messages: {
      reversed: { zh: "“{name}”越低越好，目标“{value}”用了“{op}”，方向反了；应写成上限，如“≤{number}”", en: "\"{name}\" is better lower, but the target \"{value}\" uses {op}: the direction is reversed; write a ceiling, e.g. ≤{number}" },
    },
  },
  (table, ctx) => {
    const words = indicatorWords(ctx.profile);
    for (const row of table.indicators) {
      const name = level3(row);
      if (!name || !anyMatch(words.lowerIsBetter, name) || anyMatch(words.lowerIsBetterNot, name)) continue;
      // Costs have their own rule.
      if (group1(row) === "成本" || /成本$/.test(group2(row))) continue;
      forTargets(row, (item, p) => {
        if (p.kind === "number" && (p.op === ">=" || p.op === ">") && !(p.value === 0 && p.op === ">=")) {
          const number = `${p.value}${p.multiplier === 1e4 ? "万" : ""}${p.unit}`;
          ctx.report({ cell: item.cell, messageId: "reversed", data: { name, value: item.text, op: p.op === ">=" ? "≥" : ">", number } });
        }
      });
    }
  },
);
