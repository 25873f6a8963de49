/**
 * Our number formatter (src/core/numberFormat.ts) against a maintained one, numfmt (dev dependency only),
 * on every number format found in the real files we hold: the seed workbooks `npm run fixtures` writes,
 * the corpus tables (JSON grids, written as workbooks as the corpus check does) and the real workbooks of
 * fixtures/corpus/wave2. Formats are read from each file's styles.xml (custom codes and the built-in ids
 * its cell styles use). Every remaining difference is listed below with its reason: a new one fails.
 * Also issue 26's case: the localized names of General (G/通用格式) after a [DBNum] or colour prefix.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import * as numfmt from "numfmt";
import { corpusWorkbook } from "../scripts/corpus/evaluate";
import { CorpusTableSchema } from "../scripts/corpus/schema";
import { fixtureWorkbooks } from "../scripts/build-fixtures";
import { readXlsx } from "../src/cli/xlsx";
import { BUILTIN_FORMATS, formatValue } from "../src/core/numberFormat";
import { SheetView } from "../src/core/snapshot";
import { deflated, sheetXml, workbookWith } from "./reader.zipfixtures";

const ROOT = path.join(__dirname, "..");
const VALUES = [0, 1, -1, 0.5, 12, 1234.5, -1234.5, 0.955, 0.12345, 100, 45000, 45000.75, 43831.5, 1234567.891];

const unescapeXml = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, "&");

/** Every number format a workbook's styles define or its cell styles use (built-in ids resolved). */
function formatsOf(xlsx: Uint8Array): Set<string> {
  const out = new Set<string>();
  const parts = unzipSync(xlsx, { filter: (f) => /(^|\/)styles\.xml$/i.test(f.name) });
  for (const bytes of Object.values(parts)) {
    const xml = strFromU8(bytes);
    const custom = new Map<string, string>();
    for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
      const id = /numFmtId="(\d+)"/.exec(m[1])?.[1];
      const code = /formatCode="([^"]*)"/.exec(m[1])?.[1];
      if (id && code !== undefined) custom.set(id, unescapeXml(code));
    }
    for (const c of custom.values()) out.add(c);
    for (const m of xml.matchAll(/<(?:\w+:)?xf\b[^>]*numFmtId="(\d+)"/g)) {
      const code = custom.get(m[1]) ?? BUILTIN_FORMATS[Number(m[1])];
      if (code !== undefined) out.add(code);
    }
  }
  return out;
}

/** format → the files it was found in. */
async function realFormats(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const add = (name: string, buf: Uint8Array) => {
    for (const f of formatsOf(buf)) found.set(f, [...(found.get(f) ?? []), name]);
  };
  for (const [name, buf] of await fixtureWorkbooks()) add(`fixtures/out/${name}`, buf);
  const corpus = path.join(ROOT, "fixtures", "corpus");
  for (const name of readdirSync(corpus).filter((n) => n.endsWith(".json"))) {
    const parsed = CorpusTableSchema.safeParse(JSON.parse(readFileSync(path.join(corpus, name), "utf8")));
    if (parsed.success) add(`fixtures/corpus/${name}`, await corpusWorkbook(parsed.data));
  }
  const wave2 = path.join(corpus, "wave2");
  for (const name of readdirSync(wave2).filter((n) => n.endsWith(".xlsx"))) add(`fixtures/corpus/wave2/${name}`, readFileSync(path.join(wave2, name)));
  return found;
}

/** Localized General names numfmt does not know: it is asked with General in their place. */
const forNumfmt = (fmt: string) => fmt.replace(/G\/通用格式|G\/標準|G\/표준/g, "General");

/**
 * The differences that remain, by format, each with why and a check that the difference is that one and
 * no other: a format missing here that differs fails the test, a listed format that differs in another
 * way fails, and so does one listed here that no longer differs.
 */
const NEGATIVE_DATE = {
  why: "Excel shows a negative date or time as ####### (it is no date); numfmt prints one (a date before 1900). We follow Excel.",
  explains: (v: number, ours: string) => v < 0 && /^#+$/.test(ours),
};
const FRACTION_PADDING = {
  why:
    "Fractions (# ?/?, # ??/??): numfmt keeps Excel's alignment spaces (an absent fraction or integer part, a short numerator), " +
    "which we drop — the rules trim them anyway; and for 0.955 numfmt prints 1 1/1 and 1 85/89 (which read 1.955) where we show 1 and 85/89.",
  explains: (v: number, ours: string, theirs: string) => {
    const t = theirs.replace(/\s+/g, " ").trim();
    return t === ours || (v > 0 && v < 1 && t.startsWith("1 ") && (t.slice(2) === ours || (ours === "1" && t === "1 1/1")));
  },
};
const ALLOWED: Record<string, { why: string; explains: (v: number, ours: string, theirs: string) => boolean }> = {
  "# ?/?": FRACTION_PADDING,
  "# ??/??": FRACTION_PADDING,
  ...Object.fromEntries(
    ["m/d/yyyy", "d-mmm-yy", "d-mmm", "mmm-yy", "h:mm AM/PM", "h:mm:ss AM/PM", "h:mm", "h:mm:ss", "m/d/yyyy h:mm", 'yyyy"年"m"月"', 'm"月"d"日"', "m-d-yy", 'yyyy"年"m"月"d"日"', 'h"时"mm"分"', 'h"时"mm"分"ss"秒"', 'AM/PM h"时"mm"分"', 'AM/PM h"时"mm"分"ss"秒"', "mm:ss", "[h]:mm:ss", "mmss.0"].map((f) => [f, NEGATIVE_DATE]),
  ),
};

