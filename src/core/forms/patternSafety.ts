/**
 * A pattern from a file (a region's forms file) runs in the JavaScript engine, which backtracks: a
 * pattern like `^(a+)+$` takes time that doubles with each character of the label it is tried on, and
 * one such pattern freezes the pane and stalls a batch for minutes. So every pattern from a file is
 * parsed here and refused at load when its shape can backtrack without bound:
 *
 * - a repetition (`*`, `+`, `{n,m}`) of something that itself repeats or is optional: `(a+)+`, `(a?){20}`, `(.*a){20}`;
 * - a repetition of a group with alternatives: `(a|a)*`, `(a|aa)+` (write a character class, `[ab]+`);
 * - more than one open-ended repetition on one path through the pattern: `.*a.*b` (each multiplies the work);
 * - more than 4,096 ways through its optional parts and alternatives (`a?a?a?…`, `(a|b)(a|b)…`: each doubles the work);
 * - back-references and look-arounds (`\1`, `(?=…)`, `(?<=…)`): not needed for labels, and not regular;
 * - repetition counts over 1,000 and patterns over 1,000 characters.
 *
 * What passes has, on any path, at most one open-ended repetition and at most 4,096 ways through its
 * choices: a test of one label costs at most that many passes over the label per starting position. Pure: no Office, no Node.
 */

/** Why a pattern was refused (zh / en), or undefined when it is safe. */
export interface PatternProblem {
  zh: string;
  en: string;
}

const MAX_LENGTH = 1000;
const MAX_COUNT = 1000;
const MAX_WAYS = 4096;

type Node =
  | { t: "atom" } // a character, a class, `.`, an escape
  | { t: "assert" } // ^ $ \b \B
  | { t: "seq"; items: Node[] }
  | { t: "alt"; branches: Node[] }
  | { t: "group"; body: Node }
  | { t: "rep"; body: Node; min: number; max: number };

class Refused extends Error {
  constructor(readonly problem: PatternProblem) {
    super(problem.en);
  }
}

const refuse = (zh: string, en: string): never => {
  throw new Refused({ zh, en });
};

/** A small parser of the JavaScript pattern syntax (no flags), enough to see the pattern's shape. */
function parse(src: string): Node {
  let i = 0;
  const alt = (): Node => {
    const branches = [seq()];
    while (src[i] === "|") {
      i++;
      branches.push(seq());
    }
    return branches.length === 1 ? branches[0] : { t: "alt", branches };
  };
  const seq = (): Node => {
    const items: Node[] = [];
    while (i < src.length && src[i] !== "|" && src[i] !== ")") {
      let n = atom();
      // Quantifiers (a lazy `?` after one changes the order tried, not the amount of work).
      for (;;) {
        const q = quantifier();
        if (!q) break;
        if (n.t === "assert") break; // the engine refuses a quantified assertion at compile time anyway
        if (n.t === "rep") refuse("重复的重复", "a repetition of a repetition");
        n = { t: "rep", body: n, min: q.min, max: q.max };
        if (src[i] === "?") i++;
      }
      items.push(n);
    }
    return items.length === 1 ? items[0] : { t: "seq", items };
  };
  const quantifier = (): { min: number; max: number } | undefined => {
    const c = src[i];
    if (c === "*") return i++, { min: 0, max: Infinity };
    if (c === "+") return i++, { min: 1, max: Infinity };
    if (c === "?") return i++, { min: 0, max: 1 };
    if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (!m) return undefined; // a literal brace
      i += m[0].length;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) refuse(`重复次数超过 ${MAX_COUNT}`, `a repetition count over ${MAX_COUNT}`);
      return { min, max };
    }
    return undefined;
  };
  const atom = (): Node => {
    const c = src[i];
    if (c === "^" || c === "$") return i++, { t: "assert" };
    if (c === "(") {
      i++;
      if (src.startsWith("?:", i)) i += 2;
      else if (src.startsWith("?=", i) || src.startsWith("?!", i) || src.startsWith("?<=", i) || src.startsWith("?<!", i)) refuse("使用了环视（(?=…)、(?<=…)）", "it uses a look-around ((?=…), (?<=…))");
      else if (src.startsWith("?<", i)) {
        const end = src.indexOf(">", i);
        i = end < 0 ? src.length : end + 1;
      }
      const body = alt();
      if (src[i] !== ")") refuse("括号不成对", "unbalanced parentheses");
      i++;
      return { t: "group", body };
    }
    if (c === "[") {
      i++;
      if (src[i] === "^") i++;
      if (src[i] === "]") i++; // a leading ] is literal
      while (i < src.length && src[i] !== "]") i += src[i] === "\\" ? 2 : 1;
      i++;
      return { t: "atom" };
    }
    if (c === "\\") {
      const d = src[i + 1] ?? "";
      if (/[1-9]/.test(d) || (d === "k" && src[i + 2] === "<")) refuse("使用了反向引用（\\1、\\k<名称>）", "it uses a back-reference (\\1, \\k<name>)");
      i += 2;
      if (d === "b" || d === "B") return { t: "assert" };
      if (d === "u" && src[i] === "{") i = src.indexOf("}", i) + 1 || src.length;
      else if (d === "u") i += 4;
      else if (d === "x") i += 2;
      else if (d === "c") i += 1;
      else if ((d === "p" || d === "P") && src[i] === "{") i = src.indexOf("}", i) + 1 || src.length;
      return { t: "atom" };
    }
    i++;
    return { t: "atom" };
  };
  const out = alt();
  if (i < src.length) refuse("括号不成对", "unbalanced parentheses");
  return out;
}

