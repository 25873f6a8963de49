/**
 * `--report FILE.xlsx`: the review workbook a reviewer works in after a run.
 *
 * - 汇总 / Summary: one row per file and table — file, unit, project, kind, score, grade, counts by
 *   severity, status, a link to the annotated copy. A file without tables (or unreadable, skipped) still
 *   gets its row, so every file is accounted for.
 * - 规则 / Rules: one row per rule — how often it fired, in how many files, one example.
 * - 审核意见 / Review: per table, the reviewer's sheet (类目 / 审核点 / 审核标准 / 是否通过 / 问题清单 /
 *   审核意见); 是否通过 is a 通过/不通过 dropdown prefilled from the findings (不通过 when a category has an
 *   error), every cell editable.
 *
 * Only the summary rows are kept during the run (a few strings per table), so memory stays flat.
 * The workbook carries a very hidden marker sheet: a later run replaces its own report, never a user's file.
 */
import ExcelJS from "exceljs";
import path from "node:path";
import type { Severity } from "../core/finding";
import { incompleteText } from "../core/scoring/present";
import { RULES_BY_ID } from "../core/rules";
import { LIGHT_EN, LIGHT_ZH, type ExecutionLight } from "../core/rules/monitoring/util";
import { ignoreByLine, KIND_LABEL, STATUS_LABEL, statusOf, type FileReport, type Lang } from "./report";

/** The light's cell colour in the summary: the usual red, amber and green of Excel's conditional formats. */
const LIGHT_FILL = { red: "FFFFC7CE", yellow: "FFFFEB9C", green: "FFC6EFCE" } as const;

export const REPORT_MARKER_SHEET = "PerfCheck报告";
export const REPORT_MARKER = "perfcheck-report v1";

/** Review categories by rule family: what is checked and by which standard (zh / en). */
type Category = { prefix: string[]; zh: [string, string, string]; en: [string, string, string]; byKind?: Record<string, { zh: [string, string, string]; en: [string, string, string] }> };
const CATEGORIES: Category[] = [
  {
    prefix: ["header"],
    zh: ["基本信息", "表头信息完整、准确", "项目名称、主管部门、实施单位、起止时间、联系电话等必填项齐全，格式正确"],
    en: ["Basic information", "Header complete and correct", "Project name, department, implementer, dates and phone filled in and well-formed"],
    // A department's table has no project, implementer or dates: its header is the unit and its budget.
    byKind: {
      "department-target": {
        zh: ["基本信息", "表头信息完整、准确", "部门（单位）名称、年度预算金额、部门职能和年度总体目标等必填项齐全，格式正确"],
        en: ["Basic information", "Header complete and correct", "Department (unit) name, annual budget, functions and overall annual targets filled in and well-formed"],
      },
      "self-evaluation": {
        zh: ["基本信息", "表头信息完整、准确", "项目名称、主管部门、实施单位等必填项齐全，格式正确"],
        en: ["Basic information", "Header complete and correct", "Project name, department and implementer filled in and well-formed"],
      },
    },
  },
  {
    prefix: ["monitoring"],
    zh: ["运行监控", "预算执行和目标完成情况", "执行率计算正确，执行进度不低于序时进度的 80%（红灯低于 60%，黄灯 60%–80%）；预计不能完成的指标写明偏差原因和完善措施；指标与批复的绩效目标一致"],
    en: ["Monitoring", "Budget execution and target progress", "Rates computed correctly, execution at least 80% of the time elapsed (red below 60%, yellow 60–80%); indicators at risk explained with a remedy; indicators as approved"],
  },
  {
    prefix: ["funding"],
    zh: ["资金", "资金测算与预算一致", "资金总额等于各来源之和，支出合计等于资金总额，半年不超过全年，金额为非负数值"],
    en: ["Funding", "Amounts consistent with the budget", "Total equals its sources, expenses equal the total, half-year within full-year, amounts numeric and non-negative"],
  },
  {
    prefix: ["indicator"],
    zh: ["绩效指标", "指标完整、可衡量", "产出、效益、满意度指标齐全；指标值量化并有单位；成本不超预算；满意度不低于标准"],
    en: ["Indicators", "Indicators complete and measurable", "Output, benefit and satisfaction indicators present; values quantified with units; cost within budget; satisfaction at or above the standard"],
  },
  {
    prefix: ["score"],
    zh: ["自评得分", "得分计算正确", "按财预〔2020〕10号及本地配置的权重与计分规则计算，与填报得分一致"],
    en: ["Scores", "Scores computed correctly", "Weights and scoring per Caiyu [2020] No. 10 and the local profile; entered scores match"],
  },
  {
    prefix: [],
    zh: ["表格结构", "表格可完整读取", "表格结构符合标准格式，无缺失的栏目或区块，公式已计算"],
    en: ["Table structure", "Table fully readable", "Layout follows the standard form, no missing columns or blocks, formulas calculated"],
  },
];

