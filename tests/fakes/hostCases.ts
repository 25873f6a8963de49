/** Shared set-up for the adapter tests that run on every host profile of the strict fake. */
import { detectCapabilities } from "../../src/excel/capabilities";
import { clearFlags, FLAG_TAG } from "../../src/excel/flags";
import { validateAndFlag } from "../../src/excel/validate";
import { asExcel, FakeContext, HOSTS, hostRequirements, type HostProfile } from "./excel";
import { key, WorkbookModel } from "./excelModel";
import { projectTable } from "../helpers/projectTable";

export const PROFILES = HOSTS.map((h) => [h.label, h] as const);

export function capsOf(host: HostProfile) {
  return detectCapabilities(hostRequirements(host));
}

/** How this host carries a remark: notes (1.18), threaded comments (1.10) or none (colour only). */
export function remarkKind(host: HostProfile): "notes" | "comments" | "none" {
  return host.api >= 18 ? "notes" : host.api >= 10 ? "comments" : "none";
}

/** A sheet holding `n` project tables stacked with a blank row between; every table has a funding error. */
export function seedTables(model: WorkbookModel, name: string, n: number, origin = { row: 2, col: 1 }, spec: Parameters<typeof projectTable>[0] = {}) {
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

export function ourCfs(model: WorkbookModel, sheet: string) {
  return model.sheet(sheet).cfs.filter((c) => c.formula?.includes(FLAG_TAG));
}

export async function validateOn(host: HostProfile, model: WorkbookModel, scope: "active" | "workbook" = "active", extra: Parameters<typeof validateAndFlag>[2] = {}) {
  const ctx = new FakeContext(model, { host });
  const run = await validateAndFlag(asExcel(ctx), scope, { capabilities: capsOf(host), ...extra });
  return { ctx, run };
}

export async function clearOn(host: HostProfile, model: WorkbookModel) {
  const ctx = new FakeContext(model, { host });
  const out = await clearFlags(asExcel(ctx), { capabilities: capsOf(host) });
  return { ctx, out };
}

/** Our remarks on a sheet, whichever kind the host uses. */
export function ourRemarks(model: WorkbookModel, sheet: string): string[] {
  const s = model.sheet(sheet);
  return [...[...s.notes.values()].filter((n) => n.includes("【PerfCheck】")), ...s.comments.filter((c) => c.content.includes("【PerfCheck】")).map((c) => c.content)];
}
