/**
 * Indicator-tree names recognised by what a cell holds, not by the header above it. The national trees
 * (产出 / 效益 / 满意度 / 成本 …; 数量 / 质量 / 时效 / 成本 / 经济效益 …) are profile data; here they are
 * turned into a classifier that tells a 一级 name from a 二级 one, in the spellings real tables use:
 * 产出指标, 产出数量指标, 社会公众或服务对象满意度指标, 产出指标 (40-50)分, 效益指标（30分）.
 */
import { memoLabel, normLabel } from "../locate/labels";
import { NATIONAL_PROFILE } from "../profile";

export type TreeTrees = Record<string, Record<string, readonly string[]>>;

export interface TreeName {
  /** 1 = a 一级 name only, 2 = a 二级 name only, 12 = a name both levels use (满意度, 成本). */
  level: 1 | 2 | 12;
  /** The canonical 一级 group (产出, 效益, 满意度, 成本 …), when the name says it. */
  group?: string;
  /** The canonical name (数量, 经济效益 …). */
  name: string;
}

/** A tree name with its decoration taken off: brackets, scores (30分, (40-50)分), the 指标/目标 suffix. */
export function bareTreeName(text: string): string {
  return normLabel(text)
    .replace(/[(（][^)）]*[)）]分?/g, "")
    .replace(/\d+(?:\.\d+)?(?:[-~～]\d+(?:\.\d+)?)?分$/, "")
    .replace(/^[一二三四五六七八九十\d]+[、.．]/, "")
    .replace(/(指标|目标)$/, "");
}

/** The classifier of the trees a vocabulary reads with (the run's profile's, withTrees), the national ones by default. */
export function treeOf(vocab: { readonly trees?: object }): (text: string) => TreeName | undefined {
  return treeClassifier((vocab.trees ?? NATIONAL_PROFILE.trees) as TreeTrees);
}

const CLASSIFIERS = new WeakMap<object, (text: string) => TreeName | undefined>();

/** A memoised classifier for the trees given (one per trees object). */
export function treeClassifier(trees: TreeTrees): (text: string) => TreeName | undefined {
  let fn = CLASSIFIERS.get(trees);
  if (fn) return fn;
  const level1 = new Set<string>();
  const level2 = new Map<string, string>(); // name → its 一级 (the first tree that has it)
  for (const tree of Object.values(trees)) {
    for (const [l1, l2s] of Object.entries(tree)) {
      level1.add(l1);
      for (const l2 of l2s) if (!level2.has(l2)) level2.set(l2, l1);
    }
  }
  const classify = (text: string): TreeName | undefined => {
    if (text.length > 24) return undefined;
    const t = bareTreeName(text);
    if (t === "") return undefined;
    const is1 = level1.has(t);
    const parent2 = level2.get(t);
    if (is1 && parent2 !== undefined) return { level: 12, group: t, name: t };
    if (is1) return { level: 1, group: t, name: t };
    if (parent2 !== undefined) return { level: 2, group: parent2, name: t };
    // 产出数量, 效益经济效益: a 一级 name joined to its 二级 one.
    for (const l1 of level1) {
      if (t.startsWith(l1) && t.length > l1.length) {
        const rest = t.slice(l1.length);
        const p = level2.get(rest) ?? level2.get(rest.replace(/(指标|目标)$/, ""));
        if (p !== undefined) return { level: 2, group: l1, name: rest };
      }
    }
    // 群众满意度指标: a satisfaction category, named as a category (an indicator's own name, 市民满意度, is not).
    if (/满意度指标$/.test(normLabel(text)) && t.length <= 14 && level1.has("满意度")) return { level: 12, group: "满意度", name: t };
    return undefined;
  };
  fn = memoLabel(classify, 5_000);
  CLASSIFIERS.set(trees, fn);
  return fn;
}
