/**
 * The layout mutations: each rewrites one sheet of a workbook snapshot the way real tables differ from each
 * other, and returns the new snapshot with an address map from every original cell to where it now is (one
 * cell, two for a table copied below itself). A mutation that does not fit a sheet (no unit column to swap)
 * says why instead. All work is on the snapshot (values, merges, formats), as a host would hand it over.
 */
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { Grid, type Cell } from "./grid";
import { findAmountGroups, findHeaders, isLabelColumn, type HeaderBand } from "./survey";
import { headerCore, synonymGroups } from "./synonyms";

/** Where an original cell of the mutated sheet is in the mutant ([] when it has no counterpart). */
export interface AddressMap {
  sheet: string;
  cell(row: number, col: number): Cell[];
}

export type MutationResult = { snapshot: WorkbookSnapshot; map: AddressMap } | { notApplicable: string };

export interface MutationKind {
  id: string;
  /** What it does, in a few words (printed by `npm run mutate`). */
  title: string;
  /** Variants of the kind (each a separate mutant); [""] when there is one. */
  variants: readonly string[];
  apply(grid: Grid, variant: string): { map: (row: number, col: number) => Cell[] } | string;
}

const TREE = ["level1", "level2", "level3"];

/** Run a kind on one sheet of a workbook: the other sheets are kept as they are. */
export function mutate(wb: WorkbookSnapshot, sheet: string, kind: MutationKind, variant: string): MutationResult {
  const index = wb.sheets.findIndex((s) => s.name === sheet);
  if (index < 0) return { notApplicable: `no sheet ${sheet}` };
  const grid = Grid.fromSnapshot(wb.sheets[index]);
  const out = kind.apply(grid, variant);
  if (typeof out === "string") return { notApplicable: out };
  const sheets = wb.sheets.slice();
  sheets[index] = grid.toSnapshot();
  return { snapshot: { ...wb, sheets }, map: { sheet, cell: out.map } };
}

const shiftCols = (at: number, by = 1) => (row: number, col: number): Cell[] => [{ row, col: col >= at ? col + by : col }];
const identity = (row: number, col: number): Cell[] => [{ row, col }];

function treeColumns(h: HeaderBand): number[] {
  return [...h.roles].filter(([, r]) => TREE.includes(r)).map(([c]) => c).sort((a, b) => a - b);
}

function colOf(h: HeaderBand, role: string): number | undefined {
  for (const [c, r] of h.roles) if (r === role) return c;
  return undefined;
}

/** Rows of the sheet that belong to an indicator table (header band and data rows). */
function tableRows(headers: HeaderBand[]): Set<number> {
  const rows = new Set<number>();
  for (const h of headers) for (let r = h.top; r <= Math.max(h.bottom, h.dataBottom); r++) rows.add(r);
  return rows;
}

/** A blank column inserted before the target (指标值) column, or mid-table where no header is found. */
export const blankColumn: MutationKind = {
  id: "blank-column",
  title: "空列插入指标值列之前 / a blank column inserted before the target column",
  variants: [""],
  apply(g) {
    const [h] = findHeaders(g);
    const width = g.width;
    if (width < 2) return "sheet has fewer than two columns";
    const at = (h && (colOf(h, "full") ?? (colOf(h, "level3") !== undefined ? colOf(h, "level3")! + 1 : undefined))) ?? Math.ceil(width / 2);
    g.insertColumn(at);
    return { map: shiftCols(at) };
  },
};

/**
 * Outside the indicator rows a new table column is absorbed by the cell beside it (a merge grows, or a plain
 * cell becomes a two-column merge), as a designer who adds a 序号 or 备注 column widens the upper part; only
 * the indicator rows show the new column. `side` says where the neighbour is; `moveValue` that the value moves
 * into the new column (it becomes the merge's top-left). Returns the cells whose value moved.
 */
