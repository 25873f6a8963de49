/**
 * The CLI's validation reader: .xlsx bytes → WorkbookSnapshot, streaming and bounded.
 *
 * Only what the core uses is read: sheet names and states, the date system and defined names
 * (workbook.xml), shared strings, number formats (styles.xml), and each sheet's values, formulas with
 * their cached results, number formats and merges. Parts are inflated in chunks (zip.ts) straight into a
 * streaming XML parser (saxes), so no inflated part is ever held whole; merges stay rectangles and are
 * never expanded into cells. Work is linear in the cells and merges; every limit (limits.ts) is checked
 * before the work it bounds or while it runs, and a file over one gets one status naming the part.
 *
 * The snapshot is the one src/cli/snapshot.ts builds with exceljs (tests/reader.differential.test.ts
 * compares them), plus `formats` and `date1904`.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { BUILTIN_FORMATS, isGeneralFormat } from "../../core/numberFormat";
import type { CellValue, Rect, SheetSnapshot, SheetVisibility, WorkbookSnapshot } from "../../core/snapshot";
import { DEFAULT_XLSX_LIMITS, partName, XlsxFormatError, XlsxLimitError, type XlsxLimits } from "./limits";
import { shiftFormula } from "./sharedFormula";
import { checkClock, readCentralDirectory, streamEntry, type InflateBudget, type ZipEntry } from "./zip";
import { foreignPackage } from "./foreign";

export interface DefinedName {
  name: string;
  /** The formula text (`Sheet1!$A$1:$B$3`). */
  ref: string;
  /** The sheet a local name belongs to. */
  sheet?: string;
}

export interface XlsxReadResult {
  snapshot: WorkbookSnapshot;
  definedNames: DefinedName[];
}

export interface XlsxReadOptions {
  limits?: Partial<XlsxLimits>;
}

type Attrs = Record<string, string>;

interface Handlers {
  open(name: string, attrs: Attrs): void;
  close(name: string): void;
  /** Text is delivered only while this returns true (the parser's own buffer is bounded either way). */
  wantText?: () => boolean;
  text?(t: string): void;
}

interface Ctx {
  buf: Uint8Array;
  entries: Map<string, ZipEntry>;
  budget: InflateBudget;
  limits: XlsxLimits;
  cells: number;
}

const LOCAL_NAMES = new Map<string, string>();

/** The local part of a tag name (`x:c` → `c`), memoised: a sheet repeats a handful of names millions of times. */
const local = (name: string): string => {
  let l = LOCAL_NAMES.get(name);
  if (l === undefined) {
    const i = name.indexOf(":");
    l = i < 0 ? name : name.slice(i + 1);
    if (LOCAL_NAMES.size < 1000) LOCAL_NAMES.set(name, l);
  }
  return l;
};

/**
 * An attribute. SpreadsheetML's attributes are unprefixed but for relationship ids (`r:id`, or another
 * prefix bound to the same namespace), so only `id` looks further; a direct lookup costs nothing per cell.
 */
function attr(a: Attrs, name: string): string | undefined {
  const v = a[name];
  if (v !== undefined || name !== "id") return v;
  for (const k in a) if (k.endsWith(":id")) return a[k];
  return undefined;
}

