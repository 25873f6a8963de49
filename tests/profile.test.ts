import { BUILTIN_PROFILES, gradeFor, NATIONAL_PROFILE, ProfileError, ProfileSchema, resolveProfile } from "../src/core/profile";
import { profileFromJson } from "../src/core/profileCheck";

test("every built-in profile satisfies the schema", () => {
  for (const p of Object.values(BUILTIN_PROFILES)) expect(ProfileSchema.safeParse(p).success).toBe(true);
});

test("a profile file is merged over its base and validated field by field", () => {
  const p = resolveProfile({ extends: "national", id: "suzhou", satisfaction: { minPercent: 85 } });
  expect(p.satisfaction.minPercent).toBe(85);
  expect(p.scoring.weights).toEqual(NATIONAL_PROFILE.scoring.weights);
  expect(() => resolveProfile({ satisfaction: { minPercent: 150 } })).toThrow(ProfileError);
  expect(() => resolveProfile({ extends: "mars" })).toThrow(/unknown base profile/);
  expect(() => resolveProfile("nope")).toThrow(ProfileError);
});

test("grade bands: 90 优, 80 良, 60 中, below 差", () => {
  expect([100, 90, 89.99, 80, 79.99, 60, 59.99, 0].map((s) => gradeFor(s, NATIONAL_PROFILE))).toEqual(["优", "优", "良", "良", "中", "中", "差", "差"]);
});

describe("a bureau's distribution section (issue 24)", () => {
  const base = { extends: "national", id: "b", name: { zh: "某局", en: "b" } };
  test("a valid section is kept as given, with defaults filled in", () => {
    const p = profileFromJson(JSON.stringify({ ...base, distribution: { issuer: "某市财政局", year: 2027, version: "2027.1" } }), "b.json");
    expect(p.distribution).toMatchObject({ issuer: "某市财政局", region: "", year: 2027, version: "2027.1", amountUnit: "万元", kinds: ["project", "department", "self-evaluation"], requiredRows: [], protect: true });
    expect(p.yuanInWanAbove).toBe(1_000_000);
  });
  test("tables kept in 元 switch off the 元-typed-into-万元 check", () => {
    const p = profileFromJson(JSON.stringify({ ...base, distribution: { issuer: "某局", year: 2027, version: "1", amountUnit: "元" } }), "b.json");
    expect(p.yuanInWanAbove).toBeUndefined();
  });
  test("wrong fields are refused naming each field and the file", () => {
    const bad = { ...base, distribution: { issuer: "某局", year: 1999, version: "v 1", colour: "red", kinds: ["project"], requiredRows: [{ kinds: ["department"], level1: "产出指标", level2: "数量指标", level3: "x" }] } };
    let msg = "";
    try {
      profileFromJson(JSON.stringify(bad), "局.json");
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain("局.json");
    for (const field of ["distribution.year", "distribution.version", "distribution.colour"]) expect(msg).toContain(`${field}:`);
    // Field checks first; cross-field checks (a required row for a kind not distributed) once the fields are right.
    let cross = "";
    try {
      profileFromJson(JSON.stringify({ ...bad, distribution: { ...bad.distribution, year: 2027, version: "1", colour: undefined } }), "局.json");
    } catch (e) {
      cross = (e as Error).message;
    }
    expect(cross).toContain("distribution.requiredRows[0].kinds:");
  });
});
