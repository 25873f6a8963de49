import { fullUnit, type NumberValue } from "../../grammar/value";
import { defineRule } from "../types";
import { level3, target } from "../util";

/** Names whose value is naturally a bare count or a percentage already implied. */
const RATE_NAME = /率$|比例$|占比$|覆盖面$/;
/** A unit written at the end of the indicator's name, as many regions' forms do: 实施营造林总面积（亩）, 受益人数(人). */
const UNIT_IN_NAME = /[(（]\s*(%|[\u4e00-\u9fa5A-Za-z/²³]{1,5})\s*[)）]$/;

export default defineRule(
  {
    id: "indicator/unit",
    category: "indicator",
    severity: "warning",
    needs: ["full"],
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "指标值带单位且半年与全年一致", en: "Targets carry a unit, the same in both columns" },
    doc: {
      zh: "定量指标值应带计量单位（个、次、%、万元…，或在“计量单位”列中写明）；半年与全年的单位必须一致。“百分比”（一体化系统的写法）视同“%”。",
      en: "A quantitative target needs a unit (个, 次, %, 万元 … or a 计量单位 column); half-year and full-year units must match. 百分比 (the 一体化 systems' spelling) counts as %.",
    },
    fix: { zh: "在指标值后写上计量单位（或填写计量单位列），半年与全年用同一单位。", en: "Add the unit after the value (or in the unit column), the same for half-year and full year." },
    messages: {
      missing: { zh: "“{name}”的指标值“{value}”没有单位", en: "The target \"{value}\" of \"{name}\" has no unit" },
      mismatch: { zh: "“{name}”半年单位“{half}”与全年单位“{full}”不一致", en: "\"{name}\": the half-year unit \"{half}\" differs from the full-year unit \"{full}\"" },
    },
  },
  (table, ctx) => {
    for (const row of table.indicators) {
      const name = level3(row);
      const hasUnitColumn = Boolean(row.extra.unit?.text) || UNIT_IN_NAME.test(name);
      const h = target(row, "half");
      const f = target(row, "full");
      for (const [item, p] of [[row.half, h], [row.full, f]] as const) {
        if (!item || p.kind !== "number") continue;
        if (p.unit === "" && p.multiplier === 1 && !hasUnitColumn && !RATE_NAME.test(name)) {
          ctx.report({ cell: item.cell, messageId: "missing", data: { name, value: item.text } });
        }
      }
      if (h.kind === "number" && f.kind === "number" && row.half && fullUnit(h as NumberValue) !== fullUnit(f as NumberValue)) {
        // 0 with no unit in the half-year column (nothing due yet) is not a mismatch.
        if (!(h.value === 0 && h.unit === "")) ctx.report({ cell: row.half.cell, messageId: "mismatch", data: { name, half: fullUnit(h) || "（无）", full: fullUnit(f) || "（无）" }, severity: "error" });
      }
    }
  },
);
