import type { CellValue, Rect } from "../../src/core/snapshot";

export interface ProjectSpec {
  name?: string;
  total?: CellValue;
  sources?: Partial<Record<string, CellValue>>;
  expenses?: [CellValue, CellValue, CellValue][];
  indicators?: [string, string, string, CellValue, CellValue][];
  header?: Partial<Record<string, CellValue>>;
  halfHeader?: string;
  fundingLabel?: string;
}

export const STANDARD_INDICATORS: [string, string, string, CellValue, CellValue][] = [
  ["决策", "项目立项", "立项依据充分性", "充分", "充分"],
  ["决策", "项目立项", "立项程序规范性", "规范", "规范"],
  ["决策", "绩效目标", "绩效目标合理性", "合理", "合理"],
  ["决策", "绩效目标", "绩效指标明确性", "明确", "明确"],
  ["决策", "资金投入", "预算编制科学性", "科学", "科学"],
  ["决策", "资金投入", "资金分配合理性", "合理", "合理"],
  ["过程", "资金管理", "资金到位率", "序时进度", "100%"],
  ["过程", "资金管理", "预算执行率", "=50%", "=100%"],
  ["过程", "资金管理", "资金使用合规性", "合规", "合规"],
  ["过程", "组织实施", "管理制度健全性", "健全", "健全"],
  ["过程", "组织实施", "制度执行有效性", "有效", "有效"],
  ["产出指标", "数量指标", "组织培训次数", "≥2次", "≥4次"],
  ["产出指标", "质量指标", "培训合格率", "≥90%", "≥95%"],
  ["产出指标", "时效指标", "完成及时率", "=100%", "=100%"],
  ["产出指标", "成本指标", "项目总成本", "≤5万元", "≤10万元"],
  ["效益指标", "社会效益", "对单位履职的提升程度", "较高", "较高"],
  ["满意度指标", "服务对象满意度", "培训对象满意度", "≥90%", "≥90%"],
];

const SOURCE_ORDER = ["一般公共预算资金", "政府性基金", "国有资本金", "社保基金", "财政专户管理资金", "上年结转资金", "其他资金"];

/**
 * A Wuxi-style project target table, 5 columns wide, rows relative to (0,0), with merges like the real form.
 * Defaults make a clean table (no findings expected from the funding rules).
 */
export function projectTable(spec: ProjectSpec = {}): { rows: CellValue[][]; merges: Rect[] } {
  const rows: CellValue[][] = [];
  const merges: Rect[] = [];
  const m = (top: number, left: number, bottom: number, right: number) => merges.push({ top, left, bottom, right });
  const header = {
    主管部门: "无锡市数据局", 项目类型: "常年安排项目", 项目级次: "市本级", 开始时间: "2025年", 完成时间: "2026年",
    实施单位: "无锡市数据局（本级）", "项目负责人/ 联系电话": "张三0510-81825789", ...spec.header,
  };
  rows.push(["无锡市本级项目预算绩效目标表"]); m(0, 0, 0, 4);
  rows.push(["2026年度"]); m(1, 0, 1, 4);
  const pair = (a: string, b: string) => {
    const r = rows.length;
    rows.push([a, header[a as keyof typeof header] ?? null, null, b, header[b as keyof typeof header] ?? null]);
    m(r, 1, r, 2);
  };
  rows.push(["项目名称", spec.name ?? "培训项目", null, "主管部门", header.主管部门]); m(2, 1, 2, 2);
  pair("项目类型", "项目级次");
  pair("开始时间", "完成时间");
  pair("实施单位", "项目负责人/ 联系电话");
  for (const l of ["立项必要性", "实施可行性", "项目实施内容"]) {
    const r = rows.length;
    rows.push([l, `${l}说明文字`]);
    m(r, 1, r, 4);
  }
  const fundTop = rows.length;
  rows.push([spec.fundingLabel ?? "项目资金（万元）", "收入", null, null, "全年（程）预算数"]);
  const total = spec.total === undefined ? 10 : spec.total;
  rows.push([null, null, "资金总额", null, total]); m(rows.length - 1, 2, rows.length - 1, 3);
  const sources: Partial<Record<string, CellValue>> = { 一般公共预算资金: total, ...spec.sources };
  for (const s of SOURCE_ORDER) {
    rows.push([null, null, s, null, sources[s] ?? 0]);
    m(rows.length - 1, 2, rows.length - 1, 3);
  }
  m(fundTop, 1, rows.length - 1, 1);
  const expTop = rows.length;
  rows.push([null, "支出", null, spec.halfHeader ?? "半年（程）计划执行数", "全年（程）预算数"]);
  const expenses = spec.expenses ?? [[spec.name ?? "培训项目", 5, total]];
  for (const e of expenses) rows.push([null, null, e[0], e[1], e[2]]);
  m(expTop, 1, rows.length - 1, 1);
  m(fundTop, 0, rows.length - 1, 0);
  for (const l of ["中长期目标", "年度目标"]) {
    const r = rows.length;
    rows.push([l, `${l}说明`]);
    m(r, 1, r, 4);
  }
  rows.push(["一级指标", "二级指标", "三级指标", "半年（程）指标值", "全年（程）指标值"]);
  const ind = spec.indicators ?? STANDARD_INDICATORS;
  let g1 = -1;
  let g2 = -1;
  ind.forEach((row, i) => {
    const r = rows.length;
    const new1 = i === 0 || ind[i - 1][0] !== row[0];
    const new2 = new1 || ind[i - 1][1] !== row[1];
    if (new1) {
      if (g1 >= 0 && r - 1 > g1) m(g1, 0, r - 1, 0);
      g1 = r;
    }
    if (new2) {
      if (g2 >= 0 && r - 1 > g2) m(g2, 1, r - 1, 1);
      g2 = r;
    }
    rows.push([new1 ? row[0] : null, new2 ? row[1] : null, row[2], row[3], row[4]]);
  });
  const last = rows.length - 1;
  if (g1 >= 0 && last > g1) m(g1, 0, last, 0);
  if (g2 >= 0 && last > g2) m(g2, 1, last, 1);
  return { rows, merges };
}
