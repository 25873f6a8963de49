/**
 * Builds 项目支出绩效自评表 grids (财预〔2020〕10号 layout, columns A–H) for the scoring tests, and writes
 * grids to a real .xlsx so the tests read them back through the CLI's exceljs reader.
 */
import ExcelJS from "exceljs";
import type { CellValue, Rect, WorkbookSnapshot } from "../../src/core/snapshot";
import { parseRange } from "../../src/core/snapshot";
import { readWorkbookSnapshot } from "../../src/cli/snapshot";

/** [一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因] */
export type IndRow = [string, string, string, CellValue, CellValue, CellValue, CellValue, CellValue];

export interface SelfEvalSpec {
  name?: string;
  fund?: { initial?: CellValue; budget: CellValue; executed: CellValue; weight?: CellValue; score: CellValue };
  indicators: IndRow[];
  total?: { weight: CellValue; score: CellValue } | null;
  /** Header label overrides (e.g. full-width brackets, line breaks). */
  headers?: Partial<Record<"budget" | "executed" | "actual" | "reason", string>>;
  /** Merge 一级/二级 runs (default) or leave the repeated cells blank. */
  merge1?: boolean;
}

export interface Grid {
  rows: CellValue[][];
  merges: Rect[];
}

const GOOD: IndRow[] = [
  ["产出指标", "数量指标", "培训人数", "≥50人", "40人", 20, 16, "部分学员因疫情未能参加"],
  ["产出指标", "质量指标", "培训合格率", "≥95%", "98%", 15, 15, ""],
  ["产出指标", "成本指标", "人均培训成本", "≤100元", "125元", 15, 12, "场地费上涨"],
  ["效益指标", "社会效益指标", "服务覆盖率", "=100%", "100%", 15, 15, ""],
  ["效益指标", "可持续影响指标", "长效机制", "健全", "部分建立", 15, 10, "制度尚在审批"],
  ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "92%", 10, 10, ""],
];

/** The hand-computed example of tests/scoring.test.ts: 8 + 16 + 15 + 12 + 15 + 10 (entered, band 9–12) + 10 = 86. */
export function goodSpec(): SelfEvalSpec {
  return { name: "职业技能培训项目", fund: { initial: 100, budget: 100, executed: 80, weight: 10, score: 8 }, indicators: GOOD.map((r) => [...r] as IndRow), total: { weight: 100, score: 86 } };
}

export function selfEvalGrid(spec: SelfEvalSpec): Grid {
  const h = { budget: "全年预算数（A）", executed: "全年执行数（B）", actual: "实际完成值", reason: "偏差原因分析及改进措施", ...spec.headers };
  const rows: CellValue[][] = [];
  const merges: string[] = [];
  const push = (r: CellValue[]) => rows.push(r);
  push(["项目支出绩效自评表", null, null, null, null, null, null, null]);
  merges.push("A1:H1");
  push(["项目名称", spec.name ?? "测试项目", null, null, null, null, null, null]);
  merges.push("B2:H2");
  push(["主管部门", "某局", null, null, "实施单位", "某中心", null, null]);
  push(["项目资金（万元）", null, "年初预算数", h.budget, h.executed, "分值", "执行率（B/A）", "得分"]);
  const f = spec.fund;
  if (f) {
    const rate = typeof f.budget === "number" && typeof f.executed === "number" && f.budget > 0 ? f.executed / f.budget : null;
    push([null, "年度资金总额", f.initial ?? f.budget, f.budget, f.executed, f.weight === undefined ? 10 : f.weight, rate, f.score]);
    push([null, "其中：当年财政拨款", f.initial ?? f.budget, f.budget, f.executed, "—", rate, "—"]);
    push([null, "上年结转资金", 0, 0, 0, "—", null, "—"]);
    push([null, "其他资金", 0, 0, 0, "—", null, "—"]);
    merges.push(`A4:A${rows.length}`);
  }
  push(["年度总体目标", "预期目标", null, null, null, "实际完成情况", null, null]);
  push([null, "完成年度培训任务", null, null, null, "基本完成", null, null]);
  merges.push(`A${rows.length - 1}:A${rows.length}`);
  push(["一级指标", "二级指标", "三级指标", "年度指标值", h.actual, "分值", "得分", h.reason]);
  const first = rows.length; // 0-based index of the first indicator row
  for (const r of spec.indicators) push([...r]);
  const merge = spec.merge1 ?? true;
  for (const col of [0, 1]) {
    let start = 0;
    for (let i = 1; i <= spec.indicators.length; i++) {
      const key = (k: number) => spec.indicators[k].slice(0, col + 1).join("/");
      if (i === spec.indicators.length || key(i) !== key(start)) {
        if (i - 1 > start) {
          for (let k = start + 1; k < i; k++) rows[first + k][col] = null;
          if (merge) merges.push(`${"AB"[col]}${first + start + 1}:${"AB"[col]}${first + i}`);
        }
        start = i;
      }
    }
  }
  if (spec.total !== null) {
    const t = spec.total ?? { weight: 100, score: null };
    push(["总分", null, null, null, null, t.weight, t.score, null]);
    merges.push(`A${rows.length}:E${rows.length}`);
  }
  return { rows, merges: merges.map((m) => parseRange(m)!) };
}

/** Write grids (each at a 0-based offset on its sheet) into a real .xlsx and read it back. */
export async function roundTrip(sheets: { name: string; grids: { at?: { row: number; col: number }; grid: Grid }[] }[]): Promise<WorkbookSnapshot> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const { at = { row: 0, col: 0 }, grid } of s.grids) {
      grid.rows.forEach((r, i) =>
        r.forEach((v, j) => {
          if (v === null) return;
          ws.getCell(at.row + i + 1, at.col + j + 1).value = typeof v === "object" ? { error: v.error } as ExcelJS.CellErrorValue : v;
        }),
      );
      for (const m of grid.merges) ws.mergeCells(m.top + at.row + 1, m.left + at.col + 1, m.bottom + at.row + 1, m.right + at.col + 1);
    }
  }
  return readWorkbookSnapshot(Buffer.from(await wb.xlsx.writeBuffer()));
}
