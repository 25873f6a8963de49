/**
 * The one entry point every front end uses: workbook snapshot → tables → findings and scores.
 * Pure: no Office, no Node. Never throws on strange input; a rule that fails reports itself.
 */
import type { Finding, Severity } from "./finding";
import { compareFindings } from "./finding";
import { applyIgnores, type IgnoreEntry, type IgnoredFinding, isIgnoreSheet, readIgnores, type SkippedSheet } from "./ignores";
import type { Table, TableKind } from "./model";
import { locateTables } from "./locate";
import { labelIndex } from "./locate/region";
import type { FormCatalogue } from "./forms/schema";
import { matchForm, vocabularyOf, withTrees, type Vocabulary } from "./forms/vocabulary";
import type { FormSpec } from "./forms/schema";
import type { LayoutProblem, LocateResult } from "./locate/types";
import type { Profile } from "./profile";
import { NATIONAL_PROFILE } from "./profile";
import { ALL_RULES, RULES_BY_ID } from "./rules";
import type { Report, Rule, RuleContext } from "./rules/types";
import { formatMessage } from "./rules/types";
import { ROLE_ZH } from "./reading/roles";
import { scoreTable, type TableScore } from "./scoring";
import { executionLight, type ExecutionLight } from "./rules/monitoring/util";
import { templateContextFor } from "./templates/returned";
import type { Rect, WorkbookSnapshot } from "./snapshot";
import { a1, rectAddress, SheetView } from "./snapshot";

export interface ValidateOptions {
  profile?: Profile;
  /** Only these sheets (by name); default every sheet. */
  sheets?: readonly string[];
  /** Rule ids to leave out. */
  disable?: readonly string[];
  /**
   * Ignores to apply (src/core/ignores.ts). Default: those stored in the snapshot's ignore sheet,
   * so every front end that reads the whole workbook honours them without doing anything.
   */
  ignores?: readonly IgnoreEntry[];
  /** The form catalogue to read with (src/core/forms); default the built-in forms. */
  forms?: FormCatalogue;
  /**
   * A time budget in milliseconds (the pane passes one so a huge or hostile workbook cannot freeze Excel).
   * Checked before each sheet and each table: once spent, validation stops, says so in `stopped`, and the
   * sheets not reached are listed in `skippedSheets`. A single sheet's table search is not interrupted.
   */
  budgetMs?: number;
  /** The clock the budget is measured with (tests); default Date.now. */
  now?: () => number;
  /**
   * Approved target tables (`perfcheck validate --targets`) the monitoring tables are compared with; without
   * them a monitoring table is compared with the target tables of its own workbook, if it has any.
   */
  targets?: readonly Table[];
}

export interface TableSummary {
  index: number;
  sheet: string;
  kind: TableKind;
  name: string;
  /** A1 range on `sheet`. */
  range: string;
  rect: Rect;
  counts: Record<Severity, number>;
  score?: TableScore;
  /** The catalogue form the table was read as. */
  form?: { id: string; name: string; nameEn: string };
  /** The distributed template it was made from (issue 24): its profile, name and version. */
  template?: { kind: string; profile: string; name: string; version: string };
  /** A monitoring table's execution light (执行率 ÷ 序时进度), when its months and amounts could be read. */
  light?: ExecutionLight;
}

export interface ValidationResult {
  tables: TableSummary[];
  findings: Finding[];
  /** The located tables themselves, for front ends that show more than the summary. */
  located: Table[];
  /** Findings the workbook's ignore list sets aside (not in `findings`, not in the tables' counts), with the reason. */
  ignored: IgnoredFinding[];
  /** Sheets not searched for tables, each with the reason (PerfCheck's own ignore list). Never a sheet with a table. */
  skippedSheets: SkippedSheet[];
  /** Set when the time budget ran out: validation stopped early, the results are incomplete. */
  stopped?: { reason: string; reasonEn: string };
}

const IGNORE_LIST_SKIPPED = { reason: "PerfCheck 的忽略清单（非表格）", reasonEn: "PerfCheck's ignore list (not a table)" };

