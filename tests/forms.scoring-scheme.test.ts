/**
 * A form in the catalogue can carry its own scoring scheme (issue 11: the catalogue names scoring schemes):
 * a region whose self-evaluation gives 预算执行 20 and 产出 40 adds its form with those weights, and tables
 * read as that form are checked and scored by them, while other tables in the same run keep the profile's.
 */
import { FormsError, resolveForms } from "../src/core/forms/vocabulary";
import { validateWorkbook } from "../src/core/validate";
import { goodSpec, selfEvalGrid } from "./helpers/selfEvaluation";

/** The test self-evaluation re-weighted 20 / 40 / 30 / 10, under the given title. */
function reweighted(title: string) {
  const spec = goodSpec();
  spec.fund = { initial: 100, budget: 100, executed: 80, weight: 20, score: 16 };
  spec.indicators[0][5] = 20;
  spec.indicators[1][5] = 10;
  spec.indicators[2][5] = 10;
  const g = selfEvalGrid(spec);
  g.rows[0][0] = title;
  return { name: title, origin: { row: 0, col: 0 }, values: g.rows, merges: g.merges };
}

const regionForms = (weights: Record<string, number>) =>
  resolveForms({
    version: 1,
    forms: [
      {
        id: "region-self-evaluation",
        kind: "self-evaluation",
        name: "某地项目支出绩效自评表（预算执行20分）",
        nameEn: "A region's self-evaluation (execution 20)",
        source: "test",
        signature: { titles: ["^某地项目支出绩效自评表$"] },
        scoring: { weights },
      },
    ],
  });

const split = (r: ReturnType<typeof validateWorkbook>, sheetName: string) => r.findings.filter((f) => f.rule === "score/weights-split" && f.sheet === sheetName).map((f) => f.message);

test("a table read as a form with its own weights is checked by them; another table in the run keeps the profile's", () => {
  const wb = { sheets: [{ ...reweighted("某地项目支出绩效自评表"), name: "甲" }, { ...reweighted("项目支出绩效自评表"), name: "乙" }] };
  // Without the region's form both are held to 10号's 10 / 50 / 30 / 10.
  const plain = validateWorkbook(wb);
  expect(split(plain, "甲")).toEqual(["“预算执行率”分值合计 20，规定为 10", "“产出指标”分值合计 40，规定为 50"]);
  expect(split(plain, "乙")).toEqual(split(plain, "甲"));

  const withRegion = validateWorkbook(wb, { forms: regionForms({ execution: 20, output: 40, benefit: 30, satisfaction: 10 }) });
  expect(withRegion.tables.map((t) => [t.sheet, t.form?.id])).toEqual([
    ["甲", "region-self-evaluation"],
    ["乙", "national-self-evaluation"],
  ]);
  expect(split(withRegion, "甲")).toEqual([]);
  expect(split(withRegion, "乙")).toEqual(split(plain, "乙"));
});

test("a scheme whose weights do not add up to 100 is refused, naming the field", () => {
  expect(() => regionForms({ execution: 20, output: 50, benefit: 30, satisfaction: 10 })).toThrow(FormsError);
  expect(() => regionForms({ execution: 20, output: 50, benefit: 30, satisfaction: 10 })).toThrow(/forms\.0\.scoring\.weights.*100/);
});
