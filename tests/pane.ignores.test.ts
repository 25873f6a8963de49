/**
 * Ignores kept in the workbook: written by the pane's store through the fake Office.js host, saved to
 * .xlsx with exceljs, and honoured by the CLI's path (src/cli/snapshot.ts → validateWorkbook).
 */
import ExcelJS from "exceljs";
import { applyIgnores, IGNORE_SHEET, ignoreFinding, ignoreRows, ignoreRule, parseIgnoreRows, restoreIgnored, valueHash } from "../src/core/ignores";
import type { Finding } from "../src/core/finding";
import { validateWorkbook } from "../src/core/validate";
import { readWorkbookSnapshot } from "../src/cli/snapshot";
import { readXlsx } from "../src/cli/xlsx/reader";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./helpers/cli";
import { detectCapabilities } from "../src/excel/capabilities";
import { FLAG_TAG, NOTE_MARKER } from "../src/excel/flags";
import { ignoreOne, ignoreWholeRule, loadIgnores, restoreOne, validateWithIgnores } from "../src/taskpane/ignoreStore";
import { asExcel, FakeContext, requirements } from "./fakes/excel";
import { key, type SheetModel, WorkbookModel } from "./fakes/excelModel";
import { projectTable } from "./helpers/projectTable";

const FULL = detectCapabilities(requirements(20));

function seed(model: WorkbookModel, name: string, spec: Parameters<typeof projectTable>[0]): SheetModel {
  const s = model.addSheet(name);
  const t = projectTable(spec);
  t.rows.forEach((r, ri) => r.forEach((v, ci) => v !== null && v !== "" && s.cells.set(key(ri, ci), typeof v === "object" ? { value: v.error, error: true } : { value: v })));
  s.merges.push(...t.merges);
  return s;
}

const run = async <T,>(model: WorkbookModel, fn: (ctx: Excel.RequestContext) => Promise<T>) => {
  const ctx = new FakeContext(model);
  const out = await fn(asExcel(ctx));
  return { out, syncs: ctx.syncCount };
};

