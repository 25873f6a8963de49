/**
 * A form catalogue compiled into what the locators ask: label sets, role tests, title tests. The
 * vocabulary is the union of every form (a reviewer's folder mixes regions); tests over labels are
 * memoised per compiled vocabulary, since the locators ask the same few hundred labels on every row.
 */
import { memoLabel } from "../locate/labels";
import type { TableKind } from "../model";
import { BUILTIN_FORMS } from "./builtin";
import { FormCatalogueSchema, MONITORING_FUND_ROLES, type FormCatalogue, type FormSpec, type IndicatorRole, type MonitoringFundRole, type MonitoringRole } from "./schema";

export type FundColumnRole = "initial" | "budget" | "executed" | "weight" | "rate" | "score" | "reason";

export interface Vocabulary {
  readonly forms: readonly FormSpec[];
  /**
   * The indicator trees the Reading tells tree columns by (the run's profile's, withTrees); absent: the
   * national trees. Kept here so every locator reads with the region's own tree without another parameter.
   */
  readonly trees?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  isTitle(label: string): boolean;
  /** A label that starts a table of some kind (any kind's anchor). */
  isTableStart(label: string): boolean;
  anchors: Record<"project-target" | "department-target", ReadonlySet<string>>;
  fields: Record<"project-target" | "department-target", Record<string, string>>;
  isNotTarget(label: string): boolean;
  funding: {
    isTotal(label: string): boolean;
    isSource(label: string): boolean;
    isAppropriation(label: string): boolean;
    isNotPart(label: string): boolean;
    isStop(label: string): boolean;
    isExpenseLine(label: string): boolean;
    /** Which of a department form's spending lines this is: its 基本支出, its 项目支出 total, or neither (a project). */
    departmentLine(label: string): "basic" | "project" | undefined;
    incomeAmount: RegExp;
    expenseHeader: RegExp;
    expenseHalf: RegExp;
    expenseFull: RegExp;
    expenseTotal: RegExp;
  };
  department: {
    /** A title of a department-wide table (部门整体…, …整体支出…). */
    isTitle(title: string): boolean;
    /** Header labels (units in brackets removed) of the 履职目标 sub-table's item and amount columns. */
    isDutyItem(label: string): boolean;
    isDutyAmount(label: string): boolean;
  };
  /** The role of an indicator-header column, from its header path (`parent/child` or one label). */
  indicatorRole(path: string): IndicatorRole | undefined;
  /** The role of one header cell's label, its bracketed notes and required-field stars dropped (memoised: asked of every cell). */
  headerCellRole(label: string): IndicatorRole | undefined;
  /** A label as a form signature names it: bracketed notes and stars dropped (memoised). */
  signatureLabel(label: string): string;
  selfEvaluation: {
    isTitle(label: string): boolean;
    fields: readonly string[];
    isFundRow(label: string): boolean;
    isFundTotal(label: string): boolean;
    totalFields: readonly string[];
    columnRole(label: string): IndicatorRole | undefined;
    fundColumnRole(label: string): FundColumnRole | undefined;
    /** The row that closes the indicator rows with the total (总分). */
    isTotalRow(label: string): boolean;
    /** A label that states the fund block's unit (项目资金（万元）), as written with spaces removed. */
    isFundUnitLabel(text: string): boolean;
    /** A label the header scan must ask the column roles of (it holds a scan word). */
    mayBeHeader(label: string): boolean;
  };
  monitoring: {
    isTitle(label: string): boolean;
    fields: readonly string[];
    isTickField(label: string): boolean;
    tickMarks: readonly string[];
    boxMarks: readonly string[];
    fundColumnRole(label: string): MonitoringFundRole | undefined;
    isFundTotal(label: string): boolean;
    columnRole(label: string): MonitoringRole | undefined;
    isGoalTarget(label: string): boolean;
    isGoalActual(label: string): boolean;
    /** A 完成目标可能性 answer that needs no reason (确定能). */
    isSure(answer: string): boolean;
    likelihoodChoices: readonly string[];
    reasonChoices: readonly string[];
  };
  evaluationReport: {
    /** Column tests of the scoring-table headers, by column. */
    columns: Record<ReportColumn, (label: string) => boolean>;
    /** A label starting with a weight word: a cheap first test before the header label is cleaned. */
    startsWithWeight(label: string): boolean;
    isSubtotalRow(label: string): boolean;
    /** A weight label that, with a score label beside it, starts a scoring table anywhere on a sheet. */
    isHeaderWeight(label: string): boolean;
  };
}

