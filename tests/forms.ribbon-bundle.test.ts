/**
 * The ribbon command's bundle replaces zod with a stub that throws on parse (webpack.config.js): the core,
 * form catalogue included, must validate a workbook without parsing anything through zod.
 */
jest.mock("zod", () => jest.requireActual("../scripts/addin/zod-stub.js"));

import type { WorkbookSnapshot } from "../src/core/snapshot";

test("validation with the built-in forms needs no zod parse at run time", async () => {
  const { validateWorkbook } = await import("../src/core/validate");
  const snap: WorkbookSnapshot = {
    sheets: [
      {
        name: "表",
        origin: { row: 0, col: 0 },
        merges: [],
        values: [
          ["项目名称", "测试"],
          ["年度资金总额", 50],
          ["一级指标", "二级指标", "三级指标", "指标值"],
          ["产出指标", "成本指标", "总成本", "≤80万元"],
        ],
      },
    ],
  };
  const r = validateWorkbook(snap);
  expect(r.tables[0]?.form?.id).toBe("national-project");
  expect(r.findings.map((f) => f.rule)).toContain("indicator/cost-above-budget");
});
