/**
 * Excel number formats → the text Excel shows in the grid. Pure TypeScript (the core runs in the
 * add-in and the CLI). Typing `100%` in Excel stores 1 with a percent format and typing a date stores
 * a serial with a date format; this module turns the stored value back into what the user sees.
 *
 * Covered: General, also under the names CJK Excel and WPS write (`G/通用格式`, `G/標準`, `G/표준`) and after
 * a colour, [DBNum] or locale prefix; `0`, `#`, `?`, `.`, thousands `,` and trailing-comma scaling; `%`; scientific
 * `E+`; simple fractions `# ?/?`; literal strings ("…", \x, and the characters Excel prints as is);
 * `_x` (a space) and `*x` (fill, dropped); sections `pos;neg;zero;text` and conditions `[>=100]`;
 * colours; locale/currency prefixes `[$-804]`, `[$¥-804]`; `[DBNum1]`/`[DBNum2]` (Chinese numerals);
 * dates and times (y, m, d, h, m, s, AM/PM, elapsed `[h]`, fractional seconds, `aaa`/`aaaa` weekdays,
 * 年/月/日 as literals) in the 1900 system (with its 1900-02-29 that never was) and the 1904 system.
 * Month and day names are English, as Excel shows them for an en-US format code without a locale.
 * tests/numberFormat.numfmt.test.ts compares this module with numfmt on every format of the workbooks we
 * hold and lists the remaining differences with their reasons.
 */

export type FormatKind = "general" | "number" | "percent" | "date" | "time" | "text";

export interface FormatOptions {
  /** The workbook uses the 1904 date system. */
  date1904?: boolean;
  /**
   * Show every significant digit instead of rounding to the format's decimals (what Excel's formula
   * bar shows for a percentage: 0.955 in a `0%` cell reads 95.5%, not the grid's 96%).
   */
  fullPrecision?: boolean;
  /** Render [DBNum] digits as Arabic digits (the rules read digits; the text is otherwise the same). */
  arabicDigits?: boolean;
}

type Token =
  | { t: "lit"; s: string }
  | { t: "digit"; c: "0" | "#" | "?" }
  | { t: "point" }
  | { t: "comma" }
  | { t: "percent" }
  | { t: "exp"; sign: "+" | "-" }
  | { t: "slash" }
  | { t: "date"; s: string }
  | { t: "ampm"; s: string }
  | { t: "elapsed"; s: string }
  | { t: "text" }
  | { t: "general" };

interface Section {
  tokens: Token[];
  cond?: { op: string; value: number };
  dbnum: number;
  isDate: boolean;
  hasAmPm: boolean;
  /** The section is only a colour/condition and literal text (no number placeholder). */
  hasNumber: boolean;
  percent: number;
  kind: FormatKind;
}

interface Compiled {
  sections: Section[];
  kind: FormatKind;
}

const CACHE = new Map<string, Compiled>();

/** Split on `;` outside quotes, brackets and escapes. */
function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = "";
  let q = false;
  let b = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (q) {
      cur += ch;
      if (ch === '"') q = false;
    } else if (ch === '"') {
      q = true;
      cur += ch;
    } else if (ch === "\\" || ch === "_" || ch === "*") {
      cur += ch + (fmt[i + 1] ?? "");
      i++;
    } else if (ch === "[") {
      b = true;
      cur += ch;
    } else if (ch === "]") {
      b = false;
      cur += ch;
    } else if (ch === ";" && !b) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const DATE_CHARS = /[yYmMdDhHsSeEaAgGbB]/;

/**
 * General and the names Chinese, Japanese and Korean Excel and WPS write for it into files ("G/通用格式",
 * "G/標準", "G/표준"), wherever a section has it: alone, after a colour, a [DBNum] or a locale prefix.
 * Read as a date code its G would be an era and the rest text ("/通用格式").
 */
const GENERAL_NAME = /^(?:general|g\/通用格式|g\/標準|g\/표준)/i;

/** The whole format is General under one of its names. */
export function isGeneralFormat(fmt: string | null | undefined): boolean {
  if (!fmt) return true;
  const m = GENERAL_NAME.exec(fmt);
  return m !== null && m[0].length === fmt.length;
}

