/**
 * Annotated copies are reversible: validate --annotate, then clear, gives back every cell's own value,
 * fill and note, keeps what the user changed in between, and never leaks a flag to other cells.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSeed000Workbook } from "../scripts/fixtures/seedWorkbook";
import { runCli } from "./helpers/cli";
import { SEVERITY_FILL } from "../src/cli/annotate";

let dir: string;

const run = runCli;

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

type CellState = { value: string; fill: string; note: string };

/** Every cell of every sheet: value, fill and note as comparable text. */
function cellsOf(wb: ExcelJS.Workbook): Map<string, CellState> {
  const out = new Map<string, CellState>();
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        const note = c.note === undefined ? "" : typeof c.note === "string" ? c.note : (c.note.texts ?? []).map((t) => t.text).join("");
        out.set(`${ws.name}!${c.address}`, { value: JSON.stringify(c.value ?? null), fill: JSON.stringify(c.style?.fill ?? null), note });
      }),
    );
  }
  return out;
}

const OUR_FILLS = new Set(Object.values(SEVERITY_FILL));
const isOurFill = (c: ExcelJS.Cell) => OUR_FILLS.has(((c.style?.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? "") as string);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-roundtrip-"));
  // The seed workbook, plus the user's own fill and note on cells PerfCheck will flag.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildSeed000Workbook()) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("数据局项目1")!;
  ws.getCell("E110").style = { ...ws.getCell("E110").style, fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } } };
  ws.getCell("E110").note = "财务科：待核实";
  ws.getCell("E20").note = "原有批注";
  await wb.xlsx.writeFile(path.join(dir, "original.xlsx"));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("annotate flags exactly the problem cells and keeps the user's note inside ours", async () => {
  const r = await run(["validate", "--annotate", path.join(dir, "annotated"), path.join(dir, "original.xlsx")]);
  expect(r.code).toBe(1);
  const wb = await load(path.join(dir, "annotated", "original.xlsx"));
  const flagged = new Set<string>();
  const results = wb.getWorksheet("校验结果")!;
  results.eachRow((row, i) => {
    const v = row.getCell(5).value as string | { text: string };
    if (i > 1) flagged.add(`${row.getCell(4).value}!${typeof v === "string" ? v : v.text}`);
  });
  // The highlight is a conditional-format overlay of ours; no cell's own fill is touched.
  const highlighted: string[] = [];
  for (const ws of wb.worksheets) {
    if (ws.name === "校验结果") continue;
    ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => expect(isOurFill(c)).toBe(false)));
    for (const cf of (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }).conditionalFormattings) {
      if (cf.rules.every((x) => x.formulae?.[0] === "TRUE()")) highlighted.push(...cf.ref.split(" ").map((a) => `${ws.name}!${a}`));
    }
  }
  expect(highlighted.sort()).toEqual([...flagged].sort());
  expect((wb.getWorksheet("数据局项目1")!.getCell("E110").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FF00B050");
  const e110 = wb.getWorksheet("数据局项目1")!.getCell("E110");
  const note = typeof e110.note === "string" ? e110.note : (e110.note?.texts ?? []).map((t) => t.text).join("");
  expect(note).toMatch(/^财务科：待核实\n— PerfCheck —\n\[错误\]/);
  expect(wb.worksheets.some((w) => w.state === "veryHidden")).toBe(true);
});

