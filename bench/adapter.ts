/**
 * Add-in adapter workloads on the recording fake of the Excel API (tests/fakes): context.sync count
 * for validate + flag from 1 to 1,000 tables, and conditional-format calls per severity against the
 * number of address chunks the flagged cells need.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Severity } from "../src/core/finding";
import { round, timeAsync } from "./stats";
import { ROOT } from "./root";
import { tablesSnapshot } from "./workloads";

export interface AdapterPoint {
  tables: number;
  scope: "active" | "workbook";
  syncs: number;
  findings: number;
  flaggedCells: number;
  cfAdds: Record<Severity, number>;
  chunks: Record<Severity, number>;
  onePerChunk: boolean;
  ms: number;
}

export function adapterPresent(): boolean {
  const root = ROOT;
  return existsSync(path.join(root, "src/excel/validate.ts")) && existsSync(path.join(root, "tests/fakes/excel.ts"));
}

export async function benchAdapter(counts: number[]): Promise<AdapterPoint[]> {
  // Loaded lazily: the bench still runs (and says "skipped") while the adapter is absent.
  const { FakeContext, asExcel, requirements } = await import("../tests/fakes/excel");
  const { WorkbookModel, key } = await import("../tests/fakes/excelModel");
  const { validateAndFlag } = await import("../src/excel/validate");
  const { detectCapabilities } = await import("../src/excel/capabilities");
  const { cellsToRects, rectsToAddresses, chunkAddresses } = await import("../src/excel/addresses");
  const caps = detectCapabilities(requirements(20));
  const out: AdapterPoint[] = [];
  for (const n of counts) {
    for (const scope of ["active", "workbook"] as const) {
      const snap = tablesSnapshot(n, scope === "workbook" ? Math.min(3, n) : 1);
      const model = new WorkbookModel();
      for (const sh of snap.sheets) {
        const s = model.addSheet(sh.name);
        sh.values.forEach((r, ri) =>
          r.forEach((v, ci) => {
            if (v === null || v === "") return;
            s.cells.set(key(ri, ci), typeof v === "object" ? { value: v.error, error: true } : { value: v });
          }),
        );
        s.merges.push(...sh.merges.map((m) => ({ ...m })));
      }
      const ctx = new FakeContext(model);
      let run!: Awaited<ReturnType<typeof validateAndFlag>>;
      const ms = await timeAsync(async () => {
        run = await validateAndFlag(asExcel(ctx), scope, { capabilities: caps });
      });
      const cfAdds: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
      const chunks: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
      // The recorder logs the add, then the formula set on it; attribute each add to the severity in its formula.
      const adds = ctx.calls.filter((c) => c.startsWith("ConditionalFormatCollection.add(")).length;
      for (const sev of ["error", "warning", "info"] as Severity[]) {
        for (const sheet of run.validatedSheets) {
          const worst = new Map<string, { row: number; col: number; sev: Severity }>();
          for (const f of run.result.findings) {
            if (f.sheet !== sheet) continue;
            const prev = worst.get(f.cell);
            const rank = (s: Severity) => (s === "error" ? 0 : s === "warning" ? 1 : 2);
            if (!prev || rank(f.severity) < rank(prev.sev)) worst.set(f.cell, { row: f.row, col: f.col, sev: f.severity });
          }
          const cells = [...worst.values()].filter((c) => c.sev === sev);
          if (cells.length) chunks[sev] += chunkAddresses(rectsToAddresses(cellsToRects(cells))).length;
        }
        const flagged = model.sheets.flatMap((s) => s.cfs).filter((cf) => cf.formula?.includes(`PerfCheck:${sev}`));
        cfAdds[sev] = flagged.length;
      }
      const expected = chunks.error + chunks.warning + chunks.info;
      out.push({
        tables: n,
        scope,
        syncs: ctx.syncCount,
        findings: run.result.findings.length,
        flaggedCells: run.flags?.flaggedCells ?? 0,
        cfAdds,
        chunks,
        onePerChunk: adds === expected && (["error", "warning", "info"] as Severity[]).every((s) => cfAdds[s] === chunks[s]),
        ms: round(ms),
      });
    }
  }
  return out;
}
