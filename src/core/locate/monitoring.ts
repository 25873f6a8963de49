/**
 * 绩效运行监控表 locator (双监控, 财预〔2019〕136号 and provincial versions). Anchored on the indicator header
 * row: a 三级 (or 指标名称) column with a to-date progress column (1–N月执行情况) and a forecast or likelihood
 * column (全年预计完成情况, 完成目标可能性), which no target table, self-evaluation or report has. The fund
 * block, goal, header fields and tick-box lines are read upwards from it, the indicator rows downwards.
 * Every word comes from the form catalogue (vocabulary.monitoring); several tables per sheet, any position.
 */
import { Item } from "../model";
import type { CellItem, CellRef, Field, MonitoringFundLine, MonitoringIndicatorRow, MonitoringTable, TableReading, TickLine } from "../model";
import type { MonitoringFundRole, MonitoringRole } from "../forms/schema";
import type { Vocabulary } from "../forms/vocabulary";
import type { SheetView } from "../snapshot";
import { isBlank } from "../snapshot";
import { normLabel } from "./labels";
import { cellItemAt, labelIndex, type LabelIndex } from "./region";
import { rowIsBlank, stripNotes } from "./selfEvaluation";
import type { KindLocator, LayoutProblem, LocateResult } from "./types";

/** A header label without bracketed notes or colons: `执行率（%）` → `执行率` (the self-evaluation reader's own). */
const bare = stripNotes;

/**
 * The months a figure covers, from a header or title: `1-7月执行数` → 7, `1至6月` → 6, `截至6月底` → 6. Date
 * syntax, not a region's vocabulary: every variant writes the period with the month numbers.
 */
export function monthOf(label: string): number | undefined {
  const t = label.normalize("NFKC");
  const m = /([0-9]{1,2})\s*月?\s*[-—–~至到]\s*([0-9]{1,2})\s*月/.exec(t) ?? /(?:截至|截止|截止到)\s*()([0-9]{1,2})\s*月/.exec(t);
  if (!m) return undefined;
  const n = Number(m[2]);
  return n >= 1 && n <= 12 && (m[1] === "" || Number(m[1]) === 1) ? n : undefined;
}

type ColMap = Partial<Record<MonitoringRole, number>>;
type Month = { value: number; cell: CellRef };

/** The roles of one header row (and of a two-row header's children), with the header text of each column. */
function headerRoles(view: SheetView, row: number, vocab: Vocabulary): { cols: ColMap; headers: Map<number, string>; choices: Partial<Record<MonitoringRole, { col: number; label: string }[]>>; twoRow: boolean } {
  const mo = vocab.monitoring;
  const cols: ColMap = {};
  const headers = new Map<number, string>();
  const choices: Partial<Record<MonitoringRole, { col: number; label: string }[]>> = {};
  let twoRow = false;
  for (let c = view.left; c <= view.right; c++) {
    let text: string;
    const m = view.mergeCovering(row, c);
    if (m && (m.top !== row || m.left !== c)) {
      // A label merged down from the row above (一级指标 over both rows of a two-row header) is this row's too.
      if (m.top >= row || m.left !== c) continue;
      text = view.text(m.top, m.left);
    } else text = view.text(row, c);
    const label = bare(normLabel(text));
    if (!label) continue;
    const role = mo.columnRole(label);
    const span = view.mergeAt(row, c);
    // A parent spanning columns with labels under it (偏差原因分析 → 经费保障 | 制度保障 …, 完成目标可能性 → 确定能 | 有可能 …):
    // the children are the answers, ticked per row; a child with a role of its own takes it.
    if (span && span.right > span.left && span.bottom === row) {
      const kids: { col: number; label: string }[] = [];
      for (let k = span.left; k <= span.right; k++) {
        const kl = bare(normLabel(view.text(row + 1, k)));
        if (kl) kids.push({ col: k, label: kl });
      }
      if (kids.length >= 2) {
        twoRow = true;
        const own = kids.filter((k) => mo.columnRole(k.label) !== undefined);
        for (const k of own) {
          const r = mo.columnRole(k.label)!;
          if (cols[r] === undefined) {
            cols[r] = k.col;
            headers.set(k.col, `${label}/${k.label}`);
          }
        }
        if (role !== undefined && own.length === 0 && cols[role] === undefined) {
          cols[role] = span.left;
          choices[role] = kids;
          headers.set(span.left, label);
        }
        continue;
      }
    }
    if (role !== undefined && cols[role] === undefined) {
      cols[role] = c;
      headers.set(c, label);
    }
  }
  return { cols, headers, choices, twoRow };
}

