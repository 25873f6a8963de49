/** Helpers for the template tests: LibreOffice recalculation, label lookup, plan geometry. */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { normLabel } from "../../src/core/locate/labels";
import type { SheetPlan } from "../../src/core/templates";

const run = promisify(execFile);

export function tempDir(prefix = "perfcheck-tpl-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Open `file` in LibreOffice (headless, own profile so parallel runs do not clash) and save it as
 * `format` into `outDir`; every formula is recalculated on load (the workbook sets fullCalcOnLoad).
 */
export async function libreConvert(file: string, outDir: string, format = "xlsx"): Promise<string> {
  return (await libreConvertAll([file], outDir, format))[0];
}

/** Several files in one LibreOffice start (the start is most of the cost). */
export async function libreConvertAll(files: string[], outDir: string, format = "xlsx"): Promise<string[]> {
  const profile = path.join(outDir, "lo-profile");
  await run("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", format, "--outdir", outDir, ...files], { timeout: 300_000 });
  return files.map((file) => path.join(outDir, path.basename(file).replace(/\.[^.]+$/, `.${format.split(":")[0]}`)));
}

/** The cached value of a cell as LibreOffice left it (formula result or constant). */
export function cached(cell: ExcelJS.Cell): unknown {
  const v = cell.value as unknown;
  if (v && typeof v === "object" && "formula" in (v as object)) return (v as ExcelJS.CellFormulaValue).result;
  if (v && typeof v === "object" && "richText" in (v as object)) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
  return v;
}

export function text(cell: ExcelJS.Cell): string {
  const v = cached(cell);
  return v === null || v === undefined ? "" : String(v);
}

/** Every cell whose normalised text equals `label`, as 1-based [row, col]. */
export function findLabel(ws: ExcelJS.Worksheet, label: string): [number, number][] {
  const want = normLabel(label);
  const out: [number, number][] = [];
  ws.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      if (cell.isMerged && cell.master !== cell) return;
      if (normLabel(text(cell)) === want) out.push([r, c]);
    }),
  );
  return out;
}

export function findOne(ws: ExcelJS.Worksheet, label: string): [number, number] {
  const hits = findLabel(ws, label);
  if (hits.length !== 1) throw new Error(`expected one "${label}", found ${hits.length}`);
  return hits[0];
}

/** The first cell right of a (possibly merged) label cell. */
export function rightOf(ws: ExcelJS.Worksheet, r: number, c: number): ExcelJS.Cell {
  let col = c + 1;
  while (ws.getCell(r, col).isMerged && ws.getCell(r, col).master === ws.getCell(r, c).master) col++;
  return ws.getCell(r, col);
}

/** Indicator rows of a plan grouped by "一级/二级" (read from the merged labels), 0-based rows after `fromRow`. */
export function indicatorGroups(plan: SheetPlan, l1Col: number, l2Col: number, fromRow: number, toRow = Infinity): Map<string, number[]> {
  const valueAt = (row: number, col: number): string | undefined => {
    const m = plan.merges.find((x) => row >= x.top && row <= x.bottom && col >= x.left && col <= x.right);
    const r = m ? m.top : row;
    const c = m ? m.left : col;
    const v = plan.cells.find((x) => x.row === r && x.col === c)?.value;
    return v === undefined ? undefined : String(v);
  };
  const out = new Map<string, number[]>();
  const last = Math.min(toRow, Math.max(...plan.cells.map((c) => c.row)));
  for (let r = fromRow; r <= last; r++) {
    const l1 = valueAt(r, l1Col);
    if (!l1 || l1 === "一级指标" || l1 === "总分") break;
    const key = `${l1}/${valueAt(r, l2Col) ?? ""}`;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

/** Deterministic pseudo-random amounts (万元, two decimals) so a wrong cell reference changes the sum. */
export function amounts(seed: number, n: number, max = 500): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.round((x / 2147483648) * max * 100) / 100;
  });
}
