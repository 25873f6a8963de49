import type { Rule } from "../types";
import uncalculated from "./uncalculated";
import errorValue from "./errorValue";

/** Formula rules: formulas the core could not compute, error values where a number is needed. */
export const formulaRules: Rule[] = [uncalculated, errorValue];