export type ReportColumn = "totalGoal" | "detailGoal" | "project" | "level1" | "level2" | "level3" | "weight" | "target" | "actual" | "score";
const REPORT_COLUMNS: readonly ReportColumn[] = ["totalGoal", "detailGoal", "project", "level1", "level2", "level3", "weight", "target", "actual", "score"];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A test for labels that hold one of the words (never true with no words). */
const containsAny = (words: readonly string[]): ((label: string) => boolean) => {
  if (!words.length) return () => false;
  const re = new RegExp(words.map(escapeRe).join("|"));
  return (l) => re.test(l);
};
const startsWithAny = (words: readonly string[]) => (l: string) => words.some((w) => l.startsWith(w));

const union = (parts: (readonly string[] | undefined)[]): string[] => [...new Set(parts.flatMap((p) => p ?? []))];
const anyOf = (sources: string[]): RegExp => (sources.length ? new RegExp(sources.map((s) => `(?:${s})`).join("|")) : /$^/);

/** Roles are tried in this order, whatever form they come from: the target column last, so that 度量单位 or 指标值类型 under a 年度指标值 parent is never read as the target. */
const ROLE_ORDER: readonly IndicatorRole[] = ["level1", "level2", "level3", "midterm", "half", "keyWork", "project", "unit", "nature", "explanation", "standard", "weight", "actual", "score", "reason", "ignore", "full"];

/** A header cell's text for matching: notes in brackets (`(必填)`, `(A)`) and required-field stars dropped. */
export function headerText(label: string): string {
  return label.replace(/\([^)]*\)/g, "").replace(/[*＊]+$/, "");
}

/** Monitoring roles in test order: 预计完成 before 执行情况/完成情况, so a forecast column is never read as progress. */
const MONITORING_COLUMN_ORDER: readonly MonitoringRole[] = ["level1", "level2", "level3", "forecast", "likelihood", "reason", "measures", "note", "unit", "nature", "progress", "full"];

/**
 * Role tests are asked of every label of every row (is this row an indicator header?): the memo must
 * hold a whole sheet's distinct labels, or it is cleared and refilled over and over on big sheets.
 */
const ROLE_MEMO = 500_000;

function roleTester<R extends string>(entries: { role: R; header: string[]; not?: string[] }[], order: readonly R[]): (label: string) => R | undefined {
  const compiled = entries
    .map((e) => ({ role: e.role, header: e.header.map((h) => new RegExp(h)), not: (e.not ?? []).map((n) => new RegExp(n)) }))
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  // "" for no role rather than undefined: memoLabel takes an undefined result for a miss and asks its map twice.
  const memo = memoLabel((label: string): R | "" => {
    for (const e of compiled) if (e.header.some((h) => h.test(label)) && !e.not.some((n) => n.test(label))) return e.role;
    return "";
  }, ROLE_MEMO);
  return (label: string) => memo(label) || undefined;
}

