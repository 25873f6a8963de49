import type { Field, Table } from "../../model";
import { defineRule } from "../types";
import { amountValue, fmt } from "../util";

export interface ProseAmount {
  /** In 元. */
  yuan: number;
  raw: string;
  index: number;
}

const AMOUNT = /(\d+(?:,\d{3})*(?:\.\d+)?)\s*(亿元|万元|元)/g;
const SCALE: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };

export function amountsIn(text: string): ProseAmount[] {
  const t = text.normalize("NFKC");
  return [...t.matchAll(AMOUNT)].map((m) => ({ yuan: Number(m[1].replace(/,/g, "")) * SCALE[m[2]], raw: m[0], index: m.index! }));
}

/**
 * The sum a text states and the parts it lists: `共申请预算资金90万元。其中:30万元用于…;30万元用于…` gives the
 * stated total 90万元 and the parts after 其中; `532万元用于…，387万元用于…` gives parts only (each followed by
 * 用于), to be held to the table's amount.
 */
export function proseSum(text: string): { stated?: ProseAmount; parts: ProseAmount[] } | undefined {
  // Every field of every table is asked: a text with no 元 states no amount.
  if (!text.includes("元")) return undefined;
  const t = text.normalize("NFKC");
  const amounts = amountsIn(t);
  if (amounts.length < 2) return undefined;
  const split = t.indexOf("其中");
  if (split > 0) {
    const before = amounts.filter((a) => a.index < split);
    const parts = amounts.filter((a) => a.index > split);
    if (before.length >= 1 && parts.length >= 2) return { stated: before[before.length - 1], parts };
    return undefined;
  }
  const used = amounts.filter((a) => /^\s*(用于|用作|安排|补助)/.test(t.slice(a.index + a.raw.length, a.index + a.raw.length + 4)));
  if (used.length >= 2 && used.length === amounts.length) return { parts: used };
  return undefined;
}

/** The table's amount in 元, for a text that lists parts only: the 资金总额 (in the table's 万元). */
export function tableAmount(table: Table): number | null {
  if (table.kind === "self-evaluation") {
    const total = table.funds.find((f) => f.total) ?? table.funds[0];
    const v = amountValue(total?.budget) ?? amountValue(total?.initial);
    return v === null ? null : v * 1e4;
  }
  if (table.kind === "evaluation-report" || table.kind === "monitoring") return null;
  const unit = table.funding.unitLabel?.text ?? "";
  const v = amountValue(table.funding.total?.full);
  if (v === null) return null;
  return /元/.test(unit) && !/万元/.test(unit) ? v : v * 1e4;
}

const wan = (yuan: number) => (yuan >= 1e5 || yuan % 1 !== 0 ? `${fmt(yuan / 1e4)}万元` : `${fmt(yuan)}元`);

/**
 * Class 10 of issue 22: figures stated in prose that do not add up — the parts listed after 其中 against the
 * sum the text states (池州 2022: 30 + 30 + 29.99 = 89.99 against 89.97万元), or parts each 用于 something
 * against the table's own amount (东莞 2019: 532 + 387 = 919 ✓).
 */
export default defineRule(
  {
    id: "funding/prose-sums",
    category: "funding",
    severity: "warning",
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "文字中列出的金额之和不符", en: "Amounts stated in prose do not add up" },
    doc: {
      zh: "目标或完成情况的文字中列出的各项金额（“其中：30万元用于…；30万元用于…”），应等于文字中写明的总数；只列各项“用于”金额而不写总数时，应等于表中的资金总额。",
      en: "The amounts a goal or result text lists (其中：30万元用于…；30万元用于…) must add up to the total the text states; parts listed without a total (532万元用于…，387万元用于…) must add up to the table's 资金总额.",
    },
    fix: { zh: "核对文字中的各项金额与总数，改正其中错误的一项。", en: "Check the parts and the total in the text and correct the wrong one." },
    messages: {
      stated: { zh: "文字中各项金额 {parts} = {sum}，与写明的总数 {stated} 不符（差 {diff}）", en: "The parts in the text, {parts} = {sum}, differ from the stated {stated} (by {diff})" },
      table: { zh: "文字中各项金额 {parts} = {sum}，与表中资金总额 {total} 不符（差 {diff}）", en: "The parts in the text, {parts} = {sum}, differ from the table's total {total} (by {diff})" },
    },
  },
  (table, ctx) => {
    const tol = ctx.profile.amountTolerance * 1e4 + 1e-6;
    for (const f of Object.values(table.fields as Record<string, Field | undefined>)) {
      const item = f?.value;
      if (!item?.text) continue;
      const s = proseSum(item.text);
      if (!s) continue;
      const sum = s.parts.reduce((a, p) => a + p.yuan, 0);
      const parts = s.parts.map((p) => p.raw).join(" + ");
      if (s.stated) {
        if (Math.abs(sum - s.stated.yuan) > tol) ctx.report({ cell: item.cell, messageId: "stated", data: { parts, sum: wan(sum), stated: s.stated.raw, diff: wan(Math.abs(sum - s.stated.yuan)) } });
        continue;
      }
      const total = tableAmount(table);
      if (total !== null && total > 0 && Math.abs(sum - total) > tol) {
        ctx.report({ cell: item.cell, messageId: "table", data: { parts, sum: wan(sum), total: wan(total), diff: wan(Math.abs(sum - total)) } });
      }
    }
  },
);