function categoryOf(rule: string): number {
  const fam = rule.split("/")[0];
  const i = CATEGORIES.findIndex((c) => c.prefix.includes(fam));
  return i >= 0 ? i : CATEGORIES.length - 1;
}

interface SummaryRow {
  file: string;
  unit: string;
  project: string;
  kind: string;
  /** The table kind's id (department-target …): the review sheet's wording depends on it. */
  kindId?: string;
  form: string;
  /** 审核得分: the recomputed total, or why there is none (不完整 …, 未填写，无法评分). */
  score?: number | string;
  /** 自评得分: the total the table states (or its entered scores added up). */
  entered?: number;
  grade?: string;
  /** The entered and recomputed totals differ by more than the tolerance. */
  scoreDiffers?: boolean;
  counts: Record<Severity, number>;
  status: string;
  copy?: string;
  /** Per category: findings' messages (review sheet), kept only for tables; `ignored` marks a finding the workbook set aside. */
  issues?: { severity: Severity; text: string; ignored?: boolean }[][];
  /** Findings of this row the workbook's ignore list set aside (counted apart, never as clean). */
  ignored?: number;
  /** A monitoring table's execution light. */
  light?: ExecutionLight;
}

/** One finding the workbook's ignore list set aside, as the 已忽略 sheet lists it. */
interface IgnoredRow {
  file: string;
  where: string;
  rule: string;
  severity: Severity;
  message: string;
  scope: string;
  reason: string;
  by: string;
  was: string;
}

const HEAD = {
  zh: {
    summary: ["文件", "单位", "项目", "表格类型", "读取表式", "自评得分", "审核得分", "等级", "错误", "警告", "提示", "状态", "带标记副本"],
    rules: ["规则", "严重程度", "次数", "文件数", "示例", "规则编号"],
    review: ["类目", "审核点", "审核标准", "是否通过", "问题清单", "审核意见"],
    sheets: ["汇总", "规则", "审核意见"],
    pass: "通过",
    fail: "不通过",
    open: "打开副本",
    ignoredCol: "已忽略",
    lightCol: "执行进度",
    ignoredSheet: "已忽略",
    ignoredHead: ["文件", "单元格", "规则", "严重程度", "问题", "忽略范围", "原因", "时间和操作人", "当时的值"],
    ignoredNone: "没有被忽略的问题",
    scopeRule: "整条规则（本工作簿）",
    scopeFinding: "此单元格",
    ignoredTag: "已忽略",
    noReason: "未填写原因",
  },
  en: {
    summary: ["File", "Unit", "Project", "Table kind", "Form read as", "Entered score", "Recomputed score", "Grade", "Errors", "Warnings", "Info", "Status", "Annotated copy"],
    rules: ["Rule", "Severity", "Count", "Files", "Example", "Rule id"],
    review: ["Category", "Check", "Standard", "Passed", "Problems", "Reviewer's opinion"],
    sheets: ["Summary", "Rules", "Review"],
    pass: "Pass",
    fail: "Fail",
    open: "open copy",
    ignoredCol: "Ignored",
    lightCol: "Execution",
    ignoredSheet: "Ignored",
    ignoredHead: ["File", "Cell", "Rule", "Severity", "Problem", "Ignored for", "Reason", "When and by whom", "Value then"],
    ignoredNone: "No findings were ignored",
    scopeRule: "the whole rule (this workbook)",
    scopeFinding: "this cell",
    ignoredTag: "ignored",
    noReason: "no reason given",
  },
} as const;

export class ReviewWorkbook {
  private readonly rows: SummaryRow[] = [];
  private readonly rules = new Map<string, { severity: Severity; count: number; files: Set<string>; example: string }>();
  private readonly ignoredRows: IgnoredRow[] = [];