/** A row is an indicator header when it has a 三级 (or 指标名称) column, a to-date column and a forecast or likelihood column. */
function isHeader(idx: LabelIndex, r: number, vocab: Vocabulary): boolean {
  const mo = vocab.monitoring;
  let tree = false;
  let progress = false;
  let ahead = false;
  idx.each(r, -Infinity, Infinity, (l) => {
    const role = mo.columnRole(bare(l));
    if (role === "level3") tree = true;
    else if (role === "progress") progress = true;
    else if (role === "forecast" || role === "likelihood") ahead = true;
  });
  return tree && progress && ahead;
}

/** Each fund column's role in one header row. */
function fundRoles(idx: LabelIndex, r: number, vocab: Vocabulary): { cols: Partial<Record<MonitoringFundRole, number>>; labels: Map<number, string> } {
  const cols: Partial<Record<MonitoringFundRole, number>> = {};
  const labels = new Map<number, string>();
  idx.each(r, -Infinity, Infinity, (l, c) => {
    const role = vocab.monitoring.fundColumnRole(bare(l));
    if (role && cols[role] === undefined) {
      cols[role] = c;
      labels.set(c, l);
    }
  });
  return { cols, labels };
}

const isFundHeader = (f: ReturnType<typeof fundRoles>) => f.cols.budget !== undefined && (f.cols.executed !== undefined || f.cols.rate !== undefined);

/** The value cell right of a label: the first non-blank cell after the label's merge, unless it is a known label. */
const valueRightOf = (view: SheetView, row: number, col: number, isLabel: (l: string) => boolean): CellItem | undefined => textRightOf(view, row, col, isLabel).first;

/** The text of the cells right of a label up to the next known label, joined (tick boxes spread over cells). */
function textRightOf(view: SheetView, row: number, col: number, isLabel: (l: string) => boolean): { text: string; first?: CellItem } {
  const m = view.mergeAt(row, col);
  const parts: string[] = [];
  let first: CellItem | undefined;
  for (let c = (m ? m.right : col) + 1; c <= view.right; c++) {
    if (view.isCovered(row, c)) continue;
    const t = view.text(row, c).trim();
    if (!t) continue;
    if (isLabel(bare(normLabel(t)))) break;
    first ??= cellItemAt(view, row, c);
    parts.push(t);
  }
  return { text: parts.join(" "), first };
}

/**
 * Options of a tick-box line: `√新增 □延续` → 新增 ticked, 延续 not. A value written without any box (延续项目)
 * is an answer, taken as one ticked option.
 */
export function tickOptions(text: string, vocab: Vocabulary): { text: string; ticked: boolean }[] {
  const { tickMarks, boxMarks } = vocab.monitoring;
  const isMark = (ch: string) => tickMarks.includes(ch) || boxMarks.includes(ch);
  const t = text.trim();
  const chars = [...t];
  if (!chars.some(isMark)) return t ? [{ text: t, ticked: true }] : [];
  // Boxes before their options (□新增 √延续) or after them (新增□ 延续√), as the first character shows.
  const before = isMark(chars[0]);
  const out: { text: string; ticked: boolean }[] = [];
  let buf = "";
  let mark: string | undefined;
  for (const ch of chars) {
    if (!isMark(ch)) {
      buf += ch;
      continue;
    }
    if (before) {
      if (mark !== undefined) out.push({ text: buf.trim(), ticked: tickMarks.includes(mark) });
      mark = ch;
    } else out.push({ text: buf.trim(), ticked: tickMarks.includes(ch) });
    buf = "";
  }
  if (before && mark !== undefined) out.push({ text: buf.trim(), ticked: tickMarks.includes(mark) });
  else if (!before && buf.trim()) out.push({ text: buf.trim(), ticked: false });
  return out.filter((o) => o.text || o.ticked);
}

interface Head {
  title?: CellItem;
  fields: Record<string, Field>;
  ticks: TickLine[];
  funds: MonitoringFundLine[];
  goal?: MonitoringTable["goal"];
  /** The months, by where they were read: the fund header's execution column, the title, another header label. */
  months: { fund?: Month; title?: Month; label?: Month };
  year?: { value: number; cell: CellRef };
  top?: number;
  left?: number;
  right?: number;
  problems: LayoutProblem[];
}

