/**
 * Typed values read as the user sees them: number formats (numberFormat.ts), SheetView's shown values,
 * the formula evaluator for formulas without a cached result, and the two formula rules.
 */
import { formatKind, formatValue, serialToParts } from "../src/core/numberFormat";
import { evaluateFormula, UnsupportedFormula, type FormulaContext } from "../src/core/formula/evaluate";
import { isUncalculated, SheetView, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../src/core/snapshot";
import { amountOf } from "../src/core/rules/util";
import { Item } from "../src/core/model";

describe("formatValue: what Excel shows", () => {
  test.each([
    [1, "0%", "100%"],
    [0.955, "0%", "96%"],
    [0.955, "0.0%", "95.5%"],
    [0.5, "0.00%", "50.00%"],
    [1234567.891, "#,##0.00", "1,234,567.89"],
    [-1234.5, "#,##0.00_);(#,##0.00)", "(1,234.50)"],
    [-1234.5, "#,##0.00;[Red]-#,##0.00", "-1,234.50"],
    [0, '0.00;-0.00;"-"', "-"],
    [1.005, "0.00", "1.01"],
    [12, '0"万元"', "12万元"],
    [0.1 + 0.2, "General", "0.3"],
    [123456789012, "General", "1.23457E+11"],
    [45291, 'yyyy"年"m"月"d"日"', "2023年12月31日"],
    [45291, "yyyy/m/d", "2023/12/31"],
    [45291, '[$-804]yyyy"年"m"月"d"日";@', "2023年12月31日"],
    [45291, '[DBNum1][$-804]yyyy"年"m"月"d"日"', "二〇二三年十二月三十一日"],
    [45291, "aaaa", "星期日"],
    [45291, "mmm-yy", "Dec-23"],
    [60, "yyyy-mm-dd", "1900-02-29"],
    [61, "yyyy-mm-dd", "1900-03-01"],
    [0.5, "h:mm:ss", "12:00:00"],
    [1.5, "[h]:mm", "36:00"],
    [45291.75, "yyyy-mm-dd hh:mm AM/PM", "2023-12-31 06:00 PM"],
    [12345.678, "0.00E+00", "1.23E+04"],
    [3.25, "# ?/?", "3 1/4"],
    [1234, "[DBNum1]General", "一千二百三十四"],
  ])("%p in %s shows %s", (v, fmt, want) => {
    expect(formatValue(v, fmt)).toBe(want);
  });

  test("the 1904 date system: serial 0 is 1904-01-01", () => {
    expect(formatValue(0, "yyyy-mm-dd", { date1904: true })).toBe("1904-01-01");
    expect(formatValue(43830, "yyyy-mm-dd", { date1904: true })).toBe("2024-01-01");
    expect(serialToParts(45291 - 1462, true)).toMatchObject({ year: 2023, month: 12, day: 31 });
  });

  test("text goes through the text section; booleans are TRUE/FALSE", () => {
    expect(formatValue("abc", "@")).toBe("abc");
    expect(formatValue("abc", '0;-0;0;"备注："@')).toBe("备注：abc");
    expect(formatValue(true, "0%")).toBe("TRUE");
  });

  test("full precision keeps every digit a percentage was typed with", () => {
    expect(formatValue(0.955, "0%", { fullPrecision: true })).toBe("95.5%");
    expect(formatValue(0.5, '"≥"0%', { fullPrecision: true })).toBe("≥50%");
    expect(formatValue(1, "0%", { fullPrecision: true })).toBe("100%");
  });

  test("kinds", () => {
    expect(formatKind("0.00%")).toBe("percent");
    expect(formatKind('yyyy"年"m"月"d"日"')).toBe("date");
    expect(formatKind("h:mm")).toBe("time");
    expect(formatKind("#,##0.00")).toBe("number");
    expect(formatKind("@")).toBe("text");
    expect(formatKind(null)).toBe("general");
  });
});

function sheet(values: CellValue[][], formats?: (string | null)[][], formulas?: (string | null)[][], name = "S"): SheetSnapshot {
  return { name, origin: { row: 0, col: 0 }, values, merges: [], formats, formulas };
}

describe("SheetView reads what the user sees", () => {
  test("percentages as percent text, dates as dates, amounts stay numbers", () => {
    const view = new SheetView(
      sheet(
        [[1, 0.955, 45291, 45291, 1234.5, 45291, 45291]],
        [["0%", "0%", 'yyyy"年"m"月"d"日"', "m/d/yyyy", "#,##0.00", "mmm-yy", '[DBNum1]yyyy"年"m"月"d"日"']],
      ),
    );
    expect(view.raw(0, 0)).toBe("100%");
    expect(view.raw(0, 1)).toBe("95.5%");
    expect(view.raw(0, 2)).toBe("2023年12月31日");
    // Excel's system short date shows as 2023/12/31 in Chinese Excel.
    expect(view.raw(0, 3)).toBe("2023/12/31");
    expect(view.raw(0, 4)).toBe(1234.5);
    expect(view.raw(0, 5)).toBe("2023年12月");
    expect(view.raw(0, 6)).toBe("2023年12月31日");
    // The stored value is still there for whoever needs it.
    expect(view.stored(0, 0)).toBe(1);
  });

  test("the 1904 date system comes from the workbook", () => {
    const s = sheet([[45291 - 1462]], [["yyyy/m/d"]]);
    expect(new SheetView(s, { sheets: [s], date1904: true }).raw(0, 0)).toBe("2023/12/31");
    expect(new SheetView(s, { sheets: [s] }).raw(0, 0)).toBe("2019/12/30");
  });

  test("formulas without a cached result are computed; unknown ones are marked, never blank", () => {
    const other = sheet([[10, 20]], undefined, undefined, "资金 表");
    const s = sheet(
      [[1, 2, null, null, null, null, null]],
      [[null, null, null, "0%", null, null, null]],
      [[null, null, "SUM(A1:B1)+'资金 表'!B1", "A1/B1", "XLOOKUP(A1,A1:B1,A1:B1)", "A1/0", "C1*2"]],
    );
    const wb: WorkbookSnapshot = { sheets: [s, other] };
    const view = new SheetView(s, wb);
    expect(view.raw(0, 2)).toBe(23);
    expect(view.raw(0, 3)).toBe("50%");
    const u = view.raw(0, 4);
    expect(isUncalculated(u)).toBe(true);
    expect(amountOf(new Item(0, 4, u)).state).toBe("uncalculated");
    expect(view.raw(0, 5)).toEqual({ error: "#DIV/0!" });
    expect(view.raw(0, 6)).toBe(46);
  });

  test("numbers stored as text and full-width digits read as numbers where a number is expected", () => {
    const view = new SheetView(sheet([["１２３.５", " 1,234.50 ", "abc"]]));
    expect(amountOf(new Item(0, 0, view.raw(0, 0)))).toEqual({ value: 123.5, state: "text-number" });
    expect(amountOf(new Item(0, 1, view.raw(0, 1)))).toEqual({ value: 1234.5, state: "text-number" });
    expect(amountOf(new Item(0, 2, view.raw(0, 2))).state).toBe("text");
  });
});

describe("evaluateFormula", () => {
  const grid: CellValue[][] = [
    [10, 20, "30", null, "abc"],
    [0.5, { error: "#REF!" }, true, 3, null],
  ];
  const ctx: FormulaContext = {
    sheet: "S",
    get: (s, r, c) => (s === "S" ? grid[r]?.[c] ?? null : undefined),
    extent: (s) => (s === "S" ? { rows: 2, cols: 5 } : undefined),
  };
  test.each([
    ["=A1+B1*2", 50],
    ["SUM(A1:E1)", 30],
    ["SUM(A1:E1,C1)", 30], // text in a reference is skipped, as in Excel
    ["A1+C1", 40],
    ["ROUND(2/3,2)", 0.67],
    ["ROUND(-2.5,0)", -3],
    ["MIN(A1:B1,5)", 5],
    ["MAX(A1:A2,B1)", 20],
    ["IF(A1>5,\"高\",\"低\")", "高"],
    ["IFERROR(B2*2,0)", 0],
    ["IFERROR(A1/D1,0)", 0],
    ["50%*A1", 5],
    ["A2*100&\"%\"", "50%"],
    ["SUM(A:A)", 10.5],
    ["-2^2", 4],
    ["0.1+0.2", 0.3],
  ])("%s = %p", (f, want) => {
    expect(evaluateFormula(f, ctx)).toEqual(want);
  });
  test.each([
    ["A1/D1", "#DIV/0!"],
    ["B2+1", "#REF!"],
    ["E1+1", "#VALUE!"],
    ["Other!A1", "#REF!"],
    ["SUM(A1:B2)", "#REF!"],
  ])("%s is the error %s", (f, err) => {
    expect(evaluateFormula(f, ctx)).toEqual({ error: err });
  });
  test("what it does not implement it says so", () => {
    expect(() => evaluateFormula("VLOOKUP(A1,A1:B2,2,0)", ctx)).toThrow(UnsupportedFormula);
    expect(() => evaluateFormula("A1:B1", ctx)).toThrow(UnsupportedFormula);
    expect(() => evaluateFormula("预算合计", ctx)).toThrow(UnsupportedFormula);
  });
});

test("a cycle of formulas without results is marked uncalculated, not looped on", () => {
  const s = sheet([[null, null, 5]], undefined, [["B1+1", "A1+1", "C1*2"]]);
  const view = new SheetView(s);
  expect(isUncalculated(view.raw(0, 0))).toBe(true);
  expect(isUncalculated(view.raw(0, 1))).toBe(true);
  expect(view.raw(0, 2)).toBe(5);
});