function absorbOutside(g: Grid, at: number, neighbour: number, rows: Set<number>): Cell[] {
  const moved: Cell[] = [];
  const left = Math.min(at, neighbour);
  const right = Math.max(at, neighbour);
  const outside = (top: number, bottom: number) => {
    for (let r = top; r <= bottom; r++) if (rows.has(r)) return false;
    return true;
  };
  for (const m of g.merges) {
    if (!outside(m.top, m.bottom)) continue;
    if (neighbour > at && m.left === neighbour) {
      m.left = at;
      g.moveCell({ row: m.top, col: neighbour }, { row: m.top, col: at });
      moved.push({ row: m.top, col: at });
    } else if (neighbour < at && m.right === neighbour) m.right = at;
  }
  for (let r = 0; r < g.height; r++) {
    if (rows.has(r) || g.mergeCovering(r, neighbour) || g.mergeCovering(r, at) || g.blank(r, neighbour)) continue;
    g.merges.push({ top: r, left, bottom: r, right });
    if (neighbour > at) {
      g.moveCell({ row: r, col: neighbour }, { row: r, col: at });
      moved.push({ row: r, col: at });
    }
  }
  return moved;
}

/** The new column's header cell, merged down over a two-row header. */
function headerCell(g: Grid, h: HeaderBand, col: number, text: string): void {
  g.set(h.top, col, text);
  if (h.bottom > h.top) g.merges.push({ top: h.top, left: col, bottom: h.bottom, right: col });
}

/** A 序号 column before the indicator tree, numbered 1..n on the indicator rows. */
export const seqColumn: MutationKind = {
  id: "seq-column",
  title: "序号列插入指标树之前 / a 序号 column before the indicator tree",
  variants: [""],
  apply(g) {
    const headers = findHeaders(g);
    if (!headers.length) return "no indicator header found";
    const tree = treeColumns(headers[0]);
    if (!tree.length) return "no 一级/二级/三级 column";
    const at = tree[0];
    const last = tree[tree.length - 1];
    const rows = tableRows(headers);
    g.insertColumn(at);
    const moved = absorbOutside(g, at, at + 1, rows);
    for (const h of headers) {
      headerCell(g, h, at, "序号");
      let n = 1;
      for (let r = h.dataTop; r <= h.dataBottom; r++) if (!g.blank(r, last + 1) && !g.covered(r, last + 1)) g.set(r, at, n++);
    }
    const movedKeys = new Set(moved.map((c) => `${c.row},${c.col}`));
    return { map: (row, col) => (col === at && movedKeys.has(`${row},${at}`) ? [{ row, col: at }] : shiftCols(at)(row, col)) };
  },
};

/** A 备注 column right of the indicator table, blank on every indicator row. */
export const noteColumn: MutationKind = {
  id: "note-column",
  title: "备注列加在表的右边 / a 备注 column added on the right",
  variants: [""],
  apply(g) {
    const headers = findHeaders(g);
    if (!headers.length) return "no indicator header found";
    for (const h of headers) for (let c = h.left; c <= h.right; c++) for (let r = h.top; r <= h.bottom; r++) if (g.label(r, c).includes("备注")) return "the table has a 备注 column already";
    const at = Math.max(...headers.map((h) => h.right)) + 1;
    const rows = tableRows(headers);
    g.insertColumn(at);
    absorbOutside(g, at, at - 1, rows);
    for (const h of headers) headerCell(g, h, at, "备注");
    return { map: shiftCols(at) };
  },
};