/** Title, header fields, tick lines, fund block and goal, read upwards from `from` to `stop`. */
function readHead(view: SheetView, idx: LabelIndex, from: number, stop: number, vocab: Vocabulary): Head {
  const mo = vocab.monitoring;
  const out: Head = { fields: {}, ticks: [], funds: [], problems: [], months: {} };
  const widen = (r: number, c: number) => {
    out.top = Math.min(out.top ?? r, r);
    out.left = Math.min(out.left ?? c, c);
    out.right = Math.max(out.right ?? c, c);
  };
  const isFieldLabel = (l: string) => mo.fields.includes(l);
  let fundHeader = -1;
  let fund: ReturnType<typeof fundRoles> | undefined;
  let goalRow = -1;
  for (let r = from; r >= stop; r--) {
    const cells = idx.row(r);
    if (cells.length === 0) continue;
    if (fundHeader < 0) {
      const f = fundRoles(idx, r, vocab);
      if (isFundHeader(f)) {
        fundHeader = r;
        fund = f;
      }
    }
    for (const c of cells) {
      const l = bare(c.label);
      if (goalRow < 0 && fundHeader < 0 && (mo.isGoalActual(l) || mo.isGoalTarget(l))) goalRow = r;
      if (isFieldLabel(l) && !out.fields[l]) {
        widen(r, c.col);
        if (mo.isTickField(l)) {
          const v = textRightOf(view, r, c.col, isFieldLabel);
          const label = cellItemAt(view, r, c.col);
          out.ticks.push({ label, cell: v.first ?? label, options: tickOptions(v.text, vocab) });
          out.fields[l] = { label, value: v.first };
        } else out.fields[l] = { label: cellItemAt(view, r, c.col), value: valueRightOf(view, r, c.col, isFieldLabel) };
      }
      if (!out.title && mo.isTitle(c.label)) {
        out.title = cellItemAt(view, r, c.col);
        widen(r, c.col);
      }
      // A period in a short header label (1-7月实际完成情况); long texts (goals, notes) may name other months.
      if (!out.months.label && c.label.length <= 16) {
        const m = monthOf(c.label);
        if (m) out.months.label = { value: m, cell: { row: r, col: c.col } };
      }
      // A year stated on its own (2026年度) above the table.
      if (!out.year) {
        const y = /(20[0-9]{2})年度/.exec(c.label);
        if (y) out.year = { value: Number(y[1]), cell: { row: r, col: c.col } };
      }
    }
    if (out.title) {
      // The title and the subtitle under it (（2026年1-7月）) name the year and the months.
      for (let s = r; s <= Math.min(r + 2, from); s++) {
        for (const c of idx.row(s)) {
          const y = /(20[0-9]{2})年/.exec(c.label);
          if (y && (!out.year || out.year.cell.row > s)) out.year = { value: Number(y[1]), cell: { row: s, col: c.col } };
          const m = monthOf(c.label);
          if (m && !out.months.title) out.months.title = { value: m, cell: { row: s, col: c.col } };
        }
      }
      break;
    }
  }
  if (fund && fundHeader >= 0) {
    const fc = fund.cols;
    // The months of the execution column win over any other period found (the figures are the column's).
    const execLabel = fc.executed !== undefined ? fund.labels.get(fc.executed) : undefined;
    const rateLabel = fc.rate !== undefined ? fund.labels.get(fc.rate) : undefined;
    const m = (execLabel && monthOf(execLabel)) || (rateLabel && monthOf(rateLabel));
    if (m) out.months.fund = { value: m, cell: { row: fundHeader, col: (execLabel && monthOf(execLabel) ? fc.executed : fc.rate)! } };
    const amountCols = Object.values(fc) as number[];
    const firstAmount = Math.min(...amountCols);
    for (const c of amountCols) widen(fundHeader, c);
    const end = goalRow > fundHeader ? goalRow - 1 : from;
    for (let r = fundHeader + 1; r <= end; r++) {
      const labels = idx.row(r, -Infinity, firstAmount - 1).filter((c) => !/^[0-9.,%\s-]+$/.test(c.label));
      const label = labels[labels.length - 1];
      if (!label) continue;
      const l = bare(label.label);
      if (mo.isGoalTarget(l) || mo.isGoalActual(l) || isFieldLabel(l)) break;
      // A long text in an amount column is no money line: the block has ended.
      if (amountCols.some((c) => { const v = view.value(r, c); return typeof v === "string" && v.trim().length > 12 && !/^[\d.,%\s+-]+$/.test(v.trim()); })) break;
      const at = (k: MonitoringFundRole) => (fc[k] === undefined ? undefined : cellItemAt(view, r, fc[k]!));
      const line: MonitoringFundLine = { label: cellItemAt(view, r, label.col), budget: at("budget"), executed: at("executed"), rate: at("rate"), forecast: at("forecast") };
      if (mo.isFundTotal(l)) line.total = true;
      out.funds.push(line);
      widen(r, label.col);
    }
    // No line the catalogue calls the total: the first whose budget is the sum of the lines under it, else the first.
    if (out.funds.length && !out.funds.some((f) => f.total)) {
      const num = (c?: CellItem) => (typeof c?.value === "number" ? c.value : null);
      const i = out.funds.findIndex((f, k) => {
        const b = num(f.budget);
        const rest = out.funds.slice(k + 1).map((x) => num(x.budget));
        return b !== null && rest.length > 0 && Math.abs(b - rest.reduce<number>((s, x) => s + (x ?? 0), 0)) < 0.01;
      });
      out.funds[i >= 0 ? i : 0].total = true;
    }
  }
  if (goalRow >= 0) out.goal = readGoal(view, idx, goalRow, from, vocab);
  return out;
}