test("clear restores every cell exactly, keeping the user's edits made in between", async () => {
  const annotatedFile = path.join(dir, "annotated", "original.xlsx");
  const edited = await load(annotatedFile);
  const ws = edited.getWorksheet("数据局项目1")!;
  ws.getCell("E110").value = 50; // the user fixes the amount in the annotated copy
  ws.getCell("E5").style = { ...ws.getCell("E5").style, fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FF0070C0" } } }; // and recolours a flagged cell
  ws.getCell("E20").note = "原有批注（已处理）"; // and rewrites a note that carried PerfCheck's text: theirs now
  await edited.xlsx.writeFile(annotatedFile);

  const r = await run(["clear", "--out", path.join(dir, "cleared"), annotatedFile]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/保留用户修改 1 处/);
  const before = cellsOf(await load(path.join(dir, "original.xlsx")));
  const after = cellsOf(await load(path.join(dir, "cleared", "original.xlsx")));
  expect([...after.keys()].filter((k) => k.startsWith("校验结果") || k.startsWith("PerfCheck"))).toEqual([]);
  let compared = 0;
  for (const [k, b] of before) {
    const a = after.get(k);
    if (k === "数据局项目1!E110") {
      expect(a).toEqual({ ...b, value: "50" });
    } else if (k === "数据局项目1!E20") {
      expect(a).toEqual({ ...b, note: "原有批注（已处理）" });
    } else if (k === "数据局项目1!E5") {
      expect(a?.value).toBe(b.value);
      expect(a?.fill).toContain("FF0070C0");
    } else {
      expect(a).toEqual(b);
    }
    compared++;
  }
  expect(compared).toBeGreaterThan(1000);
});

test("clear refuses a workbook PerfCheck did not annotate, and never overwrites its input", async () => {
  const r = await run(["clear", "--out", path.join(dir, "x"), path.join(dir, "original.xlsx")]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/没有 PerfCheck 标记/);
  const same = await run(["clear", "--out", path.join(dir, "annotated"), path.join(dir, "annotated", "original.xlsx")]);
  expect(same.code).toBe(2);
  expect(same.err).toMatch(/覆盖/);
});

test("annotating an annotated copy again gives the same workbook as annotating once (flags never stack)", async () => {
  // Start from a fresh annotation of the original (the test above edited its copy).
  expect((await run(["validate", "--annotate", path.join(dir, "once"), path.join(dir, "original.xlsx")])).code).toBe(1);
  const first = path.join(dir, "once", "original.xlsx");
  expect((await run(["validate", "--annotate", path.join(dir, "twice"), first])).code).toBe(1);
  const a = cellsOf(await load(first));
  const b = cellsOf(await load(path.join(dir, "twice", "original.xlsx")));
  // Each run signs its state with its own run id (D1), signature (E1) and the file it copied (F1): everything else is identical.
  for (const k of ["PerfCheck状态!D1", "PerfCheck状态!E1", "PerfCheck状态!F1"]) {
    expect(a.get(k)?.value).not.toEqual(b.get(k)?.value);
    a.delete(k);
    b.delete(k);
  }
  expect(b).toEqual(a);
  const wb = await load(path.join(dir, "twice", "original.xlsx"));
  expect(wb.worksheets.map((w) => w.name).filter((n) => n.startsWith("校验结果") || n.startsWith("PerfCheck"))).toEqual(["校验结果", "PerfCheck状态"]);
});

test("annotate → save in LibreOffice → clear: the user's own notes come back exactly, ours are gone", async () => {
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  expect((await run(["validate", "--annotate", path.join(dir, "lo-in"), path.join(dir, "original.xlsx")])).code).toBe(1);
  const lo = path.join(dir, "lo");
  // LibreOffice splits note text into runs by script: our text no longer starts on a run of its own.
  await promisify(execFile)("soffice", [`-env:UserInstallation=file://${path.join(lo, "profile")}`, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", lo, path.join(dir, "lo-in", "original.xlsx")], { timeout: 300_000 });
  const r = await run(["clear", "--out", path.join(dir, "lo-cleared"), path.join(lo, "original.xlsx")]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/保留用户修改 0 处/);
  const wb = await load(path.join(dir, "lo-cleared", "original.xlsx"));
  const text = (c: ExcelJS.Cell) => (c.note === undefined ? "" : typeof c.note === "string" ? c.note : (c.note.texts ?? []).map((t) => t.text).join(""));
  const ws = wb.getWorksheet("数据局项目1")!;
  expect(text(ws.getCell("E110"))).toBe("财务科：待核实");
  expect(text(ws.getCell("E20"))).toBe("原有批注");
  let ours = 0;
  for (const sheet of wb.worksheets) sheet.eachRow((row) => row.eachCell((c) => void (text(c).includes("PerfCheck") && ours++)));
  expect(ours).toBe(0);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["数据局项目1", "数据局项目2"]);
}, 300_000);
