import { fullUnit, magnitude, opSymbol } from "../../grammar/value";
import { defineRule } from "../types";
import { fmt, level3, target } from "../util";

export default defineRule(
  {
    id: "indicator/half-above-full",
    category: "indicator",
    severity: "error",
    needs: ["full"],
    appliesTo: ["project-target", "department-target"],
    title: { zh: "半年指标值不高于全年", en: "Half-year target not above the full-year one" },
    doc: {
      zh: "累计型定量指标（≥、=、> 的数量、金额等）半年值不应大于全年值；成本等 ≤ 上限同样不应半年高于全年。百分比类（如 =100%）半年可以等于全年，不检查（domain-rules G5）。",
      en: "For cumulative targets (≥, =, > on counts or amounts) the half-year value must not exceed the full-year value; a ≤ ceiling likewise. Percentages (=100%) may equal the full year and are not checked (domain-rules G5).",
    },
    fix: { zh: "把半年值改为不大于全年值。", en: "Lower the half-year value to at most the full-year value." },
    messages: { above: { zh: "“{name}”半年指标值 {half} 高于全年指标值 {full}", en: "\"{name}\": the half-year target {half} is above the full-year target {full}" } },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      const h = target(row, "half");
      const f = target(row, "full");
      if (h.kind !== "number" || f.kind !== "number" || !row.half) continue;
      if (h.unit === "%" || f.unit === "%" || h.unit === "‰") continue;
      if (h.unit !== f.unit) continue; // the unit rule reports that
      if (magnitude(h) > magnitude(f) + 1e-9) {
        ctx.report({ cell: row.half.cell, messageId: "above", data: { name: level3(row), half: `${opSymbol(h.op)}${fmt(h.value)}${fullUnit(h)}`, full: `${opSymbol(f.op)}${fmt(f.value)}${fullUnit(f)}` } });
      }
    }
  },
);
