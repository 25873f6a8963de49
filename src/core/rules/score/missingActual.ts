import { parseValue } from "../../grammar/value";
import type { CellItem } from "../../model";
import { defineRule } from "../types";

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
    messages: { missing: { zh: "“{indicator}”有目标值“{target}”，但未填写实际完成值", en: "\"{indicator}\" has the target \"{target}\" but no actual value" } },
  },
  (table, ctx) => {
    const check = (indicator: string, target: CellItem | undefined, actual: CellItem | undefined) => {
      if (!actual || !target) return;
      const t = parseValue(target.value);
      if (t.kind === "empty" || t.kind === "not-applicable") return;
      const a = parseValue(actual.value);
      if (a.kind === "empty" || a.kind === "placeholder") ctx.report({ cell: actual.cell, messageId: "missing", data: { indicator, target: target.text } });
    };
    if (table.kind === "self-evaluation") for (const i of table.indicators) check(i.level3?.text ?? "", i.full, i.actual);
    else for (const b of table.blocks) for (const r of b.rows) check(r.indicator?.text ?? "", r.target, r.actual);
  },
);
