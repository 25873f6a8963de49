import type { Rule } from "../types";
import enteredDiffers from "./enteredDiffers";
import aboveWeight from "./aboveWeight";
import weightsTotal from "./weightsTotal";
import weightsSplit from "./weightsSplit";
import totalSum from "./totalSum";
import missingReason from "./missingReason";
import missingActual from "./missingActual";
import unitMismatch from "./unitMismatch";
import qualitativeBand from "./qualitativeBand";
import metNotFull from "./metNotFull";
import missedFull from "./missedFull";
import partialBand from "./partialBand";
import subtotalMismatch from "./subtotalMismatch";
import completionCount from "./completionCount";
import actualRestatesTarget from "./actualRestatesTarget";
import budgetChangedNoReason from "./budgetChangedNoReason";

/** Score rules: self-evaluation tables (财预〔2020〕10号) and evaluation reports (seed 003). */
export const scoreRules: Rule[] = [
  enteredDiffers,
  aboveWeight,
  weightsTotal,
  weightsSplit,
  totalSum,
  missingReason,
  missingActual,
  unitMismatch,
  qualitativeBand,
  metNotFull,
  missedFull,
  partialBand,
  subtotalMismatch,
  completionCount,
  actualRestatesTarget,
  budgetChangedNoReason,
];