const LAYOUT_RULE_IDS: Record<LayoutProblem["messageId"], string> = {
  "unreadable-table": "layout/unreadable-table",
  "missing-column": "layout/missing-column",
  "missing-block": "layout/missing-block",
  "split-table": "layout/split-table",
};

function makeFinding(rule: Rule, sheet: string, row: number, col: number, messageId: string, data: Record<string, string | number> | undefined, severity: Severity | undefined, table: number | undefined): Finding {
  const msg = rule.meta.messages[messageId] ?? { zh: messageId, en: messageId };
  return {
    rule: rule.meta.id,
    severity: severity ?? rule.meta.severity,
    sheet,
    cell: a1(row, col),
    row,
    col,
    message: formatMessage(msg.zh, data),
    messageEn: formatMessage(msg.en, data),
    table,
  };
}

export function validateWorkbook(wb: WorkbookSnapshot, options: ValidateOptions = {}): ValidationResult {
  const profile = options.profile ?? NATIONAL_PROFILE;
  // The Reading tells tree columns by the profile's own trees (a region's 一级/二级 names), not only the national ones.
  const vocab = withTrees(vocabularyOf(options.forms), profile.trees);
  const disabled = new Set(options.disable ?? []);
  const rules = ALL_RULES.filter((r) => !disabled.has(r.meta.id));
  // The rules each kind runs, in catalogue order, worked out once per run (every table asked all of them).
  const rulesOf = new Map<string, Rule[]>();
  const kindRules = (kind: string) => {
    let out = rulesOf.get(kind);
    if (!out) rulesOf.set(kind, (out = rules.filter((r) => (r.meta.appliesTo as readonly string[]).includes(kind) && !r.meta.compares)));
    return out;
  };
  const tables: TableSummary[] = [];
  const located: Table[] = [];
  const findings: Finding[] = [];
  const crashRule = RULES_BY_ID.get("internal/rule-failed");
  const schemes = new Map<string, Profile>();
  const skippedSheets: SkippedSheet[] = [];
  const now = options.now ?? Date.now;
  const deadline = options.budgetMs !== undefined ? now() + options.budgetMs : Infinity;
  let stopped: ValidationResult["stopped"];
  // Monitoring tables wait for the comparison with the target tables until every sheet has been read.
  const deferred: { table: Table; index: number; ctx: RuleContext }[] = [];
  const comparing = rules.filter((r) => r.meta.compares === "targets");
  const outOfTime = () => {
    if (stopped || now() < deadline) return !!stopped;
    const sec = Math.round((options.budgetMs ?? 0) / 1000);
    stopped = { reason: `校验超过时间上限 ${sec} 秒，已停止：结果不完整`, reasonEn: `validation ran past its ${sec} s time limit and was stopped: the results are incomplete` };
    return true;
  };

  for (const snap of wb.sheets) {
    if (options.sheets && !options.sheets.includes(snap.name)) continue;
    if (outOfTime()) {
      skippedSheets.push({ sheet: snap.name, reason: "时间已用完，未检查", reasonEn: "not checked: the time limit was reached" });
      continue;
    }
    // Our own ignore list, recognised by its whole structure, is not a table — but it is still searched:
    // a sheet that holds a table is checked whatever it is called or holds besides.
    const ownList = isIgnoreSheet(snap);
    let results: LocateResult[];
    const view = new SheetView(snap, wb);
    try {
      const located = locateTables(view, vocab);
      results = located.results;
      if (ownList && results.length === 0) {
        skippedSheets.push({ sheet: snap.name, ...IGNORE_LIST_SKIPPED });
        continue;
      }
      for (const f of located.failures) {
        if (crashRule) findings.push(makeFinding(crashRule, snap.name, snap.origin.row, snap.origin.col, "locator", { error: `${f.kind}: ${f.error}` }, undefined, undefined));
      }
    } catch (e) {
      if (crashRule) findings.push(makeFinding(crashRule, snap.name, snap.origin.row, snap.origin.col, "locator", { error: String((e as Error)?.message ?? e) }, undefined, undefined));
      continue;
    }
    for (const { table, problems } of results) {
      if (outOfTime()) break;
      const index = tables.length;
      const before = findings.length;
      if (snap.visibility === "hidden" || snap.visibility === "veryHidden") {
        const rule = RULES_BY_ID.get("layout/hidden-sheet");
        if (rule && !disabled.has(rule.meta.id)) {
          const veryHidden = snap.visibility === "veryHidden";
          findings.push(makeFinding(rule, table.sheet, table.anchor.row, table.anchor.col, "hidden-sheet", { sheet: snap.name, state: veryHidden ? "深度隐藏" : "隐藏", stateEn: veryHidden ? "very hidden" : "hidden" }, undefined, index));
        }
      }
      for (const p of problems) {
        const rule = RULES_BY_ID.get(LAYOUT_RULE_IDS[p.messageId]);
        if (rule && !disabled.has(rule.meta.id)) findings.push(makeFinding(rule, table.sheet, p.row, p.col, p.messageId, p.data, undefined, index));
      }
      // The form it is read as; a form with a scoring scheme of its own scores the table by it.
      const match = formOf(vocab, view, table);
      const tableProfile = match?.matched && match.form.scoring ? schemeProfile(profile, match.form, schemes) : profile;
      // One context per table; `rule` names the rule running (no closure per rule and table).
      let rule = rules[0];
      // One finding per rule, cell and message: a cell read for two roles (年初预算数 standing in for 全年预算数)
      // is reported once, not once per role.
      // The data is compared only when the same rule already spoke on the same cell (rare): no string built per report.
      const reported = new Map<Rule, Map<number, Report[]>>();
      const ctx: RuleContext = {
        profile: tableProfile,
        report: (r) => {
          let byCell = reported.get(rule);
          if (!byCell) reported.set(rule, (byCell = new Map()));
          const at = r.cell.row * 16384 + r.cell.col;
          const earlier = byCell.get(at);
          if (earlier?.some((e) => e.messageId === r.messageId && sameData(e.data, r.data))) return;
          if (earlier) earlier.push(r);
          else byCell.set(at, [r]);
          findings.push(makeFinding(rule, table.sheet, r.cell.row, r.cell.col, r.messageId, r.data, r.severity, index));
        },
        // A bureau's distributed template and its identity in the workbook (issue 24), when the profile has one.
        template: profile.distribution ? templateContextFor(wb, snap, table.kind, profile) : undefined,
      };
      // Silence where unsure: rules needing a role the Reading could not tell do not run (one info finding says so).
      const unsure = table.reading?.unsure ?? [];
      if (unsure.length) {
        const r = RULES_BY_ID.get("layout/unsure-reading");
        if (r && !disabled.has(r.meta.id)) findings.push(makeFinding(r, table.sheet, table.anchor.row, table.anchor.col, "unsure-reading", unsureData(unsure), undefined, index));
      }
      for (rule of kindRules(table.kind)) {
        if (unsure.length && rule.meta.needs?.some((n) => unsure.includes(n) || unsure.includes("indicators"))) continue;
        try {
          rule.check(table, ctx);
        } catch (e) {
          if (crashRule) findings.push(makeFinding(crashRule, table.sheet, table.anchor.row, table.anchor.col, "rule", { rule: rule.meta.id, error: String((e as Error)?.message ?? e) }, undefined, index));
        }
      }
      let score: TableScore | undefined;
      try {
        score = scoreTable(table, tableProfile);
      } catch (e) {
        if (crashRule) findings.push(makeFinding(crashRule, table.sheet, table.anchor.row, table.anchor.col, "rule", { rule: "scoring", error: String((e as Error)?.message ?? e) }, undefined, index));
      }
      const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
      for (let i = before; i < findings.length; i++) counts[findings[i].severity]++;
      const form = match ? { id: match.form.id, name: match.form.name, nameEn: match.form.nameEn } : undefined;
      const id = ctx.template?.identity;
      const template = id ? { kind: id.kind, profile: id.profile, name: id.name, version: id.version } : undefined;
      const light = table.kind === "monitoring" ? executionLight(table, tableProfile) : undefined;
      tables.push({ index, sheet: table.sheet, kind: table.kind, name: table.name, range: rectAddress(table.range), rect: table.range, counts, score, form, ...(template ? { template } : {}), ...(light ? { light } : {}) });
      located.push(table);
      if (comparing.some((r) => r.meta.appliesTo.includes(table.kind))) deferred.push({ table, index, ctx });
    }
  }
  const targets = options.targets ? { tables: options.targets, explicit: true } : { tables: located.filter((t) => t.kind === "project-target"), explicit: false };
  for (const d of deferred) {
    if (!targets.tables.length && !targets.explicit) break;
    const before = findings.length;
    for (const rule of comparing) {
      if (!rule.meta.appliesTo.includes(d.table.kind)) continue;
      const ctx: RuleContext = { ...d.ctx, targets, report: (r) => findings.push(makeFinding(rule, d.table.sheet, r.cell.row, r.cell.col, r.messageId, r.data, r.severity, d.index)) };
      try {
        rule.check(d.table, ctx);
      } catch (e) {
        if (crashRule) findings.push(makeFinding(crashRule, d.table.sheet, d.table.anchor.row, d.table.anchor.col, "rule", { rule: rule.meta.id, error: String((e as Error)?.message ?? e) }, undefined, d.index));
      }
    }
    for (let i = before; i < findings.length; i++) tables[d.index].counts[findings[i].severity]++;
  }
  findings.sort(compareFindings);
  const out: ValidationResult = { tables, located, skippedSheets, ...setAside(wb, tables, findings, options.ignores ?? readIgnores(wb)) };
  if (stopped) out.stopped = stopped;
  return out;
}

