/**
 * The manifest checked offline (office-addin-manifest validate needs Microsoft's online service):
 * well-formed XML, the schema's element order, every resid resolving, the ribbon FunctionName
 * matching the action commands.ts registers, and icons existing at the sizes named.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { SaxesParser } from "saxes";

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const ROOT = join(__dirname, "..");

function parseXml(xml: string): El {
  const parser = new SaxesParser({ xmlns: false });
  const stack: El[] = [];
  let root: El | undefined;
  parser.on("opentag", (t) => {
    const el: El = { name: t.name, attrs: t.attributes as Record<string, string>, children: [], text: "" };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on("text", (txt) => {
    if (stack.length) stack[stack.length - 1].text += txt;
  });
  parser.on("closetag", () => void stack.pop());
  parser.write(xml).close();
  if (!root) throw new Error("empty document");
  return root;
}

const all = (el: El, pred: (e: El) => boolean, out: El[] = []): El[] => {
  if (pred(el)) out.push(el);
  for (const c of el.children) all(c, pred, out);
  return out;
};
const child = (el: El, name: string) => el.children.find((c) => c.name === name);
const names = (el: El) => el.children.map((c) => c.name);

/** True when `actual` lists its elements in the order `schema` gives (unknown names fail). */
function inOrder(actual: string[], schema: string[]): boolean {
  let i = 0;
  for (const n of actual) {
    const j = schema.indexOf(n, i);
    if (j < 0) return false;
    i = j;
  }
  return true;
}

const xml = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const doc = parseXml(xml);

