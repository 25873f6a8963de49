/**
 * Scale on every host profile: 1,000 project tables (30,000 merged areas, far over the 512 one
 * getMergedAreasOrNullObject call may return) and 20,000 flagged cells (several MB of remarks and
 * results, over Excel on the web's 5 MB per batch). Slow (about a minute per profile), hence a
 * file of its own.
 */
import type { Finding } from "../src/core/finding";
import { a1 } from "../src/core/snapshot";
import { validateWorkbook } from "../src/core/validate";
import { clearFlags, writeFlags } from "../src/excel/flags";
import { readSnapshot } from "../src/excel/snapshot";
import { STATE_KEY } from "../src/excel/state";
import { asExcel, FakeContext, PAYLOAD_LIMIT_BYTES } from "./fakes/excel";
import { key, WorkbookModel } from "./fakes/excelModel";
import { capsOf, clearOn, ourCfs, ourRemarks, PROFILES, remarkKind, seedTables } from "./fakes/hostCases";

jest.setTimeout(300_000);

describe.each(PROFILES)("%s", (_label, host) => {
  const caps = capsOf(host);
  const remarks = remarkKind(host);

  test("1,000 tables with 30,000 merged areas on one sheet: every table and merge read, flags cleared exactly", async () => {
    const model = new WorkbookModel();
    const s = seedTables(model, "大表", 1000);
    expect(s.merges.length).toBeGreaterThanOrEqual(30_000);
    s.notes.set("F13", "用户的备注");
    const before = model.fingerprint("大表");
    const ctx = new FakeContext(model, { host });
    const read = await readSnapshot(asExcel(ctx), "active", { capabilities: caps });
    const key4 = (r: { top: number; left: number; bottom: number; right: number }) => `${r.top},${r.left},${r.bottom},${r.right}`;
    if (caps.mergedAreas) expect(new Set(read.snapshot.sheets[0].merges.map(key4))).toEqual(new Set(s.merges.map(key4)));
    else expect(read.snapshot.sheets[0].merges).toEqual([]);
    // The read stays a handful of syncs: never one per table or per band.
    expect(ctx.syncCount).toBeLessThanOrEqual(12);
    if (host.web) expect(ctx.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    // Validate and flag from this read (what validateAndFlag does), so the big sheet is read once.
    const result = validateWorkbook(read.snapshot);
    expect(result.tables).toHaveLength(1000);
    await writeFlags(asExcel(ctx), result, ["大表"], { capabilities: caps }, { state: read.state, stateExisted: read.stateExisted, sheets: read.sheets });
    expect(ourCfs(model, "大表").length).toBeGreaterThan(0);
    await clearOn(host, model);
    expect(model.fingerprint("大表")).toEqual(before);
    expect(model.settings.has(STATE_KEY)).toBe(false);
  });

  test("20,000 flagged cells: reads and writes split by bytes (never over 5 MB on the web), then cleared exactly", async () => {
    const model = new WorkbookModel();
    const s = model.addSheet("S");
    const findings: Finding[] = [];
    for (let i = 0; i < 20_000; i++) {
      const row = Math.floor(i / 20) * 2;
      const col = (i % 20) + (row % 4 === 0 ? 0 : 1);
      s.cells.set(key(row, col), { value: i });
      findings.push({ rule: "funding/amount-missing", severity: i % 3 === 0 ? "error" : "warning", sheet: "S", cell: a1(row, col), row, col, message: `第${i}项：支出全年预算数为空，请补填`, messageEn: `Item ${i}: the full-year amount is empty` });
    }
    // Some of the user's own notes on flagged cells (on hosts that can see notes).
    if (remarks === "notes") for (let i = 0; i < 200; i++) s.notes.set(findings[i * 50].cell, `用户备注${i}`);
    const before = model.fingerprint("S");
    const ctx = new FakeContext(model, { host });
    const out = await writeFlags(asExcel(ctx), { findings }, ["S"], { capabilities: caps });
    expect(out.flaggedCells).toBe(20_000);
    if (host.web) {
      expect(ctx.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
      expect(ctx.syncCount).toBeGreaterThan(3);
    }
    expect(model.sheet("校验结果").cells.get(key(20_000, 5))?.value).toBe(findings[19_999].message);
    if (remarks !== "none") expect(ourRemarks(model, "S")).toHaveLength(20_000);
    if (remarks === "notes") expect(s.notes.get(findings[50].cell)).toMatch(/^用户备注1\n\n【PerfCheck】/);
    const c = new FakeContext(model, { host });
    await clearFlags(asExcel(c), { capabilities: caps });
    if (host.web) expect(c.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(model.fingerprint("S")).toEqual(before);
  });

});
