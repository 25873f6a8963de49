/**
 * How a template goes on A4: the orientation that keeps the text readable, and row breaks placed
 * between groups so that no page break cuts a merged label (组织实施, 产出指标, 项目资金…) or parts a
 * header from its first row. Computed from the plan's own column widths and row heights, with the
 * margins both renderers use; each page is filled to a little under its height, so the host's own
 * automatic breaks never fall inside a page we planned.
 */
import type { Rect } from "../snapshot";

/** Height of a row without a planned height; the exceljs renderer writes the same. */
export const DEFAULT_ROW_HEIGHT = 18;
/** Margins in inches, as src/cli/renderPlan.ts writes them (the footer sits inside the bottom one). */
export const PRINT_MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } as const;
const A4 = { width: 8.27 * 72, height: 11.69 * 72 };
/** Below this scale the 10 pt text prints under 8.5 pt: go landscape instead. */
const MIN_PORTRAIT_SCALE = 0.85;
/** Room left on every page for what estimates miss (font metrics of the host, rounding). */
const SAFETY = 0.92;
/** Every page but the last is at least this full (issue 24: a page 40% full reads as a missing part). */
const MIN_PAGE_FILL = 0.5;

/** Excel column width (characters) in points: 7 px per character plus 5 px padding, 0.75 pt per px. */
export function columnPoints(chars: number): number {
  return (chars * 7 + 5) * 0.75;
}

export interface PrintLayout {
  orientation: "portrait" | "landscape";
  /** Scale at which the printed columns fit the page width (1 = 100%). */
  scale: number;
  /** 0-based rows that start a new page. */
  rowBreaks: number[];
  /** Usable height per page in unscaled row points. */
  pageHeight: number;
}

export interface PrintInput {
  columnWidths: readonly number[];
  /** Printed columns: 0..lastCol. */
  lastCol: number;
  rows: number;
  rowHeights: Readonly<Record<number, number>>;
  merges: readonly Rect[];
  /** Rows repeated at the top of every page (0-based, inclusive). */
  repeatRows?: { first: number; last: number };
  /** Rows a break must not follow (a header keeps its first row with it). */
  keepWithNext?: ReadonlySet<number>;
}

export function printLayout(p: PrintInput): PrintLayout {
  const width = p.columnWidths.slice(0, p.lastCol + 1).reduce((n, w) => n + columnPoints(w), 0);
  const usable = (o: "portrait" | "landscape") => {
    const [w, h] = o === "portrait" ? [A4.width, A4.height] : [A4.height, A4.width];
    return { w: w - (PRINT_MARGINS.left + PRINT_MARGINS.right) * 72, h: h - (PRINT_MARGINS.top + PRINT_MARGINS.bottom) * 72 };
  };
  const portraitScale = Math.min(1, usable("portrait").w / width);
  const orientation = portraitScale >= MIN_PORTRAIT_SCALE ? "portrait" : "landscape";
  const scale = Math.min(1, usable(orientation).w / width);
  const pageHeight = (usable(orientation).h / scale) * SAFETY;
  const height = (r: number) => p.rowHeights[r] ?? DEFAULT_ROW_HEIGHT;
  const repeatHeight = p.repeatRows ? Array.from({ length: p.repeatRows.last - p.repeatRows.first + 1 }, (_, i) => height(p.repeatRows!.first + i)).reduce((a, b) => a + b, 0) : 0;
  const firstBody = p.repeatRows ? p.repeatRows.last + 1 : 0;
  const spanHeight = (m: Rect) => {
    let h = 0;
    for (let r = m.top; r <= m.bottom; r++) h += height(r);
    return h;
  };
  const tall = p.merges.filter((m) => spanHeight(m) > pageHeight - repeatHeight);
  // A parent group (一级 产出指标, 项目资金) holds sub-groups (二级) to its right: cutting it between them is
  // how the official forms run over a page, and is allowed to keep a page at least half full.
  const parent = (m: Rect) => m.bottom > m.top && p.merges.some((n) => n !== m && n.left > m.right && n.top >= m.top && n.bottom <= m.bottom);
  const short = p.merges.filter((m) => !tall.includes(m) && !parent(m));
  const cuts = (list: readonly Rect[], r: number) => list.some((m) => m.top < r && r <= m.bottom);
  // Best: a break that cuts no merge and does not follow a header. Next: one that cuts only groups taller
  // than a page or parent groups, between their sub-groups. Last resort: anywhere.
  const grade = (r: number) => (r <= firstBody ? 3 : p.keepWithNext?.has(r - 1) ? 2 : !cuts(p.merges, r) ? 0 : !cuts(short, r) ? 1 : 2);

  const rowBreaks: number[] = [];
  let pageStart = 0;
  let used = 0;
  for (let r = 0; r < p.rows; r++) {
    const h = height(r);
    if (used + h > pageHeight && r > pageStart) {
      // Search upwards for the best place, but never leave a page less than half full: a group that
      // would not fit is then cut between its sub-groups rather than pushed whole to the next page.
      let best = r;
      let fill = used;
      for (let b = r; b > pageStart; b--) {
        if (b < r) fill -= height(b);
        if (fill < pageHeight * MIN_PAGE_FILL) break;
        if (grade(b) < grade(best)) best = b;
        if (grade(best) === 0) break;
      }
      rowBreaks.push(best);
      pageStart = best;
      used = repeatHeight;
      for (let k = best; k < r; k++) used += height(k);
    }
    used += h;
  }
  return { orientation, scale, rowBreaks, pageHeight };
}
