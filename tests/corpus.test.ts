/**
 * The national corpus (issue 11): real published tables, each written as .xlsx, read back, validated and
 * compared with its hand-checked expectations. Fails on any regression against the recorded baseline
 * (`npm run corpus -- --record` after an improvement), and on the false-alarm bar.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { CORPUS_DIR, evaluateTable, loadCorpus, regressions, summarise, type BaselineEntry, type TableOutcome } from "../scripts/corpus/evaluate";

let baseline: Record<string, BaselineEntry>;
const outcomes: TableOutcome[] = [];

beforeAll(async () => {
  baseline = JSON.parse(await fs.readFile(path.join(CORPUS_DIR, "baseline.json"), "utf8"));
  for (const t of await loadCorpus()) outcomes.push(await evaluateTable(t));
}, 120_000);

test("every corpus table has a recorded baseline, and no table does worse than it", () => {
  expect(outcomes.length).toBeGreaterThanOrEqual(15);
  const worse: string[] = [];
  for (const o of outcomes) {
    const b = baseline[o.id];
    if (!b) worse.push(`${o.id}: no baseline (run npm run corpus -- --record)`);
    else for (const r of regressions(o, b)) worse.push(`${o.id}: ${r}`);
  }
  expect(worse).toEqual([]);
});

test("no more than 1 false alarm per 20 clean rows across the corpus", () => {
  const s = summarise(outcomes);
  expect(s.cleanRows).toBeGreaterThan(50);
  expect(s.falseAlarms / s.cleanRows).toBeLessThanOrEqual(1 / 20);
});

test("every table whose form the catalogue knows is reported with the form it was read as", () => {
  for (const o of outcomes.filter((x) => x.located)) expect(o.form).toMatch(/^[a-z0-9-]+$/);
});

test("the corpus runner itself tells a found mistake from a missed one", async () => {
  // A table whose only recorded mistake is at a cell no rule reports there must count as missed.
  const [t] = await loadCorpus();
  const fake = { ...t, expect: { ...t.expect, mistakes: [{ cell: "A1", rules: ["funding/no-such-rule"], why: "test" }] } };
  const o = await evaluateTable(fake);
  expect(o.mistakes).toEqual([{ cell: "A1", rules: ["funding/no-such-rule"], found: false }]);
});

describe("regional scoring schemes, on the 银川 self-evaluation (决策10 / 管理25 / 产出30 / 效益35)", () => {
  let findings: { cell: string; rule: string }[];
  beforeAll(async () => {
    const { corpusWorkbook } = await import("../scripts/corpus/evaluate");
    const { readWorkbookSnapshot } = await import("../src/cli/snapshot");
    const { validateWorkbook } = await import("../src/core/validate");
    const t = (await loadCorpus()).find((x) => x.id === "ningxia-yinchuan-2021-self-1")!;
    findings = validateWorkbook(await readWorkbookSnapshot(await corpusWorkbook(t))).findings;
  });
  test("a group weight stated in its 一级 label (项目产出（30分）) is the one checked, not 10号's 50", () => {
    expect(findings.filter((f) => f.rule === "score/weights-split" && f.cell === "G17")).toEqual([]);
  });
  test("the total stated in the header (自评得分 98) is checked against the scores", () => {
    expect(findings).toContainEqual(expect.objectContaining({ rule: "score/total-sum", cell: "B3" }));
  });
  test("a 预算执行率 row with no target is scored against 100%", () => {
    expect(findings).toContainEqual(expect.objectContaining({ rule: "score/entered-differs", cell: "G13" }));
  });
});

test("SOURCES.md lists every corpus table with its address, generated from the provenance", async () => {
  const { renderSources } = await import("../scripts/corpus/sources");
  const corpus = await loadCorpus();
  const text = await fs.readFile(path.join(CORPUS_DIR, "SOURCES.md"), "utf8");
  const logs = (await fs.readdir(CORPUS_DIR)).filter((f) => /^SEARCH-LOG-.*\.md$/.test(f)).sort();
  expect(text).toBe(renderSources(corpus, logs));
  for (const l of logs) expect(text).toContain(`](${l})`);
  for (const t of corpus) expect(text).toContain(t.provenance.url);
  // Tables from the provinces kept aside for independent acceptance are never used.
  for (const t of corpus) expect(t.provenance.province).not.toMatch(/湖南|天津|重庆|湖北|广东|云南|四川|安徽|河北|江苏/);
});
