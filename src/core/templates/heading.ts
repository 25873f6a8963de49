/**
 * The rows above a form: its title, the year and — in a bureau's distributed copy — the 填报单位 line
 * (the department it was sent to, editable) beside the 印发单位 and the amount unit (fixed). Shared by
 * the three specs so a title is built one way: the profile's whole title, else `<region><standard name>`.
 */
import type { ResolvedParams } from "./params";
import type { RowSpec } from "./spec";

export function titleOf(p: ResolvedParams, standardName: string): string {
  return p.title ?? `${p.region}${standardName}`;
}

/** The 填报单位 line of a department's copy. */
export function reportingUnitText(unit: { name: string; code?: string } | undefined): string {
  return `填报单位：${unit ? `${unit.name}${unit.code ? `（编码 ${unit.code}）` : ""}` : ""}`;
}

/** Title, year and (when a profile or a department gives one) the 填报单位 / 印发单位 line, columns 0..lastCol. */
export function headingRows(p: ResolvedParams, title: string, yearText: string, lastCol: number): RowSpec[] {
  const rows: RowSpec[] = [
    { key: "title", height: 30, cells: [{ col: 0, to: lastCol, role: "title", value: title }] },
    { key: "year", height: 20, cells: [{ col: 0, to: lastCol, role: "subtitle", value: yearText }] },
  ];
  if (p.issuer || p.unit) {
    const split = Math.max(0, Math.floor(lastCol / 2));
    const right = [p.issuer ? `印发单位：${p.issuer}` : "", `金额单位：${p.amountUnit}`].filter(Boolean).join("　");
    rows.push({
      key: "issuer",
      height: 20,
      cells: [
        { col: 0, to: split, role: "unitLine", value: reportingUnitText(p.unit), anchor: "field.reportingUnit" },
        { col: split + 1, to: lastCol, role: "issuerLine", value: right },
      ],
    });
  }
  return rows;
}

/** Last heading row key, for the rows repeated on every printed page. */
export function headingThrough(p: ResolvedParams): string {
  return p.issuer || p.unit ? "issuer" : "year";
}
