/**
 * Issue 14, annotated copies that keep everything: flags are added to the original package, so a chart,
 * a VBA project and the macro-enabled content type survive byte for byte; the sheet XML differs from the
 * original only by what PerfCheck inserted; the copy validates like the original; and annotate → save in
 * LibreOffice → clear gives back the original cells.
 */
import ExcelJS from "exceljs";
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { cfbFile } from "../scripts/fixtures/malformed";
import { buildSeed000Workbook } from "../scripts/fixtures/seedWorkbook";
import { runCli } from "./helpers/cli";

const run = promisify(execFile);
let dir: string;
let original: string;
let copy: string;
let originalParts: Record<string, Uint8Array>;

const MACRO_CT = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";

/** Seed 000 as an .xlsm with a VBA project and a column chart on its first sheet, as Excel would save it. */
async function workbookWithChartAndMacros(): Promise<Buffer> {
  const parts = unzipSync(new Uint8Array(await buildSeed000Workbook()));
  const s = (p: string) => strFromU8(parts[p]);
  parts["[Content_Types].xml"] = strToU8(
    s("[Content_Types].xml")
      .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", MACRO_CT)
      .replace(
        "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
      ),
  );
  parts["xl/_rels/workbook.xml.rels"] = strToU8(s("xl/_rels/workbook.xml.rels").replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'));
  parts["xl/vbaProject.bin"] = new Uint8Array(cfbFile(["PROJECT", "VBA", "dir"]));
  parts["xl/charts/chart1.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>'数据局项目1'!$E$10:$E$12</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`,
  );
  parts["xl/drawings/drawing1.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>14</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`,
  );
  parts["xl/drawings/_rels/drawing1.xml.rels"] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>`);
  const sheetRels = "xl/worksheets/_rels/sheet1.xml.rels";
  const rel = '<Relationship Id="rIdChart" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/>';
  parts[sheetRels] = strToU8(parts[sheetRels] ? s(sheetRels).replace("</Relationships>", `${rel}</Relationships>`) : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`);
  let sheet = s("xl/worksheets/sheet1.xml");
  if (!sheet.includes('xmlns:r="')) sheet = sheet.replace("<worksheet ", '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ');
  const before = ["<legacyDrawing", "<tableParts", "<extLst", "</worksheet>"].map((t) => sheet.indexOf(t)).filter((i) => i >= 0);
  const at = Math.min(...before);
  parts["xl/worksheets/sheet1.xml"] = strToU8(sheet.slice(0, at) + '<drawing r:id="rIdChart"/>' + sheet.slice(at));
  return Buffer.from(zipSync(parts));
}