/** Stream one part through saxes. Returns false when the part does not exist. */
function parsePart(ctx: Ctx, path: string, sheet: string | undefined, h: Handlers): boolean {
  const entry = ctx.entries.get(path.toLowerCase());
  if (!entry) return false;
  const part = partName(entry.name, sheet);
  const { limits } = ctx;
  const parser = new SaxesParser({ xmlns: false, position: false });
  let depth = 0;
  let failure: unknown;
  parser.on("opentag", (tag: SaxesTagPlain) => {
    if (++depth > limits.maxDepth) throw new XlsxLimitError(`${part.zh}的元素嵌套超过 ${limits.maxDepth} 层`, `${part.en} nests elements deeper than ${limits.maxDepth}`);
    h.open(local(tag.name), tag.attributes as Attrs);
    if (tag.isSelfClosing) {
      // saxes reports the close of a self-closing tag too; depth is balanced there.
    }
  });
  parser.on("closetag", (tag: SaxesTagPlain) => {
    depth--;
    h.close(local(tag.name));
  });
  if (h.text) {
    const text = h.text;
    const want = h.wantText ?? (() => true);
    parser.on("text", (t) => {
      if (want()) text(t);
    });
    parser.on("cdata", (t) => {
      if (want()) text(t);
    });
  }
  parser.on("doctype", () => {
    // Parts never carry a DTD; one here is an entity-expansion attempt, not a workbook.
    throw new XlsxFormatError(`${part.zh}含有 DTD 声明，不是正常的工作簿`, `${part.en} carries a DTD declaration; not a normal workbook`);
  });
  parser.on("error", (e) => {
    throw new XlsxFormatError(`${part.zh}不是有效的 XML：${e.message}`, `${part.en} is not well-formed XML: ${e.message}`);
  });
  // saxes keeps character data in one buffer until the next tag: bound it so a 500 MB string (or a
  // sheet of blanks) is refused at the limit instead of being held in memory.
  const pending = parser as unknown as { text: string };
  const feed = (s: string) => {
    if (failure) return;
    try {
      // Feed in pieces so the buffer check runs often enough to bound memory.
      for (let i = 0; i < s.length; i += 1 << 20) {
        parser.write(i === 0 && s.length <= 1 << 20 ? s : s.slice(i, i + (1 << 20)));
        if (pending.text.length > limits.maxStringLength) {
          throw new XlsxLimitError(`${part.zh}中有超过 ${limits.maxStringLength} 个字符的文本`, `${part.en} holds a text longer than ${limits.maxStringLength} characters`);
        }
      }
    } catch (e) {
      failure = e;
      throw e;
    }
  };
  // The platform's decoder (native) rather than fflate's: a typical part now arrives in one chunk.
  const dec = new TextDecoder("utf-8");
  try {
    streamEntry(ctx.buf, entry, ctx.budget, (chunk) => feed(dec.decode(chunk, { stream: true })), sheet);
    feed(dec.decode());
    parser.close();
  } catch (e) {
    if (e instanceof XlsxLimitError || e instanceof XlsxFormatError) throw e;
    throw new XlsxFormatError(`${part.zh}无法读取：${(e as Error)?.message ?? e}`, `${part.en} cannot be read: ${(e as Error)?.message ?? e}`);
  }
  return true;
}

/** Relationship targets of a part, by id, resolved to zip paths. */
function readRels(ctx: Ctx, relsPath: string, baseDir: string): Map<string, { target: string; type: string }> {
  const out = new Map<string, { target: string; type: string }>();
  parsePart(ctx, relsPath, undefined, {
    open(name, a) {
      if (name !== "Relationship") return;
      const id = attr(a, "Id");
      const target = attr(a, "Target");
      if (!id || !target || attr(a, "TargetMode") === "External") return;
      out.set(id, { target: resolvePath(baseDir, target), type: attr(a, "Type") ?? "" });
    },
    close() {},
  });
  return out;
}

