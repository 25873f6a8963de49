/**
 * Evaluation-report scoring tables (seed 003). Three block kinds, each found by its header row:
 *   total  — 总目标 | 权重 | (年份)目标值 | (年份)实现值 | 自评分
 *   detail — 项目名称 | 明细目标 | 权重 | 目标值 | 实现值 | 自评分 (项目名称 filled down)
 *   index  — 一级指标 | 二级指标 | 三级指标 | 权重 | 自评分 (the 绩效评价指标表; a row with an empty
 *            deeper level is the stated subtotal of the rows under it)
 * Stated subtotals: a sentence in the three rows above a block (`权重 7 分，按标准自评为 6 分`, `共 55 个明细目标`)
 * or a 小计/合计 row right under it. Completion clauses (`绩效目标共 55 个，完成 38 个，完成率 70%`) anywhere on
 * the sheet outside the blocks. Blocks are grouped into one report per fund: a block kind seen twice starts a
 * new report.
 */
import type { CellItem, CompletionClause, EvaluationReportRow, EvaluationReportTable, ReportBlock, ReportBlockVariant, StatedSubtotal } from "../model";
import type { SheetView } from "../snapshot";
import type { Vocabulary } from "../forms/vocabulary";
import { normalizeValueText } from "../grammar/value";
import { cellNumber } from "../scoring/assess";
import { headerLabel, itemAt, mapColumns, rowIsBlank } from "./selfEvaluation";
import { labelIndex } from "./region";
import type { KindLocator, LayoutProblem, LocateResult } from "./types";

type Columns = Record<ReportBlockVariant, Record<string, (l: string) => boolean>>;

/** Each block's column tests, from the catalogue's evaluationReport labels (built once per vocabulary). */
const COLUMNS = new WeakMap<Vocabulary, Columns>();
function columnsOf(vocab: Vocabulary): Columns {
  let out = COLUMNS.get(vocab);
  if (!out) {
    const c = vocab.evaluationReport.columns;
    const shared = { weight: c.weight, target: c.target, actual: c.actual, score: c.score };
    out = {
      total: { indicator: c.totalGoal, ...shared },
      detail: { project: c.project, indicator: c.detailGoal, ...shared },
      index: { level1: c.level1, level2: c.level2, level3: c.level3, weight: c.weight, score: c.score },
    };
    COLUMNS.set(vocab, out);
  }
  return out;
}
const REQUIRED: Record<ReportBlockVariant, string[]> = {
  total: ["indicator", "weight", "score"],
  detail: ["project", "indicator", "weight", "score"],
  index: ["level1", "weight", "score"],
};
const COLUMN_NAMES: Record<string, string> = { indicator: "指标", project: "项目名称", weight: "权重", target: "目标值", actual: "实现值", score: "自评分", level1: "一级指标", level2: "二级指标", level3: "三级指标" };

function headerVariant(view: SheetView, row: number, vocab: Vocabulary): { variant: ReportBlockVariant; cols: Record<string, number> } | null {
  // Every variant needs a 权重 column: one pass rules out nearly every row before the three mappings.
  if (!hasWeightCell(view, row, vocab)) return null;
  const columns = columnsOf(vocab);
  for (const variant of ["detail", "total", "index"] as const) {
    const cols = mapColumns(view, row, view.left, view.right, columns[variant]);
    if (!REQUIRED[variant].every((k) => cols[k] !== undefined)) continue;
    // A 10号 self-evaluation header (年度指标值 / 实际完成值 columns) is not a report index.
    if (variant === "index") {
      const other = mapColumns(view, row, view.left, view.right, { target: columns.total.target, actual: columns.total.actual });
      if (other.target !== undefined || other.actual !== undefined) continue;
    }
    return { variant, cols };
  }
  return null;
}

function hasWeightCell(view: SheetView, row: number, vocab: Vocabulary): boolean {
  const er = vocab.evaluationReport;
  // The shared label index holds only non-blank cells, already normalised.
  return labelIndex(view).find(row, -Infinity, Infinity, (l) => er.startsWithWeight(l) && er.columns.weight(headerLabel(l))) >= 0;
}

const num = (s: string) => Number(s);

/** Figures stated in a sentence: 权重 N 分, 自评(分/为) M 分 / 实际得 M 分, 共 K 个. */
export function parseStatedSentence(text: string, cell: { row: number; col: number }): StatedSubtotal | undefined {
  const s = normalizeValueText(text);
  const w = /权重(?:为)?(\d+(?:\.\d+)?)分/.exec(s);
  const sc = /(?:自评(?:分|为|得分)?|实际得分?|得分)(?:为)?(\d+(?:\.\d+)?)分/.exec(s);
  const n = /共(\d+)个(?:明细|总体)?(?:绩效)?目标/.exec(s);
  if (!w && !sc && !n) return undefined;
  const out: StatedSubtotal = { source: "text" };
  if (w) out.weight = { cell, value: num(w[1]), text };
  if (sc) out.score = { cell, value: num(sc[1]), text };
  if (n) out.count = { cell, value: num(n[1]), text };
  return out;
}

