import { parseValue } from "../../grammar/value";
import { defineRule } from "../types";

/** Words that say “done” where a measured value belongs. */
const DONE_WORD = /^(已?完成|已?达到|达标|已?实现|是|已?达成|满足|符合)$/;

/**
 * Class 2 of issue 22: an actual value that restates the target (≥90%, ≥266米) or says 完成 where the target
 * asks for a number. Nothing was measured, so the row's score cannot be computed; this rule reports it and
 * leaves to the scoring how such a row is counted.
 */
export default defineRule(
  {
    id: "score/actual-restates-target",
    category: "score",
    severity: "warning",
    appliesTo: ["self-evaluation"],
    title: { zh: "实际完成值照抄目标，没有实测数", en: "The actual restates the target instead of a measured value" },
    doc: {
      zh: "实际完成值应是实际达到的数（如 92%、270米）。写成“≥90%”“≥266米”等带运算符的目标，或对定量指标只写“完成”，等于没有填写实际值，该行得分无法按公式计算（财预〔2020〕10号：得分按实际值与目标值之比计算）。",
      en: "The actual must be the value reached (92%, 270米). Writing the target with its operator (≥90%, ≥266米), or just 完成 for a quantitative indicator, leaves no actual value, and the row's score cannot be computed (Caiyu [2020] No. 10 scores by actual / target).",
    },
    fix: { zh: "填写实际达到的数值和单位（如 92%），不要写运算符或“完成”。", en: "Enter the value actually reached with its unit (e.g. 92%), not an operator or 完成." },
    messages: {
      operator: { zh: "“{indicator}”的实际完成值“{actual}”带有运算符，照抄了目标，不是实测值；应填写实际达到的数（如 {example}），该行得分无法计算", en: "\"{indicator}\": the actual \"{actual}\" carries an operator and restates the target, not a measured value; enter the value reached (e.g. {example}); the row's score cannot be computed" },
      word: { zh: "“{indicator}”是定量指标（目标“{target}”），实际完成值只写了“{actual}”，没有数值；应填写实际达到的数和单位，该行得分无法计算", en: "\"{indicator}\" is quantitative (target \"{target}\") but the actual says only \"{actual}\"; enter the value reached with its unit; the row's score cannot be computed" },
    },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      const actual = row.actual;
      if (!actual?.text) continue;
      const indicator = row.level3?.text ?? "";
      const a = parseValue(actual.value);
      if (a.kind === "number" && a.op !== null && !a.tolerance) {
        const unit = (a.multiplier === 1e4 ? "万" : "") + a.unit;
        ctx.report({ cell: actual.cell, messageId: "operator", data: { indicator, actual: actual.text, example: `${a.value}${unit}` } });
        continue;
      }
      const t = parseValue(row.full?.value);
      const quantitative = t.kind === "number" || /^定量/.test(row.extra.nature?.text ?? "") || /^(>=|<=|≥|≤|=|＝|>|<)/.test((row.extra.nature?.text ?? "").normalize("NFKC"));
      if (quantitative && (a.kind === "text" || a.kind === "qualitative") && DONE_WORD.test(actual.text.replace(/\s+/g, ""))) {
        const target = `${row.extra.nature?.text && t.kind === "number" && t.op === null ? row.extra.nature.text : ""}${row.full?.text ?? ""}${row.extra.unit?.text ?? ""}`;
        ctx.report({ cell: actual.cell, messageId: "word", data: { indicator, target, actual: actual.text } });
      }
    }
  },
);
