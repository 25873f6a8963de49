import { assess } from "../../scoring/assess";
import { assessOptions } from "../../scoring/terms";
import type { CellItem } from "../../model";
import { defineRule } from "../types";

export default defineRule(
  {
    id: "score/unit-mismatch",
    category: "score",
    severity: "error",
    appliesTo: ["self-evaluation", "evaluation-report"],
    title: { zh: "目标值与实际值单位不一致", en: "Target and actual in different units" },
    doc: {
      zh: "目标值与实际完成值须使用同一计量单位才能比较（如目标“1万（人）”而实际“61条订单”）。一侧未写单位时沿用另一侧或指标名称中的单位（“…人数”→人，“（个）”→个）。此类指标不计算得分。",
      en: "Target and actual must share a unit to be compared (target \"1万 (people)\" vs actual \"61 orders\"). A side without a unit takes the other side's or the one in the indicator's name (…人数 → 人, (个) → 个). Such an indicator is not scored.",
    },
    fix: { zh: "目标值与实际完成值改用同一计量单位。", en: "Use the same unit for the target and the actual value." },
    messages: { mismatch: { zh: "“{indicator}”目标“{target}”（单位 {targetUnit}）与实际“{actual}”（单位 {actualUnit}）单位不一致，无法比较", en: "\"{indicator}\": target \"{target}\" ({targetUnit}) and actual \"{actual}\" ({actualUnit}) are in different units and cannot be compared" } },
  },
  (table, ctx) => {
    const opts = assessOptions(ctx.profile);
    const check = (indicator: string, target: CellItem | undefined, actual: CellItem | undefined, nature?: string) => {
      if (!target || !actual) return;
      const a = assess(target.value, actual.value, indicator, opts, nature);
      if (!a.unitMismatch) return;
      ctx.report({ cell: actual.cell, messageId: "mismatch", data: { indicator, target: target.text, actual: actual.text, targetUnit: a.unitMismatch.target, actualUnit: a.unitMismatch.actual } });
    };
    if (table.kind === "self-evaluation") for (const i of table.indicators) check(i.level3?.text ?? "", i.full, i.actual, i.extra.nature?.text);
    else for (const b of table.blocks) for (const r of b.rows) check(r.indicator?.text ?? "", r.target, r.actual);
  },
);