/** The 指标值 and 单位 columns swapped on the indicator rows (header and data). */
export const swapValueUnit: MutationKind = {
  id: "swap-value-unit",
  title: "指标值列与单位列互换 / target and unit columns swapped",
  variants: [""],
  apply(g) {
    const swaps: { top: number; bottom: number; a: number; b: number }[] = [];
    for (const h of findHeaders(g)) {
      const a = colOf(h, "full");
      const b = colOf(h, "unit");
      if (a === undefined || b === undefined) continue;
      const top = h.top;
      const bottom = Math.max(h.bottom, h.dataBottom);
      // Only single-column merges may move with their column; a merge over both columns stays as it is.
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      const touching = g.merges.filter((m) => m.top <= bottom && m.bottom >= top && ((m.left <= a && a <= m.right) || (m.left <= b && b <= m.right)));
      if (touching.some((m) => !(m.left === m.right && m.top >= top && m.bottom <= bottom) && !(m.left <= lo && m.right >= hi && m.top >= top))) continue;
      for (const m of touching) if (m.left === m.right) m.left = m.right = m.left === a ? b : a;
      for (let r = top; r <= bottom; r++) {
        const value = g.get(r, a);
        const format = g.formats?.[r]?.[a] ?? null;
        g.copyCell({ row: r, col: b }, { row: r, col: a });
        g.set(r, b, value);
        if (g.formats) g.formats[r][b] = format;
      }
      swaps.push({ top, bottom, a, b });
    }
    if (!swaps.length) return "no table with both a target and a unit column (or merges across them)";
    return {
      map: (row, col) => {
        for (const s of swaps) if (row >= s.top && row <= s.bottom && (col === s.a || col === s.b)) return [{ row, col: col === s.a ? s.b : s.a }];
        return [{ row, col }];
      },
    };
  },
};

/** Header labels renamed to another word of their role's synonym group (variant k: the k-th next word). */
export const synonyms: MutationKind = {
  id: "synonyms",
  title: "表头换成同义词 / headers renamed to synonyms",
  variants: ["1", "2"],
  apply(g, variant) {
    const groups = [...synonymGroups().values()];
    const step = Number(variant);
    let renamed = 0;
    for (const h of findHeaders(g)) {
      for (let r = h.top; r <= h.bottom; r++)
        for (let c = h.left; c <= h.right; c++) {
          if (g.covered(r, c) || isLabelColumn(g, r, c, h.bottom)) continue;
          const { star, core, note, tail } = headerCore(g.text(r, c));
          const group = groups.find((x) => x.includes(core));
          if (!group) continue;
          const next = group[(group.indexOf(core) + step) % group.length];
          if (next === core) continue;
          g.set(r, c, star + next + note + tail);
          renamed++;
        }
    }
    if (!renamed) return "no header label with a synonym";
    return { map: identity };
  },
};

/** A one-row header split into two: 指标 merged over the 一级/二级/三级 columns, the other headers merged down. */
export const headerSplit: MutationKind = {
  id: "header-split",
  title: "表头拆成两行（指标 合并在一级/二级/三级之上） / header split into two rows",
  variants: [""],
  apply(g) {
    const eligible = findHeaders(g).filter((h) => {
      const tree = treeColumns(h);
      return h.top === h.bottom && tree.length >= 2 && tree[tree.length - 1] - tree[0] === tree.length - 1;
    });
    if (!eligible.length) return "no one-row header with adjacent 一级/二级/三级 columns";
    const splits: { row: number; tree: Set<number> }[] = [];
    // Bottom-up, so the rows of the headers still to split do not move.
    for (const h of eligible.slice().reverse()) {
      const tree = treeColumns(h);
      const H = h.top;
      g.insertRows(H, 1);
      for (let c = h.left; c <= h.right; c++) {
        if (tree.includes(c)) continue;
        const m = g.mergeCovering(H + 1, c);
        if (m && m.top === H + 1 && m.left === c) {
          m.top = H;
          g.moveCell({ row: H + 1, col: c }, { row: H, col: c });
        } else if (!m && !g.blank(H + 1, c)) {
          g.merges.push({ top: H, left: c, bottom: H + 1, right: c });
          g.moveCell({ row: H + 1, col: c }, { row: H, col: c });
        }
      }
      g.set(H, tree[0], "指标");
      g.merges.push({ top: H, left: tree[0], bottom: H, right: tree[tree.length - 1] });
      splits.push({ row: H, tree: new Set(tree) });
    }
    return {
      map: (row, col) => {
        let r = row;
        for (const s of splits) if (row > s.row || (row === s.row && s.tree.has(col))) r++;
        return [{ row: r, col }];
      },
    };
  },
};

