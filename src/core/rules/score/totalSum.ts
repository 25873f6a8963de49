import { cellNumber } from "../../scoring/assess";
import { defineRule } from "../types";
import { fmt, selfEval } from "./util";

export default defineRule(
  {
    id: "score/total-sum",
    category: "score",
    severity: "error",
    appliesTo: ["self-evaluation"],
    title: { zh: "总分不等于各项得分之和", en: "Total is not the sum of the scores" },
    doc: {
      zh: "总分应等于预算执行率得分与各指标得分之和；有不适用指标时按 Σ得分 / Σ适用分值 × 100 折算（domain-rules B6、B8）。",
      en: "The total must equal the execution score plus every indicator score; with 不适用 indicators it is Σscore / Σapplicable weight × 100 (domain-rules B6, B8).",
    },
    fix: { zh: "把总分改为各项得分之和（有不适用指标时按规定折算），或改用求和公式。", en: "Make the total the sum of the scores (rescaled for 不适用 items), or use a SUM formula." },
    messages: {
      sum: { zh: "总分 {stated} 不等于各项得分之和 {sum}", en: "The total {stated} is not the sum of the scores, {sum}" },
      rescaled: { zh: "总分 {stated} 不等于折算后的 {sum}（有不适用指标，Σ得分/Σ适用分值×100）", en: "The total {stated} is not the rescaled {sum} (不适用 indicators: Σscore/Σapplicable weight × 100)" },
    },
  },
  (table, ctx) => {
    const score = table.total?.score;
    const stated = cellNumber(score?.value);
    if (!score || stated === null) return;
    const r = selfEval(table, ctx.profile);
    if (Math.abs(stated - r.enteredTotal) > ctx.profile.scoring.scoreTolerance) {
      ctx.report({ cell: score.cell, messageId: r.rescaled ? "rescaled" : "sum", data: { stated: fmt(stated), sum: fmt(r.enteredTotal) } });
    }
  },
);
