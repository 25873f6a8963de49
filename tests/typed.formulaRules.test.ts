/**
 * The formula rules on real tables: an uncalculated formula is one info finding on its cell and is never
 * read as blank; an error value where a scored table needs a number is an error finding; a computable
 * formula without a cached result changes nothing.
 */
import type { CellValue, WorkbookSnapshot } from "../src/core/snapshot";
import type { ProjectTargetTable } from "../src/core/model";
import { validateWorkbook } from "../src/core/validate";
import { projectTable } from "./helpers/projectTable";
import { goodSpec, selfEvalGrid } from "./helpers/selfEvaluation";

function snapshot(rows: CellValue[][], merges = projectTable().merges, formulas?: (string | null)[][]): WorkbookSnapshot {
  return { sheets: [{ name: "表", origin: { row: 0, col: 0 }, values: rows, merges, formulas }] };
}

describe("project target table: the total as a formula without a cached result", () => {
  const base = projectTable({ total: 100, sources: { 一般公共预算资金: 100 } });
  const clean = validateWorkbook(snapshot(base.rows, base.merges));
  const total = (clean.located[0] as ProjectTargetTable).funding.total!.full!.cell;
  const source = (clean.located[0] as ProjectTargetTable).funding.sources.find((s) => s.label.text.includes("一般公共预算"))!.full!.cell;
  const withFormula = (f: string) => {
    const rows = base.rows.map((r) => [...r]);
    rows[total.row][total.col] = null;
    const formulas: (string | null)[][] = rows.map(() => []);
    formulas[total.row][total.col] = f;
    return validateWorkbook(snapshot(rows, base.merges, formulas));
  };
  const at = (r: ReturnType<typeof validateWorkbook>) => r.findings.filter((f) => f.row === total.row && f.col === total.col).map((f) => `${f.rule}:${f.severity}`);

  test("the clean table has no finding on the total", () => {
    expect(at(clean)).toEqual([]);
  });

  test("a computable formula reads as its result: nothing changes", () => {
    const letter = String.fromCharCode(65 + source.col);
    const r = withFormula(`SUM(${letter}${source.row + 1})`);
    expect(r.findings.map((f) => f.rule + f.cell)).toEqual(clean.findings.map((f) => f.rule + f.cell));
  });

  test("a formula it cannot compute is one info finding, never 资金总额为空", () => {
    const r = withFormula("XLOOKUP(1,A1:A2,B1:B2)");
    expect(at(r)).toEqual(["formula/uncalculated:info"]);
    const f = r.findings.find((x) => x.rule === "formula/uncalculated")!;
    expect(f.message).toContain("公式未计算，请在 Excel 中重新计算后再校验");
    expect(f.message).toContain("=XLOOKUP(1,A1:A2,B1:B2)");
    expect(f.messageEn).toContain("recalculate in Excel");
    expect(r.findings.some((x) => x.rule === "funding/amount-missing")).toBe(false);
  });

  test("a formula that evaluates to #DIV/0! is the amount error it always was", () => {
    expect(at(withFormula("1/0"))).toEqual(["funding/amount-numeric:error"]);
  });
});

describe("self-evaluation: error values where a number is needed", () => {
  const grid = selfEvalGrid(goodSpec());
  const r = grid.rows.findIndex((row) => row.includes("培训人数"));
  const scoreCol = grid.rows[r].indexOf(16);

  test("an error in a score cell is an error finding on that cell", () => {
    const rows = grid.rows.map((x) => [...x]);
    rows[r][scoreCol] = { error: "#DIV/0!" };
    const res = validateWorkbook({ sheets: [{ name: "自评", origin: { row: 0, col: 0 }, values: rows, merges: grid.merges }] });
    const f = res.findings.filter((x) => x.rule === "formula/error-value");
    expect(f.map((x) => [x.row, x.col, x.severity])).toEqual([[r, scoreCol, "error"]]);
    expect(f[0].message).toContain("#DIV/0!");
  });

  test("the clean table has none", () => {
    const res = validateWorkbook({ sheets: [{ name: "自评", origin: { row: 0, col: 0 }, values: grid.rows, merges: grid.merges }] });
    expect(res.findings.filter((x) => x.rule.startsWith("formula/"))).toEqual([]);
  });
});
