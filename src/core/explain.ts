/**
 * What a finding means to the clerk who has to act on it: the rule it comes from, what that rule
 * checks and why, how to fix it, and the cells involved — all from the rule modules' metadata, the
 * same text `npm run docs` puts in docs/rules.md. Also the cell note text, which ends with the fix,
 * and the one set of severity colours every front end uses. Pure: no Office, no Node.
 */
import type { Finding, Severity } from "./finding";
import { RULES_BY_ID } from "./rules";
import type { TableSummary } from "./validate";

export type Lang = "zh" | "en";

/** Our remarks start with this marker, so the part after it can be removed again (src/excel/flags.ts uses the same). */
export const NOTE_MARKER = "【PerfCheck】";

/**
 * Fills per severity, "#RRGGBB". The one place to change them: the pane uses these, and the CLI's
 * annotate and the add-in's flags should import them (with "FF" prefixed for exceljs ARGB).
 * info is a lavender, so it cannot be taken for the templates' input blue (#EAF2FB), header grey
 * (#F2F2F2) or formula yellow (#FFF7E0); tests/taskpane.explain.test.ts measures the distances.
 */
export const SEVERITY_FILL: Record<Severity, string> = { error: "#FFC7CE", warning: "#FFEB9C", info: "#E4D7F5" };

/** exceljs wants ARGB without "#". */
export function severityArgb(s: Severity): string {
  return `FF${SEVERITY_FILL[s].slice(1)}`;
}

const SEVERITY_LABEL: Record<Lang, Record<Severity, string>> = {
  zh: { error: "错误", warning: "警告", info: "提示" },
  en: { error: "Error", warning: "Warning", info: "Info" },
};

/** Published documents a rule's doc cites; what is not from a document is PerfCheck's own check of common mistakes. */
const SOURCES: { re: RegExp; zh: string; en: string }[] = [
  { re: /财预〔2020〕10号|10号|Caiyu \[2020\] No\. 10/, zh: "《项目支出绩效评价管理办法》（财预〔2020〕10号）", en: "Project expenditure performance evaluation measures (财预〔2020〕10号)" },
  { re: /101号/, zh: "《中央部门项目支出核心绩效目标和指标设置及取值指引》（财预〔2021〕101号）", en: "Guide to core performance targets and indicators (财预〔2021〕101号)" },
];

/**
 * Internal cross-references ("domain-rules H3") and profile field names ("amountTolerance") mean
 * nothing to a clerk: drop the first, say 地区配置 / the regional profile for the second.
 */
function clean(text: string): string {
  return text
    .replace(/[（(]\s*domain-rules[^）)]*[）)]/g, "")
    .replace(/\s*[；;、,，]\s*domain-rules\s*[A-Z]\d+(?:\s*[、,，–-]\s*[A-Z]?\d+)*/g, "")
    .replace(/配置文件\s*(?:的\s*)?[a-z][A-Za-z]*(?:\.[A-Za-z]+)*\s*/g, "地区配置")
    .replace(/地区配置个百分点/g, "地区配置的百分点数")
    .replace(/the profile's\s+[a-z][A-Za-z]*(?:\.[A-Za-z]+)*/g, "the regional profile")
    .replace(/\s+([。.，,；;])/g, "$1")
    .trim();
}

export interface Explanation {
  rule: string;
  title: string;
  severity: string;
  /** What the rule checks (and, in the doc's own words, why). */
  what: string;
  /** Where the rule comes from: the cited documents, or PerfCheck's own checks. */
  source: string;
  /** One line: what to do. */
  fix: string;
  /** The finding's cell first (sheet-qualified), then the table it belongs to. */
  cells: string[];
  /** What this finding says. */
  message: string;
}

