/**
 * fixtures/corpus/SOURCES.md, generated from each table's provenance (run: npm run corpus -- --sources).
 * One line per table with its address; what was searched where sources ran short is in SEARCH-LOG-*.md.
 */
import type { CorpusTable } from "./schema";

const LEVEL: Record<string, string> = { central: "中央 central", province: "省 province", city: "市 city", county: "县 county", township: "乡镇 township" };
const KIND: Record<string, string> = { "project-target": "项目目标表", "department-target": "部门整体目标表", "self-evaluation": "自评表", "evaluation-report": "评价报告" };

/** `logs`: the SEARCH-LOG-*.md files beside the corpus, in order. */
export function renderSources(tables: CorpusTable[], logs: readonly string[]): string {
  const provinces = new Set(tables.map((t) => t.provenance.province));
  const count = (k: string) => tables.filter((t) => t.kind === k).length;
  const out = [
    "# Corpus sources",
    "",
    "Generated from the `provenance` of each `fixtures/corpus/*.json` by `npm run corpus -- --sources`; do not edit by hand.",
    "",
    `${tables.length} real published tables from ${provinces.size} provinces or central departments (${[...provinces].join("、")}); ` +
      `${count("project-target")} project target tables, ${count("department-target")} department tables, ${count("self-evaluation")} self-evaluations. ` +
      "Personal names and phone numbers are replaced; everything else is as published, mistakes included. Many sources were readable only in part " +
      "(the search tool's stored copy of a page stops after its first few thousand characters): each file's `provenance.notes` says what was cut.",
    "",
    "Where sources ran short — department tables and complete scored self-evaluations above all — the searches made and what they found are in",
    `${logs.map((l) => `[${l}](${l})`).join(", ").replace(/, ([^,]*)$/, " and $1")}.`,
    "",
    "| id | 省 province | 地区 region | 级次 level | 年度 year | 表 kind | 单位 publisher | address |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const t of tables) {
    const p = t.provenance;
    out.push(`| ${t.id} | ${p.province} | ${p.region} | ${LEVEL[p.level]} | ${p.year} | ${KIND[t.kind]} | ${p.publisher ?? ""} | ${p.url} |`);
  }
  return out.join("\n") + "\n";
}
