/** Explain: every rule opens with what, why, fix and cells; the note ends with the fix; severity colours stand apart from template fills. */
import type { Finding } from "../src/core/finding";
import { explainFinding, noteText, NOTE_MARKER, ruleFix, SEVERITY_FILL } from "../src/core/explain";
import { ALL_RULES } from "../src/core/rules";
import { ROLE_STYLES } from "../src/core/templates/styles";

const finding = (rule: string, over: Partial<Finding> = {}): Finding => ({ rule, severity: "error", sheet: "目标表", cell: "E20", row: 19, col: 4, message: "支出“培训”的全年预算数为空", messageEn: "The full-year amount of expense 培训 is empty", table: 0, ...over });

test("every rule has a one-line fix in Chinese and English", () => {
  for (const r of ALL_RULES) {
    expect(r.meta.fix?.zh).toMatch(/[\u4e00-\u9fa5]/);
    expect(r.meta.fix?.en).toMatch(/[a-z]/i);
    // One line: no line breaks, short enough for a note's last line.
    expect(r.meta.fix!.zh).not.toMatch(/\n/);
    expect(r.meta.fix!.zh.length).toBeLessThanOrEqual(60);
  }
});

test("explanation: title, what, source, fix and the cells involved, from the rule metadata", () => {
  const tables = [{ index: 0, sheet: "目标表", kind: "project-target" as const, name: "培训", range: "A1:E44", rect: { top: 0, left: 0, bottom: 43, right: 4 }, counts: { error: 1, warning: 0, info: 0 } }];
  const zh = explainFinding(finding("score/weights-split"), "zh", tables);
  expect(zh.title).toBe("一级指标分值不符合规定");
  expect(zh.what).toContain("产出 50");
  expect(zh.source).toContain("财预〔2020〕10号");
  expect(zh.fix).toBe(ALL_RULES.find((r) => r.meta.id === "score/weights-split")!.meta.fix!.zh);
  expect(zh.cells).toEqual(["目标表!E20", "目标表!A1:E44"]);
  const en = explainFinding(finding("funding/amount-missing", { sheet: "My sheet" }), "en", tables);
  expect(en.source).toMatch(/PerfCheck/);
  expect(en.cells[0]).toBe("'My sheet'!E20");
  expect(en.message).toMatch(/^The full-year/);
  // Internal cross-references are not shown to the clerk.
  expect(explainFinding(finding("funding/half-not-above-full"), "zh").what).not.toMatch(/domain-rules/);
});

test("explanations name no internal reference or profile field: a clerk reads 地区配置, not requiredGroups", () => {
  for (const r of ALL_RULES) {
    for (const lang of ["zh", "en"] as const) {
      const e = explainFinding(finding(r.meta.id), lang);
      expect([r.meta.id, e.what]).not.toEqual([r.meta.id, expect.stringMatching(/domain-rules|\b[a-z]+[A-Z][A-Za-z]*\b/)]);
    }
  }
  expect(explainFinding(finding("indicator/required-groups"), "zh").what).toContain("以地区配置为准");
});

test("the cell note ends with the fix; Chinese notes are Chinese only", () => {
  const fs = [finding("funding/amount-missing"), finding("funding/amount-missing", { severity: "warning", message: "另一条" })];
  const zh = noteText(fs, "zh");
  expect(zh.startsWith(NOTE_MARKER)).toBe(true);
  const lines = zh.split("\n");
  expect(lines[lines.length - 1]).toBe(`修改：${ruleFix("funding/amount-missing", "zh")}`);
  // The same rule's fix appears once.
  expect(lines.filter((l) => l.startsWith("修改：")).length).toBe(1);
  expect(lines.slice(1).join("\n")).not.toMatch(/[A-Za-z]{2,}/);
  const en = noteText([finding("indicator/placeholder")], "en");
  expect(en.split("\n").pop()).toBe(`Fix: ${ruleFix("indicator/placeholder", "en")}`);
});

/** CIE76 ΔE between two #RRGGBB colours. */
function deltaE(a: string, b: string): number {
  const lab = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c > 0.04045 ? ((c + 0.055) / 1.055) ** 2.4 : c / 12.92));
    const xyz = [(r * 0.4124 + g * 0.3576 + bl * 0.1805) / 0.95047, r * 0.2126 + g * 0.7152 + bl * 0.0722, (r * 0.0193 + g * 0.1192 + bl * 0.9505) / 1.08883].map((v) => (v > 0.008856 ? Math.cbrt(v) : 7.787 * v + 16 / 116));
    return [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])];
  };
  const p = lab(a);
  const q = lab(b);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

test("every severity fill can be told from every template fill (ΔE ≥ 10) and from each other", () => {
  const templateFills = [...new Set(Object.values(ROLE_STYLES).map((s) => s.fill).filter((f): f is string => !!f))];
  expect(templateFills).toContain("#EAF2FB");
  for (const sev of Object.values(SEVERITY_FILL)) for (const t of templateFills) expect(deltaE(sev, t)).toBeGreaterThanOrEqual(10);
  // The old info fill was the failure the issue reported.
  expect(deltaE("#DDEBF7", "#EAF2FB")).toBeLessThan(10);
  const sev = Object.values(SEVERITY_FILL);
  for (let i = 0; i < sev.length; i++) for (let j = i + 1; j < sev.length; j++) expect(deltaE(sev[i], sev[j])).toBeGreaterThanOrEqual(10);
});