/** Every cell's value and own fill on the data sheets (what clear must give back). */
async function cells(file: string): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, string>();
  for (const ws of wb.worksheets) {
    if (!ws.name.startsWith("数据局")) continue;
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const v = c.value as unknown;
        // LibreOffice writes text back as rich text runs (fonts per script) and keeps formula results: compare what the cell holds.
        let value = v && typeof v === "object" && "result" in (v as object) ? (v as { result: unknown }).result : v;
        if (value && typeof value === "object" && "richText" in (value as object)) value = (value as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
        out.set(`${ws.name}!${c.address}`, JSON.stringify(value));
      }),
    );
  }
  return out;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-copies-"));
  await fs.mkdir(path.join(dir, "in"));
  original = path.join(dir, "in", "宏与图表.xlsm");
  await fs.writeFile(original, await workbookWithChartAndMacros());
  originalParts = unzipSync(new Uint8Array(await fs.readFile(original)));
  const r = await runCli(["validate", "--format", "json", "--annotate", path.join(dir, "out"), path.join(dir, "in")]);
  expect(r.code).toBe(1);
  copy = path.join(dir, "out", "宏与图表.xlsm");
  expect(JSON.parse(r.out).files[0].copy).toBe(copy);
}, 120_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("the copy keeps the chart, the VBA project and the macro-enabled content type byte for byte", async () => {
  const parts = unzipSync(new Uint8Array(await fs.readFile(copy)));
  const changed = new Set(["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]);
  for (const [name, bytes] of Object.entries(originalParts)) {
    if (changed.has(name) || /^xl\/worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?$/.test(name)) continue;
    expect({ name, same: Buffer.from(parts[name] ?? []).equals(Buffer.from(bytes)) }).toEqual({ name, same: true });
  }
  expect(parts["xl/vbaProject.bin"]).toBeDefined();
  expect(parts["xl/charts/chart1.xml"]).toBeDefined();
  expect(strFromU8(parts["[Content_Types].xml"])).toContain(MACRO_CT);
  // The flagged sheet is the original plus what PerfCheck inserted, nothing else.
  const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"]);
  const stripped = sheet.replace(/<conditionalFormatting sqref="[^"]*"><cfRule type="expression" dxfId="\d+" priority="\d+"><formula>TRUE\(\)<\/formula><\/cfRule><\/conditionalFormatting>/g, "").replace(/<legacyDrawing r:id="rIdPerfCheckV\d+"\/>/g, "");
  expect(stripped).toBe(strFromU8(originalParts["xl/worksheets/sheet1.xml"]));
  // The user's styles are all still there, ours appended.
  const styles = strFromU8(parts["xl/styles.xml"]);
  expect(styles.replace(/<dxfs count="\d+">[\s\S]*<\/dxfs>|<dxfs\b[^>]*\/>/, "")).toBe(strFromU8(originalParts["xl/styles.xml"]).replace(/<dxfs count="\d+">[\s\S]*<\/dxfs>|<dxfs\b[^>]*\/>/, ""));
  // exceljs reads flags where the 校验结果 sheet says.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(copy);
  expect(wb.getWorksheet("数据局项目1")!.getCell("E20").note).toMatch(/^PerfCheck\n\[错误\]/);
  expect(wb.getWorksheet("校验结果")!.rowCount).toBeGreaterThan(20);
});

test("the copy validates like the original; clear on it gives back the original cells and parts", async () => {
  const a = await runCli(["validate", "--format", "json", original]);
  const b = await runCli(["validate", "--format", "json", copy]);
  const rules = (o: string) => (JSON.parse(o).files[0].findings as { rule: string; cell: string }[]).map((f) => `${f.rule}@${f.cell}`);
  expect(rules(b.out)).toEqual(rules(a.out));
  expect(JSON.parse(b.out).files[0].notices).toBeUndefined();
  const r = await runCli(["clear", "--out", path.join(dir, "cleared"), copy]);
  expect(r.code).toBe(0);
  const cleared = path.join(dir, "cleared", "宏与图表.xlsm");
  expect(await cells(cleared)).toEqual(await cells(original));
  // Exactly what was added comes off: every part of the cleared copy is the original's, byte for byte.
  const clearedParts = unzipSync(new Uint8Array(await fs.readFile(cleared)));
  expect(Object.keys(clearedParts).sort()).toEqual(Object.keys(originalParts).sort());
  for (const [name, bytes] of Object.entries(originalParts)) expect({ name, same: Buffer.from(clearedParts[name]).equals(Buffer.from(bytes)) }).toEqual({ name, same: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(cleared);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["数据局项目1", "数据局项目2"]);
  expect(wb.getWorksheet("数据局项目1")!.getCell("E20").note).toBeUndefined();
});

test("corrections made in the copy survive clear; a note the user rewrote is kept, ours are removed", async () => {
  // Edit the copy the way another program would: exceljs rewrites the whole package (new ids, new part names).
  const edited = path.join(dir, "edited.xlsm");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(copy);
  const ws = wb.getWorksheet("数据局项目1")!;
  ws.getCell("E110").value = 50; // the correction
  ws.getCell("E5").note = "已与单位核实：2121 为笔误"; // the reviewer's own remark on a flagged cell
  await wb.xlsx.writeFile(edited);
  const r = await runCli(["clear", "--out", path.join(dir, "cleared-edited"), edited]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/保留用户修改 1 处/);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(path.join(dir, "cleared-edited", "edited.xlsm"));
  const sheet = back.getWorksheet("数据局项目1")! as ExcelJS.Worksheet & { conditionalFormattings: unknown[] };
  expect(sheet.getCell("E110").value).toBe(50);
  expect(sheet.getCell("E5").note).toBe("已与单位核实：2121 为笔误");
  expect(sheet.getCell("E20").note).toBeUndefined();
  expect(sheet.conditionalFormattings).toEqual([]);
  expect(back.worksheets.map((w) => w.name)).toEqual(["数据局项目1", "数据局项目2"]);
});

test("annotating the copy again gives the same copy: flags never stack, the chart and macros stay", async () => {
  const r = await runCli(["validate", "--quiet", "--annotate", path.join(dir, "again"), copy]);
  expect(r.code).toBe(1);
  const first = unzipSync(new Uint8Array(await fs.readFile(copy)));
  const second = unzipSync(new Uint8Array(await fs.readFile(path.join(dir, "again", "宏与图表.xlsm"))));
  expect(Object.keys(second).sort()).toEqual(Object.keys(first).sort());
  const stateSheet = Object.keys(first).find((k) => strFromU8(first[k]).includes("perfcheck-flags"))!;
  for (const name of Object.keys(first)) {
    if (name === stateSheet) continue; // its run id, signature and source differ, as they must
    expect({ name, same: Buffer.from(second[name]).equals(Buffer.from(first[name])) }).toEqual({ name, same: true });
  }
});

test("annotate → save in LibreOffice → clear restores the original cells", async () => {
  const lo = path.join(dir, "lo");
  await fs.mkdir(lo);
  const asXlsx = path.join(lo, "副本.xlsx");
  // LibreOffice re-saves as .xlsx (its macro handling is not what is tested here).
  await fs.copyFile(copy, path.join(lo, "副本.xlsm"));
  await run("soffice", [`-env:UserInstallation=file://${path.join(lo, "profile")}`, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", path.join(lo, "saved"), path.join(lo, "副本.xlsm")], { timeout: 300_000 });
  await fs.rename(path.join(lo, "saved", "副本.xlsx"), asXlsx);
  const resaved = new ExcelJS.Workbook();
  await resaved.xlsx.readFile(asXlsx);
  expect(resaved.worksheets.some((w) => w.name === "PerfCheck状态")).toBe(true);
  const r = await runCli(["clear", "--out", path.join(lo, "cleared"), asXlsx]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  const cleared = path.join(lo, "cleared", "副本.xlsx");
  const before = await cells(original);
  const after = await cells(cleared);
  for (const [k, v] of before) expect({ k, v: after.get(k) }).toEqual({ k, v });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(cleared);
  expect(wb.worksheets.map((w) => w.name).filter((n) => n.startsWith("校验结果") || n.startsWith("PerfCheck"))).toEqual([]);
  const ws = wb.getWorksheet("数据局项目1") as ExcelJS.Worksheet & { conditionalFormattings: { rules: { formulae?: string[] }[] }[] };
  expect(ws.conditionalFormattings.filter((cf) => cf.rules.some((x) => /TRUE/i.test(x.formulae?.[0] ?? "")))).toEqual([]);
  expect(ws.getCell("E20").note).toBeUndefined();
}, 300_000);