  constructor(
    private readonly lang: Lang,
    private readonly reportFile: string,
  ) {}

  add(r: FileReport): void {
    const status = STATUS_LABEL[statusOf(r)][this.lang];
    const res = r.result;
    for (const f of res?.findings ?? []) {
      const e = this.rules.get(f.rule) ?? { severity: f.severity, count: 0, files: new Set<string>(), example: this.lang === "en" ? f.messageEn : f.message };
      e.count++;
      e.files.add(r.file);
      this.rules.set(f.rule, e);
    }
    const h = HEAD[this.lang];
    for (const f of res?.ignored ?? []) {
      this.ignoredRows.push({
        file: r.file,
        where: `${f.sheet}!${f.cell}`,
        rule: f.rule,
        severity: f.severity,
        message: this.lang === "en" ? f.messageEn : f.message,
        scope: f.scope === "rule" ? h.scopeRule : h.scopeFinding,
        reason: f.reason || h.noReason,
        by: ignoreByLine(f, this.lang),
        was: f.was ?? "",
      });
    }
    if (!res || res.tables.length === 0) {
      this.rows.push({ file: r.file, unit: "", project: "", kind: "", form: "", counts: { error: 0, warning: 0, info: 0 }, status: r.error ? `${status}：${r.error}` : status, copy: r.copy, ignored: res?.ignored?.length ?? 0 });
      return;
    }
    res.tables.forEach((t, i) => {
      const issues: SummaryRow["issues"] = CATEGORIES.map(() => []);
      for (const f of res.findings) if (f.table === t.index) issues[categoryOf(f.rule)].push({ severity: f.severity, text: `${f.sheet}!${f.cell} ${this.lang === "en" ? f.messageEn : f.message}` });
      // Ignored findings stay in the reviewer's list, marked, with the clerk's reason.
      const mine = (res.ignored ?? []).filter((f) => f.table === t.index);
      for (const f of mine) issues[categoryOf(f.rule)].push({ severity: f.severity, ignored: true, text: `${f.sheet}!${f.cell} ${this.lang === "en" ? f.messageEn : f.message}（${h.ignoredTag}：${f.reason || h.noReason}）` });
      this.rows.push({
        file: r.file,
        unit: r.about?.[i]?.unit ?? "",
        project: r.about?.[i]?.project || t.name,
        kind: KIND_LABEL[t.kind]?.[this.lang] ?? t.kind,
        kindId: t.kind,
        form: t.form ? (this.lang === "en" ? t.form.nameEn : t.form.name) : "",
        score: t.score ? (t.score.total ?? incompleteText(t.score, this.lang)) : undefined,
        entered: t.score?.entered ?? undefined,
        grade: t.score?.grade ?? undefined,
        scoreDiffers: t.score?.totalDiffers,
        counts: { ...t.counts },
        status,
        copy: r.copy,
        issues,
        ignored: mine.length,
        ...(t.light ? { light: t.light } : {}),
      });
    });
  }

  async build(): Promise<Buffer> {
    const h = HEAD[this.lang];
    const wb = new ExcelJS.Workbook();
    wb.creator = "PerfCheck";
    const bold = { bold: true };
    const headerFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };

