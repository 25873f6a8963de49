import { defineRule } from "../types";

export default defineRule(
  {
    id: "monitoring/tick-none",
    category: "monitoring",
    severity: "warning",
    appliesTo: ["monitoring"],
    title: { zh: "勾选项未勾选", en: "Tick-box line with nothing ticked" },
    doc: {
      zh: "表头以方框勾选的项目（项目属性、项目类型等，由表式目录给出）应勾选一项（把 □ 改为 √）。一个框也没勾的报告。",
      en: "Header lines answered by ticking a box (项目属性, 项目类型 …, as the form catalogue names them) need one option ticked (□ → √). Reported when none is.",
    },
    fix: { zh: "在适用的选项前把 □ 改为 √。", en: "Replace the □ before the option that applies with √." },
    messages: {
      none: { zh: "“{field}”未勾选任何一项（{options}）", en: "\"{field}\" has none of its options ticked ({options})" },
    },
  },
  (table, ctx) => {
    for (const t of table.ticks) {
      if (t.options.some((o) => o.ticked)) continue;
      ctx.report({ cell: t.cell.cell, messageId: "none", data: { field: t.label.text.replace(/[:：\s]/g, ""), options: t.options.map((o) => o.text).join(" / ") || "—" } });
    }
  },
);
