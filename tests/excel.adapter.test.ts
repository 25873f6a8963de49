import { detectCapabilities } from "../src/excel/capabilities";
import { clearFlags, FLAG_TAG, NOTE_MARKER, SEVERITY_FILL, writeFlags } from "../src/excel/flags";
import { readSnapshot } from "../src/excel/snapshot";
import { STATE_KEY } from "../src/excel/state";
import { HostTimeoutError } from "../src/excel/sync";
import { validateAndFlag } from "../src/excel/validate";
import { a1, type Rect } from "../src/core/snapshot";
import type { Finding } from "../src/core/finding";
import { asExcel, FakeContext, requirements } from "./fakes/excel";
import { key, WorkbookModel } from "./fakes/excelModel";
import { projectTable } from "./helpers/projectTable";

const FULL = detectCapabilities(requirements(20));

/** A sheet holding `n` project tables stacked with a blank row between; every table has a funding error. */
function seedTables(model: WorkbookModel, name: string, n: number, origin = { row: 2, col: 1 }, spec: Parameters<typeof projectTable>[0] = {}) {
  const s = model.addSheet(name);
  let row = origin.row;
  for (let i = 0; i < n; i++) {
    const t = projectTable({ name: `项目${i + 1}`, total: 12, sources: { 一般公共预算资金: 10 }, ...spec });
    t.rows.forEach((r, ri) =>
      r.forEach((v, ci) => {
        if (v === null || v === "") return;
        s.cells.set(key(row + ri, origin.col + ci), typeof v === "object" ? { value: v.error, error: true } : { value: v });
      }),
    );
    for (const m of t.merges) s.merges.push({ top: m.top + row, bottom: m.bottom + row, left: m.left + origin.col, right: m.right + origin.col });
    row += t.rows.length + 1;
  }
  return s;
}

function ourCfs(model: WorkbookModel, sheet: string) {
  return model.sheet(sheet).cfs.filter((c) => c.formula?.includes(FLAG_TAG));
}

async function validate(model: WorkbookModel, caps = FULL, scope: "active" | "workbook" = "active") {
  const ctx = new FakeContext(model);
  const run = await validateAndFlag(asExcel(ctx), scope, { capabilities: caps });
  return { ctx, run };
}

async function clear(model: WorkbookModel, caps = FULL) {
  const ctx = new FakeContext(model);
  const out = await clearFlags(asExcel(ctx), { capabilities: caps });
  return { ctx, out };
}

