import type { Rule } from "../types";
import rateMismatch from "./rateMismatch";
import executionPace from "./executionPace";
import forecastExecution from "./forecastExecution";
import likelihoodNoReason from "./likelihoodNoReason";
import forecastDeviation from "./forecastDeviation";
import emptyRow from "./emptyRow";
import tickNone from "./tickNone";
import targetChanged from "./targetChanged";

/** Rules of the mid-year monitoring table (绩效运行监控表, 财预〔2019〕136号); docs/monitoring.md. */
export const monitoringRules: Rule[] = [rateMismatch, executionPace, forecastExecution, likelihoodNoReason, forecastDeviation, emptyRow, tickNone, targetChanged];
