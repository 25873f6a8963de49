/**
 * The value grammar for indicator targets (指标值): `≥25期`, `≤59万元`, `=100%`, `合规`, `序时进度`,
 * `2025年12月31日前`. What it does not understand it keeps as text; it never guesses.
 */
import type { CellValue } from "../snapshot";
import { isCellError } from "../snapshot";

export type Op = ">=" | "<=" | "=" | ">" | "<";

export interface NumberValue {
  kind: "number";
  raw: string;
  /** null when the value was written without an operator (`100%`). */
  op: Op | null;
  /** The number as written (`4.95` in `≥4.95亿条`). */
  value: number;
  /** 万 / 亿 / 千 multiplier written before the unit (1 when none). `万元` is 1e4 × `元`. */
  multiplier: number;
  /** Unit after the multiplier: `%`, `元`, `个`, `人次`, `元/人/天`, `个月` … ("" when none). */
  unit: string;
  /** Upper end of a range written `1至2个` / `1-2个` (value holds the lower end). */
  upper?: number;
  /** A tolerance `±3%以内`: the deviation may be at most `value` (op is then `<=`). */
  tolerance?: boolean;
}

export interface DateValue {
  kind: "date";
  raw: string;
  year?: number;
  month: number;
  day?: number;
  /** `前` / `之前` / `以前`: a deadline. */
  deadline: boolean;
}

export type ParsedValue =
  | NumberValue
  | DateValue
  | { kind: "progress"; raw: string } // 序时进度
  | { kind: "qualitative"; raw: string; word: string }
  | { kind: "not-applicable"; raw: string } // "/", "—", 不适用
  | { kind: "placeholder"; raw: string } // *, XXX, 待定, or a unit with no number (`公里`, `≥ %`)
  | { kind: "error"; raw: string } // #REF! and friends
  | { kind: "empty"; raw: "" }
  | { kind: "text"; raw: string };

/** Words a 定性 target is written with on real tables (domain-rules D1, seeds 000/002). */
export const QUALITATIVE_WORDS: readonly string[] = [
  "充分", "规范", "合理", "明确", "科学", "合规", "健全", "有效", "及时", "明显", "较高", "高", "提升", "提高",
  "好", "良好", "较好", "改善", "公开", "完善", "达标", "合格", "正常", "正常运行", "显著", "稳定", "安全",
  "完成", "按时完成", "达成预期指标", "效果明显", "应保尽保", "无重大故障", "互联互通", "节约成本", "维护良好",
  "效能提高", "不断提升", "持续提升", "逐步提升", "明显提升", "有所提升", "规范业务质量",
  "减少", "有效减少", "降低", "有效降低", "增加", "增强", "有效增强", "加强",
];

/** Phrases that are standard qualitative targets although longer than one word. */
const QUALITATIVE_PHRASE = /^(严格执行|按照|符合|满足|达到|完成)[\u4e00-\u9fa5、，,（）()《》“”]*$/;

const OPS: [RegExp, Op][] = [
  [/^(>=|≥=|≥|≧|不低于|不少于|至少|大于等于|大于或等于)/, ">="],
  [/^(<=|≤=|≤|≦|不高于|不超过|不多于|至多|小于等于|小于或等于|控制在)/, "<="],
  [/^(==|=)/, "="],
  [/^(>|大于|高于|超过)/, ">"],
  [/^(<|小于|低于)/, "<"],
];

const MULTIPLIERS: Record<string, number> = { 万: 1e4, 亿: 1e8, 千: 1e3 };

/** Units seen on real tables; anything short after a number is accepted as a unit too. */
export const KNOWN_UNITS: readonly string[] = [
  "%", "‰", "元", "个", "次", "期", "人次", "人", "份", "所", "条", "项", "天", "月", "个月", "年", "周",
  "小时", "分钟", "秒", "工作日", "平方米", "m2", "m3", "立方米", "米", "公里", "km", "TB", "GB", "家", "辆",
  "套", "篇", "户", "场", "台", "件", "张", "册", "本", "批", "类", "只", "座", "所", "名", "位", "单", "笔",
  "元/人/天", "元/天", "元/人", "小时/年", "人天", "课时", "学时", "分", "倍", "吨", "千瓦时", "度",
  "亩", "公顷", "株", "头", "棵", "处", "间", "栋", "节", "岗", "公斤", "千克", "立方", "百分比", "人/次", "元/平米", "元/米",
];

