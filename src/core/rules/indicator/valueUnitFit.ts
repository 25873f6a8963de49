import { fullUnit, parseValue } from "../../grammar/value";
import { defineRule } from "../types";
import { level3, parsed, target } from "../util";

/** Units that count whole things: a fractional count (2.5个) is a slip. */
const COUNT_UNITS = new Set(["个", "人", "次", "项", "户", "件", "辆", "台", "套", "所", "名", "家", "场", "期", "篇", "份", "条", "座", "人次", "栋", "间", "处", "批", "册", "本", "张", "位", "株", "棵", "头", "只"]);

/**
 * Class 6 of issue 22: a value and its unit that do not fit — 28.8万元 with 计量单位 %; a 定性 indicator
 * (应保尽保) with a unit; a row typed 定量 whose value is words; a count with a fractional value.
 */
export default defineRule(
  {
    id: "indicator/value-unit-fit",
    category: "indicator",
    severity: "warning",
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "指标值与单位、类型不符", en: "Value and unit or type do not fit" },
    doc: {
      zh: "指标值应与计量单位、指标值类型一致：指标值自带的单位与“计量单位”列不同（28.8万元，单位 %）；定性指标（应保尽保）填了计量单位；标为定量的指标值却是文字（按月安排）；计数单位（个、人、次…）的值带小数。",
      en: "A target must fit its unit and its type: a unit written in the value that differs from the 计量单位 column (28.8万元 with unit %); a 定性 target (应保尽保) given a unit; a row typed 定量 whose value is words (按月安排); a count (个, 人, 次 …) with a fraction.",
    },
    fix: { zh: "让指标值、计量单位和指标值类型一致：定量指标写数值并选对单位，定性指标不填单位。", en: "Make the value, unit and type agree: a number with the right unit for 定量, no unit for 定性." },
    messages: {
      unitClash: { zh: "“{name}”的指标值“{value}”自带单位“{own}”，而计量单位列写“{column}”；应统一，如指标值写数值、计量单位写“{own}”", en: "\"{name}\": the value \"{value}\" has the unit \"{own}\" but the unit column says \"{column}\"; make them agree" },
      qualitativeUnit: { zh: "“{name}”是定性指标（“{value}”），不应填计量单位“{column}”；定性指标删去单位，或改为可计量的定量指标", en: "\"{name}\" is qualitative (\"{value}\") and takes no unit, not \"{column}\"; drop the unit or make it a measurable quantitative target" },
      notNumber: { zh: "“{name}”标为定量指标，但指标值“{value}”不是数值；应写成数值加单位（如 ≥12次），或改为定性指标", en: "\"{name}\" is typed 定量 but the value \"{value}\" is not a number; write a number with a unit (e.g. ≥12次) or type it 定性" },
      fraction: { zh: "“{name}”按“{unit}”计数，指标值“{value}”却带小数；计数应为整数", en: "\"{name}\" counts in \"{unit}\" but the value \"{value}\" has a fraction; a count is a whole number" },
    },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      const name = level3(row);
      const column = row.extra.unit?.text.trim() ?? "";
      const nature = (row.extra.nature?.text ?? "").replace(/\s+/g, "");
      for (const which of ["half", "full"] as const) {
        const item = row[which];
        if (!item?.text) continue;
        const own = parsed(item);
        if (column && own.kind === "number" && (own.unit !== "" || own.multiplier > 1)) {
          const col = parseValue(`1${column}`);
          if (col.kind === "number" && (col.unit !== "" || col.multiplier > 1) && fullUnit(col) !== fullUnit(own)) {
            ctx.report({ cell: item.cell, messageId: "unitClash", data: { name, value: item.text, own: fullUnit(own), column } });
            continue;
          }
        }
        if (/^定性/.test(nature) && column && column !== "/" && (own.kind === "qualitative" || own.kind === "text")) {
          ctx.report({ cell: (row.extra.unit ?? item).cell, messageId: "qualitativeUnit", data: { name, value: item.text, column } });
          continue;
        }
        if (/^定量/.test(nature) && (own.kind === "qualitative" || own.kind === "text")) {
          ctx.report({ cell: item.cell, messageId: "notNumber", data: { name, value: item.text } });
          continue;
        }
        const t = target(row, which);
        if (t.kind === "number" && t.multiplier === 1 && COUNT_UNITS.has(t.unit) && !Number.isInteger(t.value)) {
          ctx.report({ cell: item.cell, messageId: "fraction", data: { name, value: item.text, unit: t.unit } });
        }
      }
    }
  },
);