export function compileVocabulary(catalogue: FormCatalogue): Vocabulary {
  const v = catalogue.forms.map((f) => f.vocabulary ?? {});
  const titles = anyOf(union(v.map((x) => x.titles)));
  const anchors = {
    "project-target": new Set(union(v.map((x) => x.anchors?.["project-target"]))),
    "department-target": new Set(union(v.map((x) => x.anchors?.["department-target"]))),
  };
  const fields = {
    "project-target": Object.assign({}, ...v.map((x) => x.fields?.["project-target"] ?? {})) as Record<string, string>,
    "department-target": Object.assign({}, ...v.map((x) => x.fields?.["department-target"] ?? {})) as Record<string, string>,
  };
  const starts = new Set([...anchors["project-target"], ...anchors["department-target"]]);
  const notTarget = anyOf(union(v.map((x) => x.notTarget)));
  const f = (k: "total" | "sources" | "appropriation" | "stop" | "expenseLines") => new Set(union(v.map((x) => x.funding?.[k])));
  const fp = (k: "notParts" | "incomeAmount" | "expenseHeader" | "expenseHalf" | "expenseFull" | "expenseTotal") => anyOf(union(v.map((x) => x.funding?.[k])));
  const total = f("total");
  const sources = f("sources");
  const appropriation = f("appropriation");
  const stop = f("stop");
  const expenseLines = f("expenseLines");
  const notParts = fp("notParts");
  const se = v.map((x) => x.selfEvaluation ?? {});
  const seTitles = anyOf(union(se.map((x) => x.titles)));
  const seFundRows = anyOf(union(se.map((x) => x.fundRows)));
  const seFundTotals = anyOf(union(se.map((x) => x.fundTotals)));
  const indicatorRole = roleTester(v.flatMap((x) => x.indicatorColumns ?? []), ROLE_ORDER);
  const basicLine = startsWithAny(union(v.map((x) => x.funding?.departmentLines?.basic)));
  const projectLine = startsWithAny(union(v.map((x) => x.funding?.departmentLines?.project)));
  const seTotalRows = new Set(union(se.map((x) => x.totalRows)));
  const fundUnitWords = union(se.map((x) => x.fundUnitWords));
  // The unit in brackets after the word: 项目资金（万元）, 资金总额(元).
  const fundUnit = fundUnitWords.length ? new RegExp(`(?:${fundUnitWords.map(escapeRe).join("|")}).*[(（]\\s*(万元|元)\\s*[)）]`) : /$^/;
  const scanWords = union(se.map((x) => x.scanWords));
  const mo = v.map((x) => x.monitoring ?? {});
  const moTitles = anyOf(union(mo.map((x) => x.titles)));
  const moTickFields = new Set(union(mo.map((x) => x.tickFields)));
  const moFundTotals = anyOf(union(mo.map((x) => x.fundTotals)));
  const moGoalTarget = new Set(union(mo.map((x) => x.goalTarget)));
  const moGoalActual = anyOf(union(mo.map((x) => x.goalActual)));
  const moSure = new Set(union(mo.map((x) => x.likelihoodSure)));
  const er = v.map((x) => x.evaluationReport ?? {});
  const erSet = (k: ReportColumn | "subtotalRows" | "headerWeight") => new Set(union(er.map((x) => x[k])));
  // A target or actual column may carry the year or 年度 before its name (2023年目标值, 年度指标值).
  const yearPrefix = /^(\d{4}年)?(年度)?/;
  const reportColumns = Object.fromEntries(
    REPORT_COLUMNS.map((k) => {
      const set = erSet(k);
      const test = k === "target" || k === "actual" ? memoLabel((l: string) => set.has(l) || set.has(l.replace(yearPrefix, ""))) : (l: string) => set.has(l);
      return [k, test];
    }),
  ) as Record<ReportColumn, (label: string) => boolean>;
  const reportSubtotals = erSet("subtotalRows");
  const reportHeaderWeights = erSet("headerWeight");
  const weightWords = [...erSet("weight")];
  return {
    forms: catalogue.forms,
    isTitle: memoLabel((l) => titles.test(l) && l.length <= 60),
    isTableStart: (l) => starts.has(l),
    anchors,
    fields,
    isNotTarget: memoLabel((l) => notTarget.test(l)),
    funding: {
      isTotal: (l) => total.has(l),
      isSource: (l) => sources.has(l),
      isAppropriation: (l) => appropriation.has(l),
      isNotPart: (l) => notParts.test(l),
      isStop: (l) => stop.has(l),
      isExpenseLine: (l) => expenseLines.has(l),
      departmentLine: memoLabel((l) => (basicLine(l) ? "basic" : projectLine(l) ? "project" : undefined)),
      incomeAmount: fp("incomeAmount"),
      expenseHeader: fp("expenseHeader"),
      expenseHalf: fp("expenseHalf"),
      expenseFull: fp("expenseFull"),
      expenseTotal: fp("expenseTotal"),
    },
    department: {
      isTitle: containsAny(union(v.map((x) => x.department?.titleWords))),
      isDutyItem: ((set) => (l: string) => set.has(l))(new Set(union(v.map((x) => x.department?.dutyItem)))),
      isDutyAmount: ((set) => (l: string) => set.has(l))(new Set(union(v.map((x) => x.department?.dutyAmount)))),
    },
    indicatorRole,
    headerCellRole: (() => {
      const memo = memoLabel((l: string): IndicatorRole | "" => indicatorRole(headerText(l)) ?? "", ROLE_MEMO);
      return (l: string) => memo(l) || undefined;
    })(),
    signatureLabel: (l) => (l.indexOf("(") < 0 && !/[*＊]$/.test(l) ? l : l.replace(/\([^)]*\)|[*＊]+$/g, "")),
    selfEvaluation: {
      isTitle: (l) => seTitles.test(l),
      fields: union(se.map((x) => x.fields)),
      isFundRow: (l) => seFundRows.test(l),
      totalFields: union(se.map((x) => x.totalFields)),
      isFundTotal: (l) => seFundTotals.test(l.replace(/^其中:?/, "")),
      columnRole: roleTester(se.flatMap((x) => x.columns ?? []), ROLE_ORDER),
      fundColumnRole: roleTester(se.flatMap((x) => x.fundColumns ?? []), ["initial", "budget", "executed", "weight", "rate", "score", "reason"] as FundColumnRole[]),
      isTotalRow: (l) => seTotalRows.has(l),
      isFundUnitLabel: (t) => fundUnit.test(t),
      mayBeHeader: (l) => scanWords.some((w) => l.includes(w)),
    },
    monitoring: {
      isTitle: memoLabel((l) => moTitles.test(l) && l.length <= 60),
      fields: union(mo.map((x) => x.fields)),
      isTickField: (l) => moTickFields.has(l),
      tickMarks: union(mo.map((x) => x.tickMarks)),
      boxMarks: union(mo.map((x) => x.boxMarks)),
      fundColumnRole: roleTester(mo.flatMap((x) => x.fundColumns ?? []), MONITORING_FUND_ROLES),
      isFundTotal: (l) => moFundTotals.test(l.replace(/^其中:?/, "")),
      columnRole: roleTester(mo.flatMap((x) => x.columns ?? []), MONITORING_COLUMN_ORDER),
      isGoalTarget: (l) => moGoalTarget.has(l),
      isGoalActual: (l) => moGoalActual.test(l),
      isSure: (a) => moSure.has(a.normalize("NFKC").replace(/[\s√☑✓✔■□☐]/g, "")),
      likelihoodChoices: union(mo.map((x) => x.likelihoodChoices)),
      reasonChoices: union(mo.map((x) => x.reasonChoices)),
    },
    evaluationReport: {
      columns: reportColumns,
      startsWithWeight: startsWithAny(weightWords),
      isSubtotalRow: (l) => reportSubtotals.has(l),
      isHeaderWeight: (l) => reportHeaderWeights.has(l),
    },
  };
}