describe("readSnapshot", () => {
  test("reads values, origin, merges, errors and formulas of the active sheet in one sync", async () => {
    const model = new WorkbookModel();
    const s = model.addSheet("表1", [["标题", null, 3], [{ error: "#REF!" }, true, ""]], { row: 4, col: 2 });
    s.cells.set(key(6, 2), { value: 7, formula: "=SUM(E5:E5)+4" });
    s.merges.push({ top: 4, left: 2, bottom: 4, right: 3 });
    model.addSheet("其他", [["x"]]);
    const ctx = new FakeContext(model);
    const read = await readSnapshot(asExcel(ctx), "active", { capabilities: FULL });
    expect(ctx.syncCount).toBe(1);
    const snap = read.snapshot.sheets[0];
    expect(read.snapshot.sheets).toHaveLength(1);
    expect(snap.name).toBe("表1");
    expect(snap.origin).toEqual({ row: 4, col: 2 });
    expect(snap.values).toEqual([
      ["标题", null, 3],
      [{ error: "#REF!" }, true, null],
      [7, null, null],
    ]);
    expect(snap.formulas?.[2][0]).toBe("SUM(E5:E5)+4");
    expect(snap.merges).toEqual([{ top: 4, left: 2, bottom: 4, right: 3 }]);
    expect(read.sheets.map((x) => x.name)).toEqual(["表1", "其他"]);
  });

  test("whole workbook: one sync to list sheets, one to read them all", async () => {
    const model = new WorkbookModel();
    model.addSheet("A", [["a"]]);
    model.addSheet("B", [["b"]]).visibility = "Hidden";
    model.addSheet("C");
    const ctx = new FakeContext(model);
    const read = await readSnapshot(asExcel(ctx), "workbook", { capabilities: FULL });
    expect(ctx.syncCount).toBe(2);
    expect(read.snapshot.sheets.map((x) => [x.name, x.visibility, x.values])).toEqual([
      ["A", "visible", [["a"]]],
      ["B", "hidden", [["b"]]],
      ["C", "visible", []],
    ]);
  });

  test("a used range the host refuses in one piece is read in row blocks with the same result", async () => {
    const model = new WorkbookModel();
    seedTables(model, "大表", 3);
    const whole = await readSnapshot(asExcel(new FakeContext(model)), "active", { capabilities: FULL });
    const ctx = new FakeContext(model, { maxCellsPerSync: 40 * 5 * 3 });
    const blocks = await readSnapshot(asExcel(ctx), "active", { capabilities: FULL, blockCells: 100 });
    expect(blocks.snapshot).toEqual(whole.snapshot);
    expect(ctx.syncCount).toBeGreaterThan(3);
    expect(ctx.calls.some((c) => c.startsWith("Worksheet.getRangeByIndexes"))).toBe(true);
  });

  test("without ExcelApi 1.13 merged areas are not asked for and the gap is reported", async () => {
    const model = new WorkbookModel();
    seedTables(model, "S", 1);
    const ctx = new FakeContext(model);
    const caps = detectCapabilities(requirements(20, ["1.13"]));
    const read = await readSnapshot(asExcel(ctx), "active", { capabilities: caps });
    expect(ctx.calls.some((c) => c.includes("getMergedAreas"))).toBe(false);
    expect(read.snapshot.sheets[0].merges).toEqual([]);
    expect(read.skipped.map((s) => s.feature)).toContain("mergedAreas");
  });

  test("a hung host ends in a timeout error, not a hang", async () => {
    const model = new WorkbookModel();
    model.addSheet("S", [["x"]]);
    const ctx = new FakeContext(model, { hangAfterSyncs: 0 });
    await expect(readSnapshot(asExcel(ctx), "active", { capabilities: FULL, timeoutMs: 20 })).rejects.toBeInstanceOf(HostTimeoutError);
  });
});