const CLAUSE = /(总体|总|明细项目|明细)?(?:绩效)?目标(?:共)?(\d+)个[，,]完成(\d+)个[，,](?:绩效目标)?完成率(?:为)?(\d+(?:\.\d+)?)%/g;

export function parseCompletion(text: string, cell: { row: number; col: number }): CompletionClause[] {
  const s = normalizeValueText(text);
  const out: CompletionClause[] = [];
  for (const m of s.matchAll(CLAUSE)) {
    const scope = !m[1] ? "all" : m[1].startsWith("明细") ? "detail" : "total";
    out.push({ cell, text: m[0], scope, count: num(m[2]), done: num(m[3]), rate: num(m[4]), rateText: `${m[4]}%` });
  }
  return out;
}

function readBlock(view: SheetView, header: number, variant: ReportBlockVariant, cols: Record<string, number>, problems: LayoutProblem[], vocab: Vocabulary): ReportBlock {
  const subtotal = vocab.evaluationReport.isSubtotalRow;
  const left = Math.min(...Object.values(cols));
  const right = Math.max(...Object.values(cols));
  for (const key of variant === "index" ? [] : ["target", "actual"]) {
    if (cols[key] === undefined) problems.push({ row: header, col: left, messageId: "missing-column", data: { column: COLUMN_NAMES[key] } });
  }
  const at = (r: number, k: string): CellItem | undefined => (cols[k] === undefined ? undefined : itemAt(view, r, cols[k]));
  // A sentence merged across the columns (the next block's 权重 N 分 line) is not a data row.
  const ownNumber = (r: number, k: string): boolean => {
    const it = at(r, k);
    return !!it && it.cell.col === cols[k] && cellNumber(it.value) !== null;
  };
  const rows: EvaluationReportRow[] = [];
  let stated: StatedSubtotal | undefined;
  let bottom = header;
  let lastProject: CellItem | undefined;
  let last1: CellItem | undefined;
  for (let r = header + 1; r <= view.bottom; r++) {
    if (rowIsBlank(view, r, left, right)) {
      // One blank line (a page break in the source) may sit inside a block.
      if (r + 1 <= view.bottom && !rowIsBlank(view, r + 1, left, right) && !headerVariant(view, r + 1, vocab) && ownNumber(r + 1, "weight")) continue;
      break;
    }
    if (headerVariant(view, r, vocab)) break;
    const first = at(r, variant === "detail" ? "project" : variant === "index" ? "level1" : "indicator");
    const firstLabel = headerLabel(first?.text ?? "");
    if (subtotal(firstLabel) || (variant === "detail" && subtotal(headerLabel(at(r, "indicator")?.text ?? "")))) {
      if (variant === "index") {
        rows.push({ row: r, level1: first, indicator: first, weight: at(r, "weight"), score: at(r, "score"), depth: 1 });
      } else {
        const w = at(r, "weight");
        const s = at(r, "score");
        const wv = w ? Number(w.value) : NaN;
        const sv = s ? Number(s.value) : NaN;
        stated = { source: "row" };
        if (w && w.text && Number.isFinite(wv)) stated.weight = { cell: w.cell, value: wv, text: w.text };
        if (s && s.text && Number.isFinite(sv)) stated.score = { cell: s.cell, value: sv, text: s.text };
      }
      bottom = r;
      break;
    }
    const w = at(r, "weight");
    if (w && w.text && w.cell.col !== cols.weight) break;
    const row: EvaluationReportRow = { row: r, weight: at(r, "weight"), target: at(r, "target"), actual: at(r, "actual"), score: at(r, "score") };
    if (variant === "detail") {
      let project = at(r, "project");
      if (project && !project.text && lastProject) project = lastProject;
      if (project?.text) lastProject = project;
      row.project = project;
      row.indicator = at(r, "indicator");
    } else if (variant === "total") {
      row.indicator = at(r, "indicator");
    } else {
      let l1 = at(r, "level1");
      if (l1 && !l1.text && last1) l1 = last1;
      if (l1?.text) last1 = l1;
      // A cell merged in from the left (合计 across the levels) is not this level's own label.
      const own = (k: string) => {
        const it = at(r, k);
        return it && it.text && it.cell.col === cols[k] ? it : undefined;
      };
      const l2 = own("level2");
      const l3 = own("level3");
      row.level1 = l1;
      row.level2 = l2;
      row.level3 = l3;
      // A blank deeper level marks a subtotal row; a 二级 merged down from above with no 三级 is still a leaf.
      row.depth = l3 ? 3 : l2 ? (l2.cell.row === r ? 2 : 3) : 1;
      row.indicator = l3 ?? l2 ?? l1;
    }
    if (!row.indicator?.text && !row.weight?.text && !row.score?.text) continue;
    rows.push(row);
    bottom = r;
  }
  if (!stated && variant !== "index") {
    for (let r = header - 1; r >= Math.max(view.top, header - 3); r--) {
      let found: StatedSubtotal | undefined;
      for (let c = Math.max(view.left, left - 1); c <= right && !found; c++) {
        if (view.isCovered(r, c)) continue;
        const t = view.text(r, c);
        if (t && /权重|共\d+个/.test(normalizeValueText(t))) found = parseStatedSentence(t, { row: r, col: c });
      }
      if (found) {
        stated = found;
        break;
      }
    }
  }
  return { variant, header, range: { top: header, left, bottom, right }, rows, stated };
}

