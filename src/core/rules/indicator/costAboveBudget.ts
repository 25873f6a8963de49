import { moneyInYuan } from "../../grammar/value";
import { defineRule } from "../types";
import { amountValue, fmt, group1, group2, level3, forTargets } from "../util";

/** A per-unit cost (人均, 单位, 每…) is not a total. */
const PER_UNIT = /人均|单位|单价|每|平均|次均|户均|\/(人|天|次|台|件|个)/;

export default defineRule(
  {
    id: "indicator/cost-above-budget",
    category: "indicator",
    severity: "error",
    needs: ["full"],
    appliesTo: ["project-target"],
    title: { zh: "总成本上限不超过资金总额", en: "Total-cost ceiling not above the total funding" },
    doc: {
      zh: "以万元或元表示的项目总成本上限不能高于项目资金总额（先统一换算为元再比较；人均、单价等单位成本不比较）（domain-rules G4）。",
      en: "A total-cost ceiling in 万元 or 元 cannot exceed the project's 资金总额 (units are normalised to 元 first; per-unit costs are not compared) (domain-rules G4).",
    },
    fix: { zh: "把成本上限改为不超过资金总额，或核对资金总额与单位。", en: "Lower the cost ceiling to at most the total funding, or check the total and the unit." },
    messages: { above: { zh: "成本指标“{name}”上限 {value} 高于资金总额 {total}", en: "Cost indicator \"{name}\": ceiling {value} is above total funding of {total}" } },
  },
  (table, ctx) => {
    const total = amountValue(table.funding.total?.full);
    if (total === null) return;
    // Amounts are in 万元 unless the block's label says 元 (项目资金（元）).
    const unit = table.funding.unitLabel?.text ?? "";
    const totalYuan = /元/.test(unit) && !/万元/.test(unit) ? total : total * 1e4;
    for (const row of table.indicators) {
      if (!(group2(row) === "成本" || /成本$/.test(group2(row)) || group1(row) === "成本")) continue;
      const name = level3(row);
      if (PER_UNIT.test(name)) continue;
      forTargets(
        row,
        (item, p) => {
          if (p.kind !== "number" || (p.op !== "<=" && p.op !== "<" && p.op !== null)) return false;
          const yuan = moneyInYuan(p);
          if (yuan === null || yuan <= totalYuan * (1 + 1e-9) + 1) return false;
          ctx.report({ cell: item.cell, messageId: "above", data: { name, value: item.text, total: totalYuan === total ? `${fmt(total)} 元` : `${fmt(total)} 万元` } });
          return true;
        },
        "full-first",
      );
    }
  },
);