/**
 * The goal block: 年度总体目标 with its text right of it or under a 年初设定目标 header, and 实际完成情况 likewise.
 * A header row (年初设定目标 | 1-7月实际完成情况) takes its texts from the row under it.
 */
function readGoal(view: SheetView, idx: LabelIndex, row: number, from: number, vocab: Vocabulary): MonitoringTable["goal"] {
  const mo = vocab.monitoring;
  const cells = idx.row(row);
  const actualCell = cells.find((c) => mo.isGoalActual(bare(c.label)));
  const isLabel = (l: string) => mo.isGoalActual(l) || mo.isGoalTarget(l);
  const below = row + 1 <= from ? row + 1 : undefined;
  // A header row (年初设定目标 | 1-7月实际完成情况, nothing written right of them): the texts are in the row under it.
  if (actualCell && below !== undefined && !valueRightOf(view, row, actualCell.col, isLabel)) {
    const left = cells.filter((c) => c.col < actualCell.col && !mo.isGoalTarget(bare(c.label)));
    const t = left[left.length - 1] ?? cells.find((c) => mo.isGoalTarget(bare(c.label)));
    return { target: t ? cellItemAt(view, below, t.col) : undefined, actual: cellItemAt(view, below, actualCell.col) };
  }
  const target = cells.find((c) => mo.isGoalTarget(bare(c.label)));
  return {
    target: target ? valueRightOf(view, row, target.col, isLabel) : undefined,
    actual: actualCell ? valueRightOf(view, row, actualCell.col, isLabel) : undefined,
  };
}

/** Whether a written answer says something: a dash or slash is none, nor is a line of boxes none of which is ticked. */
function given(text: string, vocab: Vocabulary): boolean {
  const t = text.replace(/[\s/—\-－无]/g, "");
  if (!t) return false;
  const { boxMarks } = vocab.monitoring;
  const hasBox = [...t].some((ch) => boxMarks.includes(ch));
  if (!hasBox) return true;
  return tickOptions(text, vocab).some((o) => o.ticked);
}

/** The answer of a choice column split into ticked children: the labels of the children marked in this row. */
function choiceItem(view: SheetView, row: number, kids: { col: number; label: string }[], vocab: Vocabulary): CellItem {
  // An empty box (the catalogue's boxMarks) or a mark saying no (×, 否, 0, a dash) ticks nothing.
  const no = (t: string) => vocab.monitoring.boxMarks.includes(t) || /^[×xX0否\-—]$/.test(t);
  const picked = kids.filter((k) => !isBlank(view.value(row, k.col)) && !no(view.text(row, k.col).trim()));
  const at = picked[0]?.col ?? kids[0].col;
  return new Item(row, at, picked.map((k) => k.label).join("、") || null);
}

