/** Ways real regional tables write targets (issue 11): each parses to what a reviewer reads in it. */
import { isPercent, parseValue } from "../src/core/grammar/value";

test.each([
  ["不低于95%", { kind: "number", op: ">=", value: 95, unit: "%" }],
  ["不超过59万元", { kind: "number", op: "<=", value: 59, multiplier: 1e4, unit: "元" }],
  ["≧90%", { kind: "number", op: ">=", value: 90 }],
  ["≦5天", { kind: "number", op: "<=", value: 5, unit: "天" }],
  ["═100%", { kind: "number", op: "=", value: 100 }],
  ["＝100%", { kind: "number", op: "=", value: 100 }],
  ["﹦100%", { kind: "number", op: "=", value: 100 }],
  ["90%以上", { kind: "number", op: ">=", value: 90 }],
  ["±3%以内", { kind: "number", op: "<=", value: 3, unit: "%", tolerance: true }],
  ["2027年12月底前", { kind: "date", year: 2027, month: 12, deadline: true }],
  ["2023年底", { kind: "date", year: 2023, month: 12, deadline: true }],
  ["2023.07-2024.01", { kind: "date", year: 2024, month: 1, deadline: true }],
  ["2022年3月-2023年11月", { kind: "date", year: 2023, month: 11, deadline: true }],
  ["公里", { kind: "placeholder" }],
  ["万亩", { kind: "placeholder" }],
  ["≧ %", { kind: "placeholder" }],
  ["有效减少", { kind: "qualitative" }],
  // Targets written as a sentence naming the indicator (a 2021 财政支出绩效目标申报表 template, 广西).
  ["资金到位率达100%", { kind: "number", op: ">=", value: 100, unit: "%" }],
  ["预算支出进度达到90%以上", { kind: "number", op: ">=", value: 90, unit: "%" }],
  ["满意度不低于90%", { kind: "number", op: ">=", value: 90, unit: "%" }],
  ["成本控制在50万元以内", { kind: "number", op: "<=", value: 50, multiplier: 1e4, unit: "元" }],
  ["控制在50万元以内", { kind: "number", op: "<=", value: 50, multiplier: 1e4, unit: "元" }],
  ["达到国家标准", { kind: "qualitative" }],
])("%s", (text, expected) => {
  expect(parseValue(text)).toMatchObject(expected);
});

test("百分比 as the unit word is a percentage", () => {
  const v = parseValue("95百分比");
  expect(isPercent(v)).toBe(true);
  expect(parseValue("≥98百分比")).toMatchObject({ kind: "number", op: ">=", value: 98, unit: "%" });
});

test("numbers and sentences are not taken for a bare unit", () => {
  expect(parseValue("80000").kind).toBe("number");
  expect(parseValue("度").kind).not.toBe("placeholder");
  expect(parseValue("开展活动1次、培训2期").kind).toBe("text");
  // A name and a number with no verb between them stays text: nothing says what the number is.
  expect(parseValue("资金到位率100%").kind).toBe("text");
});
