import { defineRule } from "../types";
import { allAmountLines, amountOf } from "../util";

function decimals(n: number): number {
  const s = String(n);
  if (s.includes("e-")) return Number(s.split("e-")[1]) + (s.split("e")[0].split(".")[1]?.length ?? 0);
  return s.split(".")[1]?.length ?? 0;
}

export default defineRule(
  {
    id: "funding/amount-precision",
    category: "funding",
    severity: "warning",
    appliesTo: ["project-target", "department-target"],
    title: { zh: "金额精度合理", en: "Sensible amount precision" },
    doc: {
      zh: "以万元为单位的金额，小数位超过配置文件的 maxAmountDecimals（默认 6 位，即到“分”）通常是公式残差或单位填错（把元填成万元）。",
      en: "A 万元 amount with more decimals than the profile's maxAmountDecimals (default 6, i.e. to the fen) is usually float residue or a unit slip (元 entered as 万元).",
    },
    fix: { zh: "四舍五入到合理位数（万元保留至多 6 位小数），并确认单位是万元而不是元。", en: "Round to a sensible precision (at most 6 decimals in 万元) and check the unit is 万元, not 元." },
    messages: { precision: { zh: "“{name}”的金额 {text} 小数位过多（{n} 位）", en: "The amount {text} of \"{name}\" has too many decimals ({n})" } },
  },
  (table, ctx) => {
    for (const line of allAmountLines(table)) {
      for (const item of [line.half, line.full]) {
        const a = amountOf(item);
        if (!item || a.value === null) continue;
        const n = decimals(a.value);
        if (n > ctx.profile.maxAmountDecimals) ctx.report({ cell: item.cell, messageId: "precision", data: { name: line.label.text, text: item.text, n } });
      }
    }
  },
);
