import { readFileSync } from "node:fs";
import path from "node:path";
import { renderRuleDocs } from "../scripts/gen-rule-docs";
import { ALL_RULES } from "../src/core/rules";

test("every rule is complete: id, category, severity, zh/en title, doc and messages", () => {
  const ids = new Set<string>();
  for (const r of ALL_RULES) {
    const m = r.meta;
    expect(m.id).toMatch(/^(layout|header|funding|indicator|score|formula|template|monitoring|internal)\/[a-z0-9-]+$/);
    expect(ids.has(m.id)).toBe(false);
    ids.add(m.id);
    expect(["error", "warning", "info"]).toContain(m.severity);
    for (const t of [m.title, m.doc]) {
      expect(t.zh.length).toBeGreaterThan(1);
      expect(t.en.length).toBeGreaterThan(1);
    }
    expect(Object.keys(m.messages).length).toBeGreaterThan(0);
    for (const msg of Object.values(m.messages)) {
      expect(msg.zh).toMatch(/[\u4e00-\u9fa5]/);
      expect(msg.en).toMatch(/[a-z]/i);
    }
  }
});

test("docs/rules.md is generated from the current rules (run npm run docs)", () => {
  const onDisk = readFileSync(path.join(__dirname, "..", "docs", "rules.md"), "utf8");
  expect(onDisk).toBe(renderRuleDocs());
});
