import { defineRule } from "../types";
import { allAmountLines, amountOf, fmt } from "../util";

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
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "金额精度合理", en: "Sensible amount precision" },
    doc: {
      zh: "以万元为单位的金额，小数位超过配置文件的 maxAmountDecimals（默认 6 位，即到“分”）通常是公式残差或单位填错（把元填成万元）。金额达到地区配置的上限（默认 100 亿元）以上视为单位填错；表头单位为元的表按同一金额（换算为元）判断。",
      en: "A 万元 amount with more decimals than the profile's maxAmountDecimals (default 6, i.e. to the fen) is usually float residue or a unit slip (元 entered as 万元). An amount at or above the profile's ceiling (default 10 billion yuan) is taken for a unit slip; a table stating 元 is held to the same amount, in 元.",
    },
    fix: { zh: "四舍五入到合理位数（万元保留至多 6 位小数），并确认单位是万元而不是元。", en: "Round to a sensible precision (at most 6 decimals in 万元) and check the unit is 万元, not 元." },
    messages: {
      precision: { zh: "“{name}”的金额 {text} 小数位过多（{n} 位）", en: "The amount {text} of \"{name}\" has too many decimals ({n})" },
      scale: {
        zh: "“{name}”的金额 {text} 万元即 {yi} 亿元，疑似把元填进了以万元为单位的表（表头单位：{unit}）",
        en: "The amount {text} of \"{name}\" is {yi} hundred-million yuan in 万元: probably yuan entered in a 万元 table (stated unit: {unit})",
      },
      scaleYuan: {
        zh: "“{name}”的金额 {text} 元即 {yi} 亿元，超出合理规模，疑似数值或单位填错（表头单位：{unit}）",
        en: "The amount {text} of \"{name}\" is {yi} hundred-million yuan, beyond any plausible budget: probably a wrong figure or unit (stated unit: {unit})",
      },
    },
  },
  (table, ctx) => {
    const lines =
      table.kind === "self-evaluation"
        ? [...table.funds].sort((a, b) => Number(Boolean(b.total)) - Number(Boolean(a.total))).map((f) => ({ label: f.label, items: [f.budget, f.executed, f.initial] }))
        : allAmountLines(table).map((l) => ({ label: l.label, items: [l.full, l.half] }));
    // 元 in a 万元 table: one finding, on the largest amount (the total where there is one). The ceiling is an
    // amount of money: a table that states 元 is held to the same one, in 元 (the same budget, written in 元).
    const unit = table.kind === "self-evaluation" ? table.fundUnit?.text : table.funding.unitLabel?.text;
    const above = ctx.profile.yuanInWanAbove;
    const inWan = !!unit && /万元/.test(unit);
    const inYuan = !!unit && !inWan && /元/.test(unit);
    if (above !== undefined && (inWan || inYuan)) {
      const ceiling = inWan ? above : above * 1e4;
      let worst: { item: NonNullable<(typeof lines)[number]["items"][number]>; name: string; value: number } | undefined;
      for (const line of lines) for (const item of line.items) {
        const v = amountOf(item).value;
        if (item && v !== null && v >= ceiling && (!worst || v > worst.value)) worst = { item, name: line.label.text, value: v };
      }
      if (worst) {
        const yi = fmt(inWan ? worst.value / 1e4 : worst.value / 1e8);
        ctx.report({ cell: worst.item.cell, messageId: inWan ? "scale" : "scaleYuan", data: { name: worst.name, text: worst.item.text, yi, unit: unit!.replace(/\s+/g, "") } });
      }
    }
    if (table.kind === "self-evaluation") return;
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