/** A two-row header joined into one: the child labels take their parent's row, the lower row goes. */
export const headerJoin: MutationKind = {
  id: "header-join",
  title: "两行表头合成一行 / a two-row header joined into one",
  variants: [""],
  apply(g) {
    const two = findHeaders(g).filter((h) => h.bottom === h.top + 1);
    if (!two.length) return "no two-row header";
    const removed: number[] = [];
    for (const h of two.slice().reverse()) {
      const U = h.top;
      const L = h.bottom;
      const labels = new Map<number, { child: string; parent: string }>();
      for (const m of g.merges.filter((x) => x.top === U && x.bottom === U && x.left >= h.left && x.right <= h.right && x.right > x.left)) {
        const parent = g.text(U, m.left);
        for (let k = m.left; k <= m.right; k++) if (!g.covered(L, k) && !g.blank(L, k)) labels.set(k, { child: g.text(L, k), parent });
        g.merges.splice(g.merges.indexOf(m), 1);
        g.set(U, m.left, null);
      }
      const counts = new Map<string, number>();
      for (const { child } of labels.values()) counts.set(child, (counts.get(child) ?? 0) + 1);
      for (const [k, { child, parent }] of labels) {
        g.moveCell({ row: L, col: k }, { row: U, col: k });
        if ((counts.get(child) ?? 0) > 1) g.set(U, k, `${parent}${child}`);
        // A child merged across columns keeps its width on the joined row.
        const cm = g.merges.find((x) => x.top === L && x.bottom === L && x.left === k);
        if (cm) g.merges.push({ top: U, left: cm.left, bottom: U, right: cm.right });
      }
      for (let c = h.left; c <= h.right; c++) if (!labels.has(c) && g.blank(U, c) && !g.covered(U, c) && !g.blank(L, c)) g.moveCell({ row: L, col: c }, { row: U, col: c });
      g.deleteRow(L);
      removed.push(L);
    }
    return {
      map: (row, col) => {
        let r = row;
        for (const L of removed) if (row >= L) r--;
        return [{ row: r, col }];
      },
    };
  },
};

/** Merged 一级/二级 group cells unmerged, the group's value written in every row. */
export const unmergeGroups: MutationKind = {
  id: "unmerge-groups",
  title: "一级/二级合并单元格拆开并逐行重复 / group merges unmerged and repeated",
  variants: [""],
  apply(g) {
    let done = 0;
    for (const h of findHeaders(g)) {
      const cols = [...h.roles].filter(([, r]) => r === "level1" || r === "level2").map(([c]) => c);
      for (const m of g.merges.slice()) {
        if (m.left !== m.right || !cols.includes(m.left) || m.top < h.dataTop || m.top > h.dataBottom || m.bottom === m.top) continue;
        g.merges.splice(g.merges.indexOf(m), 1);
        for (let r = m.top + 1; r <= m.bottom; r++) g.copyCell({ row: m.top, col: m.left }, { row: r, col: m.left });
        done++;
      }
    }
    if (!done) return "no merged 一级/二级 cells";
    return { map: identity };
  },
};

export const TITLE_BLOCK = ["附件3", "公开表十二", "填报单位（盖章）：（略）"];

/** The table moved three rows down and one column right, under a longer title block. */
export const moveUnderTitle: MutationKind = {
  id: "move-under-title",
  title: "表格下移右移，上方加长标题块 / table moved down and right under a longer title",
  variants: [""],
  apply(g) {
    const width = g.width;
    g.insertRows(0, TITLE_BLOCK.length);
    g.insertColumn(0);
    TITLE_BLOCK.forEach((t, r) => g.set(r, 0, t));
    g.merges.push({ top: 1, left: 0, bottom: 1, right: width });
    return { map: (row, col) => [{ row: row + TITLE_BLOCK.length, col: col + 1 }] };
  },
};

