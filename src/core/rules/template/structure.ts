import { defineRule } from "../types";
import { TEMPLATE_KINDS_CHECKED } from "./util";

export default defineRule(
  {
    id: "template/structure",
    category: "template",
    severity: "error",
    appliesTo: TEMPLATE_KINDS_CHECKED,
    title: { zh: "模板的必填行、列或指标组被删除或改名", en: "Required row, column or indicator group deleted or renamed" },
    doc: {
      zh: "分发模板中固定的行和列（资金来源、合计、表头、决策/过程标准指标、财政局要求的指标组和必填指标）应原样保留。被删除或改名的行、列会让汇总和审核漏掉内容。插入的指标行不算改动；删除的是空白输入行也不报告。",
      en: "The fixed rows and columns of a distributed template (funding sources, totals, headers, the standard 决策/过程 indicators, the indicator groups and rows the bureau requires) must stay as they are. A deleted or renamed row or column makes the bureau's summary and review miss content. Inserted indicator rows are not a change, nor is a deleted blank input row.",
    },
    fix: { zh: "恢复被删除或改名的行、列（可从新模板复制），需要更多行时请插入而不是改写固定行。", en: "Restore the deleted or renamed row or column (copy it from a fresh template); insert rows when more are needed instead of rewriting fixed ones." },
    messages: {
      deleted: { zh: "模板中的“{expected}”行被删除", en: "The template's row \"{expected}\" was deleted" },
      renamed: { zh: "模板中的“{expected}”被改为“{found}”", en: "The template's \"{expected}\" was changed to \"{found}\"" },
      cleared: { zh: "模板中的“{expected}”被清除", en: "The template's \"{expected}\" was cleared" },
      column: { zh: "模板中的“{expected}”列被删除", en: "The template's column \"{expected}\" was deleted" },
    },
  },
  (table, ctx) => {
    const a = ctx.template?.alignment();
    if (!a) return;
    for (const l of a.labels) {
      const messageId = l.found === undefined ? "deleted" : l.found === "" ? "cleared" : "renamed";
      ctx.report({ cell: { row: l.row, col: l.col }, messageId, data: { expected: l.expected, found: l.found ?? "" } });
    }
    for (const c of a.deletedColumns) ctx.report({ cell: { row: c.row, col: c.col }, messageId: "column", data: { expected: c.expected } });
  },
);