describe("validate → flag → clear", () => {
  test("round trip: flags written in 3 syncs, clear restores the workbook exactly, the user's note survives", async () => {
    const model = new WorkbookModel();
    seedTables(model, "目标表", 1);
    const s = model.sheet("目标表");
    // The user's own formatting and remarks on what will be flagged cells.
    s.fills.set(key(12, 5), "#00FF00");
    s.notes.set("F13", "用户的备注");
    s.cfs.push({ id: 900, areas: [{ top: 0, left: 0, bottom: 40, right: 8 }], type: "CellValue" });
    const before = model.fingerprint("目标表");
    const sheetsBefore = model.sheets.map((x) => x.name);

    const { ctx, run } = await validate(model);
    expect(ctx.syncCount).toBe(3);
    const findings = run.result.findings;
    expect(findings.length).toBeGreaterThan(0);
    const totalCell = findings.find((f) => f.rule === "funding/total-equals-sources") as Finding;
    expect(totalCell.cell).toBe("F13");

    // Fills are conditional-format overlays; the user's fill is untouched.
    expect(s.fills.get(key(12, 5))).toBe("#00FF00");
    const cfs = ourCfs(model, "目标表");
    expect(cfs.length).toBeGreaterThan(0);
    const errorCf = cfs.find((c) => c.fill === SEVERITY_FILL.error);
    expect(errorCf?.areas.some((r) => r.top <= 12 && r.bottom >= 12 && r.left <= 5 && r.right >= 5)).toBe(true);
    expect(s.cfs.find((c) => c.id === 900)).toBeDefined();

    // Notes: appended to the user's, created elsewhere.
    expect(s.notes.get("F13")).toMatch(/^用户的备注\n\n【PerfCheck】/);
    expect(s.notes.get("F13")).toContain(totalCell.message);
    const flagged = new Set(findings.map((f) => f.cell));
    for (const c of flagged) expect(s.notes.get(c)).toContain(NOTE_MARKER);

    // 校验结果 lists every finding with a link to its cell.
    const rs = model.sheet("校验结果");
    const rows = [...rs.cells.entries()].filter(([k]) => k.endsWith(",2") && k !== "0,2");
    expect(rows).toHaveLength(findings.length);
    expect(rs.cells.get(key(1, 2))?.formula).toBe(`=HYPERLINK("#'目标表'!${findings[0].cell}","目标表!${findings[0].cell}")`);
    expect(rs.cells.get(key(1, 5))?.value).toBe(findings[0].message);
    expect(model.settings.has(STATE_KEY)).toBe(true);

    const c = await clear(model);
    expect(c.ctx.syncCount).toBe(3);
    expect(model.fingerprint("目标表")).toEqual(before);
    expect(model.sheets.map((x) => x.name)).toEqual(sheetsBefore);
    expect(model.settings.has(STATE_KEY)).toBe(false);
  });

  test("validating twice never stacks flags", async () => {
    const model = new WorkbookModel();
    seedTables(model, "S", 2);
    model.sheet("S").notes.set("F13", "user");
    await validate(model);
    const once = { cfs: ourCfs(model, "S").length, notes: [...model.sheet("S").notes.values()], sheets: model.sheets.length };
    await validate(model);
    expect(ourCfs(model, "S").length).toBe(once.cfs);
    expect([...model.sheet("S").notes.values()]).toEqual(once.notes);
    expect(model.sheets.length).toBe(once.sheets);
    for (const n of model.sheet("S").notes.values()) expect(n.split(NOTE_MARKER).length).toBe(2);
  });

  test("a user edit between validate and clear is kept", async () => {
    const model = new WorkbookModel();
    seedTables(model, "S", 1, undefined, { indicators: [["产出指标", "数量指标", "培训次数", "≥2次", ""], ["效益指标", "社会效益", "提升", "较高", "较高"], ["满意度指标", "满意度", "满意度", "≥90%", "≥90%"]] });
    const s = model.sheet("S");
    s.notes.set("F13", "原备注");
    await validate(model);
    s.cells.set(key(12, 5), { value: 10 });
    s.notes.set("F13", `改过的备注\n\n${s.notes.get("F13")!.split("\n\n")[1]}`);
    const created = [...s.notes.keys()].find((k) => k !== "F13")!;
    expect(created).toBeDefined();
    s.notes.set(created, `我加的话\n\n${s.notes.get(created)}`);
    await clear(model);
    expect(s.cells.get(key(12, 5))?.value).toBe(10);
    expect(s.notes.get("F13")).toBe("改过的备注");
    expect(s.notes.get(created)).toBe("我加的话");
    expect(ourCfs(model, "S")).toHaveLength(0);
  });

  test("flags on other sheets stay when one sheet is re-validated; clear removes them all", async () => {
    const model = new WorkbookModel();
    seedTables(model, "甲", 1);
    seedTables(model, "乙", 1);
    await validate(model);
    model.activate("乙");
    await validate(model);
    expect(ourCfs(model, "甲").length).toBeGreaterThan(0);
    expect(ourCfs(model, "乙").length).toBeGreaterThan(0);
    await clear(model);
    expect(ourCfs(model, "甲")).toHaveLength(0);
    expect(ourCfs(model, "乙")).toHaveLength(0);
    expect([...model.sheet("甲").notes.values()].some((n) => n.includes(NOTE_MARKER))).toBe(false);
  });

  test("the sync count is the same for 1 and 200 tables", async () => {
    const counts: number[] = [];
    const cfCounts: number[] = [];
    for (const n of [1, 200]) {
      const model = new WorkbookModel();
      seedTables(model, "S", n);
      const { ctx, run } = await validate(model);
      expect(run.result.tables).toHaveLength(n);
      counts.push(ctx.syncCount);
      cfCounts.push(ourCfs(model, "S").length);
      const c = await clear(model);
      counts.push(c.ctx.syncCount);
    }
    expect(counts).toEqual([3, 3, 3, 3]);
    // Grouped per style: 200 tables do not mean 200 rules per severity.
    expect(cfCounts[1]).toBeLessThanOrEqual(6);
  });

  test("whole-workbook validation costs one more sync (listing sheets), still constant", async () => {
    const counts: number[] = [];
    for (const n of [1, 30]) {
      const model = new WorkbookModel();
      for (let i = 0; i < n; i++) seedTables(model, `S${i}`, 1);
      const { ctx, run } = await validate(model, FULL, "workbook");
      expect(run.validatedSheets).toHaveLength(n);
      counts.push(ctx.syncCount);
    }
    expect(counts).toEqual([4, 4]);
  });

  test("address lists longer than 8,192 characters are split across getRanges calls", async () => {
    const model = new WorkbookModel();
    model.addSheet("S");
    const findings: Finding[] = [];
    for (let i = 0; i < 3000; i++) {
      const row = i * 2;
      const col = (i * 7) % 30;
      findings.push({ rule: "x/y", severity: "warning", sheet: "S", cell: a1(row, col), row, col, message: "m", messageEn: "m" });
    }
    const ctx = new FakeContext(model);
    await writeFlags(asExcel(ctx), { findings }, ["S"], { capabilities: FULL, resultsSheet: false });
    const ranges = ctx.calls.filter((c) => c.startsWith("Worksheet.getRanges"));
    expect(ranges.length).toBeGreaterThan(1);
    const covered = new Set<string>();
    for (const cf of ourCfs(model, "S")) for (const r of cf.areas as Rect[]) for (let y = r.top; y <= r.bottom; y++) for (let x = r.left; x <= r.right; x++) covered.add(a1(y, x));
    expect(covered).toEqual(new Set(findings.map((f) => f.cell)));
  });
});