function compileSection(src: string): Section {
  const tokens: Token[] = [];
  let cond: Section["cond"];
  let dbnum = 0;
  let percent = 0;
  let i = 0;
  const lower = src.toLowerCase();
  const push = (s: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.t === "lit") last.s += s;
    else tokens.push({ t: "lit", s });
  };
  while (i < src.length) {
    const ch = src[i];
    const lc = lower[i];
    if (ch === '"') {
      const end = src.indexOf('"', i + 1);
      push(src.slice(i + 1, end < 0 ? src.length : end));
      i = end < 0 ? src.length : end + 1;
    } else if (ch === "\\") {
      push(src[i + 1] ?? "");
      i += 2;
    } else if (ch === "_") {
      push(" ");
      i += 2;
    } else if (ch === "*") {
      i += 2;
    } else if (ch === "[") {
      const end = src.indexOf("]", i);
      const inner = src.slice(i + 1, end < 0 ? src.length : end);
      i = end < 0 ? src.length : end + 1;
      const c = /^(<=|>=|<>|<|>|=)\s*(-?[\d.]+)$/.exec(inner);
      const db = /^dbnum(\d)$/i.exec(inner);
      if (c) cond = { op: c[1], value: Number(c[2]) };
      else if (db) dbnum = Number(db[1]);
      else if (/^(h+|m+|s+)$/i.test(inner)) tokens.push({ t: "elapsed", s: inner.toLowerCase() });
      else if (inner.startsWith("$")) {
        // [$¥-804]: the currency symbol is printed, the locale after the dash is not.
        const sym = inner.slice(1).split("-")[0];
        if (sym) push(sym);
      }
      // Colours ([Red], [Color10]) and anything else are not printed.
    } else if (GENERAL_NAME.test(src.slice(i, i + 7))) {
      tokens.push({ t: "general" });
      i += GENERAL_NAME.exec(src.slice(i, i + 7))![0].length;
    } else if (lower.startsWith("am/pm", i)) {
      tokens.push({ t: "ampm", s: "AM/PM" });
      i += 5;
    } else if (lower.startsWith("a/p", i)) {
      tokens.push({ t: "ampm", s: src.slice(i, i + 3) });
      i += 3;
    } else if (ch === "0" || ch === "#" || ch === "?") {
      tokens.push({ t: "digit", c: ch });
      i++;
    } else if (ch === ".") {
      // `.0` right after seconds is fractional seconds.
      const prev = tokens[tokens.length - 1];
      if (prev && prev.t === "date" && prev.s[0] === "s" && src[i + 1] === "0") {
        let j = i + 1;
        while (src[j] === "0") j++;
        tokens.push({ t: "date", s: "." + "0".repeat(j - i - 1) });
        i = j;
      } else {
        tokens.push({ t: "point" });
        i++;
      }
    } else if (ch === ",") {
      tokens.push({ t: "comma" });
      i++;
    } else if (ch === "%") {
      tokens.push({ t: "percent" });
      percent++;
      i++;
    } else if ((ch === "E" || ch === "e") && (src[i + 1] === "+" || src[i + 1] === "-") && tokens.some((t) => t.t === "digit")) {
      tokens.push({ t: "exp", sign: src[i + 1] as "+" | "-" });
      i += 2;
    } else if (ch === "/" && tokens.some((t) => t.t === "digit") && /[0#?\d]/.test(src[i + 1] ?? "")) {
      tokens.push({ t: "slash" });
      i++;
    } else if (ch === "@") {
      tokens.push({ t: "text" });
      i++;
    } else if (DATE_CHARS.test(ch)) {
      let j = i;
      while (lower[j] === lc) j++;
      const run = lower.slice(i, j);
      if ("ymdhsae".includes(lc) || (lc === "g" || lc === "b")) tokens.push({ t: "date", s: lc === "e" ? "yyyy" : run });
      else push(src.slice(i, j));
      i = j;
    } else {
      push(ch);
      i++;
    }
  }
  // m right after an hour or right before a second is minutes (literals in between do not count).
  const timeToks = tokens.filter((t) => t.t === "date" || t.t === "elapsed") as { t: "date" | "elapsed"; s: string }[];
  for (let k = 0; k < timeToks.length; k++) {
    const d = timeToks[k];
    if (d.t !== "date" || d.s[0] !== "m" || d.s.length > 2) continue;
    const prev = timeToks[k - 1];
    const next = timeToks.slice(k + 1).find((x) => x.s[0] !== ".");
    if ((prev && prev.s[0] === "h") || (next && next.s[0] === "s")) d.s = d.s === "m" ? "n" : "nn";
  }
  const isDate = tokens.some((t) => t.t === "date" || t.t === "elapsed" || t.t === "ampm");
  const hasAmPm = tokens.some((t) => t.t === "ampm");
  const hasNumber = tokens.some((t) => t.t === "digit" || t.t === "general");
  let kind: FormatKind = "number";
  if (isDate) kind = tokens.some((t) => t.t === "date" && /^[ydgbae]|^m/.test(t.s)) ? "date" : "time";
  else if (percent > 0 && hasNumber) kind = "percent";
  else if (tokens.some((t) => t.t === "text") && !hasNumber) kind = "text";
  else if (tokens.some((t) => t.t === "general")) kind = "general";
  return { tokens, cond, dbnum, isDate, hasAmPm, hasNumber, percent, kind };
}

