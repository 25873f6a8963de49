/** Public surface of the shared validation core. */
export * from "./snapshot";
export * from "./finding";
export * from "./model";
export * from "./profile";
export * from "./validate";
export { ALL_RULES, RULES_BY_ID } from "./rules";
export type { Rule, RuleMeta, RuleCategory } from "./rules/types";
export { parseValue } from "./grammar/value";
export type { ParsedValue, NumberValue } from "./grammar/value";
export type { TableScore, ScoreItem } from "./scoring";
