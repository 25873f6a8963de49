import type { IndicatorRow } from "../../model";
import { isPercent, moneyInYuan } from "../../grammar/value";
import type { Profile } from "../../profile";
import { indicatorWords } from "../words";
import { defineRule } from "../types";
import { group1, group2, level3, target } from "../util";

/**
 * Keyword classifier for indicators filed under the wrong 二级 (domain-rules G1): a guess, so a warning
 * that names the likely right place, never an error.
 */
function likelyPlace(row: IndicatorRow): { zh: string; en: string } | undefined {
  const name = level3(row);
  const g1 = group1(row);
  const g2 = group2(row);
  const full = target(row, "full");
  const money = full.kind === "number" && moneyInYuan(full) !== null;
  if (/满意/.test(name) && g1 !== "满意度" && g1 !== "履职") return { zh: "满意度指标", en: "满意度 (satisfaction)" };
  if (/预算执行率|资金到位率|资金拨付率|支付进度/.test(name) && g1 === "产出") return { zh: "过程/资金管理", en: "过程 / 资金管理 (process, funds management)" };
  if (g1 !== "产出" && g1 !== "成本") return undefined;
  if ((g2 === "数量" || g2 === "质量" || g2 === "时效") && (money || /成本|费用/.test(name)) && full.kind === "number" && (full.op === "<=" || full.op === "<")) {
    return { zh: "成本指标", en: "成本 (cost)" };
  }
  if ((g2 === "成本" || g2 === "数量") && /及时|时效|时限|完成时间|前完成|响应时间/.test(name)) return { zh: "时效指标", en: "时效 (timeliness)" };
  // Income, output value or profit the project brings about is an economic benefit, not an output quantity.
  if ((g2 === "数量" || g2 === "质量") && /(综合|营业|经营)?收入|产值|利润|税收|增收|营业额|销售额|交易额/.test(name) && !/补助|发放|资金|经费/.test(name)) {
    return { zh: "效益指标（经济效益）", en: "效益 / 经济效益 (economic benefit)" };
  }
  if (g2 === "成本" && /(完成|合格|达标|验收|通过)率/.test(name)) return { zh: "质量或数量指标", en: "质量 or 数量 (quality or quantity)" };
  if (g2 === "数量" && /(合格|达标|验收通过|通过)率/.test(name)) return { zh: "质量指标", en: "质量 (quality)" };
  return undefined;
}

/** The reviewers' classes in the profile (indicatorWords.misfiling): 一级 or 二级 matches `under`. */
function classPlace(row: IndicatorRow, profile: Profile): { zh: string; en: string } | undefined {
  const name = level3(row);
  const g1 = group1(row);
  const g2 = group2(row);
  for (const c of indicatorWords(profile).misfiling) {
    if (!c.name.test(name) || c.notName?.test(name)) continue;
    if (!(c.level1?.some((r) => r.test(g1)) || c.level2?.some((r) => r.test(g2)))) continue;
    if (c.percentValue && !isPercent(target(row, "full")) && !isPercent(target(row, "half"))) continue;
    return c.expected;
  }
  return undefined;
}

export default defineRule(
  {
    id: "indicator/misfiled",
    category: "indicator",
    severity: "warning",
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "指标疑似归类错误", en: "Indicator looks misfiled" },
    doc: {
      zh: "按关键词判断指标可能放错了类别：满意度放在满意度指标外、预算执行率放在产出下、成本放在数量下、及时性放在成本下、合格率放在数量下等（domain-rules G1）；另按审核人员常用的归类（以地区配置为准）：成本指标下的比率或百分比、质量或社会效益下的满意度、数量下的执行率/到位率/支出率、生态效益下的成本控制。这是推测，给出可能的正确位置供核对。自评表同样检查。",
      en: "A keyword guess that an indicator sits in the wrong category: a satisfaction rate outside 满意度, 预算执行率 under 产出, a cost under 数量, timeliness under 成本, a pass rate under 数量 (domain-rules G1); and the classes reviewers use (as the region's profile sets them): a rate or percentage under 成本, satisfaction under 质量 or 社会效益, 执行率/到位率/支出率 under 数量, cost control under 生态效益. It is a guess and names the likely right place. Self-evaluation tables are checked alike.",
    },
    fix: { zh: "核对该指标的类别，必要时移到建议的位置。", en: "Check the indicator's category and move it to the suggested place if it is misfiled." },
    messages: { misfiled: { zh: "“{name}”放在“{current}”下，似应归入{expected}", en: "\"{name}\" is filed under \"{current}\"; it likely belongs under {expectedEn}" } },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      if (!row.level3?.text) continue;
      const place = likelyPlace(row) ?? classPlace(row, ctx.profile);
      if (place) {
        const current = [row.level1?.text, row.level2?.text].filter(Boolean).join("/");
        ctx.report({ cell: row.level3.cell, messageId: "misfiled", data: { name: row.level3.text, current, expected: place.zh, expectedEn: place.en } });
      }
    }
  },
);
