/** Column roles of the Reading as a finance clerk names them (inspect, the pane's 读作…, layout/unsure-reading). */
export const ROLE_ZH: Record<string, string> = {
  level1: "一级指标",
  level2: "二级指标",
  level3: "三级指标",
  half: "半年指标值",
  full: "指标值",
  midterm: "中期指标值",
  unit: "计量单位",
  nature: "指标性质",
  keyWork: "重点工作",
  project: "对应项目",
  explanation: "指标解释",
  standard: "评分标准",
  weight: "分值",
  actual: "实际完成值",
  score: "得分",
  reason: "偏差原因",
  ignore: "（不读）",
  sequence: "序号",
  operator: "计算符号",
  direction: "指标方向",
  unknown: "未识别",
  // What a column's cells hold, where it is not a role of its own (inspect's evidence: 像数值).
  number: "数值",
  indicators: "指标表",
  // A monitoring table's columns (绩效运行监控表).
  progress: "执行情况",
  forecast: "全年预计完成情况",
  likelihood: "完成目标可能性",
  measures: "完善措施",
  note: "备注",
};

const ROLE_EN: Record<string, string> = { number: "numbers", level1: "一级 (level 1)", level2: "二级 (level 2)", level3: "三级 (level 3)", full: "target", half: "half-year target", midterm: "mid-term target", actual: "actual value", weight: "weight", score: "score", unit: "unit", nature: "nature (定量/定性)", reason: "reason" };

/**
 * One piece of a column's evidence in words a finance clerk reads (the pane's 读作…, inspect's text): the Reading
 * keeps it as a code (`header:指标值→full`, `content:full 5/6`) so JSON stays stable; anything else is shown as is.
 */
export function describeEvidence(e: string, lang: "zh" | "en"): string {
  const h = /^header:(.*)→(\w+)$/.exec(e);
  if (h) return lang === "zh" ? `表头“${h[1]}”是${ROLE_ZH[h[2]] ?? h[2]}的写法` : `the header "${h[1]}" names the ${ROLE_EN[h[2]] ?? h[2]} column`;
  const c = /^content:(\w+) ([\d.]+)\/(\d+)$/.exec(e);
  if (c) {
    // Counts are weighted (a cell half like a role counts half): shown as a share of the filled cells.
    const share = Math.round((Number(c[2]) / Math.max(Number(c[3]), 1)) * 100);
    return lang === "zh" ? `${share}% 的非空单元格（共 ${c[3]} 个）像${ROLE_ZH[c[1]] ?? c[1]}` : `${share}% of the ${c[3]} filled cells look like ${ROLE_EN[c[1]] ?? c[1]}`;
  }
  const sum = /^sum:weight ([\d.]+)$/.exec(e);
  if (sum) return lang === "zh" ? `各行合计 ${sum[1]}，不超过 100，像分值` : `its rows add up to ${sum[1]}, at most 100, as weights do`;
  const bound = /^bound:score (\d+)\/(\d+)$/.exec(e);
  if (bound) return lang === "zh" ? `${bound[2]} 行中有 ${bound[1]} 行不超过同行的分值，像得分` : `${bound[1]} of ${bound[2]} rows at most the weight on the same row, as scores are`;
  if (e === "position:level3") return lang === "zh" ? "指标树右侧第一列名称：三级指标的位置" : "the first column of names right of the tree: where the level-3 names stand";
  if (e === "position:score") return lang === "zh" ? "紧挨分值右侧、尚未填写的一列：得分的位置" : "the empty column right after the weights: where the score stands";
  if (e === "position:actual") return lang === "zh" ? "是指标值与得分之间唯一的一列：实际完成值的位置" : "the one column between the target and the score: where the actual value stands";
  const names = /^names:(level[12]) (\d+)$/.exec(e);
  if (names) return lang === "zh" ? `列中有 ${names[2]} 个${ROLE_ZH[names[1]]}的名称` : `holds ${names[2]} ${ROLE_EN[names[1]]} names`;
  return e;
}
