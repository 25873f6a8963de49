/**
 * Issue 27, case 3: a pattern in a region's forms file could make one run take minutes (`^(a+)+$`
 * against 34 a's and a "!" took 1 min 45 s). Patterns that can backtrack without bound are now refused
 * when the file is loaded — by the CLI and by the pane, which share resolveForms — naming the file,
 * the field and the pattern.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BUILTIN_FORMS } from "../src/core/forms/builtin";
import { patternProblem } from "../src/core/forms/patternSafety";
import { FormsError, resolveForms } from "../src/core/forms/vocabulary";
import { runCli } from "./helpers/cli";

const CATASTROPHIC = ["^(a+)+$", "(a|a)*", "(a|aa)+", "(.*a){20}", "^(a*)*b$", "(a?){25}a{25}", "^(\\w+\\s?)*$", "(x+x+)+y", "^(([a-z])+.)+[A-Z]([a-z])+$", "(?:a|b|ab)*c", `${"a?".repeat(30)}${"a".repeat(30)}`, "(\\d+)\\1", "(?=a*)a*b", ".*a.*a.*a.*b", `${"(a|b)".repeat(14)}c`];

/** A forms file adding one title pattern to a copy of the first built-in form. */
function formsWith(title: string) {
  return { version: 1, forms: [{ ...BUILTIN_FORMS.forms[0], id: "attack", signature: { titles: [title] } }] };
}

test.each(CATASTROPHIC)("%s is refused", (p) => {
  expect(patternProblem(p)).toBeDefined();
});

test("the refusal names the file, the field and the pattern, and comes at once", () => {
  const t0 = performance.now();
  let err: unknown;
  try {
    resolveForms(formsWith("^(a+)+$"), "region.json");
  } catch (e) {
    err = e;
  }
  const ms = performance.now() - t0;
  expect(err).toBeInstanceOf(FormsError);
  const msg = (err as Error).message;
  expect(msg).toContain("region.json");
  expect(msg).toContain("forms.0.signature.titles.0");
  expect(msg).toContain('"^(a+)+$"');
  expect(msg).toMatch(/重复中套着重复/);
  expect(msg).toMatch(/repetition of something that itself repeats/);
  // The check parses the pattern; it never runs it against a label.
  expect(ms).toBeLessThan(1000);
});

test("every pattern of the built-in forms, and ordinary region patterns, pass", () => {
  const sources: string[] = [];
  const walk = (o: unknown) => {
    if (typeof o === "string") sources.push(o);
    else if (Array.isArray(o)) o.forEach(walk);
    else if (o && typeof o === "object") Object.values(o).forEach(walk);
  };
  walk(BUILTIN_FORMS);
  const compiled = sources.filter((s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  });
  expect(compiled.length).toBeGreaterThan(50);
  expect(compiled.filter((s) => patternProblem(s))).toEqual([]);
  for (const ok of ["^项目(支出)?绩效目标表$", "(指标值|目标值)/[^/]+$", "^([0-9]+\\.?)?(合计|小计)$", "^\\d{4}年", "评\\(?扣\\)?分标准", "[ab]+c", "(ab){3}"]) expect(patternProblem(ok)).toBeUndefined();
});

test("perfcheck validate --forms with a catastrophic pattern stops before reading any workbook (exit 2, file and pattern named)", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-redos-"));
  try {
    const forms = path.join(dir, "慈溪表式.json");
    await fs.writeFile(forms, JSON.stringify(formsWith("^(a+)+$")));
    const t0 = performance.now();
    const r = await runCli(["validate", "--forms", forms, path.join(dir, "nothing-here.xlsx")]);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.code).toBe(2);
    expect(r.err).toContain(forms);
    expect(r.err).toContain("^(a+)+$");
    expect(r.out).toBe("");
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
