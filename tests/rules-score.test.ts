/** Self-evaluation score rules: each must fire on its mistake and stay quiet on the clean table. */
import type { Finding } from "../src/core/finding";
import { validateWorkbook } from "../src/core/validate";
import { scoreRules } from "../src/core/rules/score";
import { goodSpec, roundTrip, selfEvalGrid, type SelfEvalSpec } from "./helpers/selfEvaluation";

async function scoreFindings(spec: SelfEvalSpec): Promise<Finding[]> {
  const snap = await roundTrip([{ name: "自评", grids: [{ grid: selfEvalGrid(spec) }] }]);
  return validateWorkbook(snap).findings.filter((f) => f.rule.startsWith("score/"));
}

const at = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule).map((f) => f.cell);
// Rows of goodSpec(): indicators start on Excel row 12 (培训人数) … 17 (学员满意度); 总分 on row 18.
const ROW = { 培训人数: 12, 培训合格率: 13, 人均培训成本: 14, 服务覆盖率: 15, 长效机制: 16, 学员满意度: 17, 总分: 18 };

function mutate(f: (s: SelfEvalSpec) => void): SelfEvalSpec {
  const s = goodSpec();
  f(s);
  return s;
}

test("every score rule has an id, zh/en messages and a doc", () => {
  expect(scoreRules.length).toBeGreaterThanOrEqual(14);
  for (const r of scoreRules) {
    expect(r.meta.id).toMatch(/^score\/[a-z-]+$/);
    expect(r.meta.category).toBe("score");
    expect(r.meta.doc.zh.length).toBeGreaterThan(10);
    expect(r.meta.doc.en.length).toBeGreaterThan(10);
    for (const m of Object.values(r.meta.messages)) {
      expect(m.zh).toBeTruthy();
      expect(m.en).toBeTruthy();
    }
  }
});

test("the clean table yields no score findings", async () => {
  expect(await scoreFindings(goodSpec())).toEqual([]);
});

test("score/entered-differs: 培训人数 entered 18, formula 16", async () => {
  const fs = await scoreFindings(mutate((s) => (s.indicators[0][6] = 18)));
  expect(at(fs, "score/entered-differs")).toEqual([`G${ROW.培训人数}`]);
  expect(fs.find((f) => f.rule === "score/entered-differs")!.message).toContain("16");
});

test("score/entered-differs: 预算执行率 entered 10 with 80% executed", async () => {
  const fs = await scoreFindings(mutate((s) => (s.fund!.score = 10)));
  expect(at(fs, "score/entered-differs")).toEqual(["H5"]);
});

test("score/above-weight: 培训合格率 16 of 15", async () => {
  const fs = await scoreFindings(mutate((s) => (s.indicators[1][6] = 16)));
  expect(at(fs, "score/above-weight")).toEqual([`G${ROW.培训合格率}`]);
});

test("score/weights-total and score/weights-split: 满意度 weight 12", async () => {
  const fs = await scoreFindings(mutate((s) => (s.indicators[5][5] = 12)));
  expect(at(fs, "score/weights-total")).toEqual([`F${ROW.总分}`]);
  // Too many points are shown on the weight that takes the group past its share (the 分值 cell), not on its score.
  expect(at(fs, "score/weights-split")).toEqual([`F${ROW.学员满意度}`]);
});

test("score/weights-split alone: 5 points moved from 产出 to 效益 (still 100)", async () => {
  const fs = await scoreFindings(
    mutate((s) => {
      s.indicators[1][5] = 10;
      s.indicators[1][6] = 10;
      s.indicators[3][5] = 20;
      s.indicators[3][6] = 20;
    }),
  );
  expect(at(fs, "score/weights-total")).toEqual([]);
  expect(fs.filter((f) => f.rule === "score/weights-split").map((f) => f.message)).toEqual(["“产出指标”分值合计 45，规定为 50", "“效益指标”分值合计 35，规定为 30"]);
});

test("score/total-sum: 总分 85 against 86", async () => {
  const fs = await scoreFindings(mutate((s) => (s.total = { weight: 100, score: 85 })));
  expect(at(fs, "score/total-sum")).toEqual([`G${ROW.总分}`]);
});

