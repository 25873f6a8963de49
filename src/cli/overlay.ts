/**
 * Annotated copies that keep everything: PerfCheck's flags are added to the original package instead of
 * rebuilding it, so charts, pivot tables, macros (an .xlsm keeps its content type), data validation and
 * styles survive byte for byte outside what is added:
 *
 * - fills as a conditional-format overlay (one rule per severity, `TRUE()` over the flagged cells, a dxf
 *   appended to styles.xml) — the cells' own styles are untouched;
 * - notes as a new comments part + VML drawing; on a sheet that has notes of its own, appended to its
 *   comments part (our text as a run after the user's, or a new comment and VML shape);
 * - the 校验结果 sheet and the signed state sheet as new worksheet parts.
 *
 * New parts take the names Excel itself uses (xl/commentsN.xml, xl/drawings/vmlDrawingN.vml,
 * xl/worksheets/sheetN.xml with a free N): some readers (exceljs among them) find parts by those names.
 *
 * Parts changed: [Content_Types].xml, xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/styles.xml and
 * each flagged sheet's XML and rels. Every other part is copied as is. Returns undefined when the package
 * is not one this writer can edit safely (prefixed root elements, no styles part…): the caller falls back
 * to the exceljs copy.
 */
import { ruleFix } from "../core/explain";
import { unxml, xmlText } from "./xml";

export { unxml, xmlText } from "./xml";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import path from "node:path";
import type { Finding, Severity } from "../core/finding";
import type { ValidationResult } from "../core/validate";
import { SEVERITY_FILL } from "./annotate";
import { severityLabel } from "./report";
import { RESULT_HEADERS, signState, STATE_SHEET, STATE_TAG, STATE_VERSION, type RecordRow } from "./state";

export const OVERLAY_MODE = "overlay";
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const WS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const WS_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";


function attr(tag: string, name: string): string | undefined {
  const m = tag.match(new RegExp(`\\s${name.replace(":", "\\:")}="([^"]*)"`));
  return m ? unxml(m[1]) : undefined;
}