    const sum = wb.addWorksheet(h.sheets[0]);
    sum.addRow([...h.summary]).eachCell((c) => {
      c.font = bold;
      c.fill = headerFill;
    });
    const base = path.dirname(path.resolve(this.reportFile));
    // 已忽略 is the last column (after 带标记副本), so the columns before it keep their places.
    sum.getRow(1).getCell(h.summary.length + 1).value = h.ignoredCol;
    sum.getRow(1).getCell(h.summary.length + 1).font = bold;
    sum.getRow(1).getCell(h.summary.length + 1).fill = headerFill;
    // 执行进度 (a monitoring table's light) after it, for the same reason.
    const lightCol = h.summary.length + 2;
    sum.getRow(1).getCell(lightCol).value = h.lightCol;
    sum.getRow(1).getCell(lightCol).font = bold;
    sum.getRow(1).getCell(lightCol).fill = headerFill;
    for (const r of this.rows) {
      const row = sum.addRow([r.file, r.unit, r.project, r.kind, r.form, r.entered ?? null, r.score ?? null, r.grade ?? null, r.counts.error, r.counts.warning, r.counts.info, r.status, null, r.ignored ?? 0]);
      if (r.light) {
        const c = row.getCell(lightCol);
        c.value = `${(this.lang === "en" ? LIGHT_EN : LIGHT_ZH)[r.light.color]} ${Math.round(r.light.ratio * 10) / 10}%`;
        c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: LIGHT_FILL[r.light.color] } };
      }
      if (r.ignored) row.getCell(h.summary.length + 1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFEB9C" } };
      if (r.copy) {
        // A relative link: the report and the copies move together.
        const rel = path.relative(base, path.resolve(r.copy)).split(path.sep).join("/");
        row.getCell(13).value = { text: rel, hyperlink: encodeURI(rel) };
        row.getCell(13).font = { color: { argb: "FF0563C1" }, underline: true };
      }
      if (r.counts.error) row.getCell(9).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };
      // Entered and recomputed totals apart by more than the tolerance: both cells marked.
      if (r.scoreDiffers) for (const c of [6, 7]) row.getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFEB9C" } };
    }
    // Narrow enough that one page wide prints at a readable size (A4 landscape holds about 130 units at
    // 100 %); long paths and names wrap instead of widening the page.
    sum.columns = [30, 16, 20, 11, 14, 6, 6, 5, 5, 5, 5, 10, 14, 6, 9].map((width) => ({ width }));
    sum.views = [{ state: "frozen", ySplit: 1 }];
    sum.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: h.summary.length + 1 } };

    const rules = wb.addWorksheet(h.sheets[1]);
    rules.addRow([...h.rules]).eachCell((c) => {
      c.font = bold;
      c.fill = headerFill;
    });
    const sev = (s: Severity) => (this.lang === "en" ? s : s === "error" ? "错误" : s === "warning" ? "警告" : "提示");
    const rank = { error: 0, warning: 1, info: 2 } as const;
    for (const [rule, e] of [...this.rules].sort((a, b) => rank[a[1].severity] - rank[b[1].severity] || b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))) {
      // The rule's name as docs/rules.md gives it; the id (what tools and filters key on) in the last column.
      const title = RULES_BY_ID.get(rule)?.meta.title[this.lang] ?? rule;
      rules.addRow([title, sev(e.severity), e.count, e.files.size, e.example, rule]);
    }
    rules.columns = [26, 8, 6, 6, 64, 26].map((width) => ({ width }));
    rules.views = [{ state: "frozen", ySplit: 1 }];

    const rev = wb.addWorksheet(h.sheets[2]);
    rev.addRow([...h.review]).eachCell((c) => {
      c.font = bold;
      c.fill = headerFill;
    });
    for (const r of this.rows) {
      if (!r.issues) continue;
      const title = rev.addRow([`${r.unit ? r.unit + " — " : ""}${r.project}（${r.kind}）  ${r.file}`]);
      rev.mergeCells(title.number, 1, title.number, 6);
      title.font = bold;
      title.getCell(1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
      CATEGORIES.forEach((c, i) => {
        const issues = r.issues![i];
        // Scores are reviewed only where the table carries them.
        if (c.prefix[0] === "score" && r.score === undefined && issues.length === 0) return;
        // Monitoring is reviewed only on monitoring tables.
        if (c.prefix[0] === "monitoring" && r.kindId !== "monitoring" && issues.length === 0) return;
        const passed = !issues.some((x) => x.severity === "error" && !x.ignored);
        // An error the workbook set aside is the reviewer's call: neither 通过 nor 不通过 is prefilled.
        const undecided = passed && issues.some((x) => x.severity === "error" && x.ignored);
        const [cat, point, standard] = (r.kindId && c.byKind?.[r.kindId]) ? c.byKind[r.kindId][this.lang] : c[this.lang];
        const row = rev.addRow([cat, point, standard, undecided ? "" : passed ? h.pass : h.fail, issues.map((x) => `[${x.ignored ? `${h.ignoredTag}·` : ""}${sev(x.severity)}] ${x.text}`).join("\n"), ""]);
        row.alignment = { vertical: "top", wrapText: true };
        row.getCell(4).dataValidation = { type: "list", allowBlank: true, formulae: [`"${h.pass},${h.fail}"`], showErrorMessage: true };
        if (!passed) row.getCell(4).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };
        if (undecided) row.getCell(4).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFEB9C" } };
      });
    }
    rev.columns = [10, 14, 30, 8, 50, 26].map((width) => ({ width }));
    rev.views = [{ state: "frozen", ySplit: 1 }];

    const ign = ignoredSheetOf(this.ignoredRows, wb, h, bold, headerFill, sev);

    printable(sum, this.lang);
    printable(rules, this.lang);
    printable(rev, this.lang);
    printable(ign, this.lang);
    const marker = wb.addWorksheet(REPORT_MARKER_SHEET, { state: "veryHidden" });
    marker.getCell(1, 1).value = REPORT_MARKER;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}

