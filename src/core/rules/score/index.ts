import type { Rule } from "../types";

/** Score rules (self-evaluation, evaluation reports): filled in by the scoring work (issue 5). */
export const scoreRules: Rule[] = [];
