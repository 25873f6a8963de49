import { defineRule } from "../types";
import { executionLight, pct } from "./util";

export default defineRule(
  {
    id: "monitoring/execution-pace",
    category: "monitoring",
    severity: "warning",
    appliesTo: ["monitoring"],
    title: { zh: "预算执行进度慢于序时进度（红灯 / 黄灯）", en: "Budget execution behind time (red / yellow light)" },
    doc: {
      zh: "执行进度 = 执行率 ÷ 序时进度（监控月份 ÷ 12）。低于 60% 为红灯（警告），60%–80% 为黄灯（提示），80% 及以上为绿灯（不报告）；界限由配置文件 monitoring 给出，可按地区修改。灯显示在资金总额行上，审核工作簿和任务窗格中也列出。",
      en: "Execution against time = 执行率 ÷ the elapsed share of the year (month ÷ 12). Below 60% is a red light (warning), 60–80% yellow (info), from 80% green (not reported); the bands are the profile's monitoring (a region may set its own). The light sits on the total fund line and is listed in the review workbook and the pane.",
    },
    fix: { zh: "核实支出进度；确属滞后的，在偏差原因分析中说明并提出加快执行的措施。", en: "Check the spending; where it is late, explain why and state how it will be caught up." },
    messages: {
      red: {
        zh: "红灯：1-{month}月执行率 {rate}%，序时进度 {pace}%，执行进度仅为序时的 {ratio}%（低于 {red}%）",
        en: "Red light: execution rate {rate}% to month {month} against a time share of {pace}%, only {ratio}% of pace (below {red}%)",
      },
      yellow: {
        zh: "黄灯：1-{month}月执行率 {rate}%，序时进度 {pace}%，执行进度为序时的 {ratio}%（{red}%–{yellow}%）",
        en: "Yellow light: execution rate {rate}% to month {month} against a time share of {pace}%, {ratio}% of pace ({red}–{yellow}%)",
      },
    },
  },
  (table, ctx) => {
    const light = executionLight(table, ctx.profile);
    if (!light || light.color === "green") return;
    const bands = { red: ctx.profile.monitoring?.red ?? 60, yellow: ctx.profile.monitoring?.yellow ?? 80 };
    const data = { month: light.month, rate: pct(light.rate), pace: pct(light.pace), ratio: String(Math.round(light.ratio * 10) / 10), ...bands };
    ctx.report({ cell: light.cell, messageId: light.color, data, severity: light.color === "red" ? "warning" : "info" });
  },
);
