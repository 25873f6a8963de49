import { defineRule } from "../types";
import { group1, group2, hasIndicator } from "../util";

export default defineRule(
  {
    id: "indicator/required-groups",
    category: "indicator",
    severity: "warning",
    needs: ["level1"],
    appliesTo: ["project-target"],
    title: { zh: "必备指标组齐全", en: "Required indicator groups are present" },
    doc: {
      zh: "项目绩效目标至少要有产出指标（其中至少一个数量指标）、效益指标和满意度指标（以配置文件 requiredGroups 为准）。只有类别行、没有三级指标的组视为缺失。",
      en: "A project's targets need 产出 indicators (at least one 数量 indicator), 效益 and 满意度 indicators (per the profile's requiredGroups). A group with only its category row and no 三级 indicator counts as missing.",
    },
    fix: { zh: "在该组下至少填写一个三级指标及其指标值。", en: "Add at least one third-level indicator with its value under this group." },
    messages: {
      missing: { zh: "缺少{group}指标", en: "No {groupEn} indicator" },
      empty: { zh: "“{group}”下没有填写任何三级指标", en: "\"{group}\" has no 三级 indicator filled in" },
      noQuantity: { zh: "产出指标中没有数量指标", en: "产出 has no 数量 indicator" },
    },
  },
  (table, ctx) => {
    if (table.indicators.length === 0) return;
    const EN: Record<string, string> = { 产出: "output", 效益: "benefit", 满意度: "satisfaction", 成本: "cost" };
    for (const g of ctx.profile.requiredGroups) {
      const rows = table.indicators.filter((r) => group1(r) === g);
      if (rows.length === 0) {
        // On the 一级 column's own header cell, where the missing group would be written: not on the table's first
        // column (a 序号 or a band label 项目绩效指标 beside the tree), nor on a parent 指标 above it.
        ctx.report({ cell: table.indicatorHeader?.level1 ?? table.anchor, messageId: "missing", data: { group: g, groupEn: EN[g] ?? g } });
      } else if (!rows.some(hasIndicator)) {
        const first = rows[0];
        ctx.report({ cell: (first.level2 ?? first.level1 ?? { cell: { row: first.row, col: table.anchor.col } }).cell, messageId: "empty", data: { group: first.level2?.text ?? first.level1?.text ?? g } });
      }
    }
    const output = table.indicators.filter((r) => group1(r) === "产出");
    if (output.some(hasIndicator) && !output.some((r) => group2(r) === "数量" && hasIndicator(r))) {
      const q = output.find((r) => group2(r) === "数量") ?? output[0];
      ctx.report({ cell: (q.level2 ?? q.level1)!.cell, messageId: "noQuantity" });
    }
  },
);
