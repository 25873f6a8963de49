/**
 * Shared formulas: Excel writes the formula once, on the first cell of a block (`<f t="shared" ref="B2:B9"
 * si="0">A2*2</f>`), and the other cells only name the block (`<f t="shared" si="0"/>`). Each cell's own
 * formula is the master's with its relative references moved by the cell's offset, as Excel shows it.
 */
import { columnLetters } from "../../core/snapshot";

function colNum(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}


const REF = /(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/y;

/** The master formula moved by (dRow, dCol): relative references shift, `$` ones stay; strings and quoted sheet names are left alone. */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A string literal or a quoted sheet name, with doubled quotes inside.
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1] : "";
    if (/[A-Za-z$]/.test(ch) && !/[A-Za-z0-9_.]/.test(prev)) {
      REF.lastIndex = i;
      const m = REF.exec(formula);
      if (m) {
        const col = m[1] ? colNum(m[2]) : colNum(m[2]) + dCol;
        const row = m[3] ? Number(m[4]) : Number(m[4]) + dRow;
        // A reference moved off the sheet is what Excel shows as #REF!.
        out += col < 0 || row < 1 ? "#REF!" : `${m[1]}${columnLetters(col)}${m[3]}${row}`;
        i += m[0].length;
        continue;
      }
      // A name or function: copy the identifier whole so its tail is not read as a reference.
      const id = /[A-Za-z_$][A-Za-z0-9_.$]*/y;
      id.lastIndex = i;
      const n = id.exec(formula)!;
      out += n[0];
      i += n[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
