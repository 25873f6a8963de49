import { normLabel } from "../../locate/labels";
import type { IndicatorRow, MonitoringTable, ProjectTargetTable } from "../../model";
import { canonicalGroup, group2 } from "../util";
import { defineRule } from "../types";
import { indicatorName } from "./util";

const key = (s: string) => normLabel(s).replace(/\([^)]*\)/g, "");
/** A written target compared as written, spaces, full-width forms and a trailing 以上/以内 aside. */
const valueKey = (s: string) => normLabel(s).replace(/＝/g, "=").replace(/(以上|以内|及以上|及以下)$/, "");

/**
 * The approved target table of a monitoring table: the one naming the same project; else, when one of the two
 * names no project (a title stands for its name), the only one given. Two tables naming different projects are
 * never compared: a folder of monitoring tables checked against one target file must not report every other
 * project's indicators as dropped.
 */
export function approvedTable(table: MonitoringTable, targets: readonly ProjectTargetTable[]): ProjectTargetTable | undefined {
  const name = key(table.name);
  const same = targets.filter((t) => key(t.name) === name);
  if (same.length) return same[0];
  if (targets.length !== 1) return undefined;
  const mineNamed = !!table.fields["项目名称"]?.value?.text;
  const theirsNamed = !!targets[0].fields.projectName?.value?.text;
  return mineNamed && theirsNamed ? undefined : targets[0];
}

const group = (r: IndicatorRow) => `${canonicalGroup(r.level1?.text ?? "")}/${group2(r)}`;

export default defineRule(
  {
    id: "monitoring/target-changed",
    category: "monitoring",
    severity: "warning",
    appliesTo: ["monitoring"],
    compares: "targets",
    title: { zh: "监控表指标与批复的绩效目标表不一致", en: "Monitoring indicators differ from the approved targets" },
    doc: {
      zh: "同时给出批复的绩效目标表时（命令行 `perfcheck validate --targets 目标表.xlsx 监控表.xlsx`，或同一工作簿中两张表都在），监控表的三级指标应与目标表逐一对应：目标表的指标不见了（删去）、同一二级下换了名称（改名）、年度指标值改了（改目标），都报告。监控不是调整目标的地方：调整须另行报批。按项目名称找目标表；只给了一张目标表而两表中有一张未写项目名称时，用这一张；两表写着不同的项目则不比对。",
      en: "With the approved target table given too (`perfcheck validate --targets TARGET.xlsx MONITOR.xlsx`, or both tables in one workbook), the monitoring table's indicators must match it one for one: an indicator of the target table that is gone (dropped), renamed under the same 二级, or whose 年度指标值 changed is reported. Targets are changed through an approved adjustment, not in the monitoring table. The target table is the one naming the same project; a single one given is used when one of the two names no project; tables naming different projects are not compared.",
    },
    fix: { zh: "按批复的绩效目标表恢复指标名称和年度指标值；确需调整的，按程序报批后再监控。", en: "Restore the approved indicator names and targets; adjust targets through the approval procedure." },
    messages: {
      dropped: { zh: "批复目标表中的指标“{indicator}”（{group}）在监控表中没有", en: "The approved indicator \"{indicator}\" ({group}) is missing from the monitoring table" },
      renamed: { zh: "指标“{indicator}”在批复目标表中为“{approved}”，名称被改", en: "The indicator \"{indicator}\" is named \"{approved}\" in the approved target table" },
      changed: { zh: "“{indicator}”年度指标值为 {value}，批复目标表中为 {approved}", en: "\"{indicator}\" has the target {value}; the approved target table says {approved}" },
      noMatch: { zh: "给出的绩效目标表中没有项目“{name}”，未能比对指标", en: "No target table for the project \"{name}\" among those given: the indicators were not compared" },
    },
  },
  (table, ctx) => {
    const given = ctx.targets;
    if (!given) return;
    const approved = approvedTable(table, given.tables.filter((t): t is ProjectTargetTable => t.kind === "project-target"));
    if (!approved) {
      if (given.explicit) ctx.report({ cell: table.anchor, messageId: "noMatch", data: { name: table.name }, severity: "info" });
      return;
    }
    const mine = table.indicators.filter((r) => r.level3?.text);
    const theirs = approved.indicators.filter((r) => r.level3?.text);
    const byName = new Map<string, (typeof mine)[number]>();
    for (const r of mine) if (!byName.has(key(r.level3!.text))) byName.set(key(r.level3!.text), r);
    const used = new Set<(typeof mine)[number]>();
    const unmatched: IndicatorRow[] = [];
    for (const t of theirs) {
      const m = byName.get(key(t.level3!.text));
      if (!m || used.has(m)) {
        unmatched.push(t);
        continue;
      }
      used.add(m);
      const a = t.full?.text ?? "";
      const b = m.full?.text ?? "";
      if (a && valueKey(a) !== valueKey(b)) ctx.report({ cell: (m.full ?? m.level3!).cell, messageId: "changed", data: { indicator: indicatorName(m), value: b || "（空）", approved: a } });
    }
    // A target indicator with no namesake: renamed when an indicator of the monitoring table under the same
    // 一级/二级 has no namesake in the target table either, taken in order; else dropped.
    const spare = mine.filter((r) => !used.has(r));
    for (const t of unmatched) {
      const i = spare.findIndex((r) => group(r) === group(t));
      if (i >= 0) {
        const m = spare.splice(i, 1)[0];
        ctx.report({ cell: m.level3!.cell, messageId: "renamed", data: { indicator: indicatorName(m), approved: t.level3!.text } });
      } else {
        ctx.report({ cell: table.anchor, messageId: "dropped", data: { indicator: t.level3!.text, group: [t.level1?.text, t.level2?.text].filter(Boolean).join(" / ") } });
      }
    }
  },
);
