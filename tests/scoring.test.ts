/**
 * Scoring formulas, hand-computed (财预〔2020〕10号 as in docs/scoring.md). Every expected number below is
 * worked out in the comment next to it, not taken from the code.
 */
import { assess, numberRatio, unitFromName } from "../src/core/scoring/assess";
import { evaluateSelfEvaluation } from "../src/core/scoring/selfEvaluation";
import { scoreTable } from "../src/core/scoring";
import { gradeFor, HUBEI_PROFILE, NATIONAL_PROFILE, resolveProfile } from "../src/core/profile";
import type { SelfEvaluationTable } from "../src/core/model";
import { validateWorkbook } from "../src/core/validate";
import { goodSpec, roundTrip, selfEvalGrid, type SelfEvalSpec } from "./helpers/selfEvaluation";

const GE = { implicitOp: ">=" as const };

async function table(spec: SelfEvalSpec): Promise<SelfEvaluationTable> {
  const snap = await roundTrip([{ name: "自评", grids: [{ grid: selfEvalGrid(spec) }] }]);
  const r = validateWorkbook(snap);
  const t = r.located.find((x) => x.kind === "self-evaluation");
  if (!t || t.kind !== "self-evaluation") throw new Error("no self-evaluation table located");
  return t;
}

describe("number ratios (domain-rules B4)", () => {
  test("≥: met, missed proportionally, capped at full", () => {
    expect(numberRatio("ge", 50, 60)).toEqual({ met: true, ratio: 1 }); // over-achieved: capped at 1
    expect(numberRatio("ge", 70, 42)).toEqual({ met: false, ratio: 0.6 }); // 42/70
    expect(numberRatio("ge", 50, 50)).toEqual({ met: true, ratio: 1 });
  });
  test("≤: full when actual ≤ target, else target/actual", () => {
    expect(numberRatio("le", 100, 80)).toEqual({ met: true, ratio: 1 });
    expect(numberRatio("le", 100, 125)).toEqual({ met: false, ratio: 0.8 }); // 100/125
  });
  test("=: full when equal, else the smaller over the larger", () => {
    expect(numberRatio("eq", 100, 100)).toEqual({ met: true, ratio: 1 });
    expect(numberRatio("eq", 10, 8)).toEqual({ met: false, ratio: 0.8 }); // 8/10
    expect(numberRatio("eq", 10, 12.5)).toEqual({ met: false, ratio: 0.8 }); // 10/12.5
  });
  test("zero targets and actuals never give NaN", () => {
    const all = [numberRatio("ge", 0, 0), numberRatio("ge", 0, 5), numberRatio("ge", 5, 0), numberRatio("le", 0, 0), numberRatio("le", 0, 3), numberRatio("le", 5, 0), numberRatio("eq", 0, 0), numberRatio("eq", 0, 3), numberRatio("eq", 3, 0)];
    for (const r of all) expect(Number.isNaN(r.ratio)).toBe(false);
    expect(numberRatio("ge", 0, 0)).toEqual({ met: true, ratio: 1 });
    expect(numberRatio("ge", 5, 0)).toEqual({ met: false, ratio: 0 });
    expect(numberRatio("le", 0, 3)).toEqual({ met: false, ratio: 0 });
    expect(numberRatio("le", 5, 0)).toEqual({ met: true, ratio: 1 });
    expect(numberRatio("eq", 0, 3)).toEqual({ met: false, ratio: 0 });
  });
  test("ranges (1至2个): inside is met, below is proportional to the lower end", () => {
    expect(numberRatio("ge", 1, 2, 2)).toEqual({ met: true, ratio: 1 });
    expect(numberRatio("ge", 2, 1, 4)).toEqual({ met: false, ratio: 0.5 });
    expect(numberRatio("eq", 1, 4, 2)).toEqual({ met: false, ratio: 0.5 }); // = range exceeded: 2/4
  });
});

