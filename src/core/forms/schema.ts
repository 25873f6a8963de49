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

/** A regular-expression source that must compile. */
const pattern = z.string().min(1).refine(
  (s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: "不是有效的正则表达式 / not a valid regular expression" },
);

const labels = z.array(z.string().min(1));
const patterns = z.array(pattern);

export const TABLE_KIND = z.enum(["project-target", "department-target", "self-evaluation", "evaluation-report"]);

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
        fundColumns: z.array(z.object({ role: z.enum(["initial", "budget", "executed", "weight", "rate", "score"]), header: patterns.min(1) }).strict()).optional(),
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
