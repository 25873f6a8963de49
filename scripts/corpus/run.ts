/**
 * `npm run corpus`: per real table, whether it was located right, which funding figures were read,
 * whether the target column is the value column, recall on its mistakes, false alarms on its clean
 * rows and score agreement; then the totals against issue 11's bar.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { renderSources } from "./sources";
import { baselineOf, CORPUS_DIR, evaluateTable, loadCorpus, summarise, type BaselineEntry } from "./evaluate";

/** The search logs kept beside the corpus (SEARCH-LOG-A.md, -B.md, …). */
async function searchLogs(): Promise<string[]> {
  return (await fs.readdir(CORPUS_DIR)).filter((f) => /^SEARCH-LOG-.*\.md$/.test(f)).sort();
}

async function main(): Promise<void> {
  const corpus = await loadCorpus();
  if (process.argv.includes("--sources")) {
    await fs.writeFile(path.join(CORPUS_DIR, "SOURCES.md"), renderSources(corpus, await searchLogs()));
    console.log("wrote fixtures/corpus/SOURCES.md");
  }
  const outcomes = [];
  for (const t of corpus) {
    const o = await evaluateTable(t);
    outcomes.push(o);
    const recall = o.mistakes.length ? `${o.mistakes.filter((m) => m.found).length}/${o.mistakes.length}` : "–";
    const score = o.score ? ` score ${o.score.computed ?? "none"}/${o.score.expected}${o.score.ok ? " ✓" : " ✗"}` : "";
    console.log(
      `${o.located ? "✓" : "✗"} ${o.id.padEnd(40)} ${o.kind.padEnd(18)} form=${o.form ?? "?"} funding ${o.fundingRead}/${o.fundingExpected} value-col ${o.valueColumnOk === undefined ? "–" : o.valueColumnOk ? "✓" : "✗"} recall ${recall} false-alarms ${o.falseAlarms.length}/${o.cleanRows}${score}`,
    );
    for (const p of o.problems) console.log(`      ${p}`);
    for (const m of o.mistakes.filter((x) => !x.found)) console.log(`      missed ${m.cell} (${m.rules.join(" | ")})`);
    for (const f of o.falseAlarms) console.log(`      false alarm ${f.cell} ${f.rule}: ${f.message}`);
  }
  if (process.argv.includes("--record")) {
    // Hold later runs to what this one achieved: tests/corpus.test.ts fails on any regression against it.
    const baseline: Record<string, BaselineEntry> = {};
    for (const o of outcomes) baseline[o.id] = baselineOf(o);
    await fs.writeFile(path.join(CORPUS_DIR, "baseline.json"), JSON.stringify(baseline, null, 1) + "\n");
    console.log("recorded fixtures/corpus/baseline.json");
  }
  const s = summarise(outcomes);
  const recall = s.recall.of ? s.recall.found / s.recall.of : 1;
  console.log(
    `\n${s.tables} tables: located ${s.located}/${s.tables}, funding figures ${s.fundingRead}/${s.fundingExpected}, value column ${s.valueColumns.ok}/${s.valueColumns.of}, recall ${s.recall.found}/${s.recall.of} = ${recall.toFixed(2)} (bar 0.90), false alarms ${s.falseAlarms} on ${s.cleanRows} clean rows = ${((s.falseAlarms / Math.max(s.cleanRows, 1)) * 20).toFixed(2)} per 20 (bar 1), scores ${s.scores.ok}/${s.scores.of}`,
  );
}

main().catch((e) => {
  console.error(String((e as Error)?.message ?? e));
  process.exitCode = 2;
});
