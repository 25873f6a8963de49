import type { PlanStyle } from "./plan";
import type { CellRole } from "./spec";

/** Light fill that marks every cell a user types into (unlocked under protection). */
export const INPUT_FILL = "#EAF2FB";
const HEADER_FILL = "#F2F2F2";
const FORMULA_FILL = "#FFF7E0";

export const AMOUNT_FORMAT = "0.00";
export const PERCENT_FORMAT = "0.00%";
export const SCORE_FORMAT = "0.00";

const base: PlanStyle = { border: true, wrap: true, vertical: "middle", fontSize: 10 };

export const ROLE_STYLES: Record<CellRole, PlanStyle> = {
  title: { bold: true, fontSize: 16, horizontal: "center", vertical: "middle" },
  subtitle: { fontSize: 11, horizontal: "center", vertical: "middle" },
  label: { ...base, horizontal: "center" },
  header: { ...base, bold: true, horizontal: "center", fill: HEADER_FILL },
  group: { ...base, bold: true, horizontal: "center" },
  fixed: { ...base, horizontal: "left", indent: 1 },
  input: { ...base, horizontal: "left", indent: 1, fill: INPUT_FILL, locked: false },
  inputCenter: { ...base, horizontal: "center", fill: INPUT_FILL, locked: false },
  choice: { ...base, horizontal: "center", fill: INPUT_FILL, locked: false },
  amount: { ...base, horizontal: "right", fill: INPUT_FILL, numFmt: AMOUNT_FORMAT, locked: false },
  amountTotal: { ...base, horizontal: "right", bold: true, fill: FORMULA_FILL, numFmt: AMOUNT_FORMAT },
  percentTotal: { ...base, horizontal: "right", fill: FORMULA_FILL, numFmt: PERCENT_FORMAT },
  score: { ...base, horizontal: "center", fill: INPUT_FILL, numFmt: SCORE_FORMAT, locked: false },
  scoreFormula: { ...base, horizontal: "center", fill: FORMULA_FILL, numFmt: SCORE_FORMAT, locked: false },
  scoreTotal: { ...base, horizontal: "center", bold: true, fill: FORMULA_FILL, numFmt: SCORE_FORMAT },
  dash: { ...base, horizontal: "center" },
  helper: { border: true, fontSize: 9, fontColor: "#7F7F7F", horizontal: "center", vertical: "middle", numFmt: "General" },
  note: { fontSize: 9, italic: true, wrap: true, vertical: "top", horizontal: "left" },
  unitLine: { fontSize: 10, horizontal: "left", vertical: "bottom", locked: false },
  issuerLine: { fontSize: 10, horizontal: "right", vertical: "bottom" },
};

/** Plan style keys are the role names; every plan carries the whole table so hosts can pre-create them. */
export function planStyles(): Record<string, PlanStyle> {
  const out: Record<string, PlanStyle> = {};
  for (const [k, v] of Object.entries(ROLE_STYLES)) out[k] = { locked: true, ...v };
  return out;
}

export function isInputRole(role: CellRole): boolean {
  return ROLE_STYLES[role].locked === false;
}