function locateOne(view: SheetView, idx: LabelIndex, header: number, upper: number, lower: number, vocab: Vocabulary): LocateResult {
  const mo = vocab.monitoring;
  const problems: LayoutProblem[] = [];
  const { cols, headers, choices, twoRow } = headerRoles(view, header, vocab);
  const dataStart = twoRow ? header + 2 : header + 1;
  const used = Object.values(cols) as number[];
  let left = Math.min(...used);
  let right = Math.max(...used, ...Object.values(choices).flatMap((k) => k!.map((x) => x.col)));
  for (const [key, name] of [["full", "年度指标值"], ["progress", "执行情况"], ["likelihood", "完成目标可能性"], ["reason", "偏差原因分析"], ["measures", "完善措施"]] as const) {
    if (cols[key] === undefined) problems.push({ row: header, col: cols.level3!, messageId: "missing-column", data: { column: name } });
  }
  const head = readHead(view, idx, header - 1, upper, vocab);
  problems.push(...head.problems);
  if (!head.funds.length) problems.push({ row: header, col: cols.level3!, messageId: "missing-block", data: { block: "项目资金（预算数 / 执行数 / 执行率）" } });
  const top = Math.min(header, head.top ?? header);
  left = Math.min(left, head.left ?? left);
  right = Math.max(right, head.right ?? right);
  // The months: from the fund block, else from the progress column's header (1-7月执行情况).
  const progressHeader = cols.progress !== undefined ? headers.get(cols.progress) : undefined;
  const progressMonth = progressHeader ? monthOf(progressHeader) : undefined;
  // The execution column's period first (the amounts are its), then the progress column's, the title's, any header's.
  const month = head.months.fund ?? (progressMonth ? { value: progressMonth, cell: { row: header, col: cols.progress! } } : undefined) ?? head.months.title ?? head.months.label;

  const indicators: MonitoringIndicatorRow[] = [];
  let bottom = header;
  let blanks = 0;
  let last1: CellItem | undefined;
  let last2: CellItem | undefined;
  const treeLeft = Math.min(cols.level1 ?? Infinity, cols.level2 ?? Infinity, cols.level3!);
  for (let r = dataStart; r <= lower; r++) {
    if (rowIsBlank(view, r, left, right)) {
      if (++blanks >= 2) break;
      continue;
    }
    const labels = idx.row(r);
    if (labels.some((c) => mo.isTitle(c.label) || vocab.isTableStart(c.label) || mo.fields.includes(bare(c.label)))) break;
    if (isFundHeader(fundRoles(idx, r, vocab)) || isHeader(idx, r, vocab)) break;
    blanks = 0;
    const at = (k: MonitoringRole) => (choices[k] ? choiceItem(view, r, choices[k]!, vocab) : cols[k] === undefined ? undefined : cellItemAt(view, r, cols[k]!));
    const level3 = at("level3");
    let level1 = at("level1");
    let level2 = at("level2");
    if (level1 && !level1.text && last1) level1 = last1;
    if (level2 && !level2.text && last2 && level1 === last1) level2 = last2;
    if (level1?.text) last1 = level1;
    if (level2?.text) last2 = level2;
    // A note merged across the tree and value columns (注：…, 填表说明) is no indicator and not the table's.
    const merged = view.mergeCovering(r, cols.level3!);
    if (merged && merged.left <= treeLeft && merged.right >= (cols.full ?? cols.progress ?? cols.level3!) && merged.right > cols.level3!) continue;
    bottom = r;
    if (!level3?.text) continue;
    const extra: Record<string, CellItem> = {};
    const unit = at("unit");
    if (unit?.text) extra.unit = unit;
    const nature = at("nature");
    if (nature?.text) extra.nature = nature;
    const likelihood = at("likelihood");
    const reason = at("reason");
    const answered = likelihood?.text ? { sure: mo.isSure(likelihood.text) } : {};
    indicators.push({ row: r, level1, level2, level3, full: at("full"), progress: at("progress"), forecast: at("forecast"), likelihood, reason, measures: at("measures"), note: at("note"), extra, ...answered, reasonGiven: given(reason?.text ?? "", vocab) });
  }
  const reading: TableReading = {
    by: "words",
    headerRow: header,
    columns: [...headers.entries()].map(([col, h]) => ({ col, header: h, role: (Object.entries(cols).find(([, c]) => c === col)?.[0] ?? "unknown") as string, confidence: 1, evidence: [`header:${h}`] })).sort((a, b) => a.col - b.col),
    unsure: [],
  };
  const name = head.fields["项目名称"]?.value?.text || head.title?.text || "绩效运行监控表";
  const table: MonitoringTable = {
    kind: "monitoring",
    sheet: view.name,
    name,
    range: { top, left, bottom, right },
    anchor: { row: header, col: cols.level3! },
    title: head.title,
    year: head.year,
    reading,
    fields: head.fields,
    funds: head.funds,
    month,
    goal: head.goal,
    indicators,
    ticks: head.ticks,
  };
  return { table, problems };
}

export const monitoringLocator: KindLocator = {
  kind: "monitoring",
  locate(view: SheetView, vocab: Vocabulary): LocateResult[] {
    const idx = labelIndex(view);
    const headers = idx.rowNumbers.filter((r) => isHeader(idx, r, vocab));
    const out: LocateResult[] = [];
    let upper = view.top;
    headers.forEach((h, i) => {
      // The next table's head starts somewhere above its header: its rows stop this one (title, fields, fund header).
      const lower = i + 1 < headers.length ? headers[i + 1] - 1 : view.bottom;
      const res = locateOne(view, idx, h, upper, lower, vocab);
      out.push(res);
      upper = res.table.range.bottom + 1;
    });
    return out;
  },
};