let found: Map<string, string[]>;
beforeAll(async () => {
  found = await realFormats();
}, 120_000);

test("the real files hold number formats to compare (seeds, corpus, wave2)", () => {
  // Few: the tables we hold use General and 0.00 (wave2), and the seeds' own formats. The built-in formats
  // (ids 0–49, which any file may use by id) are compared too, below.
  expect(found.size).toBeGreaterThanOrEqual(2);
  expect(found.has("General")).toBe(true);
  // The formats the issue names are among them or are tested below.
  const files = new Set([...found.values()].flat());
  expect([...files].some((f) => f.includes("wave2/"))).toBe(true);
  expect([...files].some((f) => f.includes("fixtures/out/seed003.xlsx"))).toBe(true);
});

test("our formatter agrees with numfmt on every real format, apart from the listed differences", () => {
  const differences = new Map<string, string[]>();
  const builtIn = Object.values(BUILTIN_FORMATS);
  for (const f of builtIn) if (!found.has(f)) found.set(f, ["(built-in format)"]);
  for (const fmt of found.keys()) {
    for (const v of VALUES) {
      let theirs: string;
      try {
        theirs = numfmt.format(forNumfmt(fmt), v, { locale: "en-US", throws: true, leap1900: true });
      } catch (e) {
        differences.set(fmt, [...(differences.get(fmt) ?? []), `numfmt refuses: ${(e as Error).message}`]);
        break;
      }
      const ours = formatValue(v, fmt);
      if (ours === theirs) continue;
      const known = ALLOWED[fmt]?.explains(v, ours, theirs) ? "" : "UNEXPLAINED ";
      differences.set(fmt, [...(differences.get(fmt) ?? []), `${known}${v}: ours ${JSON.stringify(ours)}, numfmt ${JSON.stringify(theirs)}`]);
    }
  }
  const report = [...differences].map(([f, d]) => `${JSON.stringify(f)} (in ${found.get(f)!.slice(0, 2).join(", ")}): ${d.slice(0, 3).join("; ")}`);
  const unexpected = [...differences].filter(([f, d]) => !(f in ALLOWED) || d.some((x) => x.startsWith("UNEXPLAINED"))).map(([f]) => f);
  const stale = Object.keys(ALLOWED).filter((f) => !differences.has(f));
  if (unexpected.length || stale.length) console.log([...found.keys()].map((f) => JSON.stringify(f)).join(" ") + "\n" + report.join("\n"));
  expect(unexpected).toEqual([]);
  expect(stale).toEqual([]);
});

describe("General under its localized names, after a prefix (issue 26)", () => {
  test.each([
    ["G/通用格式", 1234.5, "1234.5"],
    ["[DBNum1]G/通用格式", 1234.5, "一千二百三十四.五"],
    ["[DBNum2][$-804]G/通用格式", 12, "壹拾贰"],
    ["[Red]G/通用格式", -12, "-12"],
    ["G/通用格式;[Red]-G/通用格式", -12, "-12"],
    ["[DBNum1][$-804]G/通用格式", 2026, "二千〇二十六"],
    ["G/標準", 0.5, "0.5"],
  ])("%s shows %s as %s", (fmt, v, shown) => {
    expect(formatValue(v, fmt)).toBe(shown);
    expect(formatValue(v, fmt)).not.toContain("通用格式");
  });

  test("[DBNum1]G/通用格式 with arabicDigits reads back the number the rules check", () => {
    expect(formatValue(1234.5, "[DBNum1]G/通用格式", { arabicDigits: true })).toBe("1234.5");
  });

  test("a workbook written with G/通用格式 (as WPS writes it) reads as Excel shows it", () => {
    const styles = deflated(
      "xl/styles.xml",
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="176" formatCode="G/通用格式"/><numFmt numFmtId="177" formatCode="[DBNum1]G/通用格式"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="177"/></cellXfs></styleSheet>',
    );
    const snap = readXlsx(workbookWith(sheetXml('<row r="1"><c r="A1" s="1"><v>50</v></c><c r="B1" s="2"><v>12</v></c></row>'), [styles])).snapshot;
    // Plain G/通用格式 is General: no format kept, the number stays a number.
    expect(snap.sheets[0].formats?.[0]?.[0] ?? null).toBeNull();
    const view = new SheetView(snap.sheets[0], snap);
    expect(view.raw(0, 0)).toBe(50);
    expect(String(view.value(0, 1))).not.toContain("通用格式");
  });
});