/** Thrown for a catalogue file that does not fit the schema; the message names the field. */
export class FormsError extends Error {}

/**
 * A reviewer's forms file (JSON) checked field by field. Its forms are added to the built-in ones
 * (a region's form adds to the national vocabulary, it does not replace it); an id that repeats a
 * built-in form replaces that form.
 */
export function resolveForms(json: unknown, source = "forms"): FormCatalogue {
  const parsed = FormCatalogueSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join(".") : "(根 / root)";
    // A message of ours carries both languages ("中文 / English"): each half goes to its side.
    const cut = issue.message.indexOf(" / ");
    const [zh, en] = cut < 0 ? [issue.message, issue.message] : [issue.message.slice(0, cut), issue.message.slice(cut + 3)];
    throw new FormsError(`${source}: 字段 ${where}：${zh} / ${source}: field ${where}: ${en}`);
  }
  const own = new Map(parsed.data.forms.map((f) => [f.id, f]));
  return { version: 1, forms: [...BUILTIN_FORMS.forms.filter((f) => !own.has(f.id)), ...parsed.data.forms] };
}

let builtin: Vocabulary | undefined;
const CACHE = new WeakMap<FormCatalogue, Vocabulary>();

/** The compiled vocabulary of a catalogue (the built-in one by default), compiled once per catalogue object. */
export function vocabularyOf(catalogue?: FormCatalogue): Vocabulary {
  // The built-in catalogue is checked against the schema by a test, not at run time: the ribbon command's
  // bundle leaves zod out (webpack.config.js), and parsing would throw there.
  if (!catalogue || catalogue === BUILTIN_FORMS) return (builtin ??= compileVocabulary(BUILTIN_FORMS));
  let v = CACHE.get(catalogue);
  if (!v) CACHE.set(catalogue, (v = compileVocabulary(catalogue)));
  return v;
}

