import type { Rule } from "../types";
import level2UnderLevel1 from "./level2UnderLevel1";
import requiredGroups from "./requiredGroups";
import level3Missing from "./level3Missing";
import valueMissing from "./valueMissing";
import valueReadable from "./valueReadable";
import placeholder from "./placeholder";
import unit from "./unit";
import halfAboveFull from "./halfAboveFull";
import percentRange from "./percentRange";
import vacuousTarget from "./vacuousTarget";
import costOperator from "./costOperator";
import costAboveBudget from "./costAboveBudget";
import rateNeedsPercent from "./rateNeedsPercent";
import misfiled from "./misfiled";
import duplicate from "./duplicate";
import satisfactionMinimum from "./satisfactionMinimum";
import progressPlacement from "./progressPlacement";
import vagueTarget from "./vagueTarget";
import yearPastBudget from "./yearPastBudget";
import templateText from "./templateText";
import valueUnitFit from "./valueUnitFit";
import lowerIsBetter from "./lowerIsBetter";
import repeatedText from "./repeatedText";

export const indicatorRules: Rule[] = [
  level2UnderLevel1,
  requiredGroups,
  level3Missing,
  valueMissing,
  valueReadable,
  placeholder,
  unit,
  halfAboveFull,
  percentRange,
  vacuousTarget,
  costOperator,
  costAboveBudget,
  rateNeedsPercent,
  misfiled,
  duplicate,
  satisfactionMinimum,
  progressPlacement,
  vagueTarget,
  yearPastBudget,
  templateText,
  valueUnitFit,
  lowerIsBetter,
  repeatedText,
];
