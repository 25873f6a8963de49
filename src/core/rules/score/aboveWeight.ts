import type { CellItem } from "../../model";
import { cellNumber } from "../../scoring/assess";
import { defineRule } from "../types";
import { fmt } from "./util";

export default defineRule(
  {
    id: "score/above-weight",
    category: "score",
    severity: "error",
    appliesTo: ["self-evaluation", "evaluation-report"],
    title: { zh: "得分超过分值", en: "Score above its weight" },
    doc: {
      zh: "任一指标的得分（自评分）不得超过其分值（权重）。",
      en: "No indicator may score more than its weight.",
    },
    fix: { zh: "把得分改为不超过该指标的分值。", en: "Lower the score to at most the indicator's weight." },
    messages: { above: { zh: "“{indicator}”得分 {score} 超过分值 {weight}", en: "\"{indicator}\" scores {score}, above its weight {weight}" } },
  },
  (table, ctx) => {
    const check = (indicator: string, weight: CellItem | undefined, score: CellItem | undefined) => {
      const w = cellNumber(weight?.value);
      const s = cellNumber(score?.value);
      if (w === null || s === null || !score) return;
      if (s > w + ctx.profile.scoring.scoreTolerance) ctx.report({ cell: score.cell, messageId: "above", data: { indicator, score: fmt(s), weight: fmt(w) } });
    };
    if (table.kind === "self-evaluation") {
      for (const f of table.funds) check(f.label.text, f.weight, f.score);
      for (const i of table.indicators) check(i.level3?.text ?? "", i.weight, i.score);
    } else {
      for (const b of table.blocks) for (const r of b.rows) check(r.indicator?.text ?? "", r.weight, r.score);
    }
  },
);
