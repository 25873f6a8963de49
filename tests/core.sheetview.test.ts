/**
 * SheetView's merge lookups and the label index against naive references: the dense merge grid and
 * the map it falls back to on a sparse sheet must answer exactly as a scan of the merge list does,
 * and the flat label index must hand back the same cells as filtering the sheet by hand.
 */
import fc from "fast-check";
import { LabelIndex } from "../src/core/locate/region";
import { normLabel } from "../src/core/locate/labels";
import { isBlank, SheetView, type CellValue, type Rect, type SheetSnapshot } from "../src/core/snapshot";

/** The merge covering a cell by scanning the list: the last one listed wins where hosts send overlaps. */
function naiveCovering(merges: Rect[], row: number, col: number): Rect | undefined {
  let hit: Rect | undefined;
  for (const m of merges) if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) hit = m;
  return hit;
}

const sheet = fc
  .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 8 }), fc.nat(50), fc.nat(5))
  .chain(([rows, cols, oRow, oCol]) =>
    fc.record({
      values: fc.array(fc.array(fc.oneof(fc.constant(null), fc.constantFrom("项目名称", " 资金总额：", "", "  "), fc.integer()) as fc.Arbitrary<CellValue>, { maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      }),
      merges: fc.array(
        fc.tuple(fc.nat(rows - 1), fc.nat(cols - 1), fc.nat(3), fc.nat(3)).map(([t, l, h, w]) => ({ top: t + oRow, left: l + oCol, bottom: t + oRow + h, right: l + oCol + w })),
        { maxLength: 10 },
      ),
      sparse: fc.boolean(),
      origin: fc.constant({ row: oRow, col: oCol }),
    }),
  );

test("merge lookups match a scan of the merge list, in the dense grid and in the sparse fallback", () => {
  fc.assert(
    fc.property(sheet, ({ values, merges, sparse, origin }) => {
      // Merges at row 1 and twenty million rows down make the merges' bounding box too big for a grid.
      const all = sparse ? [{ top: 0, left: 0, bottom: 0, right: 1 }, ...merges, { top: 20_000_000, left: 0, bottom: 20_000_001, right: 1 }] : merges;
      const snap: SheetSnapshot = { name: "s", origin, values, merges: all };
      const view = new SheetView(snap);
      // The mode under test: a grid only when there are merges and their box is small.
      expect((view as unknown as { grid?: Int32Array }).grid !== undefined).toBe(!sparse && merges.length > 0);
      for (let r = view.top - 1; r <= view.bottom + 4; r++) {
        for (let c = Math.max(0, view.left - 1); c <= view.right + 4; c++) {
          const m = naiveCovering(all, r, c);
          expect(view.mergeCovering(r, c)).toBe(m);
          const master = m !== undefined && m.top === r && m.left === c;
          expect(view.isCovered(r, c)).toBe(m !== undefined && !master);
          expect(view.mergeAt(r, c)).toBe(master ? m : undefined);
          expect(view.value(r, c)).toBe(m ? view.raw(m.top, m.left) : view.raw(r, c));
        }
      }
    }),
    { numRuns: 200 },
  );
});

test("merges no host would send (reversed, negative, fractional) are ignored rather than breaking the sheet", () => {
  const bad: Rect[] = [
    { top: 5, left: 1, bottom: 3, right: 1 },
    { top: -2, left: 0, bottom: 1, right: 1 },
    { top: 1.5, left: 0, bottom: 2, right: 0 },
  ];
  const good: Rect = { top: 0, left: 0, bottom: 0, right: 1 };
  for (const merges of [bad, [...bad, good]]) {
    const view = new SheetView({ name: "s", origin: { row: 0, col: 0 }, values: [["项目名称", null], [null, 1]], merges });
    expect(view.isCovered(4, 1)).toBe(false);
    expect(view.mergeCovering(0, 0)).toBe(merges.includes(good) ? good : undefined);
    expect(view.value(0, 1)).toBe(merges.includes(good) ? "项目名称" : null);
  }
});

test("a merge too big to expand is known by its top-left cell only", () => {
  const whole: Rect = { top: 0, left: 0, bottom: 1_048_575, right: 0 };
  const view = new SheetView({ name: "s", origin: { row: 0, col: 0 }, values: [["标题"]], merges: [whole] });
  expect(view.mergeAt(0, 0)).toBe(whole);
  expect(view.isCovered(5, 0)).toBe(false);
});

test("the label index holds every non-blank, uncovered cell, normalised, and filters rows by column", () => {
  fc.assert(
    fc.property(sheet, fc.nat(10), fc.nat(10), ({ values, merges, origin }, a, b) => {
      const view = new SheetView({ name: "s", origin, values, merges });
      const idx = new LabelIndex(view);
      const left = origin.col + Math.min(a, b);
      const right = origin.col + Math.max(a, b);
      const withContent: number[] = [];
      for (let r = view.top; r <= view.bottom; r++) {
        const want: { row: number; col: number; label: string }[] = [];
        (view.rowValues(r) ?? []).forEach((v, i) => {
          const c = view.left + i;
          if (isBlank(v) || view.isCovered(r, c)) return;
          want.push({ row: r, col: c, label: typeof v === "string" ? normLabel(v) : "" });
        });
        if (want.length) withContent.push(r);
        expect(idx.row(r)).toEqual(want);
        const inside = want.filter((x) => x.col >= left && x.col <= right);
        expect(idx.row(r, left, right)).toEqual(inside);
        expect(idx.hasCells(r, left, right)).toBe(inside.length > 0);
      }
      expect(idx.rowNumbers).toEqual(withContent);
      expect(idx.row(view.top - 1)).toEqual([]);
      expect(idx.row(view.bottom + 1)).toEqual([]);
    }),
    { numRuns: 200 },
  );
});
