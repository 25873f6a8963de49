/**
 * The adapter on every host profile of the strict fake (Excel 2019 … Excel on the web): what a
 * profile lacks degrades with a message, and validate → flag → clear restores the workbook exactly.
 */
import { NOTE_MARKER, SEVERITY_FILL, writeFlags } from "../src/excel/flags";
import { readSnapshot } from "../src/excel/snapshot";
import { STATE_KEY } from "../src/excel/state";
import { HostTimeoutError } from "../src/excel/sync";
import { a1, type Rect } from "../src/core/snapshot";
import type { Finding } from "../src/core/finding";
import { asExcel, FakeContext, type HostProfile } from "./fakes/excel";
import { key, WorkbookModel } from "./fakes/excelModel";
import { capsOf, clearOn, ourCfs, ourRemarks, PROFILES, remarkKind, seedTables, validateOn } from "./fakes/hostCases";

/** Syncs of validate + flag on the active sheet: read, flag reads, writes; +1 where existing comments must be located. */
function expectedSyncs(host: HostProfile, commentsPresent: boolean): number {
  return 3 + (host.api >= 10 && commentsPresent ? 1 : 0);
}

describe.each(PROFILES)("%s", (_label, host) => {
  const caps = capsOf(host);
  const remarks = remarkKind(host);

  describe("readSnapshot", () => {
    test("reads values, origin, merges, errors, formulas and number formats of the active sheet in one sync", async () => {
      const model = new WorkbookModel();
      const s = model.addSheet("表1", [["标题", null, 3], [{ error: "#REF!" }, true, ""]], { row: 4, col: 2 });
      s.cells.set(key(6, 2), { value: 7, formula: "=SUM(E5:E5)+4" });
      s.cells.set(key(6, 3), { value: 0.9 });
      s.numberFormats.set(key(6, 3), "0%");
      s.merges.push({ top: 4, left: 2, bottom: 4, right: 3 });
      model.addSheet("其他", [["x"]]);
      const ctx = new FakeContext(model, { host });
      const read = await readSnapshot(asExcel(ctx), "active", { capabilities: caps });
      expect(ctx.syncCount).toBe(1);
      const snap = read.snapshot.sheets[0];
      expect(read.snapshot.sheets).toHaveLength(1);
      expect(snap.name).toBe("表1");
      expect(snap.origin).toEqual({ row: 4, col: 2 });
      expect(snap.values).toEqual([
        ["标题", null, 3],
        [{ error: "#REF!" }, true, null],
        [7, 0.9, null],
      ]);
      expect(snap.formulas?.[2][0]).toBe("SUM(E5:E5)+4");
      // null = General, parallel to values.
      expect(snap.formats).toEqual([
        [null, null, null],
        [null, null, null],
        [null, "0%", null],
      ]);
      expect(snap.merges).toEqual(caps.mergedAreas ? [{ top: 4, left: 2, bottom: 4, right: 3 }] : []);
      expect(read.sheets.map((x) => x.name)).toEqual(["表1", "其他"]);
      if (!caps.mergedAreas) {
        expect(ctx.calls.some((c) => c.includes("getMergedAreas"))).toBe(false);
        expect(read.skipped.map((x) => x.feature)).toContain("mergedAreas");
      }
    });

    test("whole workbook: one sync to list sheets, one to read them all", async () => {
      const model = new WorkbookModel();
      model.addSheet("A", [["a"]]);
      model.addSheet("B", [["b"]]).visibility = "Hidden";
      model.addSheet("C");
      const ctx = new FakeContext(model, { host });
      const read = await readSnapshot(asExcel(ctx), "workbook", { capabilities: caps });
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
      const whole = await readSnapshot(asExcel(new FakeContext(model, { host })), "active", { capabilities: caps });
      const ctx = new FakeContext(model, { host, maxCellsPerSync: 40 * 5 * 3 });
      const blocks = await readSnapshot(asExcel(ctx), "active", { capabilities: caps, blockCells: 100 });
      expect(blocks.snapshot).toEqual(whole.snapshot);
      expect(ctx.syncCount).toBeGreaterThan(3);
      expect(ctx.calls.some((c) => c.startsWith("Worksheet.getRangeByIndexes"))).toBe(true);
    });

    test("a hung host ends in a timeout error, not a hang", async () => {
      const model = new WorkbookModel();
      model.addSheet("S", [["x"]]);
      const ctx = new FakeContext(model, { host, hangAfterSyncs: 0 });
      await expect(readSnapshot(asExcel(ctx), "active", { capabilities: caps, timeoutMs: 20 })).rejects.toBeInstanceOf(HostTimeoutError);
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

      const { ctx, run } = await validateOn(host, model);
      // Hosts with comments but no notes cannot see the user's note on F13 (notes are 1.18): Excel
      // refuses the comment there, and finding out which one was refused costs 3 syncs.
      expect(ctx.syncCount).toBe(remarks === "comments" ? 6 : 3);
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

      const flagged = new Set(findings.map((f) => f.cell));
      if (remarks === "notes") {
        // Appended to the user's note, created elsewhere.
        expect(s.notes.get("F13")).toMatch(/^用户的备注\n\n【PerfCheck】/);
        expect(s.notes.get("F13")).toContain(totalCell.message);
        for (const c of flagged) expect(s.notes.get(c)).toContain(NOTE_MARKER);
      } else if (remarks === "comments") {
        // A cell holds a note or a comment, never both: F13 (the user's note) is coloured only.
        expect(s.notes.get("F13")).toBe("用户的备注");
        expect(s.comments.filter((c) => c.content.startsWith(NOTE_MARKER)).map((c) => c.cell).sort()).toEqual([...flagged].filter((c) => c !== "F13").sort());
        expect(run.skipped.map((x) => x.feature)).toEqual(expect.arrayContaining(["notes", "noteConflict"]));
        expect(run.skipped.find((x) => x.feature === "noteConflict")?.zh).toContain("目标表!F13");
      } else {
        expect(ourRemarks(model, "目标表")).toEqual([]);
        expect(run.skipped.map((x) => x.feature)).toEqual(expect.arrayContaining(["remarks", "rangeAreas", "mergedAreas"]));
      }

      // 校验结果 lists every finding with a link to its cell.
      const rs = model.sheet("校验结果");
      const rows = [...rs.cells.entries()].filter(([k]) => k.endsWith(",2") && k !== "0,2");
      expect(rows).toHaveLength(findings.length);
      expect(rs.cells.get(key(1, 2))?.formula).toBe(`=HYPERLINK("#'目标表'!${findings[0].cell}","目标表!${findings[0].cell}")`);
      expect(rs.cells.get(key(1, 5))?.value).toBe(findings[0].message);
      expect(model.settings.has(STATE_KEY)).toBe(true);

      const commentsLeft = s.comments.length > 0;
      const c = await clearOn(host, model);
      expect(c.ctx.syncCount).toBe(expectedSyncs(host, commentsLeft));
      expect(model.fingerprint("目标表")).toEqual(before);
      expect(model.sheets.map((x) => x.name)).toEqual(sheetsBefore);
      expect(model.settings.has(STATE_KEY)).toBe(false);
    });

    test("validating twice never stacks flags", async () => {
      const model = new WorkbookModel();
      seedTables(model, "S", 2);
      model.sheet("S").notes.set("F13", "user");
      await validateOn(host, model);
      const once = { cfs: ourCfs(model, "S").length, remarks: ourRemarks(model, "S").sort(), notes: [...model.sheet("S").notes.values()], sheets: model.sheets.length };
      await validateOn(host, model);
      expect(ourCfs(model, "S").length).toBe(once.cfs);
      expect(ourRemarks(model, "S").sort()).toEqual(once.remarks);
      expect([...model.sheet("S").notes.values()]).toEqual(once.notes);
      expect(model.sheets.length).toBe(once.sheets);
      for (const n of ourRemarks(model, "S")) expect(n.split(NOTE_MARKER).length).toBe(2);
    });

    test("a user edit between validate and clear is kept", async () => {
      const model = new WorkbookModel();
      seedTables(model, "S", 1, undefined, { indicators: [["产出指标", "数量指标", "培训次数", "≥2次", ""], ["效益指标", "社会效益", "提升", "较高", "较高"], ["满意度指标", "满意度", "满意度", "≥90%", "≥90%"]] });
      const s = model.sheet("S");
      s.notes.set("F13", "原备注");
      await validateOn(host, model);
      s.cells.set(key(12, 5), { value: 10 });
      if (remarks === "notes") {
        s.notes.set("F13", `改过的备注\n\n${s.notes.get("F13")!.split("\n\n")[1]}`);
        const created = [...s.notes.keys()].find((k) => k !== "F13")!;
        s.notes.set(created, `我加的话\n\n${s.notes.get(created)}`);
        await clearOn(host, model);
        expect(s.notes.get("F13")).toBe("改过的备注");
        expect(s.notes.get(created)).toBe("我加的话");
      } else {
        await clearOn(host, model);
        expect(s.notes.get("F13")).toBe("原备注");
      }
      expect(s.cells.get(key(12, 5))?.value).toBe(10);
      expect(ourCfs(model, "S")).toHaveLength(0);
      expect(ourRemarks(model, "S")).toEqual([]);
    });

    test("flags on other sheets stay when one sheet is re-validated; clear removes them all", async () => {
      const model = new WorkbookModel();
      seedTables(model, "甲", 1);
      seedTables(model, "乙", 1);
      const first = await validateOn(host, model);
      model.activate("乙");
      await validateOn(host, model);
      expect(ourCfs(model, "甲").length).toBeGreaterThan(0);
      expect(ourCfs(model, "乙").length).toBeGreaterThan(0);
      // The 校验结果 rows of 甲 were kept while 乙 was validated.
      const listed = [...model.sheet("校验结果").cells.entries()].filter(([k]) => k.endsWith(",1") && k !== "0,1").map(([, c]) => c.value);
      expect(listed.filter((v) => v === "甲")).toHaveLength(first.run.result.findings.length);
      expect(listed.filter((v) => v === "乙").length).toBeGreaterThan(0);
      await clearOn(host, model);
      expect(ourCfs(model, "甲")).toHaveLength(0);
      expect(ourCfs(model, "乙")).toHaveLength(0);
      expect(ourRemarks(model, "甲")).toEqual([]);
    });

    test("the sync count stays constant with the number of tables (200 tables = 6,000 merged areas, read in row bands)", async () => {
      const counts: number[] = [];
      const cfCounts: number[] = [];
      for (const n of [1, 200]) {
        const model = new WorkbookModel();
        seedTables(model, "S", n);
        const { ctx, run } = await validateOn(host, model);
        expect(run.result.tables).toHaveLength(n);
        counts.push(ctx.syncCount);
        cfCounts.push(ourCfs(model, "S").length);
        const c = await clearOn(host, model);
        counts.push(c.ctx.syncCount);
      }
      const extra = (host.api >= 10 && remarks === "comments" ? 1 : 0);
      // 200 tables have 6,000 merged areas, far over what one getMergedAreasOrNullObject call returns (512):
      // the row bands of the first read take them all in the same sync.
      expect(counts).toEqual([3, 3 + extra, 3, 3 + extra]);
      // Grouped per style: 200 tables do not mean 200 rules per severity.
      expect(cfCounts[1]).toBeLessThanOrEqual(caps.rangeAreas ? 6 : 4000);
    });

    test("whole-workbook validation costs one more sync (listing sheets), still constant", async () => {
      const counts: number[] = [];
      for (const n of [1, 30]) {
        const model = new WorkbookModel();
        for (let i = 0; i < n; i++) seedTables(model, `S${i}`, 1);
        const { ctx, run } = await validateOn(host, model, "workbook");
        expect(run.validatedSheets).toHaveLength(n);
        counts.push(ctx.syncCount);
      }
      expect(counts).toEqual([4, 4]);
    });

    test("address lists longer than 8,192 characters are split across getRanges calls (block by block without 1.9)", async () => {
      const model = new WorkbookModel();
      model.addSheet("S");
      const findings: Finding[] = [];
      for (let i = 0; i < 3000; i++) {
        const row = i * 2;
        const col = (i * 7) % 30;
        findings.push({ rule: "x/y", severity: "warning", sheet: "S", cell: a1(row, col), row, col, message: "m", messageEn: "m" });
      }
      const ctx = new FakeContext(model, { host });
      await writeFlags(asExcel(ctx), { findings }, ["S"], { capabilities: caps, resultsSheet: false });
      const ranges = ctx.calls.filter((c) => c.startsWith("Worksheet.getRanges"));
      if (caps.rangeAreas) expect(ranges.length).toBeGreaterThan(1);
      else expect(ranges).toHaveLength(0);
      const covered = new Set<string>();
      for (const cf of ourCfs(model, "S")) for (const r of cf.areas as Rect[]) for (let y = r.top; y <= r.bottom; y++) for (let x = r.left; x <= r.right; x++) covered.add(a1(y, x));
      expect(covered).toEqual(new Set(findings.map((f) => f.cell)));
    });
  });

  test("a user's threaded comment is left alone and reported; re-runs do not double remarks", async () => {
    const model = new WorkbookModel();
    seedTables(model, "S", 1);
    const s = model.sheet("S");
    s.comments.push({ id: "u1", cell: "F13", content: "用户评论" });
    const before = model.fingerprint("S");
    const { run, ctx } = await validateOn(host, model);
    expect(ctx.syncCount).toBe(expectedSyncs(host, true));
    expect(s.comments.find((c) => c.cell === "F13")?.content).toBe("用户评论");
    expect(s.notes.has("F13")).toBe(false);
    const features = run.skipped.map((x) => x.feature);
    const flaggedCells = new Set(run.result.findings.map((f) => f.cell)).size;
    if (remarks === "comments") {
      expect(features).toEqual(expect.arrayContaining(["notes", "commentTaken"]));
      expect(ourRemarks(model, "S")).toHaveLength(flaggedCells - 1);
    } else if (remarks === "notes") {
      expect(features).toContain("noteConflict");
      expect(ourRemarks(model, "S")).toHaveLength(flaggedCells - 1);
    }
    await validateOn(host, model);
    expect(ourRemarks(model, "S")).toHaveLength(remarks === "none" ? 0 : flaggedCells - 1);
    await clearOn(host, model);
    expect(model.fingerprint("S")).toEqual(before);
  });
});