/**
 * The header repeated inside the data rows, as a table printed over two pages and converted back: after sheet
 * row 30 where the table reaches beyond it, else in the middle of its data rows. Group merges the break cuts
 * are split in two and the group's value repeated below the break.
 */
export const repeatedHeader: MutationKind = {
  id: "repeated-header",
  title: "分页后重复表头（第30行后，或表的中部） / header repeated after a page break",
  variants: [""],
  apply(g) {
    const headers = findHeaders(g).filter((h) => h.dataBottom - h.dataTop + 1 >= 4);
    if (!headers.length) return "no table with four or more data rows";
    const h = headers.find((x) => x.dataBottom >= 30) ?? headers.reduce((a, b) => (b.dataBottom - b.dataTop > a.dataBottom - a.dataTop ? b : a));
    const P = h.dataBottom >= 30 ? Math.max(30, h.dataTop + 1) : h.dataTop + Math.ceil((h.dataBottom - h.dataTop + 1) / 2);
    const n = h.bottom - h.top + 1;
    const band = g.clone();
    const bandMerges = g.merges.filter((m) => m.top >= h.top && m.bottom <= h.bottom).map((m) => ({ ...m }));
    const cut = g.merges.filter((m) => m.top < P && m.bottom >= P).map((m) => ({ ...m }));
    g.merges = g.merges.filter((m) => !(m.top < P && m.bottom >= P));
    g.insertRows(P, n);
    const width = band.width;
    for (let k = 0; k < n; k++)
      for (let c = 0; c < width; c++) {
        g.set(P + k, c, band.get(h.top + k, c));
        if (g.formats && band.formats) g.formats[P + k][c] = band.formats[h.top + k]?.[c] ?? null;
      }
    for (const m of bandMerges) g.merges.push({ ...m, top: m.top - h.top + P, bottom: m.bottom - h.top + P });
    for (const m of cut) {
      const startsInHeader = m.top >= h.top && m.top <= h.bottom;
      const upper = { ...m, bottom: P - 1 };
      const lower = { ...m, top: startsInHeader ? P : P + n, bottom: m.bottom + n };
      if (!startsInHeader) g.copyCell({ row: m.top, col: m.left }, { row: lower.top, col: m.left });
      for (const part of [upper, lower]) if (part.bottom > part.top || part.right > part.left) g.merges.push(part);
    }
    return { map: (row, col) => [{ row: row >= P ? row + n : row, col }] };
  },
};

/** ≥ and ≤ written as >= and <= (ASCII) or as ≧ and ≦, in every text cell of the sheet. */
export const operators: MutationKind = {
  id: "operators",
  title: "≥/≤ 写成 >=/<= 或 ≧/≦ / ≥ and ≤ written >= <= or ≧ ≦",
  variants: [">=", "≧"],
  apply(g, variant) {
    const [ge, le] = variant === ">=" ? [">=", "<="] : ["≧", "≦"];
    let changed = 0;
    for (let r = 0; r < g.height; r++)
      for (let c = 0; c < g.values[r].length; c++) {
        const v = g.get(r, c);
        if (typeof v !== "string" || !/[≥≤]/.test(v)) continue;
        g.set(r, c, v.replace(/≥/g, ge).replace(/≤/g, le));
        changed++;
      }
    if (!changed) return "no ≥ or ≤ on the sheet";
    return { map: identity };
  },
};

/** Every amount under a 万元 label given in 元: the values × 10000 and the label saying 元. */
export const wanToYuan: MutationKind = {
  id: "wan-to-yuan",
  title: "金额由万元改为元（数值×10000，单位标签改为元） / amounts in 元 instead of 万元",
  variants: [""],
  apply(g) {
    const groups = findAmountGroups(g);
    if (!groups.length) return "no amounts under a 万元 label";
    for (const grp of groups) {
      const label = g.get(grp.label.row, grp.label.col) as string;
      g.set(grp.label.row, grp.label.col, label.replace(/万\s*元/, "元"));
      for (const c of grp.cells) g.set(c.row, c.col, Math.round((g.get(c.row, c.col) as number) * 10000 * 1e4) / 1e4);
    }
    return { map: identity };
  },
};