/** The 已忽略 sheet: every finding a workbook's ignore list set aside, with the reason, when and by whom. */
function ignoredSheetOf(rows: readonly IgnoredRow[], wb: ExcelJS.Workbook, h: (typeof HEAD)[Lang], bold: Partial<ExcelJS.Font>, headerFill: ExcelJS.Fill, sev: (s: Severity) => string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(h.ignoredSheet);
  ws.addRow([...h.ignoredHead]).eachCell((c) => {
    c.font = bold;
    c.fill = headerFill;
  });
  if (!rows.length) ws.addRow([h.ignoredNone]);
  for (const r of rows) ws.addRow([r.file, r.where, r.rule, sev(r.severity), r.message, r.scope, r.reason, r.by, r.was]).alignment = { vertical: "top", wrapText: true };
  ws.columns = [40, 14, 30, 8, 50, 18, 30, 26, 20].map((width) => ({ width }));
  ws.views = [{ state: "frozen", ySplit: 1 }];
  return ws;
}

/** Width of text in Excel column units (a column's width is counted in "0" characters): CJK and full-width characters take about 1.8. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 1.8 : 1;
  return w;
}

/** Lines `text` takes when wrapped in a column `width` units wide (a little narrower: cell padding, word breaks). */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  return text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/** Points per line at 11 pt, enough for the CJK fonts Excel, WPS and LibreOffice use. */
const LINE_PT = 15;

/**
 * Every row high enough to show all its wrapped text: Excel does not grow a row for wrapped text it did
 * not lay out itself, so without heights a printed cell shows its first line and cuts the rest.
 */
function fitRows(ws: ExcelJS.Worksheet): void {
  const widths = (ws.columns ?? []).map((c) => c.width ?? 9);
  ws.eachRow((row) => {
    let lines = 1;
    row.eachCell((cell, col) => {
      if (cell.isMerged && cell.master !== cell) return;
      const v = cell.value;
      const text = v === null || v === undefined ? "" : typeof v === "object" ? String((v as { text?: unknown }).text ?? "") : String(v);
      // A merged title spans its columns.
      const span = cell.isMerged ? widths.slice(col - 1).reduce((a, b) => a + b, 0) : widths[col - 1] ?? 9;
      lines = Math.max(lines, wrappedLines(text, span));
    });
    row.height = lines * LINE_PT + 3;
    row.alignment = { ...(row.alignment ?? {}), vertical: "top", wrapText: true };
  });
}

/**
 * Printed as reviewers print it: A4 landscape, the used range as print area, one page wide and as many
 * pages long as the rows need (never squeezed onto one page), the header row repeated on every page,
 * rows as high as their wrapped text, page numbers in the footer.
 */
function printable(ws: ExcelJS.Worksheet, lang: Lang): void {
  fitRows(ws);
  const last = ws.columnCount;
  const letter = (n: number): string => (n > 26 ? letter(Math.floor((n - 1) / 26)) : "") + String.fromCharCode(65 + ((n - 1) % 26));
  ws.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: "1:1",
    printArea: `A1:${letter(last)}${Math.max(1, ws.rowCount)}`,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: lang === "en" ? "&L&A&RPage &P of &N" : "&L&A&R第 &P 页，共 &N 页" };
}

/** Is the existing file at `p` a review workbook PerfCheck wrote (its marker sheet inside)? */
export async function isOurReport(bytes: Buffer): Promise<boolean> {
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const m = wb.getWorksheet(REPORT_MARKER_SHEET);
    return !!m && m.state === "veryHidden" && m.getCell(1, 1).value === REPORT_MARKER;
  } catch {
    return false;
  }
}