const WITH_TREES = new WeakMap<Vocabulary, WeakMap<object, Vocabulary>>();

/**
 * The vocabulary reading with a profile's indicator trees: one derived object per vocabulary and trees, so the
 * memos keyed by the vocabulary are built once per run's profile, not once per call.
 */
export function withTrees(vocab: Vocabulary, trees: NonNullable<Vocabulary["trees"]> | undefined): Vocabulary {
  if (!trees) return vocab;
  let m = WITH_TREES.get(vocab);
  if (!m) WITH_TREES.set(vocab, (m = new WeakMap()));
  let v = m.get(trees);
  if (!v) m.set(trees, (v = Object.assign(Object.create(vocab) as Vocabulary, { trees })));
  return v;
}

const BUILTIN_SET: ReadonlySet<FormSpec> = new Set(BUILTIN_FORMS.forms);

/** Each form's signature titles, compiled once (matchForm runs for every table). */
const SIGNATURE_TITLES = new WeakMap<FormSpec, RegExp[]>();
function signatureTitles(form: FormSpec): RegExp[] {
  let out = SIGNATURE_TITLES.get(form);
  if (!out) SIGNATURE_TITLES.set(form, (out = (form.signature.titles ?? []).map((t) => new RegExp(t))));
  return out;
}

/**
 * The form a located table matches best: among the forms of its kind, the one whose signature title
 * matches the table's title and which shows the largest share of its signature labels. Ties go to the
 * form listed first (the national one). A form from a region's own file whose title matches is preferred
 * to every built-in one: the reviewer added it for exactly these tables. `matched` says whether the
 * signature matched at all: with no title and no label of any form, the first form of its kind is named,
 * but nothing specific to a form (its scoring scheme) may be applied.
 */
export function matchForm(vocab: Vocabulary, kind: TableKind, title: string | undefined, hasLabel: (label: string) => boolean): { form: FormSpec; matched: boolean } | undefined {
  let best: FormSpec | undefined;
  let bestScore = -1;
  for (const form of vocab.forms) {
    if (form.kind !== kind) continue;
    // The share of its signature a table shows, so a form with a short, specific signature is not outvoted by a long generic one.
    let score = 0;
    if (title && signatureTitles(form).some((t) => t.test(title))) score += BUILTIN_SET.has(form) ? 1 : 3;
    const labels = form.signature.labels ?? [];
    if (labels.length) score += labels.filter(hasLabel).length / labels.length;
    if (score > bestScore) {
      best = form;
      bestScore = score;
    }
  }
  return best ? { form: best, matched: bestScore > 0 } : undefined;
}