describe("degraded hosts", () => {
  test("without RangeAreas (1.9) every rectangle gets its own range, same sync count", async () => {
    const model = new WorkbookModel();
    seedTables(model, "S", 2);
    const caps = detectCapabilities(requirements(8));
    const { ctx, run } = await validate(model, caps);
    expect(ctx.syncCount).toBe(3);
    expect(ctx.calls.some((c) => c.startsWith("Worksheet.getRanges"))).toBe(false);
    expect(ourCfs(model, "S").length).toBeGreaterThan(0);
    expect(run.skipped.map((s) => s.feature)).toEqual(expect.arrayContaining(["rangeAreas", "mergedAreas", "remarks"]));
    await clear(model, caps);
    expect(ourCfs(model, "S")).toHaveLength(0);
  });

  test("without notes (1.18) remarks become comments; a user's comment is left alone and reported", async () => {
    const model = new WorkbookModel();
    seedTables(model, "S", 1);
    const s = model.sheet("S");
    s.comments.push({ id: "u1", cell: "F13", content: "用户评论" });
    const caps = detectCapabilities(requirements(17));
    const before = model.fingerprint("S");
    const { run } = await validate(model, caps);
    expect(s.notes.size).toBe(0);
    expect(s.comments.find((c) => c.cell === "F13")?.content).toBe("用户评论");
    expect(s.comments.filter((c) => c.content.startsWith(NOTE_MARKER)).length).toBe(new Set(run.result.findings.map((f) => f.cell)).size - 1);
    const features = run.skipped.map((x) => x.feature);
    expect(features).toEqual(expect.arrayContaining(["notes", "commentTaken"]));
    await validate(model, caps);
    expect(s.comments.filter((c) => c.content.startsWith(NOTE_MARKER)).length).toBe(new Set(run.result.findings.map((f) => f.cell)).size - 1);
    await clear(model, caps);
    expect(model.fingerprint("S")).toEqual(before);
  });
});
