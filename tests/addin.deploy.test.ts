/**
 * Deploying the add-in (issue 26): a bureau's copy gets its own manifest Id and name from the build
 * (ADDIN_ID / ADDIN_NAME), the manifest's SupportUrl is a real help page the build ships, and `npm start`
 * promises only what the repository holds, with the Microsoft 365 centralized-deployment steps.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { SaxesParser } from "saxes";

const ROOT = path.join(__dirname, "..");
const xml = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../webpack.config.js") as {
  (env: Record<string, unknown>, options: { mode: string }): { name: string; plugins: unknown[] }[];
  brandManifest: (xml: string, o: { id?: string; name?: string }) => string;
  rewriteManifest: (xml: string, url: string) => string;
};
const { brandManifest, rewriteManifest } = config;
const BUREAU_ID = "0b6a4c1e-2f3d-4e5a-9b8c-7d6e5f4a3b2c";

/** Element names and texts/attributes of interest, via a real XML parser (fails on malformed XML). */
function parse(doc: string): { names: string[]; id: string; displayName: string; overrides: string[]; supportUrl: string; learnMore: string } {
  const out = { names: [] as string[], id: "", displayName: "", overrides: [] as string[], supportUrl: "", learnMore: "" };
  const p = new SaxesParser();
  const stack: string[] = [];
  p.on("opentag", (t) => {
    const a = t.attributes as Record<string, string>;
    out.names.push(t.name);
    if (t.name === "DisplayName") out.displayName = a.DefaultValue;
    if (t.name === "Override" && stack[stack.length - 1] === "DisplayName") out.overrides.push(a.Value);
    if (t.name === "SupportUrl") out.supportUrl = a.DefaultValue;
    if (t.name === "bt:Url" && a.id === "GetStarted.LearnMoreUrl") out.learnMore = a.DefaultValue;
    stack.push(t.name);
  });
  p.on("text", (s) => {
    if (stack[stack.length - 1] === "Id" && stack.length === 2) out.id += s;
  });
  p.on("closetag", () => void stack.pop());
  p.write(doc).close();
  return out;
}

/** The manifest as the production build writes it, through the build's own copy transform and env vars. */
function builtManifest(env: Record<string, string>): string {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    // WEBPACK_SERVE keeps the config from emptying dist/addin: only the plugin list is wanted here.
    const [taskpane] = config({ WEBPACK_SERVE: true }, { mode: "production" });
    const copy = taskpane.plugins.find((p) => (p as { constructor: { name: string } }).constructor.name === "CopyPlugin") as { patterns: { from: string; transform?: (c: Buffer) => string | Buffer }[] };
    const pattern = copy.patterns.find((p) => p.from === "manifest.xml")!;
    return String(pattern.transform!(Buffer.from(xml)));
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

describe("a bureau's own copy: ADDIN_ID and ADDIN_NAME", () => {
  test("the build sets the Id and the display name (zh-CN and en-US), XML-escaped, nothing else changed", () => {
    const before = parse(xml);
    const out = builtManifest({ ADDIN_URL: "https://files.example.gov.cn/perfcheck/", ADDIN_ID: BUREAU_ID, ADDIN_NAME: "慈溪财政 “绩效” & <校验>" });
    const after = parse(out);
    expect(after.id).toBe(BUREAU_ID);
    expect(after.displayName).toBe("慈溪财政 “绩效” & <校验>");
    expect(after.overrides).toEqual(["慈溪财政 “绩效” & <校验>"]);
    expect(after.names).toEqual(before.names.filter((n) => n !== "AppDomains" && n !== "AppDomain"));
    expect(out).not.toContain(before.id);
  });

  test("without them the repository's Id and name stay", () => {
    const after = parse(builtManifest({}));
    expect(after.id).toBe(parse(xml).id);
    expect(after.displayName).toBe("PerfCheck 绩效表校验");
  });

  test("a malformed GUID, the repository's own Id or an unusable name stops the build with a message", () => {
    expect(() => builtManifest({ ADDIN_ID: "cixi-2026" })).toThrow(/ADDIN_ID “cixi-2026” 不是 GUID/);
    expect(() => brandManifest(xml, { id: `${BUREAU_ID}0` })).toThrow(/不是 GUID/);
    expect(() => brandManifest(xml, { id: parse(xml).id.toUpperCase() })).toThrow(/仓库自带的 Id/);
    expect(() => brandManifest(xml, { name: "x".repeat(126) })).toThrow(/1–125/);
    expect(() => brandManifest(xml, { name: "a\nb" })).toThrow(/ADDIN_NAME/);
    expect(parse(brandManifest(xml, { id: ` ${BUREAU_ID.toUpperCase()} ` })).id).toBe(BUREAU_ID.toUpperCase());
  });

  test("branding and the ADDIN_URL rewrite compose: URLs rewritten, Id kept", () => {
    const out = rewriteManifest(brandManifest(xml, { id: BUREAU_ID }), "https://h.example/p/");
    expect(parse(out).id).toBe(BUREAU_ID);
    expect(parse(out).supportUrl).toBe("https://h.example/p/help.html");
  });
});

describe("SupportUrl: a real help page", () => {
  test("SupportUrl and GetStarted's LearnMoreUrl point at help.html, which the build ships", () => {
    const m = parse(xml);
    expect(m.supportUrl).toBe("https://localhost:3000/help.html");
    expect(m.learnMore).toBe("https://localhost:3000/help.html");
    const [taskpane] = config({ WEBPACK_SERVE: true }, { mode: "production" });
    const copy = taskpane.plugins.find((p) => (p as { constructor: { name: string } }).constructor.name === "CopyPlugin") as { patterns: { from: string; to: string }[] };
    const shipped = copy.patterns.find((p) => p.to === "help.html");
    expect(shipped).toBeDefined();
    expect(existsSync(path.join(ROOT, shipped!.from))).toBe(true);
    const html = readFileSync(path.join(ROOT, shipped!.from), "utf8");
    expect(html).not.toMatch(/<script/i);
    for (const s of ["上传我的加载项", "Upload My Add-in", "集成应用", "Integrated apps", "仅 Windows", "Excel for Windows only", "wef"]) expect(html).toContain(s);
  });
});

describe("npm start", () => {
  test("runs only tools the repository holds, and prints the web, Mac, Windows and Microsoft 365 steps", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const held = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    const start = readFileSync(path.join(ROOT, "scripts", "start.mjs"), "utf8");
    const spawned = [...start.matchAll(/spawn\(\s*"npx",\s*\[\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(spawned.length).toBeGreaterThan(0);
    for (const tool of spawned) expect(held).toContain(tool);
    expect(start).not.toMatch(/node_modules/);
    const out = execFileSync(process.execPath, [path.join(ROOT, "scripts", "start.mjs"), "--steps"], { encoding: "utf8" });
    expect(out).toContain(path.join(ROOT, "manifest.xml"));
    for (const s of ["上传我的加载项", "Documents/wef", "仅 Windows 版 Excel", "集成应用", "Integrated apps", "不在本仓库的依赖中"]) expect(out).toContain(s);
  });
});
