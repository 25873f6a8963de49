import { defineRule } from "../types";
import { groupOf, type WeightGroup } from "../../scoring/selfEvaluation";
import { fmt, selfEval } from "./util";

const NAMES: Record<WeightGroup, string> = { execution: "预算执行率", output: "产出指标", benefit: "效益指标", satisfaction: "满意度指标" };

export default defineRule(
  {
    id: "score/weights-split",
    category: "score",
    severity: "warning",
    appliesTo: ["self-evaluation"],
    title: { zh: "一级指标分值不符合规定", en: "First-level weights off the standard split" },
    doc: {
      zh: "财预〔2020〕10号：一级指标分值统一为产出 50、效益 30、满意度 10、预算执行率 10（以评分方案为准，可在配置中调整）；特殊情况可适当调整，故为警告。按年度绩效目标分块的表（湖北式 20 + 80）核对各目标下指标分值之和是否等于目标分值；评价式表（项目决策 / 项目管理 / 项目绩效）核对各部分分值之和是否等于其标明的分值。",
      en: "Caiyu [2020] No. 10 fixes first-level weights at output 50, benefit 30, satisfaction 10, execution 10 (configurable in the profile); special cases may adjust them, hence a warning. Tables in goal blocks (Hubei 20 + 80) are checked goal by goal against each goal's weight; evaluation-style tables (项目决策 / 项目管理 / 项目绩效) section by section against the weight each states.",
    },
    fix: { zh: "按产出 50、效益 30、满意度 10、预算执行率 10 分配分值，或说明调整理由。", en: "Split the weights output 50, benefit 30, satisfaction 10, execution 10, or explain the change." },
    messages: { group: { zh: "“{group}”分值合计 {sum}，规定为 {expected}", en: "\"{group}\" weights add up to {sum}; the standard is {expected}" } },
  },
  (table, ctx) => {
    const r = selfEval(table, ctx.profile);
    const tol = ctx.profile.scoring.scoreTolerance;
    // 20 + 80 layout: each goal's rows must add up to the goal's weight; the 10号 groups do not apply.
    if (table.goals?.length) {
      for (const goal of table.goals) {
        if (goal.weight === undefined) continue;
        const rows = r.items.filter((i) => i.kind === "indicator" && i.row >= goal.first && i.row <= goal.last && !i.notApplicable);
        if (rows.some((i) => i.weight === null)) continue;
        const sum = rows.reduce((s, i) => s + (i.weight ?? 0), 0);
        if (rows.length && Math.abs(sum - goal.weight) > tol) ctx.report({ cell: goal.label.cell, messageId: "group", data: { group: goal.label.text, sum: fmt(sum), expected: fmt(goal.weight) } });
      }
      return;
    }
    // A scheme with its own sections (项目决策 / 项目管理 / 项目绩效): each section against its stated weight.
    const sections = ctx.profile.scoring.sections;
    if (sections?.length) {
      for (const sec of sections) {
        const rows = r.items.filter((i) => i.section === sec.name && i.weight !== null);
        if (rows.length === 0) continue;
        const label = table.indicators.find((x) => x.row === rows[0].row)?.level1?.text ?? "";
        const m = /[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/.exec(label);
        const expected = m ? Number(m[1]) : sec.weight;
        if (expected === undefined) continue;
        const sum = rows.reduce((s, i) => s + (i.weight ?? 0), 0);
        const first = rows[0];
        if (Math.abs(sum - expected) > tol) ctx.report({ cell: first.weightCell?.cell ?? first.cell?.cell ?? table.anchor, messageId: "group", data: { group: sec.name, sum: fmt(sum), expected: fmt(expected) } });
      }
      return;
    }
    const groups = new Map<WeightGroup, { sum: number; cell: { row: number; col: number }; items: typeof r.items }>();
    // A repeated execution sub-line is not scored, but its weight is what takes 预算执行率 past its share.
    for (const it of [...r.items, ...r.repeats]) {
      if (!it.group || it.weight === null) continue;
      const g = groups.get(it.group);
      const cell = it.cell?.cell ?? { row: it.row, col: table.anchor.col };
      if (g) {
        g.sum += it.weight;
        g.items.push(it);
      } else groups.set(it.group, { sum: it.weight, cell, items: [it] });
    }
    const w = ctx.profile.scoring.weights;
    // A form that states a group's weight in its 一级 label (项目产出（30分）) is held to that, not to the 10号 split.
    const declared = new Map<string, number>();
    for (const row of table.indicators) {
      const m = /[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/.exec(row.level1?.text ?? "");
      if (m) declared.set(row.level1!.text, Number(m[1]));
    }
    for (const [group, g] of groups) {
      const stated = [...declared].find(([label]) => groupOf(label, ctx.profile) === group)?.[1];
      const expected = stated ?? w[group];
      if (Math.abs(g.sum - expected) <= ctx.profile.scoring.scoreTolerance) continue;
      // Too many points: shown on the weight that takes the group past its share (a sub-line given the
      // execution's 10 again, say); too few: on the group's first item.
      let cell = g.cell;
      if (g.sum > expected) {
        let running = 0;
        for (const it of g.items) {
          running += it.weight ?? 0;
          if (running - expected > ctx.profile.scoring.scoreTolerance) {
            cell = it.weightCell?.cell ?? it.cell?.cell ?? cell;
            break;
          }
        }
      }
      ctx.report({ cell, messageId: "group", data: { group: NAMES[group], sum: fmt(g.sum), expected: fmt(expected) } });
    }
  },
);
