import type { Rule } from "../types";

export const fundingRules: Rule[] = [];
