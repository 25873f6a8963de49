/**
 * How a table's score is said, the same in the CLI's summary, the review workbook and the pane: the recomputed
 * total (审核得分) beside the entered one (自评得分), 不完整 with the rows that keep it so, or 未填写 / 无法评分.
 */
import { round2 } from "./assess";
import type { ScoreRowNote, TableScore, Unscored } from "./types";

export type Lang = "zh" | "en";

const REASONS: Record<Unscored, { zh: string; en: string }> = {
  "missing-actual": { zh: "未填实际完成值", en: "no actual value" },
  "missing-amount": { zh: "未填预算数或执行数", en: "no budget or executed amount" },
  "empty-budget": { zh: "预算数为 0，无法计算执行率", en: "the budget is 0: no execution rate" },
  "no-weight": { zh: "分值未知", en: "no weight" },
  restated: { zh: "实际完成值重述目标值，无实测值，无法核算", en: "the actual restates the target: no measured value to score" },
  "unit-mismatch": { zh: "实际值与目标值单位不同，无法核算", en: "actual and target in different units: cannot be scored" },
  qualitative: { zh: "定性指标未完全达成，按档次保留自评分", en: "qualitative, not fully met: the entered score kept within its band" },
  "no-target": { zh: "未填目标值", en: "no target value" },
  unknown: { zh: "无法判断是否达成", en: "cannot tell whether it was met" },
  "missing-rows": { zh: "表中没有这部分的行，分值合计不足", en: "the table has no rows for it; the weights fall short" },
};

/** Why a row has no recomputed score, in the given language. */
export function unscoredText(u: Unscored, lang: Lang = "zh"): string {
  return REASONS[u][lang];
}

const n = (x: number) => String(round2(x));

function rowList(rows: ScoreRowNote[], lang: Lang): string {
  const sep = lang === "en" ? "; " : "；";
  const shown = rows.slice(0, 5).map((r) => `${r.indicator || r.cell}${lang === "en" ? ` (${r.cell}: ${unscoredText(r.reason, lang)})` : `（${r.cell}：${unscoredText(r.reason, lang)}）`}`);
  if (rows.length > 5) shown.push(lang === "en" ? `and ${rows.length - 5} more` : `等 ${rows.length} 行`);
  return shown.join(sep);
}

/** The status word of a total: 不完整 / 未填写, or "" for a complete one. */
export function scoreStatusText(s: TableScore, lang: Lang = "zh"): string {
  if (s.status === "blank") return lang === "en" ? "not filled in: no score" : "未填写，无法评分";
  if (s.status === "incomplete") return lang === "en" ? "incomplete" : "不完整";
  return "";
}

/** No total: 未填写，无法评分, or 不完整 naming the rows that keep it so. */
export function incompleteText(s: TableScore, lang: Lang = "zh"): string {
  const head = scoreStatusText(s, lang);
  if (!s.missing?.length) return head;
  return lang === "en" ? `${head} (missing: ${rowList(s.missing, lang)})` : `${head}（缺少：${rowList(s.missing, lang)}）`;
}

/** The recomputed total as shown: `99.8（优）`, `不完整`, `未填写，无法评分`. */
export function recomputedText(s: TableScore, lang: Lang = "zh"): string {
  if (s.total === null) return incompleteText(s, lang);
  return lang === "en" ? `${n(s.total)} (${s.grade})` : `${n(s.total)}（${s.grade}）`;
}

/**
 * One line for a table's score: 审核得分 beside 自评得分, the 百分制 note when the weights are not 100, and
 * the rows that keep a total 不完整 (or whose entered score was kept unverified).
 */
export function scoreLine(s: TableScore, lang: Lang = "zh"): string {
  const zh = lang !== "en";
  const parts: string[] = [];
  parts.push(`${zh ? "审核得分" : "recomputed"} ${recomputedText(s, lang)}`);
  if (s.entered !== undefined && s.entered !== null) parts.push(`${zh ? "自评得分" : "entered"} ${n(s.entered)}${s.totalDiffers ? (zh ? "（不符）" : " (differs)") : ""}`);
  if (s.weightSum !== undefined && s.status !== "blank") {
    parts.push(zh ? `分值合计 ${n(s.weightSum)}，按百分制折算（原始合计 ${n(s.rawTotal ?? 0)}）` : `weights add up to ${n(s.weightSum)}: rescaled to 100 (raw sum ${n(s.rawTotal ?? 0)})`);
  }
  if (s.unverified?.length) parts.push(`${zh ? "按自评分计入" : "entered score kept"}: ${rowList(s.unverified, lang)}`);
  return parts.join(zh ? " · " : " · ");
}

/** The short form for one-line summaries: `99.8(优)/自评96`, `不完整`, `未填写`. */
export function scoreShort(s: TableScore, lang: Lang = "zh"): string {
  const zh = lang !== "en";
  const got = s.total === null ? (s.status === "blank" ? (zh ? "未填写" : "blank") : zh ? "不完整" : "incomplete") : `${n(s.total)}(${s.grade})`;
  return s.entered !== undefined && s.entered !== null ? `${got}/${zh ? "自评" : "entered "}${n(s.entered)}` : got;
}
