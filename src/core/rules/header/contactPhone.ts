import { defineRule } from "../types";

/** Digits of every phone-like run in the text (separators inside a number are common: `0510- 8182579 7`). */
export function phoneDigits(text: string): string[] {
  const s = text.normalize("NFKC");
  const runs = s.match(/[\d][\d\s\-—()（）]*[\d]/g) ?? [];
  return runs.map((r) => r.replace(/\D/g, "")).filter((d) => d.length >= 5);
}

export function plausiblePhone(d: string): boolean {
  if (/^1[3-9]\d{9}$/.test(d)) return true; // mobile
  if (/^0\d{2,3}\d{7,8}$/.test(d)) return true; // area code + local
  if (/^[2-9]\d{6,7}$/.test(d)) return true; // local number
  if (/^400\d{7}$/.test(d)) return true;
  return false;
}

export default defineRule(
  {
    id: "header/contact-phone",
    category: "header",
    severity: "warning",
    appliesTo: ["project-target"],
    title: { zh: "联系电话可用", en: "Contact phone is plausible" },
    doc: {
      zh: "项目负责人/联系电话中应有一个可拨打的号码：11 位手机号、区号 + 7–8 位座机号，或 7–8 位本地号码（号码中间的空格和连字符可以接受）。",
      en: "The contact field needs a dialable number: an 11-digit mobile, an area code plus a 7–8 digit landline, or a 7–8 digit local number (spaces and hyphens inside are accepted).",
    },
    fix: { zh: "填写可拨打的号码：11 位手机号或“区号-座机号”。", en: "Enter a number that can be dialled: an 11-digit mobile or area code + landline." },
    messages: {
      none: { zh: "“项目负责人/联系电话”中没有电话号码", en: "The contact field has no phone number" },
      implausible: { zh: "联系电话“{phone}”位数或格式不对", en: "The phone number \"{phone}\" has the wrong length or form" },
    },
  },
  (table, ctx) => {
    const v = table.fields.contact?.value;
    if (!v || !v.text) return;
    const nums = phoneDigits(v.text);
    if (nums.length === 0) ctx.report({ cell: v.cell, messageId: "none" });
    else if (!nums.some(plausiblePhone)) ctx.report({ cell: v.cell, messageId: "implausible", data: { phone: nums[0] } });
  },
);
