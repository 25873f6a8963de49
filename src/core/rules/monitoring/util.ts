/** What the monitoring rules share: the total fund line, rates read as written, and the execution light. */
import type { CellItem, CellRef, MonitoringFundLine, MonitoringTable } from "../../model";
import { MONITORING_DEFAULTS, type Profile } from "../../profile";
import { amountOf, amountValue } from "../util";

export const pct = (x: number): string => String(Math.round(x * 10000) / 100);

/** The line the light is shown on: the total (资金总额), else the first line. */
export function totalLine(table: MonitoringTable): MonitoringFundLine | undefined {
  return table.funds.find((f) => f.total) ?? table.funds[0];
}

/**
 * A stated rate as the fractions it can mean: `58.33%` is 0.5833; a number formatted as a percentage is
 * stored as 0.5833; a bare 58.33 means percent. A bare number up to 1.5 can be either (0.9 or 0.9%), so
 * both readings are kept and a rule reports only when neither fits.
 */
export function rateReadings(item: CellItem | undefined): number[] {
  if (!item) return [];
  const v = item.value;
  if (typeof v === "number" && Number.isFinite(v)) return v <= 1.5 ? [v, v / 100] : [v / 100];
  if (typeof v === "string") {
    const s = v.normalize("NFKC").replace(/[\s,]/g, "");
    const m = /^([+-]?\d+(?:\.\d+)?)%$/.exec(s);
    if (m) return [Number(m[1]) / 100];
    const a = amountOf(item);
    if (a.value !== null) return a.value <= 1.5 ? [a.value, a.value / 100] : [a.value / 100];
  }
  return [];
}

/** A cell that says something: not blank, not a dash or slash. */
export function filled(item: CellItem | undefined): boolean {
  return !!item && item.text.replace(/[\s/—\-－]/g, "") !== "";
}

export type LightColor = "red" | "yellow" | "green";

export interface ExecutionLight {
  color: LightColor;
  /** 执行率 as a fraction (computed from 执行数 ÷ 预算数, else as stated). */
  rate: number;
  /** 序时进度: month ÷ 12. */
  pace: number;
  /** rate ÷ pace, percent. */
  ratio: number;
  month: number;
  /** The cell the light is shown on: the total line's rate (else its 执行数). */
  cell: CellRef;
}

/**
 * Execution against time on the total fund line: 执行率 ÷ (month ÷ 12), below the profile's red band red,
 * below its yellow band yellow, else green. Undefined when the months, the budget or the execution cannot
 * be read: no light rather than a wrong one.
 */
export function executionLight(table: MonitoringTable, profile: Profile): ExecutionLight | undefined {
  const line = totalLine(table);
  const month = table.month?.value;
  if (!line || !month) return undefined;
  const budget = amountValue(line.budget);
  const executed = amountValue(line.executed);
  let rate: number | undefined;
  if (budget !== null && budget > 0 && executed !== null) rate = executed / budget;
  else {
    const r = rateReadings(line.rate);
    if (r.length === 1) rate = r[0];
  }
  if (rate === undefined) return undefined;
  const bands = profile.monitoring ?? MONITORING_DEFAULTS;
  const pace = month / 12;
  const ratio = (rate / pace) * 100;
  const color: LightColor = ratio < bands.red - 1e-9 ? "red" : ratio < bands.yellow - 1e-9 ? "yellow" : "green";
  const cell = (line.rate ?? line.executed ?? line.label).cell;
  return { color, rate, pace, ratio, month, cell };
}

export const LIGHT_ZH: Record<LightColor, string> = { red: "红灯", yellow: "黄灯", green: "绿灯" };
export const LIGHT_EN: Record<LightColor, string> = { red: "red", yellow: "yellow", green: "green" };

/** The name a finding gives an indicator row. */
export function indicatorName(row: { level3?: CellItem; level2?: CellItem }): string {
  return row.level3?.text || row.level2?.text || "";
}

/** A light as one line for the CLI, the review workbook and the pane: 黄灯（执行率 40%，序时进度 58.33%，为序时的 68.6%）. */
export function lightText(light: ExecutionLight, lang: "zh" | "en"): string {
  const ratio = String(Math.round(light.ratio * 10) / 10);
  return lang === "en"
    ? `${LIGHT_EN[light.color]} (execution ${pct(light.rate)}% to month ${light.month}, time ${pct(light.pace)}%, ${ratio}% of pace)`
    : `${LIGHT_ZH[light.color]}（1-${light.month}月执行率 ${pct(light.rate)}%，序时进度 ${pct(light.pace)}%，为序时的 ${ratio}%）`;
}
