import { defineRule } from "../types";
import { group1, group2 } from "../util";
import { allowedParents, knownLevel1 } from "./tree";

export default defineRule(
  {
    id: "indicator/level2-under-level1",
    category: "indicator",
    severity: "error",
    needs: ["level1"],
    appliesTo: ["project-target", "department-target"],
    title: { zh: "二级指标属于其一级指标", en: "二级 indicator belongs to its 一级" },
    doc: {
      zh: "二级指标必须挂在正确的一级指标下：数量/质量/时效（/成本）在产出下，经济/社会/生态效益和可持续影响在效益下，服务对象满意度在满意度下。接受 10号（成本在产出下）与 101号（成本指标为一级）两种体系，由配置文件 indicatorTrees 决定，地区也可在其中加入自己的指标体系。一级指标列填成二级指标名称（如“数量指标”）时也报告。履职类一级指标的二级为职能，不检查。",
      en: "A 二级 must sit under the right 一级: 数量/质量/时效 (/成本) under 产出, the 效益 kinds under 效益, 服务对象满意度 under 满意度. Both the No. 10 tree (成本 under 产出) and the No. 101 tree (成本指标 as a 一级) are accepted per the profile's indicatorTrees, and a region may add its own tree. A 二级 name written in the 一级 column (数量指标) is reported too. 履职 rows (二级 = a duty) are not checked.",
    },
    fix: { zh: "把该二级指标移到正确的一级指标下。", en: "Move the second-level indicator under the right first-level indicator." },
    messages: {
      wrongParent: { zh: "二级指标“{l2}”不属于一级指标“{l1}”，应在“{expected}”下", en: "二级 \"{l2}\" does not belong under 一级 \"{l1}\"; it belongs under \"{expected}\"" },
      level2AsLevel1: { zh: "一级指标列填的是二级指标“{l1}”，一级指标应为“{expected}”", en: "The 一级 column holds the 二级 \"{l1}\"; the 一级 should be \"{expected}\"" },
    },
  },
  (table, ctx) => {
    const seen = new Set<string>();
    // A group is a merged cell or, unmerged, the same text repeated down adjacent rows: one report per group.
    let run1 = { text: "", start: -1, last: -2 };
    let run2 = { text: "", start: -1, last: -2 };
    const runOf = (run: typeof run1, text: string, at: number) => (run.text === text && run.last === at - 1 ? { ...run, last: at } : { text, start: at, last: at });
    for (const row of table.indicators) {
      if (!row.level1?.text) continue;
      run1 = runOf(run1, row.level1.text, row.row);
      run2 = row.level2?.text ? runOf(run2, row.level2.text, row.row) : { text: "", start: -1, last: -2 };
      const l1 = group1(row);
      if (!knownLevel1(l1, ctx.profile)) {
        // A 二级 name in the 一级 column (数量指标 where 产出指标 belongs): the tree below it is shifted.
        const parents = allowedParents(l1, ctx.profile);
        const key = `1:${row.level1.cell.row}:${row.level1.cell.col}`;
        const runKey = `1run:${run1.start}`;
        if (seen.has(runKey) && run1.start !== row.level1.cell.row) continue;
        seen.add(runKey);
        if (parents.length > 0 && !seen.has(key)) {
          seen.add(key);
          ctx.report({ cell: row.level1.cell, messageId: "level2AsLevel1", data: { l1: row.level1.text, expected: parents.join("/") } });
        }
        continue;
      }
      if (!row.level2?.text || l1 === "履职") continue;
      const l2 = group2(row);
      const key = `${row.level2.cell.row}:${row.level2.cell.col}`;
      if (seen.has(key)) continue; // one report per merged 二级 cell
      seen.add(key);
      const runKey = `2run:${run2.start}`;
      if (seen.has(runKey)) continue; // one report per 二级 repeated down unmerged rows
      seen.add(runKey);
      const parents = allowedParents(l2, ctx.profile);
      if (parents.length > 0 && !parents.includes(l1)) {
        ctx.report({ cell: row.level2.cell, messageId: "wrongParent", data: { l1: row.level1.text, l2: row.level2.text, expected: parents.join("/") } });
      }
    }
  },
);
