/**
 * Indicator trees and the standard pre-filled rows, as the seeds (Wuxi forms) and 财预〔2020〕10号 /
 * 财预〔2021〕101号 show them (domain-rules C3, C5).
 */
import type { CellRole, CellSpec, RowSpec, Section, SpanSpec } from "./spec";

export interface Level2Group {
  level2: string;
  /** Pre-filled rows: 三级指标 | 半年 | 全年 (project / department) or empty rows. */
  rows?: readonly (readonly [string, string, string])[];
  /** A bureau's required rows (三级, target) above the empty rows of an empty group. */
  required?: readonly (readonly [string, string])[];
}

export interface Level1Group {
  level1: string;
  groups: readonly Level2Group[];
}

/** 10号 tree for the 产出/效益/满意度 part; `suffix` adds 指标 to 效益/满意度 二级 names (the 自评表 wording). */
export function outcomeTree(suffix: boolean): Level1Group[] {
  const s = suffix ? "指标" : "";
  return [
    { level1: "产出指标", groups: ["数量指标", "质量指标", "时效指标", "成本指标"].map((level2) => ({ level2 })) },
    { level1: "效益指标", groups: ["经济效益", "社会效益", "生态效益", "可持续影响"].map((n) => ({ level2: n + s })) },
    { level1: "满意度指标", groups: [{ level2: "服务对象满意度" + s }] },
  ];
}

/**
 * The outcome tree a template carries: a bureau's own 二级 groups (distribution.indicatorGroups) in
 * place of the 10号 tree, and its required 三级 rows under their groups (a group the tree lacks is added).
 */
export function outcomeTreeOf(suffix: boolean, groups: Readonly<Record<string, readonly string[]>> | undefined, required: readonly { level1: string; level2: string; level3: string; target?: string }[]): Level1Group[] {
  const tree: { level1: string; groups: { level2: string; required?: [string, string][] }[] }[] = groups
    ? Object.entries(groups).map(([level1, l2]) => ({ level1, groups: l2.map((level2) => ({ level2 })) }))
    : outcomeTree(suffix).map((g) => ({ level1: g.level1, groups: g.groups.map((x) => ({ level2: x.level2 })) }));
  // 服务对象满意度 and 服务对象满意度指标 name one group (the 自评表 adds 指标 to its 二级 names).
  const same = (a: string, b: string) => a.replace(/指标$/, "") === b.replace(/指标$/, "");
  for (const r of required) {
    let g1 = tree.find((g) => same(g.level1, r.level1));
    if (!g1) tree.push((g1 = { level1: r.level1, groups: [] }));
    let g2 = g1.groups.find((g) => same(g.level2, r.level2));
    if (!g2) g1.groups.push((g2 = { level2: r.level2 }));
    (g2.required ??= []).push([r.level3, r.target ?? ""]);
  }
  return tree;
}

/** 一级 choices: the 10号 tree plus 成本指标 as a 一级 (101号). */
export const LEVEL1_CHOICES = ["产出指标", "效益指标", "满意度指标", "成本指标"] as const;

export function level2Choices(suffix: boolean): string[] {
  const tree = outcomeTree(suffix).flatMap((g) => g.groups.map((x) => x.level2));
  // 101号 成本指标 (as a 一级) splits into these.
  return [...tree, "经济成本指标", "社会成本指标", "生态环境成本指标"];
}

/** 项目支出 决策/过程 rows as seed 000 pre-fills them. */
export const PROJECT_PROCESS_ROWS: Level1Group[] = [
  {
    level1: "决策",
    groups: [
      { level2: "项目立项", rows: [["立项依据充分性", "充分", "充分"], ["立项程序规范性", "规范", "规范"]] },
      { level2: "绩效目标", rows: [["绩效目标合理性", "合理", "合理"], ["绩效指标明确性", "明确", "明确"]] },
      { level2: "资金投入", rows: [["预算编制科学性", "科学", "科学"], ["资金分配合理性", "合理", "合理"]] },
    ],
  },
  {
    level1: "过程",
    groups: [
      { level2: "资金管理", rows: [["资金到位率", "序时进度", "100%"], ["预算执行率", "=50%", "=100%"], ["资金使用合规性", "合规", "合规"]] },
      { level2: "组织实施", rows: [["管理制度健全性", "健全", "健全"], ["制度执行有效性", "有效", "有效"]] },
    ],
  },
];