/** Other spellings of a unit, read as the unit itself. */
export const UNIT_SPELLINGS: Readonly<Record<string, string>> = { 百分比: "%" };

/** NFKC folds full-width digits, letters, ＝＞＜％ and spaces; ≧≦ and line breaks are handled here. */
export function normalizeValueText(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/[≧]/g, "≥")
    .replace(/[≦]/g, "≤")
    .replace(/[═]/g, "=")
    .replace(/[\s\u00a0\u3000]+/g, "")
    .trim();
}

const NUM = String.raw`[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const NUMBER_RE = new RegExp(String.raw`^(${NUM})(?:(?:至|到|~|～|-|—)(${NUM}))?(.*)$`);
const DATE_RE = /^(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号]|底|末)?(之前|以前|前)?$/;
/** `2023年底`, `2023年末前`, `2023年度内`: the year's end. */
const YEAR_END_RE = /^(\d{4})年(?:底|末|度内|内)(之前|以前|前)?$/;
/** A period `2023.07-2024.01` or `2022年3月-2023年11月`: its end is the deadline. */
const PERIOD_RE = /^(\d{4})(?:[./-]|年)(\d{1,2})月?(?:[-~～至到—]+)(\d{4})(?:[./-]|年)(\d{1,2})月?$/;
const ISO_DATE_RE = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(之前|以前|前)?$/;
/** `资金到位率达100%`: a short name, a verb, then the number (see parseValue). */
const SENTENCE_RE = /^([\u4e00-\u9fa5A-Za-z()（）]{1,24}?)(达到|达|不低于|不少于|不超过|不高于|不多于|控制在)(\d.*)$/;
const SUFFIX_OPS: [RegExp, Op][] = [
  [/(以上|及以上)$/, ">="],
  [/(以内|以下|及以下)$/, "<="],
];

function toNumber(s: string): number {
  return Number(s.replace(/,/g, ""));
}

export function parseValue(input: CellValue | undefined): ParsedValue {
  if (input === null || input === undefined) return { kind: "empty", raw: "" };
  if (isCellError(input)) return { kind: "error", raw: input.error };
  if (typeof input === "number") {
    return Number.isFinite(input)
      ? { kind: "number", raw: String(input), op: null, value: input, multiplier: 1, unit: "" }
      : { kind: "text", raw: String(input) };
  }
  if (typeof input === "boolean") return { kind: "text", raw: input ? "TRUE" : "FALSE" };
  const raw = input.trim();
  if (raw === "") return { kind: "empty", raw: "" };
  const s = normalizeValueText(raw);
  if (/^#(REF|VALUE|DIV\/0|N\/A|NAME\?|NUM|NULL|SPILL|CALC)!?/.test(s)) return { kind: "error", raw };
  if (/^(\/|—+|-+|－|不适用|N\/?A)$/i.test(s)) return { kind: "not-applicable", raw };
  if (/^(\*+|x{2,}|×{2,}|待定|待补充|待填|略|\?+|？+)$/i.test(s)) return { kind: "placeholder", raw };
  if (/^序时(进度)?$/.test(s)) return { kind: "progress", raw };

  let rest = s;
  let op: Op | null = null;
  // A target written as a sentence that names the indicator first: 资金到位率达100%, 预算支出进度达到90%以上,
  // 满意度不低于90%. The number after the verb is the target; 达/达到 means at least that, unless 以内 follows.
  const sentence = /^\D/.test(s) && !OPS.some(([re]) => re.test(s)) ? SENTENCE_RE.exec(s) : null;
  if (sentence) {
    rest = /^达/.test(sentence[2]) ? sentence[3] : sentence[2] + sentence[3];
    if (/^达/.test(sentence[2]) && !SUFFIX_OPS.some(([re]) => re.test(sentence[3]))) op = ">=";
  }
  for (const [re, o] of op === null ? OPS : []) {
    const m = re.exec(rest);
    if (m) {
      op = o;
      rest = rest.slice(m[0].length);
      break;
    }
  }
  if (op === null) {
    for (const [re, o] of SUFFIX_OPS) {
      if (re.test(rest) && /^\d/.test(rest)) {
        op = o;
        rest = rest.replace(re, "");
        break;
      }
    }
  }

  const ye = YEAR_END_RE.exec(rest);
  if (ye) return { kind: "date", raw, year: Number(ye[1]), month: 12, day: 31, deadline: true };
  const period = PERIOD_RE.exec(rest);
  if (period && Number(period[4]) >= 1 && Number(period[4]) <= 12) return { kind: "date", raw, year: Number(period[3]), month: Number(period[4]), deadline: true };
  // A tolerance: `±3%以内`, `±5%`.
  let tolerance = false;
  if (op === null && /^(±|\+-|\+\/-)/.test(rest)) {
    tolerance = true;
    op = "<=";
    rest = rest.replace(/^(±|\+-|\+\/-)/, "").replace(/(以内|之内|内)$/, "");
  }
  // An operator or a unit with no number: the template's blank left unfilled (`≥ %`, `公里`, `万亩`).
  if (rest === "" && op !== null) return { kind: "placeholder", raw };
  const bareUnit = rest.length > 1 && rest.charAt(0) in MULTIPLIERS ? rest.slice(1) : rest;
  if (KNOWN_UNITS.includes(bareUnit) && bareUnit !== "度" && bareUnit !== "分") return { kind: "placeholder", raw };

  const d = DATE_RE.exec(rest) ?? ISO_DATE_RE.exec(rest);
  if (d) {
    const month = Number(d[2]);
    const day = d[3] ? Number(d[3]) : undefined;
    if (month >= 1 && month <= 12 && (day === undefined || (day >= 1 && day <= 31))) {
      return { kind: "date", raw, year: d[1] ? Number(d[1]) : undefined, month, day, deadline: Boolean(d[4]) || op === "<=" || op === "<" };
    }
  }

  const m = NUMBER_RE.exec(rest);
  if (m) {
    let tail = m[3];
    let multiplier = 1;
    const mul = tail.charAt(0);
    if (mul in MULTIPLIERS) {
      multiplier = MULTIPLIERS[mul];
      tail = tail.slice(1);
    }
    // Trailing 以上/以内 after a unit: `90%以上`; after an operator word too (`控制在50万元以内`), where the word decides.
    for (const [re, o] of SUFFIX_OPS) {
      if (re.test(tail)) {
        op ??= o;
        tail = tail.replace(re, "");
        break;
      }
    }
    // 百分比 is how the 一体化 budget systems spell % (≥98百分比): the same unit, not a different one.
    const unit = UNIT_SPELLINGS[tail] ?? tail;
    // A long tail is a sentence that starts with a number, not a unit.
    if (unit.length <= 8 && !/[，,。；;：:]/.test(unit) && (!/\d/.test(unit) || KNOWN_UNITS.includes(unit))) {
      const value = toNumber(m[1]);
      const out: NumberValue = { kind: "number", raw, op, value, multiplier, unit };
      if (m[2] !== undefined) out.upper = toNumber(m[2]);
      if (tolerance) out.tolerance = true;
      return out;
    }
  }

  if (op === null) {
    const word = QUALITATIVE_WORDS.find((w) => w === s);
    if (word) return { kind: "qualitative", raw, word };
    if (QUALITATIVE_PHRASE.test(s) && s.length <= 40) return { kind: "qualitative", raw, word: s };
  }
  return { kind: "text", raw };
}

/** The magnitude a number value stands for (value × multiplier), in its unit. */
export function magnitude(v: NumberValue): number {
  return v.value * v.multiplier;
}

/** Money in 元 when the unit is a money unit (`元`, `万元`), otherwise null. */
export function moneyInYuan(v: NumberValue): number | null {
  if (v.unit === "元") return v.value * v.multiplier;
  return null;
}

export function isPercent(v: ParsedValue): v is NumberValue {
  return v.kind === "number" && (v.unit === "%" || v.unit === "‰");
}

/** Unit as written including the multiplier (`万元`, `亿条`), for messages and comparisons. */
export function fullUnit(v: NumberValue): string {
  const mul = Object.entries(MULTIPLIERS).find(([, n]) => n === v.multiplier)?.[0] ?? "";
  return mul + v.unit;
}

export function opSymbol(op: Op | null): string {
  return op === ">=" ? "≥" : op === "<=" ? "≤" : op ?? "";
}