function compile(fmt: string): Compiled {
  let c = CACHE.get(fmt);
  if (c) return c;
  const sections = splitSections(fmt).map(compileSection);
  const first = sections[0];
  let kind: FormatKind = isGeneralFormat(fmt) ? "general" : first.kind;
  if (first.kind === "number" && !first.hasNumber && !first.isDate && sections.length === 1 && first.tokens.every((t) => t.t === "lit")) kind = "number";
  c = { sections, kind };
  if (CACHE.size > 5000) CACHE.clear();
  CACHE.set(fmt, c);
  return c;
}

/** What kind of value a format shows: percent, date, time, text, a plain number or General. */
export function formatKind(fmt: string | null | undefined): FormatKind {
  if (fmt === null || fmt === undefined) return "general";
  return compile(fmt).kind;
}

/** Excel's built-in number formats by id (ECMA-376 18.8.30), as the styles part refers to them. */
export const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "m/d/yyyy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yyyy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
  // zh-CN built-ins (ids 27–36 and 50–58 are locale-dependent; these are what Chinese Excel writes).
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: "m-d-yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: 'AM/PM h"时"mm"分"',
  35: 'AM/PM h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: 'AM/PM h"时"mm"分"',
  56: 'AM/PM h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

// ---------------------------------------------------------------------------------------------
// Dates

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Milliseconds, already rounded to what is shown. */
  ms: number;
  /** 0 = Sunday. */
  weekday: number;
}

/**
 * A serial date in the workbook's system → its parts. In the 1900 system serial 60 is 1900-02-29,
 * a day that never was (Lotus 1-2-3 compatibility), and serial 0 is "1900-01-00"; both are shown as
 * Excel shows them. Null for serials Excel cannot show as a date (negative, past 9999-12-31).
 */
export function serialToParts(serial: number, date1904 = false, msPrecision = 0): DateParts | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= (date1904 ? 2957004 : 2958466)) return null;
  // Round to the shown precision first: 23:59:59.6 shown as h:mm:ss is the next day's 0:00:00.
  const unit = msPrecision >= 3 ? 1 : msPrecision === 2 ? 10 : msPrecision === 1 ? 100 : 1000;
  let totalMs = Math.round((serial * 86400000) / unit) * unit;
  let days = Math.floor(totalMs / 86400000);
  let msOfDay = totalMs - days * 86400000;
  if (msOfDay < 0) msOfDay = 0;
  let y: number;
  let mo: number;
  let d: number;
  let weekday: number;
  if (!date1904 && days === 60) {
    y = 1900;
    mo = 2;
    d = 29;
    weekday = 3;
  } else if (!date1904 && days === 0) {
    y = 1900;
    mo = 1;
    d = 0;
    weekday = 6;
  } else {
    // Days since 1970-01-01 (UTC), then the civil calendar.
    const epoch = date1904 ? days - 24107 + 0 : days < 60 ? days - 25568 : days - 25569;
    const dt = new Date(epoch * 86400000);
    y = dt.getUTCFullYear();
    mo = dt.getUTCMonth() + 1;
    d = dt.getUTCDate();
    weekday = dt.getUTCDay();
    if (date1904) {
      // 1904-01-01 is serial 0: 1970-01-01 is 24107 days later.
    }
  }
  totalMs = msOfDay;
  const hour = Math.floor(totalMs / 3600000);
  const minute = Math.floor((totalMs % 3600000) / 60000);
  const second = Math.floor((totalMs % 60000) / 1000);
  return { year: y, month: mo, day: d, hour, minute, second, ms: totalMs % 1000, weekday };
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ZH_DAYS = "日一二三四五六";

