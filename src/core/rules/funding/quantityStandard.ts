import type { CellItem, Field } from "../../model";
import { defineRule } from "../types";
import { fmt } from "../util";
import { tableAmount } from "./proseSums";

const UNITS = "人次|人|户|名|个|所|村|家|次|亩|台|套|辆|间|处|座|场|件|头|只|株|公里|米|平方米|吨";
const COUNT = new RegExp(`(\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s*(万)?\\s*(${UNITS})`, "g");
const STANDARD = new RegExp(`(?:每|按每)\\s*(${UNITS})\\s*(?:每年|每月|补助|发放|标准为?|按)?\\s*(\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s*(万元|元)|(\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s*(万元|元)\\s*/\\s*(${UNITS})`);

/** A count and a unit standard stated together (补助1200人，每人500元; 1200人 × 500元/人): their product in 元. */
export function quantityTimesStandard(text: string): { count: number; unit: string; standard: number; product: number } | undefined {
  // Asked of every name and value of every row: a standard is in 元, so a text without 元 is passed over at once.
  if (!text.includes("元")) return undefined;
  const t = text.normalize("NFKC").replace(/\s+/g, "");
  const s = STANDARD.exec(t);
  if (!s) return undefined;
  const unit = s[1] ?? s[6];
  const standard = Number((s[2] ?? s[4]).replace(/,/g, "")) * ((s[3] ?? s[5]) === "万元" ? 1e4 : 1);
  // The count: a number in the standard's unit outside the standard itself.
  const rest = t.slice(0, s.index) + "|" + t.slice(s.index + s[0].length);
  const counts = [...rest.matchAll(COUNT)].filter((m) => m[3] === unit).map((m) => Number(m[1].replace(/,/g, "")) * (m[2] ? 1e4 : 1));
  if (counts.length !== 1) return undefined;
  return { count: counts[0], unit, standard, product: counts[0] * standard };
}

/**
 * Class 11 of issue 22: a row that states a count and a unit standard (补助1200人，每人500元) asks for count ×
 * standard; that must not exceed the table's funding. Only where one count in the standard's own unit stands in
 * the same text, so the product is what the text says.
 */
export default defineRule(
  {
    id: "funding/quantity-standard",
    category: "funding",
    severity: "warning",
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "数量 × 标准超出预算", en: "Quantity × standard exceeds the budget" },
    doc: {
      zh: "同一处文字写明数量和单位标准（补助1200人，每人500元）时，数量 × 标准就是所需资金，不应超过表中的资金总额；超出说明数量、标准或预算有一处写错。",
      en: "Where a text states a count and a unit standard (补助1200人，每人500元), count × standard is the money it needs and must not exceed the table's total funding; above it, the count, the standard or the budget is wrong.",
    },
    fix: { zh: "核对数量、补助标准和预算金额，使数量 × 标准不超过预算。", en: "Check the count, the standard and the budget so that count × standard stays within the budget." },
    messages: {
      above: { zh: "{count}{unit} × 每{unit}{standard} = {product}，超过资金总额 {total}；请核对数量、标准或预算", en: "{count} {unit} × {standard} per {unit} = {product}, above the total funding {total}; check the count, the standard or the budget" },
    },
  },
  (table, ctx) => {
    const total = tableAmount(table);
    if (total === null || total <= 0) return;
    const tol = ctx.profile.amountTolerance * 1e4;
    const wan = (y: number) => `${fmt(y / 1e4)}万元`;
    const check = (item: CellItem | undefined) => {
      if (!item?.text || typeof item.value !== "string") return;
      const q = quantityTimesStandard(item.text);
      if (q && q.product > total + tol) ctx.report({ cell: item.cell, messageId: "above", data: { count: fmt(q.count), unit: q.unit, standard: `${fmt(q.standard)}元`, product: wan(q.product), total: wan(total) } });
    };
    for (const f of Object.values(table.fields as Record<string, Field | undefined>)) check(f?.value);
    for (const row of table.indicators) {
      check(row.level3);
      check(row.full);
      check(row.extra.explanation);
    }
  },
);
