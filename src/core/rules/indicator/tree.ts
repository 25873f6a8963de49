/**
 * The indicator trees: which 二级 belongs under which 一级. 财预〔2020〕10号 files 成本 under 产出;
 * 财预〔2021〕101号 makes 成本指标 a 一级 of its own (domain-rules C3, C5). 决策/过程 rows follow the
 * 10号 framework (A7) and the 53号 department framework (E2); local variants seen in the seeds are accepted.
 */
import type { Profile } from "../../profile";

type Tree = Record<string, readonly string[]>;

const COMMON: Tree = {
  决策: ["项目立项", "绩效目标", "资金投入", "计划制定", "目标设定", "预算编制", "预算配置", "决策"],
  过程: ["资金管理", "组织实施", "预算执行", "预算管理", "资产管理", "项目管理", "人员管理", "机构建设", "制度建设", "组织基础", "业务管理", "财务管理"],
  投入: ["目标设定", "预算配置", "项目立项", "绩效目标", "资金投入"],
  效益: ["经济效益", "社会效益", "生态效益", "可持续影响", "履职效益", "环境效益"],
  满意度: ["服务对象满意度", "满意度", "社会公众满意度", "社会公众或服务对象满意度"],
};

const TREE_2020_10: Tree = { ...COMMON, 产出: ["数量", "质量", "时效", "成本", "职责履行"] };
const TREE_2021_101: Tree = { ...COMMON, 产出: ["数量", "质量", "时效", "职责履行"], 成本: ["经济成本", "社会成本", "生态环境成本", "成本"] };

const PARENTS = new WeakMap<Profile, Map<string, string[]>>();

/** The 一级 groups a 二级 is allowed under, given the profile's accepted trees (memoised per profile). */
export function allowedParents(level2: string, profile: Profile): string[] {
  let memo = PARENTS.get(profile);
  if (!memo) PARENTS.set(profile, (memo = new Map()));
  let hit = memo.get(level2);
  if (!hit) memo.set(level2, (hit = computeParents(level2, profile)));
  return hit;
}

function computeParents(level2: string, profile: Profile): string[] {
  const out = new Set<string>();
  for (const id of profile.indicatorTrees) {
    const tree = id === "caiyu-2020-10" ? TREE_2020_10 : TREE_2021_101;
    for (const [l1, l2s] of Object.entries(tree)) if (l2s.includes(level2)) out.add(l1);
  }
  return [...out];
}

export function knownLevel1(level1: string): boolean {
  return level1 in TREE_2020_10 || level1 in TREE_2021_101 || level1 === "履职" || level1 === "效果" || level1 === "产出";
}