/** Insert `xml` before the first of `before` (elements that must follow it in the schema), else before the closing root tag. */
function insertBefore(doc: string, root: string, before: string[], xml: string): string {
  let at = -1;
  for (const tag of before) {
    const m = new RegExp(`<${tag}[\\s/>]`).exec(doc);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = doc.lastIndexOf(`</${root}>`);
  return doc.slice(0, at) + xml + doc.slice(at);
}

const AFTER_CF = ["dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];
const AFTER_LEGACY = ["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

function resolveTarget(baseDir: string, target: string): string {
  return target.startsWith("/") ? target.slice(1) : path.posix.normalize(path.posix.join(baseDir, target));
}

function relsPath(part: string): string {
  return path.posix.join(path.posix.dirname(part), "_rels", `${path.posix.basename(part)}.rels`);
}

function addRel(rels: string | undefined, id: string, type: string, target: string): string {
  const xml = `<Relationship Id="${id}" Type="${type}" Target="${xmlText(target)}"/>`;
  if (!rels) return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${xml}</Relationships>`;
  return rels.replace("</Relationships>", `${xml}</Relationships>`);
}

function freeId(rels: string | undefined, base: string): string {
  for (let i = 1; ; i++) if (!rels?.includes(`Id="${base}${i}"`)) return `${base}${i}`;
}

function freePart(parts: Record<string, Uint8Array>, dir: string, stem: string, ext: string): string {
  for (let i = 1; ; i++) {
    const p = `${dir}/${stem}${i}.${ext}`;
    if (!parts[p]) return p;
  }
}

function cellRC(a1: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function inlineCell(ref: string, v: string | number): string {
  if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
}

function colName(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function sheetXml(rows: (string | number)[][], extra = ""): string {
  const body = rows.map((r, i) => `<row r="${i + 1}">${r.map((v, j) => (v === "" ? "" : inlineCell(`${colName(j)}${i + 1}`, v))).join("")}</row>`).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${body}</sheetData>${extra}</worksheet>`;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function bySeverity(fs: Finding[]): Finding[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return [...fs].sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** A legacy VML drawing of note boxes. Each drawing gets its own id block (o:idmap `block`, shape ids 1024 × block + n), as Excel numbers them: shared blocks make Excel repair the file. */
function vml(cells: { row: number; col: number }[], block: number): string {
  const shapes = cells
    .map(
      (c, i) =>
        `<v:shape id="_x0000_s${block * 1024 + 1 + i}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;height:120pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill><x:Row>${c.row}</x:Row><x:Column>${c.col}</x:Column></x:ClientData></v:shape>`,
    )
    .join("");
  return `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${Array.from({ length: Math.max(1, Math.ceil(cells.length / 1023)) }, (_, i) => block + i).join(",")}"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>${shapes}</xml>`;
}

/**
 * The annotated copy of `original` (an OOXML package), or undefined when this writer cannot edit it
 * safely. `runId` and `source` sign the state as in the exceljs path.
 */
export function annotatePackage(original: Uint8Array, result: ValidationResult, lang: "zh" | "en", runId: string, source: string): Buffer | undefined {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(original);
  } catch {
    return undefined;
  }
  const text = (p: string) => (parts[p] ? strFromU8(parts[p]) : undefined);
  const types = text("[Content_Types].xml");
  const rootRels = text("_rels/.rels");
  if (!types || !rootRels) return undefined;
  const wbTarget = /Type="[^"]*\/officeDocument"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Type="[^"]*\/officeDocument"/.exec(rootRels);
  const wbPart = wbTarget ? resolveTarget("", wbTarget[1] ?? wbTarget[2]) : "xl/workbook.xml";
  const wbXml = text(wbPart);
  const wbRelsPart = relsPath(wbPart);
  let wbRels = text(wbRelsPart);
  if (!wbXml || !wbRels || !/<workbook[\s>]/.test(wbXml) || !wbXml.includes(`xmlns:r="${REL_NS}"`)) return undefined;
  const wbDir = path.posix.dirname(wbPart);

  // Sheets: name → part.
  const relTarget = new Map<string, string>();
  for (const m of wbRels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target) relTarget.set(id, resolveTarget(wbDir, target));
  }
  const sheets = [...wbXml.matchAll(/<sheet\b[^>]*\/?>/g)].map((m) => ({ name: attr(m[0], "name") ?? "", id: Number(attr(m[0], "sheetId") ?? 0), part: relTarget.get(attr(m[0], "r:id") ?? "") }));
  const stylesRel = [...wbRels.matchAll(/<Relationship\b[^>]*>/g)].find((m) => (attr(m[0], "Type") ?? "").endsWith("/styles"));
  const stylesPart = stylesRel ? resolveTarget(wbDir, attr(stylesRel[0], "Target")!) : undefined;
  let styles = stylesPart ? text(stylesPart) : undefined;
  if (!styles || !/<styleSheet[\s>]/.test(styles)) return undefined;

  // One dxf per severity, appended: existing dxf ids are untouched.
  const dxfCount = (() => {
    const m = /<dxfs\b[^>]*?(\/>|>([\s\S]*?)<\/dxfs>)/.exec(styles!);
    if (!m) return 0;
    return m[1] === "/>" ? 0 : (m[2].match(/<dxf[\s>]/g) ?? []).length;
  })();
  const sevs: Severity[] = ["error", "warning", "info"];
  const dxfXml = sevs.map((s) => `<dxf><fill><patternFill patternType="solid"><fgColor rgb="${SEVERITY_FILL[s]}"/><bgColor rgb="${SEVERITY_FILL[s]}"/></patternFill></fill></dxf>`).join("");
  if (/<dxfs\b[^>]*\/>/.test(styles)) styles = styles.replace(/<dxfs\b[^>]*\/>/, `<dxfs count="3">${dxfXml}</dxfs>`);
  else if (/<dxfs\b/.test(styles)) styles = styles.replace(/<dxfs\b[^>]*>([\s\S]*?)<\/dxfs>/, (_m, inner: string) => `<dxfs count="${dxfCount + 3}">${inner}${dxfXml}</dxfs>`);
  else styles = insertBefore(styles, "styleSheet", ["tableStyles", "colors", "extLst"], `<dxfs count="3">${dxfXml}</dxfs>`);
  const dxfId: Record<Severity, number> = { error: dxfCount, warning: dxfCount + 1, info: dxfCount + 2 };

  const byCell = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const key = `${f.sheet}\u0000${f.cell}`;
    byCell.set(key, [...(byCell.get(key) ?? []), f]);
  }
  const out: Record<string, Uint8Array> = { ...parts };
  let contentTypes = types;
  const records: RecordRow[] = [];
  let needVmlDefault = false;
  const bySheet = new Map<string, Finding[][]>();
  // Only plain cell addresses get a highlight and a note; anything else is still listed on the 校验结果 sheet.
  for (const list of byCell.values()) if (/^[A-Z]{1,3}[1-9]\d{0,6}$/.test(list[0].cell)) bySheet.set(list[0].sheet, [...(bySheet.get(list[0].sheet) ?? []), bySeverity(list)]);

  for (const [sheetName, cells] of bySheet) {
    const sheet = sheets.find((s) => s.name === sheetName);
    if (!sheet?.part || !parts[sheet.part]) continue;
    let xml = strFromU8(parts[sheet.part]);
    if (!/<worksheet[\s>]/.test(xml)) return undefined; // a prefixed or unexpected root: not edited here
    // The overlay: one rule per severity, above every rule the sheet has.
    const maxPriority = Math.max(0, ...[...xml.matchAll(/<cfRule\b[^>]*\spriority="(\d+)"/g)].map((m) => Number(m[1])));
    let cf = "";
    sevs.forEach((s, i) => {
      const refs = cells.filter((l) => l[0].severity === s).map((l) => l[0].cell);
      if (refs.length) cf += `<conditionalFormatting sqref="${refs.join(" ")}"><cfRule type="expression" dxfId="${dxfId[s]}" priority="${maxPriority + 1 + i}"><formula>TRUE()</formula></cfRule></conditionalFormatting>`;
    });
    xml = insertBefore(xml, "worksheet", AFTER_CF, cf);
    // The findings, then each rule's one-line fix (the same fix the add-in's note ends with).
    const fixLabel = lang === "en" ? "Fix: " : "修改：";
    const notes = cells.map((l) => ({
      cell: l[0].cell,
      text: `PerfCheck\n${l.map((f) => `[${severityLabel(f.severity, lang)}] ${lang === "en" ? f.messageEn : f.message} (${f.rule})`).join("\n")}\n${[...new Set(l.map((f) => fixLabel + ruleFix(f.rule, lang)))].join("\n")}`,
    }));
    // Blocks already used by the package's own VML drawings are left to them.
    const usedBlocks = () =>
      Object.entries(out)
        .filter(([p]) => p.endsWith(".vml"))
        .flatMap(([, v]) => [...strFromU8(v).matchAll(/<o:idmap\b[^>]*data="([\d,]+)"/g)].flatMap((m) => m[1].split(",").map(Number)));
    /** Per flagged cell: "1" a new note of ours, "2" our text appended to the user's note; the text we wrote. */
    const noteKind: string[] = [];
    const noteText: string[] = [];
    if (/<legacyDrawing[\s/>]/.test(xml)) {
      // The sheet has notes of its own: ours are appended to that comments part (a run after the user's
      // text on a cell that has a note, a new comment and VML shape on one that has none). Nothing of the
      // user's is changed; clear takes exactly these additions off.
      const sheetRels = text(relsPath(sheet.part));
      const srels = [...(sheetRels ?? "").matchAll(/<Relationship\b[^>]*\/>/g)].map((m) => ({ id: attr(m[0], "Id"), type: attr(m[0], "Type") ?? "", part: resolveTarget(path.posix.dirname(sheet.part!), attr(m[0], "Target") ?? "") }));
      const legacyId = /<legacyDrawing\b[^>]*r:id="([^"]+)"/.exec(xml)?.[1];
      const commentsPart = srels.find((r) => r.type.endsWith("/comments"))?.part;
      const vmlPart = srels.find((r) => r.id === legacyId)?.part;
      if (!commentsPart || !vmlPart || !out[commentsPart] || !out[vmlPart]) return undefined;
      let comments = strFromU8(out[commentsPart]);
      let vmlXml = strFromU8(out[vmlPart]);
      if (!/<commentList\b[^>]*>/.test(comments) || !/<\/xml>\s*$/.test(vmlXml)) return undefined;
      const authors = (comments.match(/<author>/g) ?? []).length;
      comments = /<authors\s*\/>/.test(comments) ? comments.replace(/<authors\s*\/>/, "<authors><author>PerfCheck</author></authors>") : comments.replace("</authors>", "<author>PerfCheck</author></authors>");
      const block = Math.max(0, ...usedBlocks()) + 1;
      let added = 0;
      const newShapes: { row: number; col: number }[] = [];
      for (const n of notes) {
        const existing = new RegExp(`<comment\\b[^>]*\\sref="${n.cell}"[^>]*>[\\s\\S]*?</comment>`).exec(comments);
        if (existing) {
          const suffix = `\n— PerfCheck —\n${n.text.replace(/^PerfCheck\n/, "")}`;
          comments = comments.replace(existing[0], existing[0].replace(/<\/text>/, `<r><t xml:space="preserve">${xmlText(suffix)}</t></r></text>`));
          noteKind.push("2");
          noteText.push(suffix);
        } else {
          comments = comments.replace(/<\/commentList>/, `<comment ref="${n.cell}" authorId="${authors}"><text><r><t xml:space="preserve">${xmlText(n.text)}</t></r></text></comment></commentList>`);
          newShapes.push(cellRC(n.cell));
          noteKind.push("1");
          noteText.push(n.text);
          added++;
        }
      }
      if (added) {
        // Our shapes take a block of their own, added to this drawing's id map.
        const shapes = /<v:shape\b[\s\S]*<\/v:shape>/.exec(vml(newShapes, block))![0];
        vmlXml = vmlXml.replace(/(<o:idmap\b[^>]*data=")([\d,]+)(")/, (_m, a: string, d: string, b: string) => `${a}${d},${Array.from({ length: Math.max(1, Math.ceil(added / 1023)) }, (_, i) => block + i).join(",")}${b}`);
        vmlXml = vmlXml.replace(/<\/xml>\s*$/, `${shapes}</xml>`);
        out[vmlPart] = strToU8(vmlXml);
      }
      out[commentsPart] = strToU8(comments);
    } else {
      const sheetRelsPart = relsPath(sheet.part);
      let sheetRels = text(sheetRelsPart);
      const commentsPart = freePart(out, "xl", "comments", "xml");
      const vmlPart = freePart(out, "xl/drawings", "vmlDrawing", "vml");
      const cId = freeId(sheetRels, "rIdPerfCheckC");
      sheetRels = addRel(sheetRels, cId, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments", path.posix.relative(path.posix.dirname(sheet.part), commentsPart));
      const vId = freeId(sheetRels, "rIdPerfCheckV");
      sheetRels = addRel(sheetRels, vId, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing", path.posix.relative(path.posix.dirname(sheet.part), vmlPart));
      out[sheetRelsPart] = strToU8(sheetRels);
      out[commentsPart] = strToU8(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN_NS}"><authors><author>PerfCheck</author></authors><commentList>${notes
          .map((n) => `<comment ref="${n.cell}" authorId="0"><text><r><t xml:space="preserve">${xmlText(n.text)}</t></r></text></comment>`)
          .join("")}</commentList></comments>`,
      );
      const block = Math.max(0, ...usedBlocks()) + 1;
      out[vmlPart] = strToU8(vml(notes.map((n) => cellRC(n.cell)), block));
      if (!xml.includes(`xmlns:r="${REL_NS}"`)) xml = xml.replace(/<worksheet\b/, `<worksheet xmlns:r="${REL_NS}"`);
      xml = insertBefore(xml, "worksheet", AFTER_LEGACY, `<legacyDrawing r:id="${vId}"/>`);
      contentTypes = contentTypes.replace("</Types>", `<Override PartName="/${commentsPart}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>`);
      needVmlDefault = !/Extension="vml"/i.test(contentTypes);
      for (const n of notes) {
        noteKind.push("1");
        noteText.push(n.text);
      }
    }
    out[sheet.part] = strToU8(xml);
    for (let i = 0; i < cells.length; i++) {
      const f = cells[i][0];
      records.push([sheetName, f.cell, OVERLAY_MODE, noteKind[i], SEVERITY_FILL[f.severity], noteText[i]]);
    }
  }

  // The 校验结果 sheet and the state, as new worksheet parts at the end of the workbook.
  const names = new Set(sheets.map((s) => s.name));
  const free = (base: string) => {
    let n = base;
    for (let i = 2; names.has(n); i++) n = `${base} (${i})`;
    names.add(n);
    return n;
  };
  const resultName = free("校验结果");
  const stateName = free(STATE_SHEET);
  const head = [...RESULT_HEADERS[lang]];
  const rows: (string | number)[][] = [head];
  const links: string[] = [];
  result.findings.forEach((f, i) => {
    const table = f.table !== undefined ? result.tables[f.table] : undefined;
    rows.push([i + 1, severityLabel(f.severity, lang), f.rule, f.sheet, f.cell, table ? `${table.name} (${table.range})` : "", f.message, f.messageEn]);
    links.push(`<hyperlink ref="E${i + 2}" location="${xmlText(`${quoteSheet(f.sheet)}!${f.cell}`)}" display="${f.cell}"/>`);
  });
  if (result.findings.length === 0) rows.push(["", lang === "en" ? "No problems found" : "未发现问题"]);
  const resultXml = sheetXml(rows, links.length ? `<hyperlinks>${links.join("")}</hyperlinks>` : "");
  const stateRows: (string | number)[][] = [[STATE_TAG, STATE_VERSION, resultName, runId, signState(runId, resultName, records, source), source], ...records];
  const stateXml = sheetXml(stateRows);
  let maxId = Math.max(0, ...sheets.map((s) => s.id));
  let wb = wbXml;
  for (const [name, xml, hidden] of [[resultName, resultXml, false], [stateName, stateXml, true]] as const) {
    const part = freePart(out, path.posix.join(wbDir, "worksheets"), "sheet", "xml");
    out[part] = strToU8(xml);
    const rId = freeId(wbRels, "rIdPerfCheck");
    wbRels = addRel(wbRels, rId, WS_TYPE, path.posix.relative(wbDir, part));
    wb = wb.replace("</sheets>", `<sheet name="${xmlText(name)}" sheetId="${++maxId}"${hidden ? ' state="veryHidden"' : ""} r:id="${rId}"/></sheets>`);
    contentTypes = contentTypes.replace("</Types>", `<Override PartName="/${part}" ContentType="${WS_CT}"/></Types>`);
  }
  // Last of all, so that clear can tell it is ours (packageClear.ts).
  if (needVmlDefault) contentTypes = contentTypes.replace("</Types>", `<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/></Types>`);
  out[wbPart] = strToU8(wb);
  out[wbRelsPart] = strToU8(wbRels);
  out[stylesPart!] = strToU8(styles);
  out["[Content_Types].xml"] = strToU8(contentTypes);
  // Unchanged parts keep their bytes; the zip container itself is rewritten (fflate), as any save would.
  const zippable: Zippable = {};
  for (const [k, v] of Object.entries(out)) zippable[k] = [v, { level: 6 }];
  return Buffer.from(zipSync(zippable));
}