function resolvePath(baseDir: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : `${baseDir}${target}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** A sheet as the workbook lists it (exported for the .xls reader, which builds the same snapshot). */
export interface SheetRef {
  name: string;
  path?: string;
  visibility: SheetVisibility;
}

function readWorkbook(ctx: Ctx, path: string): { sheets: SheetRef[]; date1904: boolean; names: DefinedName[]; rels: Map<string, { target: string; type: string }> } {
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  const rels = readRels(ctx, `${dir}_rels/${path.slice(dir.length)}.rels`, dir);
  const sheets: SheetRef[] = [];
  const names: DefinedName[] = [];
  let date1904 = false;
  let name: { name: string; local?: string; text: string } | undefined;
  const found = parsePart(ctx, path, undefined, {
    open(el, a) {
      if (el === "workbookPr") {
        const d = attr(a, "date1904");
        date1904 = d === "1" || d === "true";
      } else if (el === "sheet") {
        if (sheets.length >= ctx.limits.maxSheets) throw new XlsxLimitError(`工作簿有超过 ${ctx.limits.maxSheets} 张工作表`, `the workbook has more than ${ctx.limits.maxSheets} sheets`);
        const rel = rels.get(attr(a, "id") ?? "");
        const state = attr(a, "state");
        // Chart sheets hold no cells; exceljs leaves them out too.
        if (rel && /chartsheet/i.test(rel.type + rel.target)) return;
        sheets.push({ name: attr(a, "name") ?? `Sheet${sheets.length + 1}`, path: rel?.target, visibility: state === "hidden" ? "hidden" : state === "veryHidden" ? "veryHidden" : "visible" });
      } else if (el === "definedName") {
        name = { name: attr(a, "name") ?? "", local: attr(a, "localSheetId"), text: "" };
      }
    },
    close(el) {
      if (el === "definedName" && name) {
        const n: DefinedName = { name: name.name, ref: name.text };
        if (name.local !== undefined) n.sheet = sheets[Number(name.local)]?.name;
        names.push(n);
        name = undefined;
      }
    },
    wantText: () => name !== undefined,
    text(t) {
      if (name) name.text += t;
    },
  });
  if (!found) throw new XlsxFormatError("这是 zip 压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）", "a zip archive but not an Excel workbook (no xl/workbook.xml)");
  return { sheets, date1904, names, rels };
}

/** Number format per cell style index (cellXfs order). null = General. */
function readStyles(ctx: Ctx, path: string | undefined): (string | null)[] {
  const custom = new Map<number, string>();
  const xfs: (string | null)[] = [];
  const ids: number[] = [];
  let inCellXfs = false;
  if (path) {
    parsePart(ctx, path, undefined, {
      open(el, a) {
        if (el === "numFmt") {
          const id = Number(attr(a, "numFmtId"));
          const code = attr(a, "formatCode");
          if (Number.isFinite(id) && code !== undefined) custom.set(id, code);
        } else if (el === "cellXfs") inCellXfs = true;
        else if (el === "xf" && inCellXfs) ids.push(Number(attr(a, "numFmtId") ?? 0));
      },
      close(el) {
        if (el === "cellXfs") inCellXfs = false;
      },
    });
  }
  for (const id of ids) {
    const code = custom.get(id) ?? BUILTIN_FORMATS[id] ?? null;
    xfs.push(code === null || isGeneralFormat(code) ? null : code);
  }
  return xfs;
}

function readSharedStrings(ctx: Ctx, path: string | undefined): string[] {
  const out: string[] = [];
  if (!path) return out;
  const { limits } = ctx;
  const part = partName(path);
  let chars = 0;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let cur = "";
  parsePart(ctx, path, undefined, {
    open(el) {
      if (el === "si") {
        inSi = true;
        cur = "";
        if (out.length >= limits.maxSharedStrings) throw new XlsxLimitError(`${part.zh}有超过 ${limits.maxSharedStrings} 个字符串`, `${part.en} has more than ${limits.maxSharedStrings} strings`);
      } else if (el === "rPh") phonetic++;
      else if (el === "t" && inSi && phonetic === 0) inT = true;
    },
    close(el) {
      if (el === "t") inT = false;
      else if (el === "rPh") phonetic--;
      else if (el === "si") {
        inSi = false;
        out.push(cur);
        chars += cur.length;
        if (chars > limits.maxSharedChars) throw new XlsxLimitError(`${part.zh}共超过 ${limits.maxSharedChars} 个字符`, `${part.en} holds more than ${limits.maxSharedChars} characters`);
      }
    },
    wantText: () => inT,
    text(t) {
      cur += t;
      if (cur.length > limits.maxStringLength) throw new XlsxLimitError(`${part.zh}中第 ${out.length + 1} 个字符串超过 ${limits.maxStringLength} 个字符`, `string ${out.length + 1} of ${part.en} is longer than ${limits.maxStringLength} characters`);
    },
  });
  return out;
}

/** `B12` → 0-based col and row (row -1 when the reference has no row); null when it is not a reference. */
function parseRef(r: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  const n = r.length;
  if (i < n && r.charCodeAt(i) === 36) i++; // $
  const start = i;
  while (i < n) {
    const c = r.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    i++;
  }
  if (i === start || i - start > 3) return null;
  if (i < n && r.charCodeAt(i) === 36) i++;
  let row = 0;
  const digits = i;
  while (i < n) {
    const d = r.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    row = row * 10 + d;
    i++;
  }
  return { row: i === digits ? -1 : row - 1, col: col - 1 };
}

const EMPTY_ROW: CellValue[] = [];

/** Excel's serial for an ISO date written in a `t="d"` cell. */
function isoSerial(s: string, date1904: boolean): number | null {
  const t = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : `${s}Z`);
  if (!Number.isFinite(t)) return null;
  return t / 86400000 + 25569 - (date1904 ? 1462 : 0);
}

function readSheet(ctx: Ctx, ref: SheetRef, sst: string[], xfFormats: (string | null)[], date1904: boolean): SheetSnapshot {
  const { limits } = ctx;
  const part = partName(ref.path ?? "", ref.name);
  const rows: (CellValue[] | undefined)[] = [];
  const frows: ((string | null)[] | undefined)[] = [];
  const xrows: ((string | null)[] | undefined)[] = [];
  let anyFormat = false;
  let anyFormula = false;
  const merges: Rect[] = [];
  const mergeKeys = new Set<string>();
  const shared = new Map<string, { row: number; col: number; formula: string }>();
  let sheetCells = 0;
  let row = -1;
  let col = -1;
  // The current cell.
  let cRow = 0;
  let cCol = 0;
  let cType = "";
  let cStyle = 0;
  let vText: string | undefined;
  let fText: string | undefined;
  let fAttrs: Attrs | undefined;
  let isText: string | undefined;
  let capture: "v" | "f" | "t" | undefined;
  let inIs = false;
  let phonetic = 0;
  let inCell = false;
  let inSheetData = false;
  const clockEvery = 4096;

  const store = (value: CellValue, formula: string | null, fmt: string | null) => {
    let r = rows[cRow];
    if (!r) r = rows[cRow] = [];
    while (r.length < cCol) r.push(null);
    r[cCol] = value;
    // A formula without a cached result keeps its format: the result computed later is shown through it.
    if (fmt !== null && (value !== null || formula !== null)) {
      anyFormat = true;
      let fr = frows[cRow];
      if (!fr) fr = frows[cRow] = [];
      while (fr.length < cCol) fr.push(null);
      fr[cCol] = fmt;
    }
    if (formula !== null) {
      anyFormula = true;
      let xr = xrows[cRow];
      if (!xr) xr = xrows[cRow] = [];
      while (xr.length < cCol) xr.push(null);
      xr[cCol] = formula;
    }
  };

  const endCell = () => {
    let formula: string | null = null;
    if (fAttrs || fText !== undefined) {
      const t = fAttrs ? attr(fAttrs, "t") : undefined;
      const si = fAttrs ? attr(fAttrs, "si") : undefined;
      if (fText) {
        formula = fText;
        if (t === "shared" && si !== undefined) shared.set(si, { row: cRow, col: cCol, formula: fText });
      } else if (t === "shared" && si !== undefined) {
        const master = shared.get(si);
        if (master) formula = shiftFormula(master.formula, cRow - master.row, cCol - master.col);
      }
      if (formula === "") formula = null;
    }
    let value: CellValue = null;
    switch (cType) {
      case "s": {
        const i = vText === undefined ? NaN : Number(vText);
        value = Number.isInteger(i) && i >= 0 && i < sst.length ? sst[i] : null;
        break;
      }
      case "str":
        value = vText ?? (formula ? null : "");
        if (value === "" && formula) value = "";
        break;
      case "inlineStr":
        value = isText ?? vText ?? null;
        break;
      case "b":
        value = vText === undefined ? null : vText.trim() === "1" || vText.trim().toLowerCase() === "true";
        break;
      case "e":
        value = vText === undefined ? null : { error: vText.trim() };
        break;
      case "d":
        value = vText === undefined ? null : isoSerial(vText.trim(), date1904);
        break;
      default: {
        if (vText !== undefined && vText.trim() !== "") {
          const n = Number(vText);
          value = Number.isFinite(n) ? n : vText;
        }
      }
    }
    if (value === null && formula === null) return;
    store(value, formula, xfFormats[cStyle] ?? null);
  };

  if (ref.path) {
    parsePart(ctx, ref.path, ref.name, {
      open(el, a) {
        switch (el) {
          case "sheetData":
            inSheetData = true;
            break;
          case "row": {
            if (!inSheetData) break;
            const r = attr(a, "r");
            const n = r === undefined ? NaN : Number(r);
            row = Number.isInteger(n) && n >= 1 && n <= 1_048_576 ? n - 1 : row + 1;
            col = -1;
            break;
          }
          case "c": {
            if (!inSheetData) break;
            if (++sheetCells > limits.maxCellsPerSheet) throw new XlsxLimitError(`${part.zh}有超过 ${limits.maxCellsPerSheet} 个单元格`, `${part.en} has more than ${limits.maxCellsPerSheet} cells`);
            if (++ctx.cells > limits.maxCells) throw new XlsxLimitError(`工作簿共有超过 ${limits.maxCells} 个单元格（读到${part.zh}时）`, `the workbook has more than ${limits.maxCells} cells (at ${part.en})`);
            if ((sheetCells & (clockEvery - 1)) === 0) checkClock(ctx.budget, part.zh, part.en);
            const r = attr(a, "r");
            const p = r ? parseRef(r) : null;
            if (row < 0) row = 0;
            if (p && p.col <= 16383) {
              col = p.col;
              if (p.row >= 0 && p.row <= 1_048_575) row = p.row;
            } else col++;
            cRow = row;
            cCol = col;
            cType = attr(a, "t") ?? "";
            const s = Number(attr(a, "s") ?? 0);
            cStyle = Number.isInteger(s) && s >= 0 ? s : 0;
            vText = undefined;
            fText = undefined;
            fAttrs = undefined;
            isText = undefined;
            inCell = true;
            break;
          }
          case "v":
            if (inCell) {
              capture = "v";
              vText = "";
            }
            break;
          case "f":
            if (inCell) {
              capture = "f";
              fAttrs = a;
              fText = "";
            }
            break;
          case "is":
            if (inCell) {
              inIs = true;
              isText = "";
            }
            break;
          case "rPh":
            phonetic++;
            break;
          case "t":
            if (inIs && phonetic === 0) capture = "t";
            break;
          case "mergeCell": {
            const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec((attr(a, "ref") ?? "").trim());
            if (!m) break;
            // Duplicates (seen in the wild; Excel opens them) are kept once.
            const key = m[0].toUpperCase().replace(/\$/g, "");
            if (mergeKeys.has(key)) break;
            mergeKeys.add(key);
            if (merges.length >= limits.maxMergesPerSheet) throw new XlsxLimitError(`${part.zh}有超过 ${limits.maxMergesPerSheet} 个合并区域`, `${part.en} has more than ${limits.maxMergesPerSheet} merged areas`);
            const p = parseRef(m[1] + m[2])!;
            const q = m[3] ? parseRef(m[3] + m[4])! : p;
            merges.push({ top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) });
            break;
          }
        }
      },
      close(el) {
        switch (el) {
          case "sheetData":
            inSheetData = false;
            break;
          case "v":
          case "f":
            capture = undefined;
            break;
          case "t":
            if (capture === "t") capture = undefined;
            break;
          case "rPh":
            phonetic--;
            break;
          case "is":
            inIs = false;
            break;
          case "c":
            if (inCell) endCell();
            inCell = false;
            capture = undefined;
            break;
        }
      },
      wantText: () => capture !== undefined,
      text(t) {
        if (capture === "v") vText += t;
        else if (capture === "f") fText += t;
        else if (capture === "t") isText += t;
      },
    });
  }

  return finishSheet(ref, rows, anyFormat ? frows : undefined, anyFormula ? xrows : undefined, merges);
}

/**
 * The snapshot shape exceljs's reader gives: rows from row 1 to the last with a value (empty rows as
 * empty arrays), covered cells of a merge empty (only the top-left cell holds the value, as in Office.js).
 */
export function finishSheet(ref: SheetRef, rows: (CellValue[] | undefined)[], frows: ((string | null)[] | undefined)[] | undefined, xrows: ((string | null)[] | undefined)[] | undefined, merges: Rect[]): SheetSnapshot {
  // Covered cells: clear what a merge hides. Work is bounded by the stored cells inside each merge
  // (rows past the last stored row and columns past a row's end are never visited), plus a budget
  // against overlapping merges, which Excel itself refuses.
  let budget = 4 * rows.length + 4 * merges.length + 1_000_000;
  for (const m of merges) {
    const last = Math.min(m.bottom, rows.length - 1);
    for (let r = m.top; r <= last && budget > 0; r++) {
      budget--;
      const vr = rows[r];
      if (!vr) continue;
      const end = Math.min(m.right, vr.length - 1);
      for (let c = m.left; c <= end; c++) {
        budget--;
        if (r === m.top && c === m.left) continue;
        if (vr[c] !== null) vr[c] = null;
        const xr = xrows?.[r];
        if (xr && c < xr.length) xr[c] = null;
        const fr = frows?.[r];
        if (fr && c < fr.length) fr[c] = null;
      }
    }
  }
  // Trailing nulls off each row (a cleared covered cell at the end), trailing empty rows off the sheet.
  let lastRow = -1;
  for (let r = 0; r < rows.length; r++) {
    const vr = rows[r];
    if (!vr) continue;
    let n = vr.length;
    while (n > 0 && vr[n - 1] === null) n--;
    if (n < vr.length) vr.length = n;
    if (n > 0) lastRow = r;
  }
  const values: CellValue[][] = new Array(lastRow + 1);
  for (let r = 0; r <= lastRow; r++) values[r] = rows[r] ?? EMPTY_ROW;
  const snap: SheetSnapshot = { name: ref.name, origin: { row: 0, col: 0 }, values, merges, visibility: ref.visibility };
  if (xrows && xrows.some((x, r) => r <= lastRow && x && x.some((f) => f !== null))) {
    const formulas: (string | null)[][] = new Array(lastRow + 1);
    for (let r = 0; r <= lastRow; r++) formulas[r] = xrows[r] ?? [];
    snap.formulas = formulas;
  }
  if (frows && frows.some((x, r) => r <= lastRow && x && x.some((f) => f !== null))) {
    const formats: (string | null)[][] = new Array(lastRow + 1);
    for (let r = 0; r <= lastRow; r++) formats[r] = frows[r] ?? [];
    snap.formats = formats;
  }
  return snap;
}

/** docProps/custom.xml → name → text of each property's value (vt:lpwstr, vt:i4, vt:bool … as written). */
function readCustomProperties(ctx: Ctx, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  let name: string | undefined;
  let depth = 0;
  let text = "";
  parsePart(ctx, path, undefined, {
    open(tag, a) {
      if (tag === "property") {
        name = attr(a, "name");
        text = "";
        depth = 1;
      } else if (name !== undefined) depth++;
    },
    close(tag) {
      if (name === undefined) return;
      if (tag === "property") {
        if (name && Object.keys(out).length < 1000) out[name] = text;
        name = undefined;
      } else depth--;
    },
    wantText: () => name !== undefined && depth > 1 && text.length < 4096,
    text(t) {
      text += t;
    },
  });
  return out;
}

/** Read an .xlsx (bytes) for validation. Throws XlsxLimitError / XlsxFormatError with zh/en messages. */
export function readXlsx(bytes: Uint8Array, options: XlsxReadOptions = {}): XlsxReadResult {
  const limits: XlsxLimits = { ...DEFAULT_XLSX_LIMITS, ...options.limits };
  const entries = readCentralDirectory(bytes, limits);
  const ctx: Ctx = { buf: bytes, entries, limits, cells: 0, budget: { total: 0, deadline: Date.now() + limits.maxMillis, limits } };
  const foreign = foreignPackage(bytes, entries, ctx.budget);
  if (foreign) throw foreign;
  // The workbook part is named by the package relationships (almost always xl/workbook.xml).
  const root = readRels(ctx, "_rels/.rels", "");
  let wbPath = "xl/workbook.xml";
  let corePath: string | undefined;
  for (const r of root.values()) {
    if (/officeDocument$/.test(r.type)) wbPath = r.target;
    else if (/\/core-properties$/.test(r.type)) corePath = r.target;
  }
  const wb = readWorkbook(ctx, wbPath);
  const dir = wbPath.includes("/") ? wbPath.slice(0, wbPath.lastIndexOf("/") + 1) : "";
  const rels = wb.rels;
  let stylesPath: string | undefined;
  let sstPath: string | undefined;
  for (const r of rels.values()) {
    if (/\/styles$/.test(r.type)) stylesPath = r.target;
    else if (/\/sharedStrings$/.test(r.type)) sstPath = r.target;
  }
  if (!stylesPath && entries.has(`${dir}styles.xml`)) stylesPath = `${dir}styles.xml`;
  if (!sstPath && entries.has(`${dir}sharedstrings.xml`)) sstPath = `${dir}sharedStrings.xml`;
  const xfFormats = readStyles(ctx, stylesPath);
  const sst = readSharedStrings(ctx, sstPath);
  const sheets = wb.sheets.map((ref) => readSheet(ctx, ref, sst, xfFormats, wb.date1904));
  const snapshot: WorkbookSnapshot = { sheets };
  if (wb.date1904) snapshot.date1904 = true;
  const properties = readCoreProperties(ctx, corePath ?? "docProps/core.xml");
  if (properties) snapshot.docProperties = properties;
  // Custom document properties: a distributed template's identity (issue 24).
  for (const r of root.values()) if (/\/custom-properties$/.test(r.type)) snapshot.properties = readCustomProperties(ctx, r.target);
  return { snapshot, definedNames: wb.names };
}

/**
 * Who saved the workbook last and who made it (docProps/core.xml): shown to a reviewer beside ignores
 * that name nobody. Text only, cut to 200 characters; a broken or missing part gives nothing, never an error.
 */
function readCoreProperties(ctx: Ctx, path: string | undefined): WorkbookSnapshot["properties"] {
  if (!path || !ctx.entries.has(path.toLowerCase())) return undefined;
  const out: NonNullable<WorkbookSnapshot["properties"]> = {};
  let field: "lastModifiedBy" | "creator" | undefined;
  let text = "";
  try {
    parsePart(ctx, path, undefined, {
      open(name) {
        field = name === "lastModifiedBy" ? "lastModifiedBy" : name === "creator" ? "creator" : undefined;
        text = "";
      },
      close(name) {
        if (field && name === field && text.trim()) out[field] = text.trim().slice(0, 200);
        field = undefined;
      },
      wantText: () => field !== undefined && text.length < 1000,
      text(t) {
        text += t;
      },
    });
  } catch {
    return undefined;
  }
  return out.lastModifiedBy || out.creator ? out : undefined;
}
