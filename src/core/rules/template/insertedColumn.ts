import { columnLetters } from "../../snapshot";
import { defineRule } from "../types";
import { TEMPLATE_KINDS_CHECKED } from "./util";

export default defineRule(
  {
    id: "template/inserted-column",
    category: "template",
    severity: "error",
    appliesTo: TEMPLATE_KINDS_CHECKED,
    title: { zh: "表格中插入了列", en: "Column inserted inside the table" },
    doc: {
      zh: "分发模板的列是固定的：在表格中间插入的列会打乱财政局汇总时的列位置，也可能让打印超出一页宽。需要补充说明时请写在备注或偏差原因栏中。",
      en: "A distributed template's columns are fixed: a column inserted inside the table shifts the columns the bureau's summary reads and may push the print beyond one page wide. Put extra remarks in the remarks or 偏差原因 column instead.",
    },
    fix: { zh: "删除插入的列，把其中内容移到备注或说明栏。", en: "Delete the inserted column and move its content into a remarks column." },
    messages: {
      inserted: { zh: "在模板表格中插入了第 {column} 列", en: "Column {column} was inserted inside the template's table" },
    },
  },
  (table, ctx) => {
    const a = ctx.template?.alignment();
    if (!a) return;
    for (const c of a.insertedColumns) ctx.report({ cell: { row: c.row, col: c.col }, messageId: "inserted", data: { column: columnLetters(c.col) } });
  },
);
