import { defineRule } from "../types";
import { fmt, selfEval } from "./util";

export default defineRule(
  {
    id: "score/weights-total",
    category: "score",
    severity: "error",
    appliesTo: ["self-evaluation"],
    title: { zh: "分值合计不为 100", en: "Weights do not add up to 100" },
    doc: {
      zh: "自评表满分 100：预算执行率分值与各三级指标分值之和应为 100（财预〔2020〕10号；不适用指标的分值也计入，评分时再折算）。",
      en: "A self-evaluation is out of 100: the execution weight plus every indicator weight must add up to 100 (Caiyu [2020] No. 10; weights of 不适用 indicators count too, the score is rescaled later).",
    },
    fix: { zh: "调整各指标分值，使预算执行率与各指标分值合计为 100。", en: "Adjust the weights so that execution and all indicators add up to 100." },
    messages: { total: { zh: "各项分值合计 {sum}，应为 {expected}", en: "The weights add up to {sum}; they should add up to {expected}" } },
  },
  (table, ctx) => {
    const r = selfEval(table, ctx.profile);
    if (r.items.length === 0) return;
    const sum = r.items.reduce((s, i) => s + (i.weight ?? 0), 0);
    const stated = typeof table.total?.weight?.value === "number" ? table.total.weight.value : 100;
    if (Math.abs(sum - 100) > ctx.profile.scoring.scoreTolerance || Math.abs(stated - 100) > ctx.profile.scoring.scoreTolerance) {
      const cell = table.total?.weight?.cell ?? table.anchor;
      ctx.report({ cell, messageId: "total", data: { sum: fmt(sum), expected: 100 } });
    }
  },
);