export const evaluationReportLocator: KindLocator = {
  kind: "evaluation-report",
  locate(view: SheetView, vocab: Vocabulary): LocateResult[] {
    const problems: LayoutProblem[] = [];
    const blocks: ReportBlock[] = [];
    for (let r = view.top; r <= view.bottom; r++) {
      const h = headerVariant(view, r, vocab);
      if (!h) continue;
      const b = readBlock(view, r, h.variant, h.cols, problems, vocab);
      if (b.rows.length === 0) problems.push({ row: r, col: b.range.left, messageId: "unreadable-table", data: { reason: "表头下没有数据行", reasonEn: "there are no data rows under the header" } });
      blocks.push(b);
      r = b.range.bottom;
    }
    if (blocks.length === 0) return [];

    const inBlock = (r: number, c: number) => blocks.some((b) => r >= b.header - 3 && r <= b.range.bottom && c >= b.range.left - 1 && c <= b.range.right);
    const clauses: CompletionClause[] = [];
    for (let r = view.top; r <= view.bottom; r++) {
      for (let c = view.left; c <= view.right; c++) {
        if (view.isCovered(r, c)) continue;
        const t = view.text(r, c);
        if (!t || !/完成率/.test(t) || (inBlock(r, c) && !/共/.test(t))) continue;
        clauses.push(...parseCompletion(t, { row: r, col: c }));
      }
    }

    // One report per fund: a kind seen again starts the next report.
    const groups: ReportBlock[][] = [];
    for (const b of blocks) {
      const g = groups[groups.length - 1];
      if (!g || g.some((x) => x.variant === b.variant)) groups.push([b]);
      else g.push(b);
    }
    const groupTop = (g: ReportBlock[]) => Math.min(...g.map((b) => b.header - (b.stated?.source === "text" ? b.header - (b.stated.weight ?? b.stated.score ?? b.stated.count)!.cell.row : 0)));
    const groupBottom = (g: ReportBlock[]) => Math.max(...g.map((b) => b.range.bottom));
    const byGroup = new Map<number, CompletionClause[]>();
    for (const cl of clauses) {
      // The clause belongs to the report it precedes (or lies in); else the nearest one.
      let best = 0;
      let bestDist = Infinity;
      groups.forEach((g, i) => {
        const d = cl.cell.row <= groupBottom(g) ? Math.max(0, groupTop(g) - cl.cell.row) : cl.cell.row - groupBottom(g) + 1000;
        if (d < bestDist) {
          bestDist = d;
          best = i;
        }
      });
      if (!byGroup.has(best)) byGroup.set(best, []);
      byGroup.get(best)!.push(cl);
    }

    return groups.map((g, i) => {
      const completion = byGroup.get(i) ?? [];
      const top = Math.min(groupTop(g), ...completion.map((c) => c.cell.row));
      const left = Math.min(...g.map((b) => b.range.left), ...completion.map((c) => c.cell.col));
      const right = Math.max(...g.map((b) => b.range.right));
      const bottom = groupBottom(g);
      const mine = problems.filter((p) => p.row >= top && p.row <= bottom);
      const table: EvaluationReportTable = {
        kind: "evaluation-report",
        sheet: view.name,
        name: findName(view, top, left, right) ?? view.name,
        range: { top, left, bottom, right },
        anchor: { row: g[0].header, col: g[0].range.left },
        blocks: g,
        completion,
      };
      return { table, problems: mine };
    });
  },
};

/** A title-like cell (…扶持资金 / …评价 / …指标表) just above the report. */
function findName(view: SheetView, top: number, left: number, right: number): string | undefined {
  for (let r = top; r >= Math.max(view.top, top - 3); r--) {
    for (let c = left; c <= right; c++) {
      const t = view.text(r, c).trim();
      if (t && t.length <= 60 && /(资金|评价|指标表|项目)$/.test(normalizeValueText(t)) && !/完成率|权重/.test(t)) return t;
    }
  }
  return undefined;
}
