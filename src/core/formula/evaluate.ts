/**
 * A small evaluator for the formulas budget tables use: references (same sheet and other sheets),
 * ranges, + − × ÷ ^ &, comparisons, percentages (`50%`), SUM, ROUND(UP/DOWN), MIN, MAX, AVERAGE, ABS,
 * IF, IFERROR, AND, OR, NOT, COUNT. Pure TypeScript, no dependency.
 *
 * Why our own and not a library: the well-kept engines (HyperFormula: GPL-3.0 or a commercial
 * licence, ~1 MB; formula.js: MIT but only functions, no parser or references) either do not fit the
 * MIT add-in or still need a parser and reference resolver, which is most of this file. The formulas
 * that matter here are totals and rates; anything else is reported as not computed (never guessed).
 *
 * Used when a workbook carries a formula without its cached result (exports from tools that do not
 * calculate): the value the user would see after recalculating is computed from the snapshot.
 */
import type { CellError, CellValue } from "../snapshot";

/** What a formula evaluates to. */
export type FormulaResult = number | string | boolean | CellError;

/** The formula uses something this evaluator does not implement (a function, a name, an array). */
export class UnsupportedFormula extends Error {}

/** Reads a cell's value (computing it first if it is itself an uncalculated formula). */
export interface FormulaContext {
  /** The sheet the formula is on. */
  sheet: string;
  /** A cell value; undefined for an unknown sheet (→ #REF!). Throws UnsupportedFormula when it cannot be computed. */
  get(sheet: string, row: number, col: number): CellValue | undefined;
  /** The last used row and column of a sheet (bounds whole-column ranges), or undefined for an unknown sheet. */
  extent(sheet: string): { rows: number; cols: number } | undefined;
}

type Tok =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "bool"; v: boolean }
  | { k: "err"; v: string }
  | { k: "ref"; sheet?: string; r1: number; c1: number; r2?: number; c2?: number }
  | { k: "fn"; name: string }
  | { k: "op"; v: string }
  | { k: "("; }
  | { k: ")"; }
  | { k: ","; };

const ERRORS = ["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!", "#GETTING_DATA"];

