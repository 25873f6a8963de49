/**
 * The form catalogue: what the locators know of the forms regions publish, as data. Every region prints
 * its own variant of the national forms — other titles and anchors, other field labels, other money
 * lines, other indicator columns. None of that vocabulary lives in the algorithm: a form contributes
 * label synonyms and column roles, and the locators read with the union of every form in the catalogue
 * (a reviewer's folder mixes regions). Each table is then reported as the form it matches best.
 *
 * Patterns are regular-expression sources matched against normalised label text (src/core/locate/labels.ts:
 * NFKC, no spaces or line breaks, no trailing colon), so `（` and `(` are one character here.
 */
import { z } from "zod";
import { patternProblem } from "./patternSafety";

/**
 * A regular-expression source that must compile and must not be able to backtrack without bound
 * (patternSafety.ts): a forms file is data anyone can hand a reviewer, and one catastrophic pattern would
 * freeze the pane or stall a batch. The message names the pattern; the loader adds the file and the field.
 */
const pattern = z
  .string()
  .min(1)
  .superRefine((s, ctx) => {
    const p = patternProblem(s);
    if (p) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `模式 ${JSON.stringify(s)} 已拒绝：${p.zh} / pattern ${JSON.stringify(s)} refused: ${p.en}` });
  });

const labels = z.array(z.string().min(1));
const patterns = z.array(pattern);

export const TABLE_KIND = z.enum(["project-target", "department-target", "self-evaluation", "evaluation-report", "monitoring"]);

/** Roles a column of a monitoring table's indicator block can play (绩效运行监控表). */
export const MONITORING_ROLES = ["level1", "level2", "level3", "full", "progress", "forecast", "likelihood", "reason", "measures", "note", "unit", "nature"] as const;
export type MonitoringRole = (typeof MONITORING_ROLES)[number];
/** Roles of a monitoring table's fund columns. */
export const MONITORING_FUND_ROLES = ["budget", "forecast", "executed", "rate"] as const;
export type MonitoringFundRole = (typeof MONITORING_FUND_ROLES)[number];

/** Roles a column of an indicator table can play. `ignore` marks columns never to be read as a target. */
export const INDICATOR_ROLES = [
  "level1",
  "level2",
  "level3",
  "half",
  "full",
  "midterm",
  "unit",
  "nature",
  "keyWork",
  "project",
  "explanation",
  "standard",
  "weight",
  "actual",
  "score",
  "reason",
  "ignore",
] as const;
export type IndicatorRole = (typeof INDICATOR_ROLES)[number];

/**
 * One column role: the header path (`parent/child` for two-row headers, else the one label) must match
 * one of `header` and none of `not`.
 */
export const ColumnRoleSchema = z
  .object({
    role: z.enum(INDICATOR_ROLES),
    header: patterns.min(1),
    not: patterns.optional(),
  })
  .strict();

