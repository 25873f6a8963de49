import { defineRule } from "../types";
import { fmt, selfEval } from "./util";

export default defineRule(
  {
    id: "score/qualitative-band",
    category: "score",
    severity: "warning",
    appliesTo: ["self-evaluation"],
    title: { zh: "定性指标得分不在档次范围内", en: "Qualitative score outside its band" },
    doc: {
      zh: "定性指标未完全达成时按档次评分：部分达成预期指标并具有一定效果 80%–60%（含）；未达成预期指标且效果较差 60%–0%（档次可配置）。实际完成值的表述与得分所在档次不一致即报告。",
      en: "A qualitative indicator not fully met is scored by band: partly met 80–60% (incl.) of the weight, not met 60–0% (bands configurable). A score outside the band the actual's wording names is reported.",
    },
    fix: { zh: "按完成情况选择对应档次的得分，或改写实际完成值的表述。", en: "Score within the band that matches the result, or reword the actual value." },
    messages: { band: { zh: "“{indicator}”实际“{actual}”属 {band} 档，得分应在 {min}–{max} 之间，填写为 {entered}", en: "\"{indicator}\": the actual \"{actual}\" is in the {band} band, so the score should be {min}–{max}; it is {entered}" } },
  },
  (table, ctx) => {
    const r = selfEval(table, ctx.profile);
    const tol = ctx.profile.scoring.scoreTolerance;
    for (const it of r.items) {
      if (!it.band || it.entered === null || !it.cell || !it.weight) continue;
      if (it.entered >= it.band.min - tol && it.entered <= it.band.max + tol) continue;
      const pct = (x: number) => `${fmt((x / it.weight!) * 100)}%`;
      ctx.report({ cell: it.cell.cell, messageId: "band", data: { indicator: it.indicator, actual: it.assessment?.actual.raw ?? "", band: `${pct(it.band.max)}–${pct(it.band.min)}`, min: fmt(it.band.min), max: fmt(it.band.max), entered: fmt(it.entered) } });
    }
  },
);