describe("assess: units, operators, qualitative wording", () => {
  test("unit from the indicator name", () => {
    expect(unitFromName("提供出游服务人数")).toBe("人");
    expect(unitFromName("CIO 和信息安全员受训人天")).toBe("人天");
    expect(unitFromName("数据资源目录市级业务系统覆盖数（个）")).toBe("个");
    expect(unitFromName("云服务可靠性")).toBe("");
  });
  test("unit mismatch is a finding, not a number", () => {
    const a = assess("1 万", "61 条订单", "提供出游服务人数", GE);
    expect(a.status).toBe("unknown");
    expect(a.unitMismatch).toEqual({ target: "万人", actual: "条订单" });
    expect(a.ratio).toBeUndefined();
    expect(assess(800, "104 人", "CIO 和信息安全员受训人天", GE).unitMismatch).toEqual({ target: "人天", actual: "人" });
  });
  test("same unit with multipliers compares magnitudes", () => {
    expect(assess("10 万条", "100000条", "数据量", GE).status).toBe("met");
    expect(assess("100 亿条", "115 亿条", "汇聚总量", GE)).toMatchObject({ status: "met", ratio: 1 });
    expect(assess("4次", 9, "评比工作", GE).status).toBe("met"); // a bare actual takes the target's unit
  });
  test("a percent cell read as a fraction", () => {
    expect(assess("≥90%", 0.95, "满意度", GE).status).toBe("met");
    expect(assess("≥90%", 0.45, "满意度", GE)).toMatchObject({ status: "missed", ratio: 0.5 });
  });
  test("targets without an operator follow profile.scoring.implicitOp", () => {
    expect(assess("100 个", "115 个", "数", GE).status).toBe("met");
    const eq = assess("100 个", "125 个", "数", { implicitOp: "=" });
    expect(eq).toMatchObject({ status: "missed", ratio: 0.8 }); // 100/125
  });
  test("a separate 指标性质 cell supplies the operator", () => {
    expect(assess(100, 125, "成本", GE, "≤")).toMatchObject({ status: "missed", ratio: 0.8 });
    expect(assess(100, 125, "成本", GE, "≥").status).toBe("met");
    expect(assess("好", "好", "质量", GE, "定性").mode).toBe("qualitative");
  });
  test("dates are deadlines", () => {
    expect(assess("12 月 31 日", "12 月 3 日", "项目验收完成", GE).status).toBe("met");
    expect(assess("2025年6月30日前", "2025年7月15日", "完工时间", GE).status).toBe("missed");
  });
  test("qualitative: met, partly met, missed, unknown", () => {
    expect(assess("健全", "健全", "制度", GE).status).toBe("met");
    expect(assess("达成预期指标", "已达成预期指标", "效果", GE).status).toBe("met");
    expect(assess("健全", "部分建立", "制度", GE).status).toBe("partial");
    expect(assess("健全", "未建立", "制度", GE).status).toBe("missed");
    expect(assess("健全", "正在研究", "制度", GE).status).toBe("unknown");
  });
  test("不适用 and missing actuals", () => {
    expect(assess("不适用", "", "x", GE).status).toBe("not-applicable");
    expect(assess("≥5个", "/", "x", GE).status).toBe("not-applicable");
    expect(assess("≥5个", "", "x", GE).status).toBe("missing-actual");
    expect(assess("≥5个", null, "x", GE).status).toBe("missing-actual");
  });
});