export const VocabularySchema = z
  .object({
    /** Titles of tables (any kind): `…绩效目标表`, `…申报表`. */
    titles: patterns.optional(),
    /** Labels that start a table of a kind (项目名称, 单位名称 …). */
    anchors: z.object({ "project-target": labels.optional(), "department-target": labels.optional() }).strict().optional(),
    /** Header field label → canonical key, per kind. */
    fields: z
      .object({
        "project-target": z.record(z.string(), z.string()).optional(),
        "department-target": z.record(z.string(), z.string()).optional(),
      })
      .strict()
      .optional(),
    /** Labels that only a self-evaluation or report has: a region holding one is not a target table. */
    notTarget: patterns.optional(),
    funding: z
      .object({
        total: labels.optional(),
        sources: labels.optional(),
        /** The 财政拨款 line whose parts may follow (its 小计). */
        appropriation: labels.optional(),
        /** Sources that are never parts of 财政拨款 even when they follow it. */
        notParts: patterns.optional(),
        /** Labels below which the funding block has ended (goals, indicator header). */
        stop: labels.optional(),
        /** The header of the income amount column (预算数, 全年预算数 …). */
        incomeAmount: patterns.optional(),
        /** A row that starts the 支出 lines. */
        expenseHeader: patterns.optional(),
        expenseHalf: patterns.optional(),
        expenseFull: patterns.optional(),
        /** Spending lines written inside the income block (资金总额 | 项目支出 | 基本支出 on department forms). */
        expenseLines: labels.optional(),
        /** The 合计 line of the 支出 lines. */
        expenseTotal: patterns.optional(),
        /**
         * Which spending lines of a department form are its 基本支出 and its 项目支出 total (a line whose label
         * starts with one of the words); the other lines are its projects.
         */
        departmentLines: z.object({ basic: labels.optional(), project: labels.optional() }).strict().optional(),
      })
      .strict()
      .optional(),
    department: z
      .object({
        /** Words a department-wide table's title holds (部门整体, 整体支出): such a title starts a department table, and a project anchor under it yields. */
        titleWords: labels.optional(),
        /**
         * The 年度履职目标 spending sub-table of some department forms (部门职能 | 年度目标任务 | 支出项目名称 |
         * 预算金额): the header labels of its item column and its amount column (units in brackets ignored).
         * Its rows are spending lines, checked against the 年度预算安排 above (funding/duty-lines).
         */
        dutyItem: labels.optional(),
        dutyAmount: labels.optional(),
      })
      .strict()
      .optional(),
    /** Column roles of target-table indicator headers. */
    indicatorColumns: z.array(ColumnRoleSchema).optional(),
    selfEvaluation: z
      .object({
        titles: patterns.optional(),
        fields: labels.optional(),
        fundRows: patterns.optional(),
        /** Header fields that state the total score (自评得分) on forms without a 总分 row. */
        totalFields: labels.optional(),
        /** Fund rows that are the total (年度资金总额): the execution rate is scored on it. */
        fundTotals: patterns.optional(),
        columns: z.array(ColumnRoleSchema).optional(),
        fundColumns: z.array(z.object({ role: z.enum(["initial", "budget", "executed", "weight", "rate", "score", "reason"]), header: patterns.min(1) }).strict()).optional(),
        /** Labels of the row that closes the indicator rows and states the total (总分, 合计). */
        totalRows: labels.optional(),
        /** Words of the fund block's label that states its unit beside a bracketed 万元 or 元 (项目资金（万元）). */
        fundUnitWords: labels.optional(),
        /**
         * Words one of which every indicator-header 三级指标 or actual-value label, and every self-evaluation
         * title, holds: the scan for the header asks the column roles only of such labels. A form whose actual
         * column is named otherwise adds a word of its name here.
         */
        scanWords: labels.optional(),
      })
      .strict()
      .optional(),
    /**
     * 绩效运行监控表 (mid-year monitoring): its titles, header fields and tick-box lines, fund and indicator
     * columns, the goal labels, and the words of its 完成目标可能性 answers.
     */
    monitoring: z
      .object({
        titles: patterns.optional(),
        fields: labels.optional(),
        /** Header fields written as tick boxes (项目属性: □新增 □延续): nothing ticked is a finding. */
        tickFields: labels.optional(),
        /** Marks that tick an option (√ ☑ ✓), and marks of an empty box (□ ☐). */
        tickMarks: labels.optional(),
        boxMarks: labels.optional(),
        fundColumns: z.array(z.object({ role: z.enum(MONITORING_FUND_ROLES), header: patterns.min(1), not: patterns.optional() }).strict()).optional(),
        /** Fund rows that are the total (资金总额): the execution light is shown on it. */
        fundTotals: patterns.optional(),
        columns: z.array(z.object({ role: z.enum(MONITORING_ROLES), header: patterns.min(1), not: patterns.optional() }).strict()).optional(),
        /** The 年度总体目标 and 实际完成情况 labels of the goal block. */
        goalTarget: labels.optional(),
        goalActual: patterns.optional(),
        /** 完成目标可能性 answers that need no reason (确定能); any other answer needs 偏差原因 and 完善措施. */
        likelihoodSure: labels.optional(),
        /** Every 完成目标可能性 answer the forms offer (确定能 / 有可能 / 完全不可能), for the template's dropdown. */
        likelihoodChoices: labels.optional(),
        /** 偏差原因分析 categories (经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他), for the template's dropdown. */
        reasonChoices: labels.optional(),
      })
      .strict()
      .optional(),
    /** Header labels of evaluation-report scoring tables (总目标 | 权重 | 目标值 | 实现值 | 自评分, 明细目标 …, 一级指标 …). */
    evaluationReport: z
      .object({
        /** The goal column of the 总目标 block. */
        totalGoal: labels.optional(),
        /** The goal column of the 明细 block. */
        detailGoal: labels.optional(),
        project: labels.optional(),
        level1: labels.optional(),
        level2: labels.optional(),
        level3: labels.optional(),
        weight: labels.optional(),
        /** Target and actual columns; a year or 年度 before the label is allowed (2023年目标值). */
        target: labels.optional(),
        actual: labels.optional(),
        score: labels.optional(),
        /** A row under a block that states its subtotal (小计, 合计). */
        subtotalRows: labels.optional(),
        /**
         * Weight labels that, with a score label on the same row, start a scoring table wherever it sits and end
         * a target table above it (分值 is left out: target tables' indicator headers have it).
         */
        headerWeight: labels.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type VocabularyInput = z.infer<typeof VocabularySchema>;

export const FormSpecSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "小写字母、数字和连字符 / lower-case letters, digits and hyphens"),
    kind: TABLE_KIND,
    name: z.string().min(1),
    nameEn: z.string().min(1),
    /** Where the form comes from (a document number, a region's published form). */
    source: z.string().min(1),
    /** Regions known to use it (information only). */
    regions: z.array(z.string()).optional(),
    /** How a located table is recognised as this form: title patterns, and labels it has. */
    signature: z
      .object({
        titles: patterns.optional(),
        labels: labels.optional(),
      })
      .strict(),
    vocabulary: VocabularySchema.default({}),
    /**
     * The scoring scheme of this form's self-evaluations, where the region's form departs from the run's
     * profile (预算执行 20 and the rest split between goal blocks, other completion bands): a table read as
     * this form (its signature matched) is scored and checked with these in place of the profile's.
     */
    scoring: z
      .object({
        weights: z
          .object({ execution: z.number().min(0), output: z.number().min(0), benefit: z.number().min(0), satisfaction: z.number().min(0) })
          .strict()
          .refine((w) => Math.abs(w.execution + w.output + w.benefit + w.satisfaction - 100) < 1e-9, "权重合计应为 100 / the weights must add up to 100")
          .optional(),
        qualitativeBands: z.array(z.object({ min: z.number().min(0).max(100), max: z.number().min(0).max(100) }).strict()).min(1).optional(),
        /**
         * 一级 sections that replace 10号's 产出 / 效益 / 满意度 (evaluation-style tables: 项目决策 / 项目管理 /
         * 项目绩效, 2 / 13 / 85 and similar): a 一级 label holding one of a section's words belongs to it. A
         * section's weight, where given, is what its rows must add up to; a weight stated in the table's own
         * label (项目决策（2分）) wins over it. The 10号 split and its required groups do not apply.
         */
        sections: z
          .array(z.object({ name: z.string().min(1), words: z.array(z.string().min(1)).min(1), weight: z.number().min(0).optional() }).strict())
          .min(1)
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type FormSpec = z.infer<typeof FormSpecSchema>;

export const FormCatalogueSchema = z
  .object({
    version: z.literal(1),
    forms: z.array(FormSpecSchema).min(1),
  })
  .strict();

export type FormCatalogue = z.infer<typeof FormCatalogueSchema>;