/** The fake workbook as an .xlsx written by exceljs (values, merges, visibility): what Excel would save. */
async function saveXlsx(model: WorkbookModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of model.sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.visibility === "VeryHidden" ? "veryHidden" : s.visibility === "Hidden" ? "hidden" : "visible" });
    for (const [k, c] of s.cells) {
      const [r, col] = k.split(",").map(Number);
      const cell = ws.getCell(r + 1, col + 1);
      if (s.numberFormats.get(k) === "@") cell.numFmt = "@";
      cell.value = c.formula ? { formula: c.formula.slice(1), result: c.value as number } : c.error ? { error: c.value as ExcelJS.CellErrorValue["error"] } : c.value;
    }
    for (const m of s.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const keyOf = (f: Pick<Finding, "rule" | "sheet" | "cell">) => `${f.rule}@${f.sheet}!${f.cell}`;

describe("core", () => {
  test("value fingerprints: equal for what both hosts report alike, different when the value changes", () => {
    expect(valueHash(12)).toBe(valueHash(12.000000000000002));
    expect(valueHash(null)).toBe(valueHash("  "));
    expect(valueHash(12)).not.toBe(valueHash("12"));
    expect(valueHash(12)).not.toBe(valueHash(13));
    expect(valueHash({ error: "#REF!" })).not.toBe(valueHash("#REF!"));
    expect(valueHash("x")).toMatch(/^v[0-9a-f]{8}$/);
  });

  test("rows round-trip; stray rows are skipped; restore removes exactly one entry", () => {
    let entries = ignoreFinding([], { rule: "funding/amount-missing", sheet: "2024", cell: "E20" }, null, " 上级批准 ");
    entries = ignoreRule(entries, "indicator/vague-target");
    entries = ignoreFinding(entries, { rule: "funding/amount-missing", sheet: "2024", cell: "E20" }, 5, "改过"); // replaces
    expect(entries).toHaveLength(2);
    const rows = ignoreRows(entries);
    rows.push(["not a rule", "x", "y", "", ""], ["funding/x", "sheet-only", "", "", ""]);
    expect(parseIgnoreRows(rows)).toEqual(entries);
    expect(parseIgnoreRows([["something else"], ...rows.slice(1)])).toEqual([]);
    expect(restoreIgnored(entries, { rule: "indicator/vague-target", sheet: "s", cell: "A1", scope: "rule" })).toEqual(entries.filter((e) => e.rule !== "indicator/vague-target"));
  });

  test("applyIgnores: a finding comes back when its cell's value changes; a rule ignore takes all its findings", () => {
    const wb = { sheets: [{ name: "S", origin: { row: 0, col: 0 }, values: [[1, 2]], merges: [] }] };
    const f = (rule: string, cell: string, col: number): Finding => ({ rule, severity: "error", sheet: "S", cell, row: 0, col, message: "m", messageEn: "m" });
    const findings = [f("a/x", "A1", 0), f("a/x", "B1", 1), f("b/y", "B1", 1)];
    const entries = ignoreRule(ignoreFinding([], findings[0], 1, "ok"), "b/y", "不适用");
    const r = applyIgnores(wb, findings, entries);
    expect(r.kept.map(keyOf)).toEqual(["a/x@S!B1"]);
    expect(r.ignored.map((x) => [keyOf(x), x.reason, x.scope])).toEqual([["a/x@S!A1", "ok", "finding"], ["b/y@S!B1", "不适用", "rule"]]);
    wb.sheets[0].values[0][0] = 9;
    expect(applyIgnores(wb, findings, entries).kept.map(keyOf)).toEqual(["a/x@S!A1", "a/x@S!B1"]);
  });
});

describe("through the fake host, saved as .xlsx, read by the CLI", () => {
  test("ignore one finding with a reason and one rule; flags skip them; the CLI path honours them; a changed value brings the finding back", async () => {
    const model = new WorkbookModel();
    // Total 12 but sources 10 and expenses 12 → funding/total-equals-sources on the total; one expense amount missing.
    seed(model, "目标表", { total: 12, sources: { 一般公共预算资金: 10 }, expenses: [["培训", 5, 12], ["资料", 1, null]] });
    const first = (await run(model, (ctx) => validateWithIgnores(ctx, "active", { capabilities: FULL }))).out;
    const rules = new Set(first.result.findings.map((f) => f.rule));
    expect(rules.has("funding/total-equals-sources")).toBe(true);
    expect(rules.has("funding/amount-missing")).toBe(true);
    const total = first.result.findings.find((f) => f.rule === "funding/total-equals-sources")!;
    const missing = first.result.findings.filter((f) => f.rule === "funding/amount-missing");
    const others = first.result.findings.filter((f) => f.rule !== "funding/total-equals-sources" && f.rule !== "funding/amount-missing");
    expect(first.ignored).toEqual([]);
    const errorsBefore = first.result.tables[0].counts.error;

    await run(model, (ctx) => ignoreOne(ctx, total, "上级批准的口径"));
    await run(model, (ctx) => ignoreWholeRule(ctx, "funding/amount-missing", ""));
    const sheet = model.sheet(IGNORE_SHEET);
    expect(sheet.visibility).toBe("VeryHidden");
    expect((await run(model, loadIgnores)).out.map((e) => e.rule)).toEqual(["funding/total-equals-sources", "funding/amount-missing"]);

    const second = await run(model, (ctx) => validateWithIgnores(ctx, "active", { capabilities: FULL }));
    // Active sheet: read (with the flag state) · ignore list · flag reads · writes. The list costs one
    // sync of its own; without one the pane's run takes the same three as validateAndFlag.
    expect(second.syncs).toBe(4);
    const r = second.out;
    expect(r.result.findings.map(keyOf)).toEqual(others.map(keyOf));
    expect(r.ignored.map((f) => [keyOf(f), f.reason, f.scope])).toEqual(
      // In the findings' own order (sheet, row, column): the total (row 11) before the missing amount (row 21).
      [[keyOf(total), "上级批准的口径", "finding"], ...missing.map((m) => [keyOf(m), "", "rule"])],
    );
    expect(r.result.tables[0].counts.error).toBe(errorsBefore - 1 - missing.filter((m) => m.severity === "error").length);
    // No fill and no note on the ignored cell.
    const ws = model.sheet("目标表");
    const cellRect = { top: total.row, left: total.col };
    expect(ws.cfs.filter((c) => c.formula?.includes(FLAG_TAG) && c.areas.some((a) => a.top <= cellRect.top && a.bottom >= cellRect.top && a.left <= cellRect.left && a.right >= cellRect.left))).toEqual([]);
    expect(ws.notes.get(total.cell)?.includes(NOTE_MARKER) ?? false).toBe(false);

    // Whole workbook: the ignore list is in the snapshot, is not validated as a table, costs no extra sync.
    const whole = await run(model, (ctx) => validateWithIgnores(ctx, "workbook", { capabilities: FULL }));
    expect(whole.out.validatedSheets).not.toContain(IGNORE_SHEET);
    expect(whole.out.ignored.map(keyOf).sort()).toEqual(r.ignored.map(keyOf).sort());

    // Saved by "Excel", read by the CLI — both its readers: the streaming one `perfcheck validate` uses
    // (src/cli/xlsx) and the exceljs one — the same findings set aside, with their reasons.
    const bytes = await saveXlsx(model);
    for (const snap of [readXlsx(new Uint8Array(bytes)).snapshot, await readWorkbookSnapshot(bytes)]) {
      expect(snap.sheets.find((s) => s.name === IGNORE_SHEET)?.visibility).toBe("veryHidden");
      const cli = validateWorkbook(snap);
      expect(cli.findings.map(keyOf)).toEqual(others.map(keyOf));
      expect(cli.ignored.map((f) => [keyOf(f), f.reason]).sort()).toEqual(r.ignored.map((f) => [keyOf(f), f.reason]).sort());
      expect(cli.tables).toHaveLength(1);
    }

    // `perfcheck validate --format json` on the saved file reports the other findings only.
    const dir = mkdtempSync(join(tmpdir(), "perfcheck-ignores-"));
    try {
      writeFileSync(join(dir, "saved.xlsx"), bytes);
      const run = await runCli(["validate", "--format", "json", join(dir, "saved.xlsx")]);
      const json = JSON.parse(run.out) as { files: { findings: { rule: string; sheet: string; cell: string }[]; ignored?: { rule: string; sheet: string; cell: string; reason: string }[] }[] };
      expect(json.files[0].findings.map(keyOf)).toEqual(others.map(keyOf));
      // …and lists the ignored ones apart, as 已忽略 with the clerk's reason.
      expect((json.files[0].ignored ?? []).map((f) => [keyOf(f), f.reason]).sort()).toEqual(r.ignored.map((f) => [keyOf(f), f.reason]).sort());
      const text = await runCli(["validate", join(dir, "saved.xlsx")]);
      expect(text.out).toMatch(/已忽略 2（错误 2/);
      expect(text.out).toContain("上级批准的口径");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // The clerk changes the ignored cell: the finding is back (it is still wrong, differently).
    ws.cells.set(key(total.row, total.col), { value: 13 });
    const cli2 = validateWorkbook(await readWorkbookSnapshot(await saveXlsx(model)));
    expect(cli2.findings.map(keyOf)).toContain(keyOf(total));
    expect(cli2.ignored.map(keyOf)).not.toContain(keyOf(total));

    // Restoring both ignores removes the list from the workbook altogether.
    const ig = r.ignored.find((f) => f.scope === "rule")!;
    await run(model, (ctx) => restoreOne(ctx, ig));
    await run(model, (ctx) => restoreOne(ctx, r.ignored.find((f) => f.scope === "finding")!));
    expect(model.sheets.map((s) => s.name)).not.toContain(IGNORE_SHEET);
    expect(model.sheets.map((s) => s.name)).toContain("目标表");
  });

  test("text stays text: a sheet named 2024 and a reason starting with = survive the round trip", async () => {
    const model = new WorkbookModel();
    seed(model, "2024", { total: 12, sources: { 一般公共预算资金: 10 } });
    const f = (await run(model, (ctx) => validateWithIgnores(ctx, "active", { capabilities: FULL }))).out.result.findings.find((x) => x.rule === "funding/total-equals-sources")!;
    await run(model, (ctx) => ignoreOne(ctx, f, "=按文件口径"));
    const bytes = await saveXlsx(model);
    for (const snap of [readXlsx(new Uint8Array(bytes)).snapshot, await readWorkbookSnapshot(bytes)]) {
      expect(validateWorkbook(snap).ignored.map((x) => [x.sheet, x.cell, x.reason])).toEqual([["2024", f.cell, "=按文件口径"]]);
    }
  });
});
