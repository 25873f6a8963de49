/** Writes docs/rules.md from the rule modules (run: npm run docs). A test keeps it in step. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ALL_RULES } from "../src/core/rules";

const CATEGORY: Record<string, string> = { layout: "表格结构 Layout", header: "表头 Header", funding: "资金 Funding", indicator: "指标 Indicators", score: "评分 Scores", formula: "公式 Formulas", monitoring: "绩效运行监控 Monitoring" };
const SEVERITY: Record<string, string> = { error: "错误 error", warning: "警告 warning", info: "提示 info" };

export function renderRuleDocs(): string {
  const out: string[] = [
    "# PerfCheck 规则目录 / Rule catalogue",
    "",
    "Generated from `src/core/rules` by `npm run docs`; do not edit by hand. Each rule has an id, a category, a default severity and messages in Chinese and English. Thresholds come from the profile (`src/core/profile.ts`).",
    "",
  ];
  const cats = [...new Set(ALL_RULES.map((r) => r.meta.category))];
  out.push("| id | 严重程度 severity | 适用 applies to | 名称 title |", "|---|---|---|---|");
  for (const r of ALL_RULES) out.push(`| [\`${r.meta.id}\`](#${r.meta.id.replace(/[^a-z0-9-]/g, "")}) | ${SEVERITY[r.meta.severity]} | ${r.meta.appliesTo.join(", ")} | ${r.meta.title.zh} / ${r.meta.title.en} |`);
  out.push("");
  for (const c of cats) {
    out.push(`## ${CATEGORY[c] ?? c}`, "");
    for (const r of ALL_RULES.filter((x) => x.meta.category === c)) {
      out.push(`### ${r.meta.id}`, "", `**${r.meta.title.zh}** / ${r.meta.title.en} — default severity: ${SEVERITY[r.meta.severity]}; applies to: ${r.meta.appliesTo.join(", ")}`, "");
      out.push(r.meta.doc.zh, "", r.meta.doc.en, "");
      if (r.meta.fix) out.push(`如何修改 / How to fix: ${r.meta.fix.zh} / ${r.meta.fix.en}`, "");
      out.push("Messages:", "");
      for (const [id, m] of Object.entries(r.meta.messages)) out.push(`- \`${id}\`: ${m.zh} / ${m.en}`);
      out.push("");
    }
  }
  return out.join("\n");
}

if (require.main === module) {
  const file = path.join(__dirname, "..", "docs", "rules.md");
  writeFileSync(file, renderRuleDocs());
  console.log(`wrote ${file} (${ALL_RULES.length} rules)`);
}