const contains = (n: Node, test: (x: Node) => boolean): boolean => {
  if (test(n)) return true;
  switch (n.t) {
    case "seq":
      return n.items.some((x) => contains(x, test));
    case "alt":
      return n.branches.some((x) => contains(x, test));
    case "group":
    case "rep":
      return contains(n.body, test);
    default:
      return false;
  }
};

/**
 * Open-ended repetitions on the costliest path, and the number of ways through the pattern's choices
 * (optional parts, alternatives): a backtracking engine may try each way at each starting position.
 */
function cost(n: Node): { open: number; ways: number } {
  switch (n.t) {
    case "seq":
      return n.items.map(cost).reduce((a, b) => ({ open: a.open + b.open, ways: Math.min(a.ways * b.ways, Number.MAX_SAFE_INTEGER) }), { open: 0, ways: 1 });
    case "alt": {
      const cs = n.branches.map(cost);
      return { open: Math.max(...cs.map((c) => c.open)), ways: cs.reduce((a, c) => a + c.ways, 0) };
    }
    case "group":
      return cost(n.body);
    case "rep": {
      const inner = cost(n.body);
      if (n.max === n.min) return { open: inner.open, ways: Math.min(inner.ways ** n.min, Number.MAX_SAFE_INTEGER) }; // a fixed count
      if (n.max <= 1) return { open: inner.open, ways: inner.ways + 1 };
      return { open: inner.open + 1, ways: inner.ways };
    }
    default:
      return { open: 0, ways: 1 };
  }
}

function check(n: Node): void {
  if (n.t === "rep" && n.max > 1) {
    if (contains(n.body, (x) => x.t === "rep" && x.max > x.min)) refuse("重复中套着重复或可选部分（如 (a+)+、(a?){20}、(.*a){20}）", "a repetition of something that itself repeats or is optional (like (a+)+, (a?){20}, (.*a){20})");
    if (contains(n.body, (x) => x.t === "alt")) refuse("重复的分组里有可选分支（如 (a|aa)+；请改用字符类 [ab]+）", "a repetition of a group with alternatives (like (a|aa)+; write a character class, [ab]+)");
  }
  if (n.t === "seq") n.items.forEach(check);
  else if (n.t === "alt") n.branches.forEach(check);
  else if (n.t === "group" || n.t === "rep") check(n.body);
}

/**
 * Why a pattern source could take more than about linear time in a backtracking engine, or undefined when
 * it cannot. A source that does not compile is reported too.
 */
export function patternProblem(src: string): PatternProblem | undefined {
  if (src.length > MAX_LENGTH) return { zh: `模式超过 ${MAX_LENGTH} 个字符`, en: `the pattern is over ${MAX_LENGTH} characters` };
  try {
    new RegExp(src);
  } catch {
    return { zh: "不是有效的正则表达式", en: "not a valid regular expression" };
  }
  try {
    const ast = parse(src);
    check(ast);
    const c = cost(ast);
    if (c.open > 1) return { zh: "一条路径上有不止一处不限次数的重复（如 .*a.*b）", en: "more than one open-ended repetition on one path (like .*a.*b)" };
    if (c.ways > MAX_WAYS) return { zh: `可选部分和分支的组合超过 ${MAX_WAYS} 种（如 a?a?a?…）`, en: `more than ${MAX_WAYS} combinations of optional parts and alternatives (like a?a?a?…)` };
    return undefined;
  } catch (e) {
    if (e instanceof Refused) return e.problem;
    throw e;
  }
}
