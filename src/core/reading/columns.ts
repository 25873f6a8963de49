/**
 * Column roles of an indicator table from two clues: the header's words (the catalogue's column roles, one
 * clue) and what the cells below hold (a content signature, the other). Where the words and the content
 * agree the role is sure; where only one speaks it is less so; where they disagree the content wins for the
 * value columns (a 评分标准 column full of sentences is not the target, whatever its header says) and the
 * role is marked unsure, so the rules that need it stay silent.
 */
import type { IndicatorRole } from "../forms/schema";
import { headerText, type Vocabulary } from "../forms/vocabulary";
import type { SheetView } from "../snapshot";
import { textOf } from "../snapshot";
import { columnSignature, share, type ColumnSignature } from "./signature";
import type { TreeName } from "./tree";

export type ColumnRole = IndicatorRole | "sequence" | "operator" | "direction" | "unknown";

export interface ColumnReading {
  col: number;
  /** The header as a path (年度指标值/目标值), "" when the column has no header. */
  header: string;
  role: ColumnRole;
  /** 0–1: 0.9 words and content agree; 0.7 content alone; 0.5 words alone; below 0.5 unsure. */
  confidence: number;
  /** Why: `header:指标值`, `content:target 8/9`, `tree:一级 3/3` … */
  evidence: string[];
  signature: ColumnSignature;
}

/** The header path of a column: its own label, under the label of a parent merged across columns in the row above. */
export function headerPath(view: SheetView, headerRow: number, col: number, parentRow?: number): string {
  const own = cleaned(textOf(view.raw(headerRow, col)) || coveringText(view, headerRow, col));
  if (parentRow === undefined) return own;
  const m = view.mergeCovering(parentRow, col) ?? view.mergeAt(parentRow, col);
  const parent = cleaned(m && m.right > m.left ? textOf(view.raw(m.top, m.left)) : "");
  return parent && own && parent !== own ? `${parent}/${own}` : parent || own;
}

function coveringText(view: SheetView, r: number, c: number): string {
  const m = view.mergeCovering(r, c);
  return m ? textOf(view.raw(m.top, m.left)) : "";
}

function cleaned(s: string): string {
  return headerText(s.normalize("NFKC").replace(/[\s\u00a0\u3000]+/g, "").replace(/^[*＊]+/, ""));
}

const VALUE_ROLES: ReadonlySet<ColumnRole> = new Set(["full", "half", "midterm", "actual"]);

/** Read one column: its header words' role checked against its content. */
export function readColumn(view: SheetView, vocab: Vocabulary, col: number, header: string, from: number, to: number, tree: (t: string) => TreeName | undefined): ColumnReading {
  const sig = columnSignature(view, col, from, to, tree);
  const worded = header ? vocab.indicatorRole(header) : undefined;
  const evidence: string[] = [];
  if (worded) evidence.push(`header:${header}→${worded}`);
  const content = contentRole(sig);
  if (content) evidence.push(`content:${content.role} ${content.count}/${sig.filled}`);
  if (!worded && !content) return { col, header, role: "unknown", confidence: 0, evidence, signature: sig };
  if (worded && !content) {
    // An empty column keeps its header's role (a blank template), but is not sure of it.
    return { col, header, role: worded, confidence: sig.filled === 0 ? 0.5 : contradicts(worded, sig) ? 0.3 : 0.5, evidence, signature: sig };
  }
  if (!worded) return { col, header, role: content!.role, confidence: 0.7, evidence, signature: sig };
  if (agrees(worded, content!.role)) return { col, header, role: worded, confidence: 0.9, evidence, signature: sig };
  // Words and content disagree: the words stand (sentences under 全年绩效目标 are targets written badly, a
  // finding of their own; bare numbers under 指标值 are targets without their unit), less sure.
  return { col, header, role: worded, confidence: 0.6, evidence, signature: sig };
}

export function agrees(worded: ColumnRole, content: ColumnRole): boolean {
  if (worded === content) return true;
  if (VALUE_ROLES.has(worded) && content === "full") return true;
  // Weight and score columns both hold small numbers; so do 三级 names and explanations hold text.
  if ((worded === "weight" || worded === "score") && content === "weight") return true;
  if ((worded === "level3" || worded === "explanation" || worded === "standard" || worded === "keyWork" || worded === "project" || worded === "reason") && content === "level3") return true;
  if ((worded === "explanation" || worded === "standard" || worded === "reason" || worded === "ignore") && content === "explanation") return true;
  if ((worded === "level1" || worded === "level2") && (content === "level1" || content === "level2")) return true;
  return false;
}

/** A worded role the content rules out: a target column of sentences, a name column of bare numbers. */
function contradicts(worded: ColumnRole, sig: ColumnSignature): boolean {
  if (sig.filled < 2) return false;
  if (VALUE_ROLES.has(worded)) return share(sig, sig.long) > 0.5;
  if (worded === "level3") return share(sig, sig.number + sig.target) > 0.6;
  return false;
}

/** The role the cells alone suggest, with how many cells say so. */
export function contentRole(sig: ColumnSignature): { role: ColumnRole; count: number } | undefined {
  if (sig.filled === 0) return undefined;
  const s = (n: number) => share(sig, n);
  if (s(sig.tree1) >= 0.6 && sig.tree1 >= sig.tree2) return { role: "level1", count: sig.tree1 };
  if (s(sig.tree2) >= 0.6) return { role: "level2", count: sig.tree2 };
  if (s(sig.unit) >= 0.6) return { role: "unit", count: sig.unit };
  if (s(sig.nature) >= 0.6) return { role: "nature", count: sig.nature };
  if (s(sig.direction) >= 0.6) return { role: "direction", count: sig.direction };
  if (s(sig.operator) >= 0.6) return { role: "operator", count: sig.operator };
  if (s(sig.typedTarget) >= 0.5 || (s(sig.target + sig.number) >= 0.7 && sig.target > 0)) return { role: "full", count: sig.target + sig.number };
  if (s(sig.number) >= 0.8) return { role: "weight", count: sig.number };
  if (s(sig.long) >= 0.5) return { role: "explanation", count: sig.long };
  if (s(sig.text + sig.long) >= 0.6 && sig.distinct >= Math.min(3, sig.filled) * 0.8) return { role: "level3", count: sig.text + sig.long };
  return undefined;
}
