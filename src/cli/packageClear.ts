/**
 * `clear` at the package level, for copies made by the overlay writer: PerfCheck's sheets, conditional
 * formats and notes are taken out of the package and every other part is left as it is — so a cleared
 * copy keeps its charts, pivots and macros too. Parts are found by following the relationships (Excel and
 * LibreOffice renumber ids and rename parts when they save), our formats by the fill colour of the dxf they
 * use, our notes by their text. Returns undefined when the package has a shape this does not handle (the
 * caller then clears with exceljs).
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import path from "node:path";
import { SEVERITY_FILL } from "./annotate";
import { unxml } from "./overlay";
import type { VerifiedState } from "./state";

function attr(tag: string, name: string): string | undefined {
  const m = tag.match(new RegExp(`\\s${name.replace(":", "\\:")}="([^"]*)"`));
  return m ? unxml(m[1]) : undefined;
}


function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function resolveTarget(baseDir: string, target: string): string {
  return target.startsWith("/") ? target.slice(1) : path.posix.normalize(path.posix.join(baseDir, target));
}

function relsPath(part: string): string {
  return path.posix.join(path.posix.dirname(part), "_rels", `${path.posix.basename(part)}.rels`);
}

function relations(xml: string | undefined, baseDir: string): { id: string; type: string; part: string; xml: string }[] {
  if (!xml) return [];
  return [...xml.matchAll(/<Relationship\b[^>]*\/>/g)].map((m) => ({ id: attr(m[0], "Id") ?? "", type: attr(m[0], "Type") ?? "", part: resolveTarget(baseDir, attr(m[0], "Target") ?? ""), xml: m[0] }));
}

function cellRC(a1: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export interface PackageClearOutcome {
  buffer: Buffer;
  restored: number;
  keptUserEdits: number;
}

export function clearPackage(bytes: Uint8Array, state: VerifiedState): PackageClearOutcome | undefined {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes);
  } catch {
    return undefined;
  }
  const out: Record<string, Uint8Array> = { ...parts };
  const text = (p: string) => (out[p] ? strFromU8(out[p]) : undefined);
  const put = (p: string, s: string) => (out[p] = strToU8(s));
  let types = text("[Content_Types].xml");
  const root = relations(text("_rels/.rels"), "");
  const wbPart = root.find((r) => r.type.endsWith("/officeDocument"))?.part;
  if (!types || !wbPart || !out[wbPart]) return undefined;
  const wbDir = path.posix.dirname(wbPart);
  let wb = text(wbPart)!;
  const wbRelsPart = relsPath(wbPart);
  let wbRels = text(wbRelsPart);
  const rels = relations(wbRels, wbDir);
  const sheetEls = [...wb.matchAll(/<sheet\b[^>]*\/>/g)].map((m) => ({ xml: m[0], name: attr(m[0], "name") ?? "", part: rels.find((r) => r.id === attr(m[0], "r:id"))?.part, rel: rels.find((r) => r.id === attr(m[0], "r:id")) }));
  const removePart = (p: string) => {
    delete out[p];
    delete out[relsPath(p)];
    types = types!.replace(new RegExp(`<Override PartName="/${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*/>`), "");
  };

  // 1. Our two sheets. A defined name scoped to a sheet after them would change meaning: not handled here.
  const ours = sheetEls.filter((s) => s.name === state.resultSheet || s.name === state.stateSheet);
  if (ours.length !== 2 || ours.some((s) => !s.part || !s.rel)) return undefined;
  const firstOurs = Math.min(...ours.map((s) => sheetEls.indexOf(s)));
  if ([...wb.matchAll(/localSheetId="(\d+)"/g)].some((m) => Number(m[1]) >= firstOurs)) return undefined;
  for (const s of ours) {
    wb = wb.replace(s.xml, "");
    wbRels = wbRels!.replace(s.rel!.xml, "");
    removePart(s.part!);
  }
  const remaining = sheetEls.length - 2;
  wb = wb.replace(/(<workbookView\b[^>]*\sactiveTab=")(\d+)(")/, (m, a: string, n: string, b: string) => (Number(n) >= remaining ? `${a}0${b}` : m));

  // 2. Our conditional formats: expression TRUE() rules whose dxf fills with one of our colours.
  const stylesPart = rels.find((r) => r.type.endsWith("/styles"))?.part;
  const styles = stylesPart ? text(stylesPart) : undefined;
  const dxfs = styles ? [...(/<dxfs\b[^>]*>([\s\S]*?)<\/dxfs>/.exec(styles)?.[1] ?? "").matchAll(/<dxf>[\s\S]*?<\/dxf>|<dxf\/>/g)].map((m) => m[0]) : [];
  const colours = Object.values(SEVERITY_FILL).map((c) => c.slice(2).toUpperCase());
  const ourDxf = (id: number) => dxfs[id] !== undefined && colours.some((c) => dxfs[id].toUpperCase().includes(c));
  const isOurs = (block: string) => {
    const rules = [...block.matchAll(/<cfRule\b[^>]*>[\s\S]*?<\/cfRule>/g)].map((m) => m[0]);
    return rules.length > 0 && rules.every((r) => /type="expression"/.test(r) && /<formula>\s*TRUE\(\)\s*<\/formula>/i.test(r) && ourDxf(Number(attr(r, "dxfId") ?? -1)));
  };

  let restored = 0;
  let kept = 0;
  const bySheet = new Map<string, typeof state.rows>();
  for (const r of state.rows) bySheet.set(r[0], [...(bySheet.get(r[0]) ?? []), r]);
  for (const [name, records] of bySheet) {
    const el = sheetEls.find((s) => s.name === name);
    if (!el?.part || !out[el.part]) continue;
    let xml = text(el.part)!;
    xml = xml.replace(/<conditionalFormatting\b[^>]*>[\s\S]*?<\/conditionalFormatting>/g, (block) => (isOurs(block) ? "" : block));
    // 3. Our notes: a comment whose text is still exactly what we wrote; its VML shape goes with it.
    const sheetRelsPart = relsPath(el.part);
    let sheetRels = text(sheetRelsPart);
    const srels = relations(sheetRels, path.posix.dirname(el.part));
    const commentsRel = srels.find((r) => r.type.endsWith("/comments"));
    const legacyId = /<legacyDrawing\b[^>]*r:id="([^"]+)"/.exec(xml)?.[1];
    const vmlRel = srels.find((r) => r.id === legacyId);
    const expected = new Map(records.map((r) => [r[1], { kind: r[3], text: r[5] }]));
    if (commentsRel && out[commentsRel.part]) {
      let comments = text(commentsRel.part)!;
      const removed: { row: number; col: number }[] = [];
      const runText = (r: string) => [...r.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unxml(m[1])).join("").replace(/\r\n/g, "\n");
      comments = comments.replace(/<comment\b[^>]*>[\s\S]*?<\/comment>/g, (c) => {
        const ref = attr(c, "ref") ?? "";
        const want = expected.get(ref);
        if (!want) return c;
        if (want.kind === "2") {
          // Our text was appended to the user's note as its last run(s): exactly those come off.
          // A re-save may split runs differently (LibreOffice splits by script), so the text is cut, not the
          // runs: whole runs inside our text go, the run where it starts keeps its part before it.
          if (!runText(c).endsWith(want.text)) {
            kept++;
            return c;
          }
          const runs = [...c.matchAll(/<r>[\s\S]*?<\/r>/g)];
          let toCut = want.text.length;
          let out = c;
          for (let i = runs.length - 1; i >= 0 && toCut > 0; i--) {
            const t = runText(runs[i][0]);
            const at = runs[i].index!;
            if (t.length <= toCut) {
              out = out.slice(0, at) + out.slice(at + runs[i][0].length);
              toCut -= t.length;
            } else {
              const keep = t.slice(0, t.length - toCut);
              const run = runs[i][0].replace(/<t(?:\s[^>]*)?>[\s\S]*?<\/t>/, `<t xml:space="preserve">${xmlEscape(keep)}</t>`);
              out = out.slice(0, at) + run + out.slice(at + runs[i][0].length);
              toCut = 0;
            }
          }
          if (toCut > 0) {
            kept++;
            return c;
          }
          restored++;
          return out;
        }
        if (runText(c) === want.text) {
          removed.push(cellRC(ref));
          restored++;
          return "";
        }
        kept++;
        return c;
      });
      // Our author, when it is the last one and no comment is left by it.
      const authors = [...comments.matchAll(/<author>([\s\S]*?)<\/author>/g)];
      const last = authors.length - 1;
      if (last >= 0 && authors[last][1] === "PerfCheck" && !new RegExp(`authorId="${last}"`).test(comments)) {
        comments = comments.slice(0, authors[last].index) + comments.slice(authors[last].index! + authors[last][0].length);
      }
      const left = /<comment\b/.test(comments);
      let vml = vmlRel && out[vmlRel.part] ? text(vmlRel.part)! : undefined;
      if (vml) {
        vml = vml.replace(/<v:shape\b[\s\S]*?<\/v:shape>/g, (shape) => {
          const row = Number(/<x:Row>(\d+)<\/x:Row>/.exec(shape)?.[1] ?? -1);
          const col = Number(/<x:Column>(\d+)<\/x:Column>/.exec(shape)?.[1] ?? -1);
          return removed.some((r) => r.row === row && r.col === col) ? "" : shape;
        });
      }
      if (left) {
        put(commentsRel.part, comments);
        if (vml && vmlRel) put(vmlRel.part, vml);
      } else {
        removePart(commentsRel.part);
        sheetRels = sheetRels!.replace(commentsRel.xml, "");
        if (vmlRel) {
          removePart(vmlRel.part);
          sheetRels = sheetRels!.replace(vmlRel.xml, "");
          xml = xml.replace(/<legacyDrawing\b[^>]*\/>/, "");
        }
      }
    } else restored += records.length;
    put(el.part, xml);
    if (sheetRels !== undefined) {
      // A rels part we created holds nothing once our relationships are gone: it goes too.
      if (/<Relationship\b/.test(sheetRels)) put(sheetRelsPart, sheetRels);
      else delete out[sheetRelsPart];
    }
  }

  // 4. Our dxfs, when they are still the last three exactly as written and nothing else uses them.
  if (styles && stylesPart) {
    const n = dxfs.length;
    const stillUsed = Object.entries(out).some(([p, v]) => p.startsWith(`${wbDir}/worksheets/`) && p.endsWith(".xml") && [...strFromU8(v).matchAll(/dxfId="(\d+)"/g)].some((m) => Number(m[1]) >= n - 3));
    const ourXml = (["error", "warning", "info"] as const).map((s) => `<dxf><fill><patternFill patternType="solid"><fgColor rgb="${SEVERITY_FILL[s]}"/><bgColor rgb="${SEVERITY_FILL[s]}"/></patternFill></fill></dxf>`).join("");
    if (n >= 3 && !stillUsed && dxfs.slice(n - 3).join("") === ourXml) {
      put(stylesPart, styles.replace(/<dxfs\b[^>]*>([\s\S]*?)<\/dxfs>/, (_m, inner: string) => (n === 3 ? `<dxfs count="0"/>` : `<dxfs count="${n - 3}">${inner.slice(0, inner.length - ourXml.length)}</dxfs>`)));
    }
  }
  // The overlay writer adds a vml Default (when the package had none) as the last entry; Excel, LibreOffice
  // and exceljs write Defaults first. Only that one goes, and only when no VML part is left.
  if (!Object.keys(out).some((p) => p.endsWith(".vml"))) types = types.replace(/<Default Extension="vml" ContentType="application\/vnd\.openxmlformats-officedocument\.vmlDrawing"\/><\/Types>/, "</Types>");
  put(wbPart, wb);
  put(wbRelsPart, wbRels!);
  put("[Content_Types].xml", types!);
  const zippable: Zippable = {};
  for (const [k, v] of Object.entries(out)) zippable[k] = [v, { level: 6 }];
  return { buffer: Buffer.from(zipSync(zippable)), restored, keptUserEdits: kept };
}
