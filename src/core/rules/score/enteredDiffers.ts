import { gradeFor } from "../../profile";
import { defineRule } from "../types";
import { fmt, selfEval } from "./util";

export default defineRule(
  {
    id: "score/entered-differs",
    category: "score",
    severity: "error",
    appliesTo: ["self-evaluation"],
    title: { zh: "得分与计算不符", en: "Score differs from the formula" },
    doc: {
      zh: "按财预〔2020〕10号自评规则重算得分：预算执行率得分 = min(全年执行数/全年预算数, 1) × 分值；≥ 指标 min(实际/目标, 1) × 分值；≤ 指标达到得满分，否则 目标/实际 × 分值；= 指标相等得满分。填写的得分与之相差超过容差即报告。",
      en: "Recomputes each score per Caiyu [2020] No. 10: execution = min(executed/budget, 1) × weight; ≥ targets min(actual/target, 1) × weight; ≤ targets full when met, else target/actual × weight; = targets full when equal. An entered score further than the tolerance from it is reported.",
    },
    fix: { zh: "按面板显示的公式重算得分并改正，或核对目标值与实际完成值。", en: "Recompute the score with the formula shown in the pane, or check the target and actual values." },
    messages: {
      differs: { zh: "“{indicator}”得分 {entered}，按公式应为 {computed}（{basis}）", en: "\"{indicator}\" scores {entered}; the formula gives {computed} ({basis})" },
      missing: { zh: "“{indicator}”未填写得分，按公式应为 {computed}", en: "\"{indicator}\" has no score; the formula gives {computed}" },
      total: { zh: "总分 {entered}，按公式重算为 {computed}（{grade}）", en: "The total is {entered}; recomputed by the formulas it is {computed} ({grade})" },
    },
  },
  (table, ctx) => {
    const r = selfEval(table, ctx.profile);
    for (const it of r.items) {
      if (it.notApplicable || it.computed === null || !it.cell) continue;
      const basis = it.kind === "execution" ? "执行率 × 分值" : it.assessment?.ratio !== undefined && it.assessment.status !== "met" ? `完成比例 ${fmt(it.assessment.ratio * 100)}% × 分值 ${fmt(it.weight ?? 0)}` : "已达成，得满分";
      if (it.entered === null) {
        if (it.cell.text === "") ctx.report({ cell: it.cell.cell, messageId: "missing", data: { indicator: it.indicator, computed: fmt(it.computed) }, severity: "warning" });
        continue;
      }
      if (Math.abs(it.entered - it.computed) > ctx.profile.scoring.scoreTolerance) {
        ctx.report({ cell: it.cell.cell, messageId: "differs", data: { indicator: it.indicator, entered: fmt(it.entered), computed: fmt(it.computed), basis } });
      }
    }
    // The stated 总分 against the recomputed total (on the 百分制), where every row could be scored.
    const stated = table.total?.score;
    if (r.total !== null && r.stated !== null && stated && Math.abs(r.stated - r.total) > ctx.profile.scoring.scoreTolerance) {
      ctx.report({ cell: stated.cell, messageId: "total", data: { entered: fmt(r.stated), computed: fmt(r.total), grade: gradeFor(r.total, ctx.profile) } });
    }
  },
);