function colNumber(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

const MAX_ROW = 1_048_575;
const MAX_COL = 16_383;

/** Tokenise; throws UnsupportedFormula on anything not understood. */
function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const s = src.startsWith("=") ? src.slice(1) : src;
  const refRe = /^(?:('(?:[^']|'')+'|[^\s!:(),;=<>&+\-*/^%"']+)!)?(\$?[A-Za-z]{1,3}\$?\d{1,7}|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d{1,7}:\$?\d{1,7})(?::(\$?[A-Za-z]{1,3}\$?\d{1,7}))?/;
  while (i < s.length) {
    const ch = s[i];
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") {
      i++;
      continue;
    }
    const rest = s.slice(i);
    if (ch === '"') {
      let j = i + 1;
      let v = "";
      for (;;) {
        if (j >= s.length) throw new UnsupportedFormula("unterminated string");
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            v += '"';
            j += 2;
            continue;
          }
          break;
        }
        v += s[j++];
      }
      out.push({ k: "str", v });
      i = j + 1;
      continue;
    }
    if (ch === "#") {
      const e = ERRORS.find((x) => rest.toUpperCase().startsWith(x));
      if (!e) throw new UnsupportedFormula(`unknown error literal ${rest.slice(0, 8)}`);
      out.push({ k: "err", v: e });
      i += e.length;
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    // A number, unless it is the start of a row range (1:3) or a sheet name.
    if (num && !/^\d+:\d/.test(rest)) {
      out.push({ k: "num", v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const fn = /^([A-Za-z_][A-Za-z0-9_.]*)\s*\(/.exec(rest);
    if (fn && !/^\$?[A-Za-z]{1,3}\$?\d+\($/.test(fn[0])) {
      out.push({ k: "fn", name: fn[1].toUpperCase().replace(/^_XLFN\./, "") });
      out.push({ k: "(" });
      i += fn[0].length;
      continue;
    }
    const ref = refRe.exec(rest);
    if (ref && !/^[A-Za-z0-9_.]/.test(rest.slice(ref[0].length))) {
      let sheet: string | undefined;
      if (ref[1]) sheet = ref[1].startsWith("'") ? ref[1].slice(1, -1).replace(/''/g, "'") : ref[1];
      const a = ref[2].replace(/\$/g, "");
      let r1: number, c1: number, r2: number | undefined, c2: number | undefined;
      const whole = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(a);
      const rows = /^(\d+):(\d+)$/.exec(a);
      if (whole) {
        r1 = 0;
        r2 = MAX_ROW;
        c1 = colNumber(whole[1]);
        c2 = colNumber(whole[2]);
      } else if (rows) {
        r1 = Number(rows[1]) - 1;
        r2 = Number(rows[2]) - 1;
        c1 = 0;
        c2 = MAX_COL;
      } else {
        const m = /^([A-Za-z]{1,3})(\d+)$/.exec(a)!;
        c1 = colNumber(m[1]);
        r1 = Number(m[2]) - 1;
        if (ref[3]) {
          const n = /^([A-Za-z]{1,3})(\d+)$/.exec(ref[3].replace(/\$/g, ""))!;
          c2 = colNumber(n[1]);
          r2 = Number(n[2]) - 1;
        }
      }
      out.push({ k: "ref", sheet, r1, c1, r2, c2 });
      i += ref[0].length;
      continue;
    }
    const bool = /^(TRUE|FALSE)(?![A-Za-z0-9_(])/i.exec(rest);
    if (bool) {
      out.push({ k: "bool", v: bool[1].toUpperCase() === "TRUE" });
      i += bool[0].length;
      continue;
    }
    const op = /^(<=|>=|<>|[-+*/^&=<>%])/.exec(rest);
    if (op) {
      out.push({ k: "op", v: op[1] });
      i += op[1].length;
      continue;
    }
    if (ch === "(") out.push({ k: "(" });
    else if (ch === ")") out.push({ k: ")" });
    else if (ch === ",") out.push({ k: "," });
    else throw new UnsupportedFormula(`unexpected "${rest.slice(0, 10)}"`);
    i++;
  }
  return out;
}

type Node =
  | { t: "lit"; v: FormulaResult }
  | { t: "ref"; sheet?: string; r1: number; c1: number; r2?: number; c2?: number }
  | { t: "un"; op: string; a: Node }
  | { t: "bin"; op: string; a: Node; b: Node }
  | { t: "pct"; a: Node }
  | { t: "call"; name: string; args: Node[] };

const PREC: Record<string, number> = { "=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2, "+": 3, "-": 3, "*": 4, "/": 4, "^": 5 };

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}
  parse(): Node {
    const n = this.expr(0);
    if (this.i < this.toks.length) throw new UnsupportedFormula("trailing input");
    return n;
  }
  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private expr(min: number): Node {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (!t || t.k !== "op" || !(t.v in PREC) || PREC[t.v] < min) return left;
      this.i++;
      // ^ is left-associative in Excel, like the others.
      const right = this.expr(PREC[t.v] + 1);
      left = { t: "bin", op: t.v, a: left, b: right };
    }
  }
  private unary(): Node {
    const t = this.peek();
    if (t && t.k === "op" && (t.v === "-" || t.v === "+")) {
      this.i++;
      // Excel: unary minus binds tighter than ^ (=-2^2 is 4).
      return { t: "un", op: t.v, a: this.unary() };
    }
    return this.postfix(this.primary());
  }
  private postfix(n: Node): Node {
    let out = n;
    while (this.peek()?.k === "op" && (this.peek() as { v: string }).v === "%") {
      this.i++;
      out = { t: "pct", a: out };
    }
    return out;
  }
  private primary(): Node {
    const t = this.toks[this.i++];
    if (!t) throw new UnsupportedFormula("unexpected end");
    switch (t.k) {
      case "num":
      case "str":
      case "bool":
        return { t: "lit", v: t.v };
      case "err":
        return { t: "lit", v: { error: t.v } };
      case "ref":
        return { t: "ref", sheet: t.sheet, r1: t.r1, c1: t.c1, r2: t.r2, c2: t.c2 };
      case "(": {
        const n = this.expr(0);
        if (this.toks[this.i++]?.k !== ")") throw new UnsupportedFormula("missing )");
        return n;
      }
      case "fn": {
        this.i++; // (
        const args: Node[] = [];
        if (this.peek()?.k === ")") {
          this.i++;
          return { t: "call", name: t.name, args };
        }
        for (;;) {
          if (this.peek()?.k === "," || this.peek()?.k === ")") args.push({ t: "lit", v: "" as FormulaResult });
          else args.push(this.expr(0));
          const n = this.toks[this.i++];
          if (n?.k === ")") break;
          if (n?.k !== ",") throw new UnsupportedFormula("bad argument list");
        }
        return { t: "call", name: t.name, args };
      }
      default:
        throw new UnsupportedFormula(`unexpected token ${t.k}`);
    }
  }
}

const PARSED = new Map<string, Node | UnsupportedFormula>();

function parseFormula(src: string): Node {
  let n = PARSED.get(src);
  if (n === undefined) {
    try {
      n = new Parser(tokenize(src)).parse();
    } catch (e) {
      n = e instanceof UnsupportedFormula ? e : new UnsupportedFormula(String(e));
    }
    if (PARSED.size > 20_000) PARSED.clear();
    PARSED.set(src, n);
  }
  if (n instanceof UnsupportedFormula) throw n;
  return n;
}

class ErrorSignal {
  constructor(readonly error: string) {}
}

const isErr = (v: unknown): v is CellError => typeof v === "object" && v !== null && "error" in v;

/** A range's cells (bounded by the sheet's extent: a whole-column reference reads the used rows only). */
function* rangeCells(ctx: FormulaContext, n: Extract<Node, { t: "ref" }>): Generator<CellValue> {
  const sheet = n.sheet ?? ctx.sheet;
  const ext = ctx.extent(sheet);
  if (!ext) throw new ErrorSignal("#REF!");
  const top = Math.min(n.r1, n.r2 ?? n.r1);
  const bottom = Math.min(Math.max(n.r1, n.r2 ?? n.r1), ext.rows - 1);
  const left = Math.min(n.c1, n.c2 ?? n.c1);
  const right = Math.min(Math.max(n.c1, n.c2 ?? n.c1), ext.cols - 1);
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) yield ctx.get(sheet, r, c) ?? null;
}

type RefNode = Extract<Node, { t: "ref" }>;

/** A reference to more than one cell (a plain boolean: a type guard would narrow single references away). */
function isRange(n: Node): boolean {
  return n.t === "ref" && n.r2 !== undefined;
}

/** A value in arithmetic: blank is 0, numeric text is its number, other text is #VALUE!. */
function toNumber(v: CellValue | FormulaResult): number {
  if (v === null || v === "") return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (isErr(v)) throw new ErrorSignal(v.error);
  const s = v.normalize("NFKC").trim().replace(/,/g, "");
  const pct = /%$/.test(s);
  const n = Number(pct ? s.slice(0, -1) : s);
  if (s === "" || !Number.isFinite(n)) throw new ErrorSignal("#VALUE!");
  return pct ? n / 100 : n;
}

function toText(v: CellValue | FormulaResult): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(Number(v.toPrecision(15)));
  if (isErr(v)) throw new ErrorSignal(v.error);
  return v;
}

function toBool(v: CellValue | FormulaResult): boolean {
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (isErr(v)) throw new ErrorSignal(v.error);
  const u = v.toUpperCase();
  if (u === "TRUE") return true;
  if (u === "FALSE") return false;
  throw new ErrorSignal("#VALUE!");
}

function value(n: Node, ctx: FormulaContext): FormulaResult {
  switch (n.t) {
    case "lit":
      if (isErr(n.v)) throw new ErrorSignal(n.v.error);
      return n.v;
    case "ref": {
      if (isRange(n)) {
        // A range where one value is wanted: Excel's implicit intersection; not worth imitating.
        throw new UnsupportedFormula("range used as a value");
      }
      const sheet = n.sheet ?? ctx.sheet;
      if (!ctx.extent(sheet)) throw new ErrorSignal("#REF!");
      const v = ctx.get(sheet, n.r1, n.c1) ?? null;
      if (isErr(v)) throw new ErrorSignal(v.error);
      return v === null ? 0 : v;
    }
    case "un": {
      const a = toNumber(value(n.a, ctx));
      return n.op === "-" ? -a : a;
    }
    case "pct":
      return toNumber(value(n.a, ctx)) / 100;
    case "bin":
      return binary(n.op, value(n.a, ctx), value(n.b, ctx));
    case "call":
      return call(n.name, n.args, ctx);
  }
}

function compare(a: FormulaResult, b: FormulaResult): number {
  // Excel orders numbers < text < booleans; text compares case-insensitively.
  const rank = (v: FormulaResult) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "string" && typeof b === "string") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function binary(op: string, a: FormulaResult, b: FormulaResult): FormulaResult {
  switch (op) {
    case "+":
      return toNumber(a) + toNumber(b);
    case "-":
      return toNumber(a) - toNumber(b);
    case "*":
      return toNumber(a) * toNumber(b);
    case "/": {
      const d = toNumber(b);
      const x = toNumber(a);
      if (d === 0) throw new ErrorSignal("#DIV/0!");
      return x / d;
    }
    case "^": {
      const r = toNumber(a) ** toNumber(b);
      if (!Number.isFinite(r)) throw new ErrorSignal("#NUM!");
      return r;
    }
    case "&":
      return toText(a) + toText(b);
    case "=":
      return compare(a, b) === 0;
    case "<>":
      return compare(a, b) !== 0;
    case "<":
      return compare(a, b) < 0;
    case ">":
      return compare(a, b) > 0;
    case "<=":
      return compare(a, b) <= 0;
    case ">=":
      return compare(a, b) >= 0;
  }
  throw new UnsupportedFormula(`operator ${op}`);
}

/** The numbers of SUM-like arguments: in ranges only numbers count; direct arguments are coerced. */
function numbers(args: Node[], ctx: FormulaContext, visit: (n: number) => void): number {
  let count = 0;
  for (const a of args) {
    if (isRange(a)) {
      for (const v of rangeCells(ctx, a as RefNode)) {
        if (isErr(v)) throw new ErrorSignal(v.error);
        if (typeof v === "number") {
          visit(v);
          count++;
        }
      }
    } else if (a.t === "ref") {
      // A single referenced cell behaves like a range: text, booleans and blanks are skipped.
      const sheet = a.sheet ?? ctx.sheet;
      if (!ctx.extent(sheet)) throw new ErrorSignal("#REF!");
      const raw = ctx.get(sheet, a.r1, a.c1) ?? null;
      if (isErr(raw)) throw new ErrorSignal(raw.error);
      if (typeof raw === "number") {
        visit(raw);
        count++;
      }
    } else {
      visit(toNumber(value(a, ctx)));
      count++;
    }
  }
  return count;
}

function roundDigits(x: number, d: number, mode: "half" | "up" | "down"): number {
  const f = 10 ** Math.trunc(d);
  const v = Number((Math.abs(x) * f).toPrecision(15));
  const r = mode === "half" ? Math.round(v) : mode === "up" ? Math.ceil(v) : Math.floor(v);
  const out = r / f;
  return x < 0 ? -out : out;
}

function call(name: string, args: Node[], ctx: FormulaContext): FormulaResult {
  const need = (min: number, max: number) => {
    if (args.length < min || args.length > max) throw new ErrorSignal("#VALUE!");
  };
  switch (name) {
    case "SUM": {
      let s = 0;
      numbers(args, ctx, (n) => (s += n));
      return s;
    }
    case "MIN":
    case "MAX": {
      let m = name === "MIN" ? Infinity : -Infinity;
      const c = numbers(args, ctx, (n) => (m = name === "MIN" ? Math.min(m, n) : Math.max(m, n)));
      return c === 0 ? 0 : m;
    }
    case "AVERAGE": {
      let s = 0;
      const c = numbers(args, ctx, (n) => (s += n));
      if (c === 0) throw new ErrorSignal("#DIV/0!");
      return s / c;
    }
    case "COUNT":
      return numbers(args, ctx, () => undefined);
    case "ROUND":
    case "ROUNDUP":
    case "ROUNDDOWN": {
      need(1, 2);
      const x = toNumber(value(args[0], ctx));
      const d = args[1] ? toNumber(value(args[1], ctx)) : 0;
      return roundDigits(x, d, name === "ROUND" ? "half" : name === "ROUNDUP" ? "up" : "down");
    }
    case "ABS":
      need(1, 1);
      return Math.abs(toNumber(value(args[0], ctx)));
    case "IF": {
      need(1, 3);
      const c = toBool(value(args[0], ctx));
      if (c) return args.length >= 2 ? value(args[1], ctx) : true;
      return args.length >= 3 ? value(args[2], ctx) : false;
    }
    case "IFERROR": {
      need(2, 2);
      try {
        return value(args[0], ctx);
      } catch (e) {
        if (e instanceof ErrorSignal) return value(args[1], ctx);
        throw e;
      }
    }
    case "AND":
    case "OR": {
      if (args.length === 0) throw new ErrorSignal("#VALUE!");
      const vals = args.map((a) => toBool(value(a, ctx)));
      return name === "AND" ? vals.every(Boolean) : vals.some(Boolean);
    }
    case "NOT":
      need(1, 1);
      return !toBool(value(args[0], ctx));
  }
  throw new UnsupportedFormula(`function ${name}`);
}

/**
 * Evaluate a formula (with or without its leading `=`). Returns the result, an Excel error value
 * (`{error: "#DIV/0!"}`) for formulas that evaluate to one, and throws UnsupportedFormula for what
 * this evaluator does not implement. Numbers are kept to 15 significant digits, as Excel stores them.
 */
export function evaluateFormula(formula: string, ctx: FormulaContext): FormulaResult {
  const node = parseFormula(formula);
  try {
    const v = value(node, ctx);
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return { error: "#NUM!" };
      return Number(v.toPrecision(15));
    }
    return v;
  } catch (e) {
    if (e instanceof ErrorSignal) return { error: e.error };
    throw e;
  }
}