test("score/total-sum with 不适用: the total must be the rescaled one", async () => {
  const spec = mutate((s) => {
    s.indicators[4][3] = "不适用";
    s.indicators[4][6] = "不适用";
    s.total = { weight: 100, score: 76 }; // raw Σ; rescaled is 76/85×100 = 89.41
  });
  const fs = await scoreFindings(spec);
  expect(at(fs, "score/total-sum")).toEqual([`G${ROW.总分}`]);
  spec.total = { weight: 100, score: 89.41 };
  expect(at(await scoreFindings(spec), "score/total-sum")).toEqual([]);
});

test("score/missing-reason: lost points and an empty reason cell", async () => {
  const fs = await scoreFindings(mutate((s) => (s.indicators[0][7] = "")));
  expect(at(fs, "score/missing-reason")).toEqual([`H${ROW.培训人数}`]);
});

test("score/missing-actual: no actual value", async () => {
  const fs = await scoreFindings(mutate((s) => (s.indicators[1][4] = null)));
  expect(at(fs, "score/missing-actual")).toEqual([`E${ROW.培训合格率}`]);
  expect(at(fs, "score/entered-differs")).toEqual([]);
});

test("score/missing-actual: a row with neither target nor actual that still scores (重庆 2021 部门自评 r10)", async () => {
  const fs = await scoreFindings(mutate((s) => ((s.indicators[1][3] = null), (s.indicators[1][4] = null))));
  const blank = fs.filter((f) => f.rule === "score/missing-actual" && f.message.includes("没有可评的内容"));
  expect(blank.map((f) => f.cell)).toEqual([`G${ROW.培训合格率}`]);
  // Silent: the same blank row scored 0, and a blank row that is not scored at all.
  const zero = await scoreFindings(mutate((s) => ((s.indicators[1][3] = null), (s.indicators[1][4] = null), (s.indicators[1][6] = 0))));
  expect(zero.filter((f) => f.rule === "score/missing-actual")).toEqual([]);
  const unscored = await scoreFindings(mutate((s) => ((s.indicators[1][3] = null), (s.indicators[1][4] = null), (s.indicators[1][6] = null))));
  expect(unscored.filter((f) => f.rule === "score/missing-actual")).toEqual([]);
});

test("indicator/unit runs on self-evaluations: a bare 50 target fires, a rate name and a unit-bearing target stay silent (原州 2022 r11)", async () => {
  const all = async (spec: SelfEvalSpec) => validateWorkbook(await roundTrip([{ name: "自评", grids: [{ grid: selfEvalGrid(spec) }] }])).findings;
  expect(at(await all(mutate((s) => ((s.indicators[0][3] = 50), (s.indicators[0][4] = 50)))), "indicator/unit")).toEqual([`D${ROW.培训人数}`]);
  expect(at(await all(mutate(() => undefined)), "indicator/unit")).toEqual([]);
  expect(at(await all(mutate((s) => ((s.indicators[1][3] = 95), (s.indicators[1][4] = 98)))), "indicator/unit")).toEqual([]);
});

test("score/unit-mismatch: 培训人数 ≥50人 against 40场", async () => {
  const fs = await scoreFindings(mutate((s) => (s.indicators[0][4] = "40场")));
  expect(at(fs, "score/unit-mismatch")).toEqual([`E${ROW.培训人数}`]);
  expect(at(fs, "score/entered-differs")).toEqual([]);
});

test("score/qualitative-band: 部分建立 scored 14 of 15 (band 9–12)", async () => {
  const fs = await scoreFindings(mutate((s) => (s.indicators[4][6] = 14)));
  expect(at(fs, "score/qualitative-band")).toEqual([`G${ROW.长效机制}`]);
  const missed = await scoreFindings(mutate((s) => ((s.indicators[4][4] = "未建立"), (s.indicators[4][6] = 10))));
  expect(at(missed, "score/qualitative-band")).toEqual([`G${ROW.长效机制}`]); // 未达成: 0–9
  const ok = await scoreFindings(mutate((s) => ((s.indicators[4][4] = "未建立"), (s.indicators[4][6] = 5))));
  expect(at(ok, "score/qualitative-band")).toEqual([]);
});

test("evaluation-report rules do not run on self-evaluations", async () => {
  const fs = await scoreFindings(mutate((s) => (s.indicators[1][6] = 0)));
  for (const id of ["score/met-not-full", "score/missed-full", "score/partial-band", "score/subtotal-mismatch", "score/completion-count"]) expect(at(fs, id)).toEqual([]);
  expect(at(fs, "score/entered-differs")).toEqual([`G${ROW.培训合格率}`]);
});
