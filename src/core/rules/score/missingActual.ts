import { parseValue } from "../../grammar/value";
import type { CellItem } from "../../model";
import type { SelfEvaluationIndicatorRow } from "../../model/selfEvaluation";
import { defineRule, type Report } from "../types";
import { parsed } from "../util";

const blank = (c: CellItem | undefined) => {
  const k = parsed(c).kind;
  return k === "empty" || k === "placeholder";
};

/**
 * A row with neither target nor actual that still earns points (重庆 2021 部门自评: “三公”经费变动率, blank, 2 of 2):
 * nothing was measured, so nothing can be scored. Only where the table's other rows do state targets: a
 * table whose target column was not read at all would otherwise light up on every row.
 */
function scoredBlank(rows: readonly SelfEvaluationIndicatorRow[], report: (r: Report) => void): void {
  const withTarget = rows.filter((r) => !blank(r.full)).length;
  if (withTarget * 2 < rows.length) return;
  for (const r of rows) {
    if (!r.score || !blank(r.full) || !blank(r.actual)) continue;
    const s = parsed(r.score);
    if (s.kind !== "number" || !(s.value > 0)) continue;
    report({ cell: r.score.cell, messageId: "scoredBlank", data: { indicator: r.level3?.text ?? r.level2?.text ?? "", score: r.score.text } });
  }
}

export default defineRule(
  {
    id: "score/missing-actual",
    category: "score",
    severity: "warning",
    appliesTo: ["self-evaluation", "evaluation-report"],
    title: { zh: "缺少实际完成值", en: "Missing actual value" },
    doc: {
      zh: "有目标值的指标必须填写实际完成值（实现值），否则无法评分；确实不适用的填“不适用”。",
      en: "Every indicator with a target needs its actual value, or it cannot be scored; write 不适用 where it truly does not apply.",
    },
    fix: { zh: "填写实际完成值；确实不适用的填“不适用”。", en: "Enter the actual value; enter 不适用 if it really does not apply." },
    messages: {
      missing: { zh: "“{indicator}”有目标值“{target}”，但未填写实际完成值", en: "\"{indicator}\" has the target \"{target}\" but no actual value" },
      scoredBlank: {
        zh: "“{indicator}”未填写目标值和实际完成值，却得分 {score}：没有可评的内容，请补填目标值和实际完成值，或说明不评分的理由",
        en: "\"{indicator}\" has neither a target nor an actual value, yet scores {score}: there is nothing to score; fill in both, or say why it is not scored",
      },
    },
  },
  (table, ctx) => {
    const check = (indicator: string, target: CellItem | undefined, actual: CellItem | undefined) => {
      if (!actual || !target) return;
      const t = parseValue(target.value);
      if (t.kind === "empty" || t.kind === "not-applicable") return;
      const a = parseValue(actual.value);
      if (a.kind === "empty" || a.kind === "placeholder") ctx.report({ cell: actual.cell, messageId: "missing", data: { indicator, target: target.text } });
    };
    if (table.kind === "self-evaluation") {
      for (const i of table.indicators) check(i.level3?.text ?? "", i.full, i.actual);
      scoredBlank(table.indicators, (r) => ctx.report(r));
    }
    else for (const b of table.blocks) for (const r of b.rows) check(r.indicator?.text ?? "", r.target, r.actual);
  },
);
