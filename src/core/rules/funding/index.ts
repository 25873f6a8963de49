import type { Rule } from "../types";
import totalEqualsSources from "./totalEqualsSources";
import appropriationEqualsParts from "./appropriationEqualsParts";
import expensesEqualTotal from "./expensesEqualTotal";
import halfNotAboveFull from "./halfNotAboveFull";
import departmentBasicPlusProject from "./departmentBasicPlusProject";
import departmentProjectLines from "./departmentProjectLines";
import departmentDutyLines from "./departmentDutyLines";
import annualWithinProject from "./annualWithinProject";
import amountFormat from "./amountFormat";
import amountNegative from "./amountNegative";
import amountPrecision from "./amountPrecision";
import amountMissing from "./amountMissing";
import halfYearExecutionRate from "./halfYearExecutionRate";
import unitScale from "./unitScale";
import proseSums from "./proseSums";
import quantityStandard from "./quantityStandard";
import blockSum from "./blockSum";

export const fundingRules: Rule[] = [
  totalEqualsSources,
  appropriationEqualsParts,
  expensesEqualTotal,
  halfNotAboveFull,
  departmentBasicPlusProject,
  departmentProjectLines,
  departmentDutyLines,
  annualWithinProject,
  amountFormat,
  amountNegative,
  amountPrecision,
  amountMissing,
  halfYearExecutionRate,
  unitScale,
  proseSums,
  quantityStandard,
  blockSum,
];