/** 部门整体 决策/过程 rows as seed 002 pre-fills them. */
export const DEPARTMENT_PROCESS_ROWS: Level1Group[] = [
  {
    level1: "决策",
    groups: [
      { level2: "计划制定", rows: [["工作计划制定健全性", "健全", "健全"], ["中长期规划制定健全性", "健全", "健全"]] },
      { level2: "目标设定", rows: [["绩效指标明确性", "明确", "明确"], ["绩效目标合理性", "合理", "合理"]] },
      { level2: "预算编制", rows: [["预算编制规范性", "规范", "规范"], ["预算编制科学性", "科学", "科学"]] },
    ],
  },
  {
    level1: "过程",
    groups: [
      {
        level2: "预算执行",
        rows: [
          ["非税收入预算完成率", "=100%", "=100%"],
          ["政府采购执行率", "=100%", "=100%"],
          ["“三公经费”变动率", "=0%", "=0%"],
          ["公用经费控制率", "≤100%", "≤100%"],
          ["结转结余率", "=0%", "=0%"],
          ["预算执行率", "=100%", "=100%"],
          ["预算调整率", "=0%", "=0%"],
          ["支付进度符合率", "=100%", "=100%"],
        ],
      },
      {
        level2: "预算管理",
        rows: [
          ["预算管理制度健全性", "健全", "健全"],
          ["非税收入管理合规性", "合规", "合规"],
          ["预决算信息公开度", "公开", "公开"],
          ["基础信息完善性", "完善", "完善"],
          ["绩效管理覆盖率", "=100%", "=100%"],
          ["资金使用合规性", "合规", "合规"],
        ],
      },
      { level2: "资产管理", rows: [["资产管理规范性", "规范", "规范"], ["固定资产利用率", "=100%", "=100%"], ["资产管理制度的健全性", "健全", "健全"]] },
      { level2: "项目管理", rows: [["项目管理制度执行规范性", "规范", "规范"], ["项目管理制度健全性", "健全", "健全"]] },
      {
        level2: "人员管理",
        rows: [
          ["人员管理制度执行有效性", "有效", "有效"],
          ["在职人员控制率", "=100%", "=100%"],
          ["人员管理制度健全性", "健全", "健全"],
          ["业务学习与培训及时完成率", "=100%", "=100%"],
        ],
      },
      { level2: "机构建设", rows: [["纪检监察工作有效性", "有效", "有效"], ["组织建设工作及时完成率", "=100%", "=100%"]] },
    ],
  },
];

/** Where the columns of an indicator row sit. */
export interface IndicatorLayout {
  l1: number;
  l2: number;
  /** 三级 column (and last column of its merge). */
  l3: number;
  l3To?: number;
  /** Value columns after 三级, in order (半年, 全年 for targets). */
  values: number[];
  /** Extra cells appended to every empty (user) row, e.g. the self-evaluation scoring columns. */
  extraCells?: (key: string) => CellSpec[];
}

export interface IndicatorSectionOptions {
  keyPrefix: string;
  layout: IndicatorLayout;
  /** Rows per empty 二级 group (≥ 1); a per-group override wins. */
  rowsPerGroup: number;
  groupRows?: Readonly<Record<string, number>>;
  /** Dropdowns on the 一级 / 二级 cells of empty groups. */
  level1List?: readonly string[];
  level2List?: readonly string[];
  rowHeight?: number;
}

const LEVEL1_PROMPT = { zh: "一级指标（财预〔2020〕10号；101号可将成本指标列为一级）", en: "Level-1 indicator (Caiyu [2020] 10; No. 101 allows 成本指标 as level 1)" };
const LEVEL2_PROMPT = { zh: "二级指标", en: "Level-2 indicator" };