function pad(n: number, w: number): string {
  const s = String(n);
  return s.length >= w ? s : "0".repeat(w - s.length) + s;
}

function renderDate(sec: Section, serial: number, opts: FormatOptions): string {
  let fracDigits = 0;
  for (const t of sec.tokens) if (t.t === "date" && t.s[0] === ".") fracDigits = Math.max(fracDigits, t.s.length - 1);
  const p = serialToParts(serial, opts.date1904, fracDigits);
  if (!p) return "#".repeat(11);
  let out = "";
  const h12 = sec.hasAmPm ? (p.hour % 12 === 0 ? 12 : p.hour % 12) : p.hour;
  const dbn = opts.arabicDigits ? 0 : sec.dbnum;
  const num = (n: number, w: number, yearLike = false) => (dbn ? chineseDigits(pad(n, w), dbn, yearLike) : pad(n, w));
  const totalSeconds = Math.round(serial * 86400 * 10 ** fracDigits) / 10 ** fracDigits;
  for (const t of sec.tokens) {
    if (t.t === "lit") out += t.s;
    else if (t.t === "ampm") out += t.s === "AM/PM" ? (p.hour < 12 ? "AM" : "PM") : p.hour < 12 ? t.s[0] : t.s[2];
    else if (t.t === "elapsed") {
      const v = t.s[0] === "h" ? Math.floor(totalSeconds / 3600) : t.s[0] === "m" ? Math.floor(totalSeconds / 60) : Math.floor(totalSeconds);
      out += pad(v, t.s.length);
    } else if (t.t === "date") {
      const s = t.s;
      switch (s[0]) {
        case "y":
          out += s.length <= 2 ? num(p.year % 100, 2, true) : num(p.year, 4, true);
          break;
        case "m":
          if (s.length === 1) out += num(p.month, 1);
          else if (s.length === 2) out += num(p.month, 2);
          else if (s.length === 3) out += MONTHS[p.month - 1].slice(0, 3);
          else if (s.length === 5) out += MONTHS[p.month - 1][0];
          else out += MONTHS[p.month - 1];
          break;
        case "d":
          if (s.length <= 2) out += num(p.day, s.length);
          else if (s.length === 3) out += DAYS[p.weekday].slice(0, 3);
          else out += DAYS[p.weekday];
          break;
        case "a":
          // aaa / aaaa: the Chinese weekday (日, 星期日).
          out += s.length >= 4 ? "星期" + ZH_DAYS[p.weekday] : ZH_DAYS[p.weekday];
          break;
        case "h":
          out += num(h12, Math.min(s.length, 2));
          break;
        case "n":
          out += num(p.minute, s.length);
          break;
        case "s":
          out += num(p.second, Math.min(s.length, 2));
          break;
        case ".":
          out += "." + pad(Math.floor(p.ms / 10 ** (3 - (s.length - 1))), s.length - 1);
          break;
        default:
          // Era tokens (g, b) are not shown by Excel outside their locales.
          break;
      }
    } else if (t.t === "digit" || t.t === "general") {
      out += String(serial);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Numbers

const CN_DIGITS = ["〇一二三四五六七八九", "零壹贰叁肆伍陆柒捌玖"];
const CN_UNITS = [
  ["", "十", "百", "千"],
  ["", "拾", "佰", "仟"],
];

/** Digits → Chinese numerals: a year digit by digit (二〇二三), other numbers with units (三十一). */
function chineseDigits(digits: string, dbnum: number, digitByDigit: boolean): string {
  const set = dbnum === 2 ? 1 : 0;
  if (digitByDigit || !/^\d+$/.test(digits)) return digits.replace(/\d/g, (d) => CN_DIGITS[set][Number(d)]);
  return chineseInteger(Number(digits), set);
}

function chineseInteger(n: number, set: number): string {
  if (!Number.isFinite(n) || n < 0 || n >= 1e16) return String(n);
  if (n === 0) return CN_DIGITS[set][0];
  const groups: string[] = [];
  const bigUnits = ["", "万", "亿", "万亿"];
  let rest = Math.floor(n);
  let g = 0;
  let needZero = false;
  while (rest > 0) {
    const part = rest % 10000;
    rest = Math.floor(rest / 10000);
    if (part === 0) {
      needZero = groups.length > 0;
      g++;
      continue;
    }
    let s = "";
    let zero = false;
    for (let k = 3; k >= 0; k--) {
      const d = Math.floor(part / 10 ** k) % 10;
      if (d === 0) {
        if (s) zero = true;
        continue;
      }
      if (zero) s += CN_DIGITS[set][0];
      zero = false;
      s += CN_DIGITS[set][d] + CN_UNITS[set][k];
    }
    if (part < 1000 && rest > 0) s = CN_DIGITS[set][0] + s;
    groups.unshift(s + bigUnits[g] + (needZero ? CN_DIGITS[set][0] : ""));
    needZero = false;
    g++;
  }
  let out = groups.join("");
  // 一十 → 十 for 10–19 (how Excel's DBNum1 writes 12: 十二).
  if (set === 0 && /^一十/.test(out) && n < 20) out = out.slice(1);
  return out;
}

/** Round half away from zero at `d` decimals, working from 15 significant digits as Excel does. */
function roundTo(x: number, d: number): number {
  const v = Number(x.toPrecision(15));
  const r = Math.round(Number(`${Math.abs(v)}e${d}`));
  const out = Number(`${r}e-${d}`);
  return v < 0 ? -out : out;
}

/** Plain decimal digits of a non-negative number at `d` decimals (no exponent notation). */
function fixed(x: number, d: number): string {
  if (x >= 1e21) return BigInt(Math.round(x)).toString() + (d > 0 ? "." + "0".repeat(d) : "");
  return x.toFixed(d);
}

/** Excel's General: up to 11 characters, switching to scientific for very large or small numbers. */
export function generalNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  const neg = v < 0 ? "-" : "";
  if (a >= 1e11 || a < 1e-9) {
    let s = a.toExponential(5);
    let [m, e] = s.split("e");
    m = m.replace(/\.?0+$/, "");
    const en = Number(e);
    s = `${m}E${en < 0 ? "-" : "+"}${pad(Math.abs(en), 2)}`;
    return neg + s;
  }
  const intDigits = a >= 1 ? Math.floor(Math.log10(a)) + 1 : 1;
  const decimals = Math.max(0, 10 - intDigits);
  let s = fixed(roundTo(a, decimals), decimals);
  if (s.includes(".")) s = s.replace(/\.?0+$/, "");
  if (s === "0") return "0";
  return neg + s;
}

/** Shortest decimals (≤ 15 significant digits) that show `x` exactly. */
function neededDecimals(x: number): number {
  const s = String(Number(Math.abs(x).toPrecision(15)));
  if (s.includes("e-")) return Math.min(30, Number(s.split("e-")[1]) + (s.split("e")[0].split(".")[1]?.length ?? 0));
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

function renderNumber(sec: Section, value: number, opts: FormatOptions, signed: boolean): string {
  let toks = sec.tokens;
  if (opts.fullPrecision && sec.hasNumber && !toks.some((t) => t.t === "point" || t.t === "exp" || t.t === "slash" || t.t === "general")) {
    // Full precision needs a decimal point where the format has none: right after the last placeholder.
    const x0 = Math.abs(value) * 100 ** sec.percent;
    if (neededDecimals(x0) > 0) {
      let last = -1;
      for (let k = 0; k < toks.length; k++) if (toks[k].t === "digit") last = k;
      toks = [...toks.slice(0, last + 1), { t: "point" }, ...toks.slice(last + 1)];
    }
  }
  if (!sec.hasNumber) {
    // A section of literals only (`"不适用"`): the literal is the display.
    let out = "";
    for (const t of toks) if (t.t === "lit") out += t.s;
    return (signed && value < 0 ? "-" : "") + out;
  }
  if (toks.some((t) => t.t === "general")) {
    let out = "";
    for (const t of toks) {
      if (t.t === "lit") out += t.s;
      else if (t.t === "general") {
        const g = generalNumber(signed ? value : Math.abs(value));
        out += sec.dbnum && !opts.arabicDigits ? g.replace(/\d+/g, (m) => chineseDigits(m, sec.dbnum, false)) : g;
      }
      else if (t.t === "percent") out += "%";
    }
    return out;
  }
  let x = Math.abs(value) * 100 ** sec.percent;
  // Trailing commas (after the last digit placeholder) divide by 1000 each.
  let lastDigit = -1;
  for (let k = 0; k < toks.length; k++) if (toks[k].t === "digit") lastDigit = k;
  let scale = 0;
  for (let k = lastDigit + 1; k < toks.length && toks[k].t === "comma"; k++) scale++;
  x /= 1000 ** scale;
  const expAt = toks.findIndex((t) => t.t === "exp");
  const slashAt = toks.findIndex((t) => t.t === "slash");
  const neg = signed && value < 0;
  if (slashAt >= 0) return (neg ? "-" : "") + renderFraction(toks, x, slashAt);
  const pointAt = toks.findIndex((t) => t.t === "point");
  const intEnd = pointAt >= 0 ? pointAt : expAt >= 0 ? expAt : toks.length;
  const intToks = toks.slice(0, intEnd);
  const fracToks = pointAt >= 0 ? toks.slice(pointAt + 1, expAt >= 0 ? expAt : toks.length) : [];
  const thousands = intToks.some((t, k) => t.t === "comma" && intToks.slice(k + 1).some((u) => u.t === "digit") && intToks.slice(0, k).some((u) => u.t === "digit"));
  let fracPlaces = fracToks.filter((t) => t.t === "digit").length;
  let exponent = 0;
  if (expAt >= 0) {
    const intPlaces = Math.max(1, intToks.filter((t) => t.t === "digit").length);
    if (x !== 0) {
      exponent = Math.floor(Math.log10(x));
      // Engineering formats (##0.0E+0) keep the exponent a multiple of the integer width.
      if (intPlaces > 1) exponent = Math.floor(exponent / intPlaces) * intPlaces;
      else exponent = exponent - (intPlaces - 1);
      x = x / 10 ** exponent;
      const r = roundTo(x, fracPlaces);
      if (r >= 10 ** Math.max(1, intPlaces) && intPlaces === 1) {
        x = r / 10;
        exponent++;
      }
    }
  }
  const extra = opts.fullPrecision ? Math.max(0, neededDecimals(x) - fracPlaces) : 0;
  fracPlaces += extra;
  const rounded = roundTo(x, fracPlaces);
  const str = fixed(rounded, fracPlaces);
  let [intDigits, fracDigits = ""] = str.split(".");
  if (intDigits === "0") intDigits = "";
  // Integer part: fill placeholders from the right, extra digits go to the leftmost placeholder.
  const intOut = renderIntegerPart(intToks, intDigits, thousands);
  // Fraction part.
  let fracOut = "";
  const fracDigitToks = fracToks.filter((t) => t.t === "digit") as { t: "digit"; c: string }[];
  const kinds = fracDigitToks.map((t) => t.c);
  for (let k = 0; k < extra; k++) kinds.push("#");
  // Drop trailing zeros where the placeholder is # (or turn them into spaces for ?).
  const chars = fracDigits.split("");
  for (let k = chars.length - 1; k >= 0; k--) {
    if (chars[k] !== "0") break;
    if (kinds[k] === "#") chars[k] = "";
    else if (kinds[k] === "?") chars[k] = " ";
    else break;
  }
  let digitIdx = 0;
  // Digits beyond the format's placeholders (full precision) follow the last placeholder.
  let lastFracDigit = -1;
  fracToks.forEach((t, k) => {
    if (t.t === "digit") lastFracDigit = k;
  });
  const rest = () => {
    while (digitIdx < chars.length) fracOut += chars[digitIdx++];
  };
  if (lastFracDigit < 0) rest();
  fracToks.forEach((t, k) => {
    if (t.t === "digit") {
      fracOut += chars[digitIdx++] ?? "";
      if (k === lastFracDigit) rest();
    } else if (t.t === "lit") fracOut += t.s;
    else if (t.t === "percent") fracOut += "%";
  });
  let out = intOut + (pointAt >= 0 ? "." + fracOut : "");
  if (expAt >= 0) {
    const expToks = toks.slice(expAt + 1);
    const expDigits = expToks.filter((t) => t.t === "digit").length;
    const sign = exponent < 0 ? "-" : (toks[expAt] as { sign: string }).sign === "+" ? "+" : "";
    out += "E" + sign + pad(Math.abs(exponent), expDigits);
    for (const t of expToks) if (t.t === "lit") out += t.s;
    else if (t.t === "percent") out += "%";
  }
  // A number that rounds to zero shows no minus sign.
  const isZero = !/[1-9]/.test(intDigits + fracDigits);
  if (neg && !isZero) out = "-" + out;
  if (sec.dbnum && !opts.arabicDigits) out = out.replace(/\d+/g, (m) => chineseDigits(m, sec.dbnum, false));
  return out;
}

function renderIntegerPart(toks: Token[], digits: string, thousands: boolean): string {
  const slots = toks.filter((t) => t.t === "digit").length;
  // Literals inside the integer placeholders (000-0000) are placed between digits; with thousands
  // grouping the digits are grouped first.
  let out = "";
  let di = digits.length - 1;
  const placed: string[] = [];
  let remainingSlots = slots;
  for (let k = toks.length - 1; k >= 0; k--) {
    const t = toks[k];
    if (t.t === "digit") {
      remainingSlots--;
      let s = "";
      if (remainingSlots === 0) {
        // The leftmost placeholder takes every digit left.
        s = di >= 0 ? digits.slice(0, di + 1) : t.c === "0" ? "0" : t.c === "?" ? " " : "";
        di = -1;
      } else if (di >= 0) {
        s = digits[di--];
      } else s = t.c === "0" ? "0" : t.c === "?" ? " " : "";
      placed.unshift(s);
    } else if (t.t === "lit") placed.unshift(t.s);
    else if (t.t === "percent") placed.unshift("%");
    else if (t.t === "comma") placed.unshift("");
    else if (t.t === "text") placed.unshift("");
  }
  if (!thousands) return placed.join("");
  // Regroup: collect the number's digits and put separators every three from the right.
  out = "";
  let numStr = "";
  let prefix = "";
  let suffix = "";
  let seenDigit = false;
  let k = 0;
  for (const t of toks) {
    const s = placed[k++];
    if (t.t === "digit") {
      numStr += s;
      seenDigit = true;
    } else if (!seenDigit) prefix += s;
    else if (t.t === "lit" || t.t === "percent") suffix += s;
  }
  const lead = numStr.match(/^ */)?.[0] ?? "";
  const body = numStr.slice(lead.length);
  const grouped = body.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  out = prefix + lead + grouped + suffix;
  return out;
}

function renderFraction(toks: Token[], x: number, slashAt: number): string {
  const before = toks.slice(0, slashAt);
  const after = toks.slice(slashAt + 1);
  const denomDigits = after.filter((t) => t.t === "digit").length || 1;
  const fixedDenom = after.map((t) => (t.t === "lit" ? t.s : "")).join("").match(/^\d+/)?.[0];
  // Integer part only when there is a placeholder group before the numerator's group.
  const digitRuns: number[] = [];
  let prevDigit = false;
  for (const t of before) {
    if (t.t === "digit") {
      if (!prevDigit) digitRuns.push(0);
      digitRuns[digitRuns.length - 1]++;
      prevDigit = true;
    } else prevDigit = false;
  }
  const hasInt = digitRuns.length >= 2;
  const whole = hasInt ? Math.floor(x) : 0;
  const frac = x - whole;
  let best = { n: Math.round(frac), d: 1, err: Math.abs(frac - Math.round(frac)) };
  if (fixedDenom) {
    const d = Number(fixedDenom);
    best = { n: Math.round(frac * d), d, err: 0 };
  } else {
    const maxD = 10 ** denomDigits - 1;
    for (let d = 1; d <= maxD; d++) {
      const n = Math.round(frac * d);
      const err = Math.abs(frac - n / d);
      if (err < best.err - 1e-12) best = { n, d, err };
    }
  }
  if (best.n === best.d && hasInt) return String(whole + 1);
  if (best.n === 0) return hasInt ? String(whole) : "0";
  const numStr = `${best.n}/${best.d}`;
  return hasInt && whole > 0 ? `${whole} ${numStr}` : numStr;
}

function condMatches(c: { op: string; value: number }, v: number): boolean {
  switch (c.op) {
    case "<":
      return v < c.value;
    case "<=":
      return v <= c.value;
    case ">":
      return v > c.value;
    case ">=":
      return v >= c.value;
    case "=":
      return v === c.value;
    default:
      return v !== c.value;
  }
}

/**
 * The text Excel shows for a value in a cell with number format `fmt` (null/"" = General).
 * Booleans show TRUE/FALSE, text goes through the text section (`@`), errors show their code.
 */
export function formatValue(value: string | number | boolean | null, fmt: string | null | undefined, opts: FormatOptions = {}): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const f = fmt ?? "General";
  if (typeof value === "string") {
    const c = compile(f);
    const sec = c.sections.length >= 4 ? c.sections[3] : c.sections.find((s) => s.tokens.some((t) => t.t === "text"));
    if (!sec) return value;
    let out = "";
    for (const t of sec.tokens) out += t.t === "lit" ? t.s : t.t === "text" ? value : "";
    return out;
  }
  if (!Number.isFinite(value)) return String(value);
  if (isGeneralFormat(f)) return generalNumber(value);
  const c = compile(f);
  const secs = c.sections;
  let sec: Section;
  let signed = true;
  if (secs.some((s) => s.cond)) {
    // Conditional sections: the first two carry conditions, the third is the rest.
    const hit = secs.slice(0, 2).findIndex((s) => s.cond && condMatches(s.cond, value));
    if (hit >= 0) {
      sec = secs[hit];
      signed = hit === 0 ? !(secs[0].cond && value < 0 && secs[0].cond.value <= 0) : false;
      signed = value < 0 && hit > 0 ? false : signed;
    } else sec = secs[2] ?? secs[1] ?? secs[0];
    if (sec.tokens.every((t) => t.t !== "text") || sec.hasNumber) {
      /* fine */
    }
  } else if (value < 0 && secs.length >= 2 && secs[1].tokens.length > 0) {
    sec = secs[1];
    signed = false;
  } else if (value === 0 && secs.length >= 3) {
    sec = secs[2];
  } else sec = secs[0];
  if (sec.tokens.length === 0 && secs.length > 1) return "";
  if (sec.isDate) {
    if (value < 0) return "#".repeat(11);
    return renderDate(sec, value, opts);
  }
  if (sec.tokens.every((t) => t.t === "text" || t.t === "lit") && sec.tokens.some((t) => t.t === "text")) return generalNumber(value);
  return renderNumber(sec, value, opts, signed);
}

/** The date a serial stands for, as text the value grammar reads: 2023年12月31日 (or 2023年12月 when the format shows no day). */
export function canonicalDate(serial: number, fmt: string, date1904 = false): string | null {
  const p = serialToParts(serial, date1904);
  if (!p) return null;
  const toks = compile(fmt).sections[0].tokens;
  const hasDay = toks.some((t) => t.t === "date" && (t.s === "d" || t.s === "dd"));
  const hasMonth = toks.some((t) => t.t === "date" && t.s[0] === "m");
  if (!hasMonth) return `${p.year}年`;
  return hasDay ? `${p.year}年${p.month}月${p.day}日` : `${p.year}年${p.month}月`;
}
