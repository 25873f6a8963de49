import { magnitude, parseValue, type NumberValue } from "../../grammar/value";
import { MONITORING_DEFAULTS } from "../../profile";
import { defineRule } from "../types";
import { fmt } from "../util";
import { indicatorName } from "./util";

/**
 * The forecast on the target's scale: a percentage target and a bare forecast of at most 1.5 (a cell formatted
 * as a percentage holds 0.96) are one scale; other differing units are not comparable.
 */
function comparable(target: NumberValue, forecast: NumberValue): number | undefined {
  if (target.unit === forecast.unit || !forecast.unit) {
    if (target.unit === "%" && !forecast.unit && forecast.value <= 1.5 && target.value > 1.5) return forecast.value * 100;
    return target.unit === forecast.unit ? magnitude(forecast) / target.multiplier : forecast.value;
  }
  if (!target.unit) return forecast.value;
  return undefined;
}

export default defineRule(
  {
    id: "monitoring/forecast-deviation",
    category: "monitoring",
    severity: "warning",
    appliesTo: ["monitoring"],
    title: { zh: "全年预计完成值偏离年度指标值却未说明原因", en: "Full-year forecast off target with no reason" },
    doc: {
      zh: "全年预计完成情况与年度指标值相差超过 15%（配置文件 monitoring），或低于“≥”目标、高于“≤”目标，而偏差原因分析为空时报告。写明原因的不报告。",
      en: "Reported when 全年预计完成情况 differs from 年度指标值 by more than 15% (the profile's monitoring), or falls short of a ≥ target or exceeds a ≤ target, and no cause of the deviation is given. Rows with a reason are not reported.",
    },
    fix: { zh: "在偏差原因分析中说明预计偏离的原因，并填写完善措施；或核对预计完成值。", en: "Give the cause of the expected deviation and the remedy, or check the forecast." },
    messages: {
      below: {
        zh: "“{indicator}”年度指标值 {target}，全年预计完成 {forecast}，达不到目标，但未填写偏差原因",
        en: "\"{indicator}\" targets {target} but forecasts {forecast} for the year, short of it, with no reason given",
      },
      above: {
        zh: "“{indicator}”年度指标值 {target}，全年预计完成 {forecast}，超过上限，但未填写偏差原因",
        en: "\"{indicator}\" targets {target} but forecasts {forecast} for the year, over the limit, with no reason given",
      },
      deviates: {
        zh: "“{indicator}”全年预计完成 {forecast}，偏离年度指标值 {target} {deviation}%（超过 {allowed}%），但未填写偏差原因",
        en: "\"{indicator}\" forecasts {forecast}, {deviation}% off its target of {target} (more than {allowed}%), with no reason given",
      },
    },
  },
  (table, ctx) => {
    const allowed = (ctx.profile.monitoring ?? MONITORING_DEFAULTS).deviationPercent;
    for (const row of table.indicators) {
      if (row.reasonGiven || !row.forecast || !row.full) continue;
      const t = parseValue(row.full.value);
      const f = parseValue(row.forecast.value);
      if (t.kind !== "number" || f.kind !== "number" || t.upper !== undefined || t.tolerance) continue;
      const fv = comparable(t, f);
      if (fv === undefined) continue;
      const tv = t.value;
      const data = { indicator: indicatorName(row), target: row.full.text, forecast: row.forecast.text, allowed };
      if ((t.op === ">=" || t.op === ">") && fv < tv - 1e-9) ctx.report({ cell: row.forecast.cell, messageId: "below", data });
      else if ((t.op === "<=" || t.op === "<") && fv > tv + 1e-9) ctx.report({ cell: row.forecast.cell, messageId: "above", data });
      else if (tv !== 0) {
        const deviation = (Math.abs(fv - tv) / Math.abs(tv)) * 100;
        if (deviation > allowed + 1e-9) ctx.report({ cell: row.forecast.cell, messageId: "deviates", data: { ...data, deviation: fmt(Math.round(deviation * 10) / 10) } });
      }
    }
  },
);
