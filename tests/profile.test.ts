import { BUILTIN_PROFILES, gradeFor, NATIONAL_PROFILE, ProfileError, ProfileSchema, resolveProfile } from "../src/core/profile";

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