describe("manifest.xml", () => {
  test("is a Workbook task-pane add-in with read/write permission and zh-CN default", () => {
    expect(doc.name).toBe("OfficeApp");
    expect(doc.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(child(doc, "DefaultLocale")?.text).toBe("zh-CN");
    expect(child(doc, "Permissions")?.text).toBe("ReadWriteDocument");
    expect(child(child(doc, "Hosts")!, "Host")?.attrs.Name).toBe("Workbook");
    expect(child(doc, "Id")?.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(child(doc, "Version")?.text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  test("elements follow the schema order (OfficeAppManifestV1_1 / TaskPaneAppVersionOverridesV1_0)", () => {
    const top = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "VersionOverrides"];
    expect(inOrder(names(doc), top)).toBe(true);
    const vo = child(doc, "VersionOverrides")!;
    expect(inOrder(names(vo), ["Description", "Requirements", "Hosts", "Resources"])).toBe(true);
    const dff = all(vo, (e) => e.name === "DesktopFormFactor")[0];
    expect(inOrder(names(dff), ["GetStarted", "FunctionFile", "ExtensionPoint"])).toBe(true);
    for (const c of all(vo, (e) => e.name === "Control")) expect(inOrder(names(c), ["Label", "Supertip", "Icon", "Action"])).toBe(true);
    for (const g of all(vo, (e) => e.name === "Group")) expect(inOrder(names(g), ["Label", "Icon", "Control"])).toBe(true);
    const res = child(vo, "Resources")!;
    expect(inOrder(names(res), ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"])).toBe(true);
    // Every localisable string gives the English override.
    for (const s of all(doc, (e) => e.name === "bt:String" || e.name === "DisplayName" || e.name === "Description")) {
      if (!s.attrs.DefaultValue) continue;
      expect(s.children.some((o) => /Override$/.test(o.name) && o.attrs.Locale === "en-US")).toBe(true);
    }
  });

  test("every resid resolves to a resource of the right kind, and no id is defined twice", () => {
    const vo = child(doc, "VersionOverrides")!;
    const res = child(vo, "Resources")!;
    const ids = new Map<string, string>();
    for (const group of res.children)
      for (const r of group.children) {
        expect(ids.has(r.attrs.id)).toBe(false);
        ids.set(r.attrs.id, group.name);
      }
    const refs = all(vo, (e) => e.attrs.resid !== undefined);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) {
      const kind = ids.get(r.attrs.resid);
      expect(kind).toBeDefined();
      const expected =
        r.name === "bt:Image" ? "bt:Images" : ["SourceLocation", "FunctionFile", "LearnMoreUrl"].includes(r.name) ? "bt:Urls" : r.name === "Description" ? "bt:LongStrings" : r.name === "Title" || r.name === "Label" ? "bt:ShortStrings" : undefined;
      if (expected) expect(`${r.name}:${kind}`).toBe(`${r.name}:${expected}`);
    }
  });

  test("the ribbon has a ShowTaskpane button and an ExecuteFunction button whose FunctionName commands.ts registers", () => {
    const tab = all(doc, (e) => e.name === "OfficeTab")[0];
    expect(tab.attrs.id).toBe("TabHome");
    const actions = all(tab, (e) => e.name === "Action").map((a) => a.attrs["xsi:type"]);
    expect(actions).toEqual(["ShowTaskpane", "ExecuteFunction"]);
    const fn = all(tab, (e) => e.name === "FunctionName")[0].text.trim();
    const src = readFileSync(join(ROOT, "src/commands/commands.ts"), "utf8");
    const associated = [...src.matchAll(/Office\.actions\.associate\(\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(associated).toEqual([fn]);
    const urls = all(doc, (e) => e.name === "bt:Url").map((u) => u.attrs.DefaultValue);
    for (const page of ["commands.html", "taskpane.html"]) expect(urls.some((u) => u.endsWith(`/${page}`))).toBe(true);
  });

  test("icons exist in assets/ at the sizes the manifest names (PNG header)", () => {
    const images = all(doc, (e) => e.name === "bt:Image" && e.attrs.DefaultValue !== undefined);
    const iconUrls = [child(doc, "IconUrl")!.attrs.DefaultValue, child(doc, "HighResolutionIconUrl")!.attrs.DefaultValue];
    const sizes = new Map<string, number>();
    for (const img of images) {
      const size = Number(/(\d+)x\1$/.exec(img.attrs.id)?.[1]);
      sizes.set(img.attrs.DefaultValue, size);
    }
    sizes.set(iconUrls[0], 32);
    sizes.set(iconUrls[1], 64);
    const used = all(doc, (e) => e.name === "bt:Image" && e.attrs.size !== undefined).map((e) => Number(e.attrs.size));
    expect(new Set(used)).toEqual(new Set([16, 32, 80]));
    for (const [url, size] of sizes) {
      const file = join(ROOT, new URL(url).pathname);
      expect(existsSync(file)).toBe(true);
      const png = readFileSync(file);
      expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  test("asks for ExcelApi 1.9: Excel 2016/2019 (Internet Explorer / Edge Legacy webviews) are not offered the add-in", () => {
    const sets = all(child(doc, "Requirements")!, (e) => e.name === "Set");
    expect(sets.map((s) => [s.attrs.Name, s.attrs.MinVersion])).toEqual([["ExcelApi", "1.9"]]);
  });
});

describe("production manifest (ADDIN_URL)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rewriteManifest } = require("../webpack.config.js") as { rewriteManifest: (xml: string, url: string) => string };
  const prod = rewriteManifest(xml, "https://files.example.gov.cn/perfcheck");
  const pdoc = parseXml(prod);

  test("every URL points at the hosting server and localhost is gone, AppDomains included", () => {
    expect(prod).not.toMatch(/localhost/);
    expect(child(pdoc, "AppDomains")).toBeUndefined();
    const urls = all(pdoc, (e) => e.attrs.DefaultValue?.startsWith("http")).map((e) => e.attrs.DefaultValue);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u.startsWith("https://files.example.gov.cn/perfcheck/")).toBe(true);
    expect(child(child(pdoc, "DefaultSettings")!, "SourceLocation")?.attrs.DefaultValue).toBe("https://files.example.gov.cn/perfcheck/taskpane.html");
  });

  test("the rewritten manifest keeps the schema order and every other element", () => {
    const top = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "VersionOverrides"];
    expect(inOrder(names(pdoc), top)).toBe(true);
    expect(names(pdoc).filter((n) => n !== "AppDomains")).toEqual(names(doc).filter((n) => n !== "AppDomains"));
    expect(all(pdoc, () => true).length).toBe(all(doc, () => true).length - 2);
  });

  test("a manifest with another AppDomain keeps it; a leftover localhost URL fails the build", () => {
    const withOther = xml.replace("<AppDomain>https://localhost:3000</AppDomain>", "<AppDomain>https://localhost:3000</AppDomain>\n    <AppDomain>https://login.example.gov.cn</AppDomain>");
    const out = parseXml(rewriteManifest(withOther, "https://h/p/"));
    expect(all(out, (e) => e.name === "AppDomain").map((e) => e.text.trim())).toEqual(["https://login.example.gov.cn"]);
    expect(() => rewriteManifest(xml.replace("</Id>", "</Id><!-- https://localhost:3000 -->"), "https://h/p/")).toThrow(/localhost/);
  });
});
