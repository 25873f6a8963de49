import { defineRule } from "../types";
import { fmt, reportEval } from "./util";

export default defineRule(
  {
    id: "score/subtotal-mismatch",
    category: "score",
    severity: "error",
    appliesTo: ["evaluation-report"],
    title: { zh: "小计与明细不符", en: "Subtotal does not add up" },
    doc: {
      zh: "评价报告写明的权重、自评分与目标个数（表上方的“权重 N 分，自评为 M 分，共 K 个”、表下的小计行、指标表中的分类小计与合计）须等于由各行重算的结果。",
      en: "The weights, scores and target counts a report states (the sentence above a table, a 小计 row under it, the group rows and 合计 of the index table) must equal what the rows add up to.",
    },
    fix: { zh: "把小计或合计改为由各行重算的结果（或改用求和公式）。", en: "Make the subtotal or total equal the rows' sum (or use a SUM formula)." },
    messages: {
      weight: { zh: "“{label}”写明权重 {stated}，而 {parts} 为 {recomputed}", en: "\"{label}\" states the weight {stated}, but {parts} gives {recomputed}" },
      score: { zh: "“{label}”写明自评分 {stated}，而 {parts} 为 {recomputed}", en: "\"{label}\" states the score {stated}, but {parts} gives {recomputed}" },
      count: { zh: "“{label}”写明共 {stated} 个目标，而 {parts} 为 {recomputed}", en: "\"{label}\" states {stated} targets, but {parts} gives {recomputed}" },
    },
  },
  (table, ctx) => {
    for (const c of reportEval(table, ctx.profile).checks) {
      ctx.report({ cell: c.cell, messageId: c.what, data: { label: c.label, stated: fmt(c.stated), recomputed: fmt(c.recomputed), parts: c.parts } });
    }
  },
);
