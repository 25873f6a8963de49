/**
 * The corpus table format (fixtures/corpus/FORMAT.md), checked with zod so a transcription mistake is
 * reported with its file and field instead of silently skewing the figures.
 */
import { z } from "zod";

const a1 = z.string().regex(/^[A-Z]{1,3}\d{1,7}$/, "an A1 cell address");
const range = z.string().regex(/^[A-Z]{1,3}\d{1,7}(:[A-Z]{1,3}\d{1,7})?$/, "an A1 range");

export const CorpusTableSchema = z.object({
  id: z.string().min(3),
  provenance: z.object({
    province: z.string().min(2),
    region: z.string().min(2),
    level: z.enum(["central", "province", "city", "county", "township"]),
    publisher: z.string().optional(),
    year: z.number().int().min(2000).max(2100),
    document: z.string().optional(),
    url: z.string().url(),
    form: z.string().optional(),
    notes: z.string().optional(),
  }),
  kind: z.enum(["project-target", "department-target", "self-evaluation", "evaluation-report"]),
  sheet: z.string().min(1).max(31),
  grid: z.array(z.array(z.union([z.string(), z.number(), z.null()]))).min(1),
  merges: z.array(range).default([]),
  expect: z.object({
    range,
    funding: z
      .array(z.object({ line: z.enum(["total", "source", "appropriation", "part", "expense", "expense-total"]), cell: a1, value: z.number() }))
      .default([]),
    valueColumns: z.array(z.string().regex(/^[A-Z]{1,3}$/)).default([]),
    indicatorRows: z.tuple([z.number().int(), z.number().int()]).optional(),
    mistakes: z.array(z.object({ cell: a1, rules: z.array(z.string()).min(1), why: z.string() })).default([]),
    cleanRows: z.array(z.number().int().positive()).default([]),
    score: z
      .object({ total: z.number(), grade: z.string(), totalCell: a1.optional(), arithmetic: z.string().min(5) })
      .optional(),
  }),
});

export type CorpusTable = z.infer<typeof CorpusTableSchema>;
