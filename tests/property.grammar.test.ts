/**
 * Property tests for the value grammar (issue 7): it never throws on any cell value, it reads back
 * what it is given as operator + number + unit, and full-width text parses like ASCII.
 */
import fc from "fast-check";
import { KNOWN_UNITS, parseValue, UNIT_SPELLINGS, type Op } from "../src/core/grammar/value";
import type { CellValue } from "../src/core/snapshot";

const RUNS = { numRuns: 300 };

const ERROR_CODES = ["#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"];

/** Any value a host can hand the core, strings over the whole of Unicode (lone surrogates included). */
const anyCellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...ERROR_CODES).map((error) => ({ error })),
);

test("parseValue never throws and always returns a kind and its raw text", () => {
  fc.assert(
    fc.property(anyCellValue, (v) => {
      const p = parseValue(v);
      expect(typeof p.kind).toBe("string");
      expect(typeof p.raw).toBe("string");
    }),
    RUNS,
  );
});

test("parseValue never throws on prefixes and suffixes of real targets around hostile text", () => {
  const piece = fc.constantFrom("≥", "≤", "＝", "不低于", "以上", "万", "亿", "%", "至", "-", "年", "月", "日前", "序时", "#REF!", "，", "\n", "\u3000", "😀", "１２", ".", ",");
  fc.assert(
    fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 5 }), fc.integer().map(String)), { maxLength: 12 }), (parts) => {
      expect(() => parseValue(parts.join(""))).not.toThrow();
    }),
    RUNS,
  );
});

// ---- round trip: operator + number + unit

const OPS: [string, Op | null][] = [
  ["≥", ">="], ["≤", "<="], ["=", "="], [">", ">"], ["<", "<"], [">=", ">="], ["<=", "<="], ["不低于", ">="], ["不超过", "<="], ["", null],
];
/** Units that do not start with a multiplier (千瓦时 reads as 千 × 瓦时) and cannot turn the text into a date (12月). */
const UNITS = [...new Set(KNOWN_UNITS)].filter((u) => !/^[万亿千]/.test(u) && u !== "月");
const MULTIPLIERS: [string, number][] = [["", 1], ["万", 1e4], ["亿", 1e8]];

const amount = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }).map((n) => ({ text: String(n), value: n })),
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1, max: 99 })).map(([i, f]) => {
    const text = `${i}.${String(f).padStart(2, "0")}`;
    return { text, value: Number(text) };
  }),
  fc.integer({ min: 1000, max: 9_999_999 }).map((n) => ({ text: n.toLocaleString("en-US"), value: n })),
);

test("operator + number + unit round-trips", () => {
  fc.assert(
    fc.property(fc.constantFrom(...OPS), amount, fc.constantFrom(...MULTIPLIERS), fc.constantFrom(...UNITS), ([opText, op], n, [mulText, mul], unit) => {
      const text = `${opText}${n.text}${mulText}${unit}`;
      const p = parseValue(text);
      // Another spelling of a unit (百分比) reads as the unit itself (%).
      expect(p).toMatchObject({ kind: "number", raw: text, op, value: n.value, multiplier: mul, unit: UNIT_SPELLINGS[unit] ?? unit });
    }),
    RUNS,
  );
});

test("a number cell round-trips as a number without operator or unit", () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      expect(parseValue(x)).toEqual({ kind: "number", raw: String(x), op: null, value: x, multiplier: 1, unit: "" });
    }),
    RUNS,
  );
});

// ---- full-width text parses like ASCII

const FULL_WIDTH: Record<string, string> = { "=": "＝", ">": "＞", "<": "＜", "%": "％", ".": "．", ",": "，", " ": "\u3000" };
function toFullWidth(s: string): string {
  return [...s].map((ch) => (/[0-9]/.test(ch) ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : (FULL_WIDTH[ch] ?? ch))).join("");
}

test("full-width digits and operators parse like ASCII", () => {
  const ascii = fc.tuple(fc.constantFrom("", "=", ">", "<", ">=", "<=", "≥", "≤"), amount, fc.constantFrom("%", "个", "次", "万元", "人次", "", "小时")).map(([o, n, u]) => `${o}${n.text.replace(/,/g, "")}${u}`);
  fc.assert(
    fc.property(ascii, (s) => {
      const wide = toFullWidth(s);
      const a = parseValue(s);
      const b = parseValue(wide);
      expect({ ...b, raw: undefined }).toEqual({ ...a, raw: undefined });
      expect(b.raw).toBe(wide);
    }),
    RUNS,
  );
});

test("full-width deadlines parse like ASCII", () => {
  fc.assert(
    fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
      const s = `${y}年${m}月${d}日前`;
      expect({ ...parseValue(toFullWidth(s)), raw: undefined }).toEqual({ ...parseValue(s), raw: undefined });
    }),
    RUNS,
  );
});
