import { defineRule } from "../types";
import { reportEval } from "./util";

export default defineRule(
  {
    id: "score/completion-count",
    category: "score",
    severity: "error",
    appliesTo: ["evaluation-report"],
    title: { zh: "目标完成数或完成率不符", en: "Completion count or rate does not match" },
    doc: {
      zh: "“绩效目标共 N 个，完成 M 个，完成率 R%”：R 应等于 M/N（容差可配置）；N 应等于表中目标行数；M 应与表中已实现的目标数一致（无法判定的行留有余地）；总目标与明细目标的个数、完成数之和应等于总数。",
      en: "\"N targets, M met, rate R%\": R must equal M/N (tolerance configurable); N must equal the table's target rows; M must match the rows that are met (rows that cannot be judged leave room); the 总目标 and 明细 counts must add up to the overall ones.",
    },
    fix: { zh: "核对目标总数、完成数与完成率，使 完成率 = 完成数 / 总数。", en: "Check the counts so that the completion rate equals completed / total." },
    messages: {
      rate: { zh: "{scope}完成 {done}/{count} = {actual}，而写明完成率 {rate}", en: "{scope}: {done}/{count} = {actual}, but the stated rate is {rate}" },
      count: { zh: "{scope}写明共 {count} 个，而表中有 {rows} 个目标", en: "{scope}: {count} stated, but the table lists {rows} targets" },
      done: { zh: "{scope}写明完成 {done} 个，而表中实现的为 {met} 个（另有 {unknown} 个无法判定）", en: "{scope}: {done} stated as met, but {met} rows are met ({unknown} more cannot be judged)" },
      parts: { zh: "共 {count} 个、完成 {done} 个，而总体与明细目标合计 {partCount} 个、完成 {partDone} 个", en: "{count} targets and {done} met overall, but the 总体 and 明细 parts add up to {partCount} and {partDone}" },
    },
  },
  (table, ctx) => {
    for (const c of reportEval(table, ctx.profile).completion) {
      ctx.report({ cell: c.cell, messageId: c.messageId, data: c.data, severity: c.messageId === "rate" ? "warning" : undefined });
    }
  },
);