/**
 * The sheet's table copied below itself, each finding must appear for both copies. Variant "2": two blank rows
 * between; "0": the copy starts on the next row, as the second table of a department's sheet often does.
 */
export const twoTables: MutationKind = {
  id: "two-tables",
  title: "同一工作表上两张表（表复制到自身下方） / the table copied below itself",
  variants: ["2", "0"],
  apply(g, variant) {
    const last = g.lastUsedRow();
    if (last < 0) return "empty sheet";
    // A sheet that opens on a bare indicator header (no title, no 项目名称 above it: the tail of a table printed
    // over two pages) copied below itself is that header repeated under the table, with nothing between that
    // starts a table: the same table going on after a page break (the repeated-header layout, which the reading
    // rightly joins), not a second table. Such a mutant changes what the sheet means, so it is not made.
    let first = 0;
    while (first <= last && g.rowBlank(first)) first++;
    if (findHeaders(g).some((h) => h.top === first)) return "the sheet opens on a bare indicator header: its copy below reads as the table going on after a page break";
    const offset = last + 1 + Number(variant);
    const width = g.width;
    for (let r = 0; r <= last; r++) for (let c = 0; c < width; c++) g.copyCell({ row: r, col: c }, { row: r + offset, col: c });
    for (const m of g.merges.slice()) if (m.bottom <= last) g.merges.push({ top: m.top + offset, left: m.left, bottom: m.bottom + offset, right: m.right });
    return { map: (row, col) => (row <= last ? [{ row, col }, { row: row + offset, col }] : [{ row, col }]) };
  },
};

/**
 * Headers that name nothing: the labels of one family of columns replaced by a neutral 第N栏 (their column
 * number), words no vocabulary holds. What a table says must then be read from what its cells hold — operator,
 * number and unit for a target, small numbers summing to 100 for a weight, tree names for the tree — which is
 * the whole point of the Reading (issue 21). Variants: `values` (target and actual columns), `weights` (分值 and
 * 得分), `units` (计量单位), `tree` (一级 / 二级 / 三级), and `all` of them at once.
 */
const UNNAMED: Record<string, readonly string[]> = {
  values: ["full", "half", "midterm", "actual"],
  weights: ["weight", "score"],
  units: ["unit"],
  tree: ["level1", "level2", "level3"],
  all: ["full", "half", "midterm", "actual", "weight", "score", "unit", "level1", "level2", "level3"],
};

export const unknownHeaders: MutationKind = {
  id: "unknown-headers",
  title: "表头换成无含义的“第N栏” / headers renamed to a neutral 第N栏",
  variants: Object.keys(UNNAMED),
  apply(g, variant) {
    const roles = UNNAMED[variant];
    let renamed = 0;
    for (const h of findHeaders(g)) {
      // A header with no rows under it (a table cut after its header) leaves nothing to read by content.
      if (h.dataBottom < h.dataTop) continue;
      for (const [c, role] of h.roles) {
        if (!roles.includes(role)) continue;
        // The cell that names the column: a merge over both header rows is named at its top-left.
        const cover = g.mergeCovering(h.roleRow, c);
        const at = cover && cover.top >= h.top ? { row: cover.top, col: cover.left } : { row: h.roleRow, col: c };
        if (g.blank(at.row, at.col)) continue;
        g.set(at.row, at.col, `第${c + 1}栏`);
        renamed++;
      }
    }
    if (!renamed) return `no ${variant} column named in a header with rows under it`;
    return { map: identity };
  },
};

/** Every kind, in the order `npm run mutate` prints them. */
export const MUTATIONS: readonly MutationKind[] = [
  blankColumn,
  seqColumn,
  noteColumn,
  swapValueUnit,
  synonyms,
  headerSplit,
  headerJoin,
  unmergeGroups,
  moveUnderTitle,
  repeatedHeader,
  operators,
  wanToYuan,
  twoTables,
  unknownHeaders,
];