function quote(sheet: string): string {
  return /^[A-Za-z_\u4e00-\u9fa5][A-Za-z0-9_.\u4e00-\u9fa5]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

export function ruleSource(ruleId: string, lang: Lang): string {
  const rule = RULES_BY_ID.get(ruleId);
  const doc = rule ? `${rule.meta.doc.zh} ${rule.meta.doc.en}` : "";
  const hits = SOURCES.filter((s) => s.re.test(doc)).map((s) => s[lang]);
  if (hits.length) return hits.join(lang === "zh" ? "；" : "; ");
  if (ruleId.startsWith("layout/") || ruleId.startsWith("internal/")) return lang === "zh" ? "PerfCheck 读取表格的要求" : "What PerfCheck needs to read the table";
  return lang === "zh" ? "PerfCheck 对常见填报错误的检查（阈值见地区配置）" : "PerfCheck's check of a common mistake (thresholds in the regional profile)";
}

/** The fix line of a rule; a rule without one gets a generic pointer to its doc. */
export function ruleFix(ruleId: string, lang: Lang): string {
  const fix = RULES_BY_ID.get(ruleId)?.meta.fix;
  if (fix) return fix[lang];
  return lang === "zh" ? "按规则说明核对并改正该单元格。" : "Check the cell against the rule's description and correct it.";
}

export function explainFinding(f: Finding, lang: Lang, tables: readonly TableSummary[] = []): Explanation {
  const rule = RULES_BY_ID.get(f.rule);
  const cells = [`${quote(f.sheet)}!${f.cell}`];
  const table = f.table !== undefined ? tables[f.table] : undefined;
  if (table) cells.push(`${quote(table.sheet)}!${table.range}`);
  return {
    rule: f.rule,
    title: rule ? rule.meta.title[lang] : f.rule,
    severity: SEVERITY_LABEL[lang][f.severity],
    what: rule ? clean(rule.meta.doc[lang]) : "",
    source: ruleSource(f.rule, lang),
    fix: ruleFix(f.rule, lang),
    cells,
    message: lang === "zh" ? f.message : f.messageEn,
  };
}

/**
 * The note PerfCheck puts on a cell: the marker, then per finding its severity and message, and the
 * note ends with the one-line fix (one per rule, in order; a rule's fix is not repeated).
 * In Chinese mode the text is Chinese only.
 */
export function noteText(findings: readonly Finding[], lang: Lang): string {
  const lines = findings.map((f) => `[${SEVERITY_LABEL[lang][f.severity]}] ${lang === "zh" ? f.message : f.messageEn}`);
  const fixes = [...new Set(findings.map((f) => ruleFix(f.rule, lang)))];
  const label = lang === "zh" ? "修改：" : "Fix: ";
  return `${NOTE_MARKER}\n${lines.join("\n")}\n${fixes.map((x) => label + x).join("\n")}`;
}

/**
 * A note size (points) that shows the whole text: Excel's default note (about 144 × 72 pt) clips
 * anything past four short lines. Width fixed at 300 pt; height from the wrapped line count.
 */
export function noteSize(text: string): { width: number; height: number } {
  const width = 300;
  // ~11 pt per CJK character at the default 9 pt note font, ~6 pt per Latin character.
  const perLine = (s: string) => [...s].reduce((n, ch) => n + (/[\u2e80-\uffff]/.test(ch) ? 11 : 6), 0);
  const lines = text.split("\n").reduce((n, l) => n + Math.max(1, Math.ceil(perLine(l) / (width - 12))), 0);
  return { width, height: Math.min(600, Math.max(72, lines * 14 + 12)) };
}

/**
 * Print set-up for the 校验结果 sheet, for both writers (src/cli/annotate.ts, src/excel/flags.ts):
 * A4 landscape, one page wide however many findings (fit to width, any number of pages tall), the
 * header row repeated, long messages wrapped in a column of `messageWidth` characters instead of
 * running across four page widths.
 */
export const RESULTS_SHEET_PRINT = {
  orientation: "landscape",
  paper: "A4",
  fitToWidth: 1,
  fitToHeight: 0,
  repeatRows: "1:1",
  messageWidth: 60,
  wrapMessages: true,
} as const;
