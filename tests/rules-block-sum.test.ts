/**
 * funding/block-sum: totals found by arithmetic (src/core/reading/sums.ts) in money blocks the labelled funding
 * readers do not read — a 成本构成 block with a column per year (鄂州 2022), a 收入构成 / 支出构成 block under a
 * 部门总体资金情况 label (广水 2021). Each table is written to a real .xlsx and read back.
 */
import type { CellValue } from "../src/core/snapshot";
import { validateWorkbook } from "../src/core/validate";
import { parseRange } from "../src/core/snapshot";
import { roundTrip } from "./helpers/selfEvaluation";

/** 鄂州-style project table: a cost block (金额 | 测算依据 | 2020年实际执行数 | 2021年实际执行数) above the indicators. */
function costTable(cost: CellValue[][], header: CellValue[] = ["项目预算成本构成", "金额", "测算(公式)依据", null, "2020年实际执行数", "2021年实际执行数"]): CellValue[][] {
  return [
    ["鄂州市2022年市直部门预算项目支出绩效目标表", null, null, null, null, null],
    ["项目名称", "办公大楼运行保障", "项目类别", "本级支出项目", "项目性质", "持续性项目"],
    ["立项依据", "三定方案", null, null, null, null],
    header,
    ...cost,
    ["绩效目标", "以办公大楼服务对象满意为目标", null, null, null, null],
    ["一级指标", "二级指标", "三级指标", "指标值", null, null],
    ["产出指标", "数量指标", "日常维修维护次数", "≥2280次", null, null],
    [null, "质量指标", "维修验收合格率", "≥92%", null, null],
    ["效益指标", "社会效益指标", "服务保障水平", "提高", null, null],
    ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", null, null],
  ];
}

async function blockSums(rows: CellValue[][], merges: string[] = []) {
  const wb = await roundTrip([{ name: "表", grids: [{ grid: { rows, merges: merges.map((m) => parseRange(m)!) } }] }]);
  return validateWorkbook(wb).findings.filter((f) => f.rule === "funding/block-sum");
}

describe("funding/block-sum", () => {
  test("a year column whose 合计 is off by 0.10 while the 金额 column adds up fires on that cell (鄂州 2022 E8)", async () => {
    const f = await blockSums(
      costTable([
        ["保安服务费", 191, "依据招标文件", null, 191, 191],
        ["保洁服务费", 99, "依据招标文件", null, 99, 99],
        ["水电气、维修维护费", 524, "据实结算", null, 372.88, 504.55],
        ["合计", 814, null, null, 662.98, 794.55],
      ]),
    );
    expect(f.map((x) => x.cell)).toEqual(["E8"]);
    expect(f[0].message).toContain("662.88");
    expect(f[0].message).toContain("B8");
  });

  test("silent: every column adds up; a lone column that does not (no other column shows the row is a sum); a rate column", async () => {
    const ok = costTable([
      ["保安服务费", 191, "依据招标文件", null, 191, 191],
      ["保洁服务费", 99, "依据招标文件", null, 99, 99],
      ["合计", 290, null, null, 290, 290],
    ]);
    expect(await blockSums(ok)).toEqual([]);
    // One money column only, and it does not add up: the label alone does not prove the row is their sum.
    const lone = costTable(
      [
        ["保安服务费", 191, "依据招标文件", null, null, null],
        ["保洁服务费", 99, "依据招标文件", null, null, null],
        ["合计", 300, null, null, null, null],
      ],
      ["项目预算成本构成", "金额", "测算(公式)依据", null, null, null],
    );
    expect(await blockSums(lone)).toEqual([]);
    // 执行率 of the 合计 line is not the sum of the lines' rates: it lies among them.
    const rate = costTable(
      [
        ["保安服务费", 200, "依据招标文件", null, 180, 0.9],
        ["保洁服务费", 100, "依据招标文件", null, 80, 0.8],
        ["合计", 300, null, null, 260, 0.8667],
      ],
      ["项目预算成本构成", "金额", "测算(公式)依据", null, "执行数", "执行率"],
    );
    expect(await blockSums(rate)).toEqual([]);
  });

  test("a 基本支出 written in 元 in a 万元 department block is named on its own cell (广水 2021 C11)", async () => {
    const rows: CellValue[][] = [
      ["部门整体支出绩效目标申报表", null, null, null, null, null],
      ["部门(单位) 名称", "广水市人民政府办公室", "填报人", "(略)", "联系电话", "(略)"],
      ["部门总体 资金情况 (单位:万元)", "收入构成", "当年 金额", "占比", "近两年收支金额", null],
      [null, "财政拨款", 968.1918, null, null, null],
      [null, "其他资金", null, null, null, null],
      [null, "合计", 968.1918, "100%", null, null],
      [null, "支出构成", null, null, null, null],
      [null, "基本支出", 7242318, "74.8%", null, null],
      [null, "项目支出", 243.96, "25.2%", null, null],
      [null, "合计", 968.1918, "100%", null, null],
    ];
    const f = await blockSums(rows, ["A3:A10"]);
    expect(f.map((x) => x.cell)).toEqual(["C8"]);
    expect(f[0].message).toContain("724.2318");
    // The same block in 万元 throughout is silent.
    rows[7][2] = 724.2318;
    expect(await blockSums(rows, ["A3:A10"])).toEqual([]);
  });
});