function sameData(a: Report["data"], b: Report["data"]): boolean {
  if (a === b) return true;
  if (!a || !b) return !a && !b;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** English names of the roles the Reading can be unsure of (the Chinese ones are the Reading's own, ROLE_ZH). */
const ROLE_EN: Record<string, string> = { level1: "the 一级 column", level2: "the 二级 column", level3: "the 三级 column", full: "the target column", indicators: "the indicator table" };

function unsureData(roles: readonly string[]): { roles: string; rolesEn: string } {
  return { roles: roles.map((r) => ROLE_ZH[r] ?? r).join("、"), rolesEn: roles.map((r) => ROLE_EN[r] ?? r).join(", ") };
}

/** Ignores, kept apart from validation itself: ignored findings leave `findings` and the tables' counts. */
function setAside(wb: WorkbookSnapshot, tables: TableSummary[], findings: Finding[], entries: readonly IgnoreEntry[]): { findings: Finding[]; ignored: IgnoredFinding[] } {
  const { kept, ignored } = applyIgnores(wb, findings, entries);
  for (const f of ignored) if (f.table !== undefined && tables[f.table]) tables[f.table].counts[f.severity]--;
  return { findings: kept, ignored };
}

/** The catalogue form a located table matches best, by its title and the labels inside its range. */
/** The run's profile with a form's own scoring scheme in place (one per form and run). */
function schemeProfile(profile: Profile, form: FormSpec, cache: Map<string, Profile>): Profile {
  let p = cache.get(form.id);
  if (!p) {
    const s = form.scoring ?? {};
    p = { ...profile, scoring: { ...profile.scoring, ...(s.weights ? { weights: s.weights } : {}), ...(s.qualitativeBands ? { qualitativeBands: s.qualitativeBands } : {}), ...(s.sections ? { sections: s.sections } : {}) } };
    cache.set(form.id, p);
  }
  return p;
}

function formOf(vocab: Vocabulary, view: SheetView, table: Table): ReturnType<typeof matchForm> {
  const idx = labelIndex(view);
  const { top, left, bottom, right } = table.range;
  const labels = new Set<string>();
  // Signature labels are short header labels: long texts (names, goals) need not be collected.
  for (let r = top; r <= bottom; r++) idx.each(r, left, right, (l) => void (l.length <= 16 && labels.add(vocab.signatureLabel(l))));
  return matchForm(vocab, table.kind, table.title?.text ? labelOfTitle(table.title.text) : undefined, (l) => labels.has(l));
}

function labelOfTitle(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}