/**
 * Rows of an indicator block: pre-filled groups (fixed 三级, input values) and empty groups (input
 * rows), with 一级 and 二级 merged down their groups.
 */
export function indicatorSection(tree: readonly Level1Group[], o: IndicatorSectionOptions): Section {
  const rows: RowSpec[] = [];
  const spans: SpanSpec[] = [];
  const L = o.layout;
  tree.forEach((g1, i1) => {
    const k1 = `${o.keyPrefix}.${i1}`;
    let firstKey: string | undefined;
    let lastKey: string | undefined;
    g1.groups.forEach((g2, i2) => {
      const key = `${k1}.${i2}`;
      firstKey ??= key;
      lastKey = key;
      const prefilled = g2.rows !== undefined;
      if (prefilled) {
        g2.rows!.forEach(([l3, half, full], i) => {
          const cells: CellSpec[] = [{ col: L.l3, to: L.l3To, role: "fixed", value: l3 }];
          const vals = L.values.length === 1 ? [full] : [half, full];
          L.values.forEach((c, j) => cells.push({ col: c, role: "inputCenter", value: vals[j] }));
          rows.push({ key: i === 0 ? key : `${key}.${i}`, cells, height: o.rowHeight });
        });
        // Span keys must name rows: the group's rows are key, key.1, key.2 …
        const n = g2.rows!.length;
        spans.push({ col: L.l2, from: key, through: n > 1 ? `${key}.${n - 1}` : key, role: "group", value: g2.level2 });
        lastKey = n > 1 ? `${key}.${n - 1}` : key;
      } else {
        // Required rows first (fixed 三级, target pre-filled but editable), then the empty rows.
        const req = g2.required ?? [];
        req.forEach(([l3, target], i) => {
          const cells: CellSpec[] = [{ col: L.l3, to: L.l3To, role: "fixed", value: l3 }, ...L.values.map((c): CellSpec => ({ col: c, role: "inputCenter", value: target || undefined }))];
          if (L.extraCells) cells.push(...L.extraCells(key));
          rows.push({ key: `${key}.req${i}`, cells, height: o.rowHeight });
        });
        const n = Math.max(1, o.groupRows?.[g2.level2] ?? o.rowsPerGroup);
        const cells: CellSpec[] = [{ col: L.l3, to: L.l3To, role: "input" }, ...L.values.map((c): CellSpec => ({ col: c, role: "inputCenter" }))];
        if (L.extraCells) cells.push(...L.extraCells(key));
        rows.push({ key, repeat: n, cells, height: o.rowHeight });
        const from = req.length ? `${key}.req0` : key;
        if (req.length) firstKey = firstKey === key ? from : firstKey;
        // A group holding required rows keeps its 二级 name fixed: a dropdown would let it be changed away.
        const choice = o.level2List && !req.length;
        spans.push({ col: L.l2, from, through: key, role: choice ? "choice" : "group", value: g2.level2, list: choice ? o.level2List : undefined, prompt: choice ? LEVEL2_PROMPT : undefined });
      }
    });
    // A 一级 holding a bureau's required rows is fixed as well.
    const hasEmpty = g1.groups.some((g) => g.rows === undefined) && !g1.groups.some((g) => g.required?.length);
    spans.push({
      col: L.l1,
      from: firstKey!,
      through: lastKey!,
      role: hasEmpty && o.level1List ? "choice" : "group",
      value: g1.level1,
      list: hasEmpty ? o.level1List : undefined,
      prompt: hasEmpty && o.level1List ? LEVEL1_PROMPT : undefined,
    });
  });
  return { rows, spans };
}

/** A header row: labels at columns (with optional merges). */
export function headerRow(key: string, labels: readonly (readonly [number, string] | readonly [number, number, string])[], role: CellRole = "header", height?: number): RowSpec {
  return {
    key,
    height,
    cells: labels.map((l) => {
      const text = l.length === 2 ? l[1] : l[2];
      return { col: l[0], to: l.length === 2 ? undefined : l[1], role, value: text === "" ? undefined : text };
    }),
  };
}