describe("self-evaluation totals", () => {
  test("the hand-computed table: 8 + 16 + 15 + 12 + 15 + 10 + 10 = 86, 良", async () => {
    const t = await table(goodSpec());
    const r = evaluateSelfEvaluation(t, NATIONAL_PROFILE);
    const by = Object.fromEntries(r.items.map((i) => [i.indicator, i]));
    expect(by["预算执行率"].computed).toBe(8); // 80/100 × 10
    expect(by["培训人数"].computed).toBe(16); // 40/50 × 20
    expect(by["培训合格率"].computed).toBe(15); // 98% ≥ 95%
    expect(by["人均培训成本"].computed).toBe(12); // 100/125 × 15
    expect(by["服务覆盖率"].computed).toBe(15); // = met
    expect(by["长效机制"].computed).toBeNull(); // qualitative, partly met: evaluator's score
    expect(by["长效机制"].band).toEqual({ min: 9, max: 12 }); // 60%–80% of 15
    expect(by["学员满意度"].computed).toBe(10);
    expect(r.total).toBe(86);
    const s = scoreTable(t, NATIONAL_PROFILE)!;
    expect(s).toMatchObject({ total: 86, grade: "良" });
    expect(s.items.find((i) => i.indicator === "培训人数")).toEqual({ cell: "G12", indicator: "培训人数", weight: 20, computed: 16, entered: 16 });
    expect(s.items.find((i) => i.indicator === "预算执行率")?.cell).toBe("H5");
  });

  test("预算执行率 is capped at full marks and a zero budget gives no NaN", async () => {
    const over = goodSpec();
    over.fund = { budget: 100, executed: 120, score: 10 };
    const r1 = evaluateSelfEvaluation(await table(over), NATIONAL_PROFILE);
    expect(r1.items[0].computed).toBe(10); // min(1.2, 1) × 10
    // 0 of 0 is no budget: no rate to score (issue 26 item 6), so no full marks and no total.
    const zero = goodSpec();
    zero.fund = { budget: 0, executed: 0, score: 10 };
    const r2 = evaluateSelfEvaluation(await table(zero), NATIONAL_PROFILE);
    expect(r2.items[0]).toMatchObject({ computed: null, unscored: "empty-budget" });
    expect(r2.status).toBe("incomplete");
    expect(r2.total).toBeNull();
    expect(Number.isNaN(r2.rawTotal)).toBe(false);
  });

  test("不适用 indicators are left out and the total rescaled to 100", async () => {
    const spec = goodSpec();
    spec.indicators[4][3] = "不适用"; // 长效机制 (weight 15) out
    spec.indicators[4][6] = "不适用";
    const r = evaluateSelfEvaluation(await table(spec), NATIONAL_PROFILE);
    expect(r.rescaled).toBe(true);
    expect(r.applicableWeight).toBe(85);
    expect(r.total).toBe(89.41); // (8+16+15+12+15+10) / 85 × 100 = 76/85×100 = 89.41
    expect(gradeFor(r.total!, NATIONAL_PROFILE)).toBe("良");
    expect(r.items.find((i) => i.indicator === "长效机制")?.notApplicable).toBe(true);
  });

  test("the profile's weights come through (湖北式 execution weight 20 when the sheet has no 分值)", async () => {
    const spec = goodSpec();
    spec.fund = { budget: 100, executed: 50, weight: null, score: null };
    const r = evaluateSelfEvaluation(await table(spec), HUBEI_PROFILE);
    expect(r.items[0]).toMatchObject({ weight: 20, computed: 10 }); // 0.5 × 20
  });
});

describe("grades (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差)", () => {
  test.each([
    [100, "优"],
    [90, "优"],
    [89.99, "良"],
    [80, "良"],
    [79.99, "中"],
    [60, "中"],
    [59.99, "差"],
    [0, "差"],
  ])("%p → %s", (score, grade) => {
    expect(gradeFor(score as number, NATIONAL_PROFILE)).toBe(grade);
  });
  test("a profile file can move the boundaries", () => {
    const p = resolveProfile({ id: "x", scoring: { grades: [{ grade: "A", min: 85 }, { grade: "B", min: 0 }] } });
    expect(gradeFor(85, p)).toBe("A");
    expect(gradeFor(84.9, p)).toBe("B");
  });
  test("a table scoring exactly 90 is 优, 89.99 is 良", async () => {
    const spec = goodSpec();
    // 培训人数 40 → 50 of ≥50: 16 → 20, so 86 + 4 = 90.
    spec.indicators[0][4] = "50人";
    expect(scoreTable(await table(spec), NATIONAL_PROFILE)).toMatchObject({ total: 90, grade: "优" });
    // 长效机制 (partly met, band 9–12 of 15) entered 9.99 instead of 10: 89.99.
    spec.indicators[4][6] = 9.99;
    expect(scoreTable(await table(spec), NATIONAL_PROFILE)).toMatchObject({ total: 89.99, grade: "良" });
  });
  test("a qualitative score outside its band counts at the band's nearer edge (14 of a 9–12 band counts 12)", async () => {
    const spec = goodSpec();
    spec.indicators[4][6] = 14;
    const s = scoreTable(await table(spec), NATIONAL_PROFILE)!;
    expect(s.items.find((i) => i.indicator === "长效机制")).toMatchObject({ entered: 14, computed: null, counted: 12, unscored: "qualitative" });
    expect(s).toMatchObject({ total: 88, grade: "良" }); // 8 + 16 + 15 + 12 + 15 + 12 + 10
  });
});
