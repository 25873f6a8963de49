/** TemplateSpec → SheetPlan: rows get their places, then formulas, merges, dropdowns and borders follow. */
import type { Rect } from "../snapshot";
import { a1, columnLetters } from "../snapshot";
import type { PlanCell, PlanValidation, SheetPlan } from "./plan";
import type { CellSpec, RefApi, RowSpec, TemplateSpec } from "./spec";
import { printLayout } from "./print";
import { planStyles } from "./styles";

interface Placed {
  spec: RowSpec;
  row: number;
  /** Repeat index, for anchors. */
  index: number;
  repeated: boolean;
}

export class TemplateSpecError extends Error {}

export function compileSpec(spec: TemplateSpec): SheetPlan {
  const placed: Placed[] = [];
  const rowsByKey = new Map<string, number[]>();
  let row = 0;
  for (const r of spec.rows) {
    const n = r.repeat ?? 1;
    if (!Number.isInteger(n) || n < 1) throw new TemplateSpecError(`row ${r.key ?? row}: repeat must be a positive integer`);
    for (let i = 0; i < n; i++) {
      placed.push({ spec: r, row, index: i, repeated: r.repeat !== undefined });
      if (r.key) {
        const list = rowsByKey.get(r.key) ?? [];
        list.push(row);
        rowsByKey.set(r.key, list);
        if (r.repeat !== undefined) rowsByKey.set(`${r.key}#${i}`, [row]);
      }
      row++;
    }
  }
  const rowsOf = (key: string): number[] => {
    const rows = rowsByKey.get(key);
    if (!rows || rows.length === 0) throw new TemplateSpecError(`unknown row key "${key}"`);
    return rows;
  };
  const first = (key: string) => rowsOf(key)[0];
  const last = (key: string) => rowsOf(key)[rowsOf(key).length - 1];

  const cells = new Map<number, PlanCell>(); // row * 1024 + col
  const put = (c: PlanCell) => cells.set(c.row * 1024 + c.col, c);
  const merges: Rect[] = [];
  const validations: PlanValidation[] = [];
  const anchors: Record<string, { row: number; col: number }> = {};

  const place = (cell: CellSpec | (CellSpec & { rowTo: number }), r: number, ref: RefApi | undefined, anchorSuffix: string) => {
    const bottom = "rowTo" in cell ? cell.rowTo : r;
    const right = cell.to ?? cell.col;
    const pc: PlanCell = { row: r, col: cell.col, style: cell.role };
    if (cell.value !== undefined) pc.value = cell.value;
    if (cell.formula) {
      if (!ref) throw new TemplateSpecError("spans cannot hold formulas");
      pc.formula = cell.formula(ref);
    }
    for (let rr = r; rr <= bottom; rr++) for (let cc = cell.col; cc <= right; cc++) if (rr !== r || cc !== cell.col) put({ row: rr, col: cc, style: cell.role });
    put(pc);
    if (bottom > r || right > cell.col) merges.push({ top: r, left: cell.col, bottom, right });
    if (cell.list) validations.push({ range: { top: r, left: cell.col, bottom: r, right: cell.col }, list: [...cell.list], prompt: cell.prompt, strict: true });
    if (cell.anchor) anchors[cell.anchor + anchorSuffix] = { row: r, col: cell.col };
  };

  // Spans first: row cells never overlap them, and a clash is a spec error caught below.
  for (const s of spec.spans) {
    const top = first(s.from);
    const bottom = last(s.through);
    if (bottom < top) throw new TemplateSpecError(`span "${s.value}" runs upwards`);
    place({ col: s.col, to: s.to, role: s.role, value: s.value, list: s.list, prompt: s.prompt, rowTo: bottom }, top, undefined, "");
  }

  const rowHeights: Record<number, number> = {};
  for (const p of placed) {
    const ref: RefApi = {
      cell: (key, col) => a1(first(key), col),
      range: (key, col, toKey) => {
        const top = first(key);
        const bottom = last(toKey ?? key);
        return top === bottom ? a1(top, col) : `${a1(top, col)}:${a1(bottom, col)}`;
      },
      self: (col) => a1(p.row, col),
      list: (keys, col) => keys.flatMap((k) => rowsOf(k)).map((r) => a1(r, col)).join(","),
    };
    for (const c of p.spec.cells) {
      for (let cc = c.col; cc <= (c.to ?? c.col); cc++) {
        if (cells.has(p.row * 1024 + cc)) throw new TemplateSpecError(`cell ${a1(p.row, cc)} is placed twice`);
      }
      place(c, p.row, ref, p.repeated ? `#${p.index}` : "");
    }
    if (p.spec.height) rowHeights[p.row] = p.spec.height;
  }

  // Every cell of the printed form gets a border, blank ones included, so the grid reads as one table.
  const titleRows = new Set(placed.filter((p) => p.spec.cells.some((c) => c.role === "title" || c.role === "subtitle" || c.role === "note" || c.role === "unitLine" || c.role === "issuerLine")).map((p) => p.row));
  for (let r = 0; r < row; r++) {
    if (titleRows.has(r)) continue;
    for (let c = 0; c < spec.tableCols; c++) if (!cells.has(r * 1024 + c)) put({ row: r, col: c, style: "label" });
  }

  const out = [...cells.values()].sort((x, y) => x.row - y.row || x.col - y.col);
  const maxCol = Math.max(spec.columnWidths.length - 1, ...out.map((c) => c.col));
  const lastCol = Math.min(spec.tableCols - 1, maxCol);
  const repeatRows = spec.repeatRows ? { first: first(spec.repeatRows.from), last: last(spec.repeatRows.through) } : undefined;
  // A header row (every printed cell a header or blank label) keeps its first row with it.
  const headerRows = new Set(placed.filter((p) => p.spec.cells.length > 1 && p.spec.cells.every((c) => c.role === "header" || c.col > lastCol || (c.role === "label" && c.value === undefined))).map((p) => p.row));
  const layout = printLayout({ columnWidths: spec.columnWidths, lastCol, rows: row, rowHeights, merges, repeatRows, keepWithNext: headerRows });
  return {
    name: spec.sheetName,
    columnWidths: [...spec.columnWidths],
    rowHeights,
    cells: out,
    merges,
    styles: planStyles(),
    validations,
    print: {
      orientation: layout.orientation,
      paper: "A4",
      repeatRows,
      fitToWidth: true,
      rowBreaks: layout.rowBreaks,
    },
    protect: spec.protect,
    printArea: { top: 0, left: 0, bottom: row - 1, right: lastCol },
    template: { kind: spec.kind, title: spec.title },
    anchors,
  };
}

/** `A1:E20`-style address of a rect (for hosts that want a print area string). */
export function rectA1(r: Rect): string {
  return `${columnLetters(r.left)}${r.top + 1}:${columnLetters(r.right)}${r.bottom + 1}`;
}
