import { fullUnit, magnitude, moneyInYuan, parseValue, type NumberValue } from "../src/core/grammar/value";

function num(s: string): NumberValue {
  const p = parseValue(s);
  if (p.kind !== "number") throw new Error(`${s} parsed as ${p.kind}`);
  return p;
}

describe("value grammar: numbers with operators and units", () => {
  test.each([
    ["≥25期", ">=", 25, "期"],
    ["≤59万元", "<=", 59, "元"],
    ["=100%", "=", 100, "%"],
    [">0份", ">", 0, "份"],
    ["<5次", "<", 5, "次"],
    [">=90%", ">=", 90, "%"],
    ["<=12个月", "<=", 12, "个月"],
    ["＝１００％", "=", 100, "%"],
    ["＞３次", ">", 3, "次"],
    ["≧98%", ">=", 98, "%"],
    ["≦1小时", "<=", 1, "小时"],
    ["≥1800元/人/天", ">=", 1800, "元/人/天"],
    ["≥9m3", ">=", 9, "m3"],
    ["≥99.95%", ">=", 99.95, "%"],
    ["≥ 2 TB", ">=", 2, "TB"],
    ["不低于90%", ">=", 90, "%"],
    ["90%以上", ">=", 90, "%"],
    ["100%", null, 100, "%"],
    ["1,000人次", null, 1000, "人次"],
  ])("%s", (text, op, value, unit) => {
    const v = num(text);
    expect(v.op).toBe(op);
    expect(v.value).toBe(value);
    expect(v.unit).toBe(unit);
  });

  test("万 and 亿 are multipliers; 万元 is money in 元", () => {
    const a = num("≥4.95亿条");
    expect(a.multiplier).toBe(1e8);
    expect(a.unit).toBe("条");
    expect(magnitude(a)).toBeCloseTo(4.95e8);
    expect(fullUnit(a)).toBe("亿条");
    const b = num("≤59万元");
    expect(moneyInYuan(b)).toBe(590000);
    expect(moneyInYuan(num("≤1800元/天"))).toBeNull();
    expect(num("5万").multiplier).toBe(1e4);
  });

  test("ranges keep both ends", () => {
    const r = num("1至2个");
    expect(r.value).toBe(1);
    expect(r.upper).toBe(2);
    expect(r.unit).toBe("个");
  });

  test("Excel numbers are numbers without unit", () => {
    expect(parseValue(0.9)).toMatchObject({ kind: "number", value: 0.9, unit: "", op: null });
  });
});

describe("value grammar: other kinds", () => {
  test.each([
    ["充分", "qualitative"],
    ["合规", "qualitative"],
    ["较高", "qualitative"],
    ["严格执行相关财经法规、制度", "qualitative"],
    ["序时进度", "progress"],
    ["/", "not-applicable"],
    ["—", "not-applicable"],
    ["不适用", "not-applicable"],
    ["*", "placeholder"],
    ["XXX", "placeholder"],
    ["待定", "placeholder"],
    ["", "empty"],
    ["   ", "empty"],
    ["2025年12月31日前", "date"],
    ["12月31日", "date"],
    ["提供7×24小时不间断服务", "text"],
    ["普通2小时内，重大1小时内，特大半小时内", "text"],
    ["每半年1次", "text"],
  ])("%s → %s", (text, kind) => {
    expect(parseValue(text).kind).toBe(kind);
  });

  test("deadline dates", () => {
    expect(parseValue("2025年12月31日前")).toMatchObject({ kind: "date", year: 2025, month: 12, day: 31, deadline: true });
    expect(parseValue("12月31日")).toMatchObject({ kind: "date", month: 12, day: 31, deadline: false });
  });

  test("errors, null and booleans never throw", () => {
    expect(parseValue({ error: "#REF!" }).kind).toBe("error");
    expect(parseValue("#DIV/0!").kind).toBe("error");
    expect(parseValue(null).kind).toBe("empty");
    expect(parseValue(true).kind).toBe("text");
    expect(parseValue(Number.NaN).kind).toBe("text");
  });

  test("text it does not understand stays text, never a guessed number", () => {
    const p = parseValue("详见附件说明");
    expect(p.kind).toBe("text");
    expect(p.raw).toBe("详见附件说明");
  });
});
