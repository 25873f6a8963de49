/**
 * Layout mutants (issue 21, item 5; scripts/mutate/): each mutation on a small table of known layout (what
 * moved where, and that the address map says so), the comparison telling a changed finding from an unchanged
 * one, a mutant written as a real .xlsx and read back, and the CI sample held to the recorded floors.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import { readXlsx } from "../src/cli/xlsx/reader";
import type { Finding } from "../src/core/finding";
import { a1, parseRange, rectAddress, type CellValue, type WorkbookSnapshot } from "../src/core/snapshot";
import { validateWorkbook } from "../src/core/validate";
import { compareFindings, unchanged } from "../scripts/mutate/compare";
import { loadSubjects, sampleMutants, planMutants, summariseKinds, runMutant, type Subject } from "../scripts/mutate/engine";
import { Grid } from "../scripts/mutate/grid";
import * as M from "../scripts/mutate/mutations";
import { FLOORS_FILE, runMutants, type Floors } from "../scripts/mutate/run";
import { synonymGroups } from "../scripts/mutate/synonyms";

const SHEET = "绩效目标表";
/** The corpus, read and validated once for the whole file (mutations copy what they change). */
let corpus: Promise<Subject[]> | undefined;
const subjects = () => (corpus ??= loadSubjects());
/** A small project table: title, funding in 万元, a one-row indicator header, 一级 merged over its rows. */
function table(): WorkbookSnapshot {
  const rows: CellValue[][] = [
    ["2024年项目支出绩效目标表", null, null, null, null],
    ["项目名称", "道路养护", null, null, null],
    ["项目资金（万元）", "资金总额", 120, null, null],
    [null, "其中：财政拨款", 120, null, null],
    ["一级指标", "二级指标", "三级指标", "指标值", "度量单位"],
    ["产出指标", "数量指标", "养护里程", "≥50", "公里"],
    [null, "质量指标", "验收合格率", "≥95", "%"],
    [null, "时效指标", "完成时间", "2024年12月", null],
    [null, "成本指标", "养护成本", "≤120", "万元"],
    ["效益指标", "社会效益指标", "通行条件改善", "明显改善", null],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90", "%"],
  ];
  const merges = ["A1:E1", "B2:E2", "A3:A4", "C3:E3", "C4:E4", "A6:A9"].map((r) => parseRange(r)!);
  return { sheets: [{ name: SHEET, origin: { row: 0, col: 0 }, values: rows, merges }] };
}

type Applied = { snapshot: WorkbookSnapshot; map: M.AddressMap };
function apply(kind: M.MutationKind, variant = kind.variants[0], wb = table()): Applied {
  const r = M.mutate(wb, SHEET, kind, variant);
  if ("notApplicable" in r) throw new Error(`${kind.id} not applicable: ${r.notApplicable}`);
  return r;
}
const at = (wb: WorkbookSnapshot, addr: string): CellValue => {
  const p = parseRange(addr)!;
  return wb.sheets[0].values[p.top]?.[p.left] ?? null;
};
const mapped = (a: Applied, addr: string) => {
  const p = parseRange(addr)!;
  return a.map.cell(p.top, p.left).map((c) => a1(c.row, c.col));
};
const merges = (wb: WorkbookSnapshot) => wb.sheets[0].merges.map(rectAddress).sort();

/** Every value of the original is found at its mapped address (mutations that move but do not rewrite values). */
function mapHoldsValues(a: Applied, original = table()): void {
  const s = original.sheets[0];
  s.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null) return;
      for (const to of a.map.cell(r, c)) expect([a1(r, c), a.snapshot.sheets[0].values[to.row]?.[to.col]]).toEqual([a1(r, c), v]);
    }),
  );
}

describe("each mutation moves the cells where its address map says", () => {
  test("blank column: inserted before 指标值, cells from there on one column right, merges across it widened", () => {
    const a = apply(M.blankColumn);
    expect(mapped(a, "D6")).toEqual(["E6"]);
    expect(mapped(a, "C6")).toEqual(["C6"]);
    expect(at(a.snapshot, "D6")).toBeNull();
    expect(at(a.snapshot, "E6")).toBe("≥50");
    expect(merges(a.snapshot)).toContain("A1:F1");
    mapHoldsValues(a);
  });

  test("序号 column: numbered 1..n on the indicator rows, the upper part widened over it", () => {
    const a = apply(M.seqColumn);
    expect(at(a.snapshot, "A5")).toBe("序号");
    expect([6, 7, 8, 9, 10, 11].map((r) => at(a.snapshot, `A${r}`))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(mapped(a, "C6")).toEqual(["D6"]);
    // 项目资金（万元） stays the top-left of its (now two-column) label merge.
    expect(mapped(a, "A3")).toEqual(["A3"]);
    expect(at(a.snapshot, "A3")).toBe("项目资金（万元）");
    expect(merges(a.snapshot)).toEqual(expect.arrayContaining(["A1:F1", "A3:B4", "B6:B9"]));
    mapHoldsValues(a);
  });

  test("备注 column: added right of the table, blank on the data rows", () => {
    const a = apply(M.noteColumn);
    expect(at(a.snapshot, "F5")).toBe("备注");
    expect([6, 7, 8].map((r) => at(a.snapshot, `F${r}`))).toEqual([null, null, null]);
    expect(mapped(a, "E6")).toEqual(["E6"]);
    expect(merges(a.snapshot)).toEqual(expect.arrayContaining(["A1:F1", "B2:F2"]));
    mapHoldsValues(a);
  });

  test("指标值 and 单位 swapped on the indicator rows only, and not applicable without a unit column", () => {
    const a = apply(M.swapValueUnit);
    expect([at(a.snapshot, "D5"), at(a.snapshot, "E5"), at(a.snapshot, "D6"), at(a.snapshot, "E6")]).toEqual(["度量单位", "指标值", "公里", "≥50"]);
    expect(mapped(a, "D6")).toEqual(["E6"]);
    expect(mapped(a, "C3")).toEqual(["C3"]);
    mapHoldsValues(a);
    const noUnit = table();
    for (const row of noUnit.sheets[0].values) row.length = 4;
    expect(M.mutate(noUnit, SHEET, M.swapValueUnit, "")).toEqual({ notApplicable: expect.stringContaining("unit") });
  });

  test("synonyms: each header becomes another word of its catalogue group; the map is the identity", () => {
    const groups = synonymGroups();
    expect(groups.get("level3")).toEqual(expect.arrayContaining(["三级指标", "指标名称", "绩效指标"]));
    expect(groups.get("full")).toEqual(expect.arrayContaining(["指标值", "目标值"]));
    const a = apply(M.synonyms, "1");
    const header = [0, 1, 2, 3, 4].map((c) => a.snapshot.sheets[0].values[4][c]);
    expect(header).toEqual(["指标", "评价指标", "指标名称", "目标值", "绩效度量单位"]);
    expect(mapped(a, "C6")).toEqual(["C6"]);
  });

  test("header split: 指标 merged over 一级/二级/三级 in a new row, the other headers merged down", () => {
    const a = apply(M.headerSplit);
    expect(at(a.snapshot, "A5")).toBe("指标");
    expect([at(a.snapshot, "A6"), at(a.snapshot, "C6")]).toEqual(["一级指标", "三级指标"]);
    expect(at(a.snapshot, "D5")).toBe("指标值");
    expect(merges(a.snapshot)).toEqual(expect.arrayContaining(["A5:C5", "D5:D6", "E5:E6", "A7:A10"]));
    expect(mapped(a, "A5")).toEqual(["A6"]);
    expect(mapped(a, "D5")).toEqual(["D5"]);
    expect(mapped(a, "C7")).toEqual(["C8"]);
    mapHoldsValues(a);
  });

  test("header join: a two-row header becomes one, the rows below move up", () => {
    const split = apply(M.headerSplit).snapshot;
    const a = apply(M.headerJoin, "", split);
    expect(a.snapshot.sheets[0].values[4].slice(0, 5)).toEqual(["一级指标", "二级指标", "三级指标", "指标值", "度量单位"]);
    expect(mapped(a, "A6")).toEqual(["A5"]);
    expect(mapped(a, "C8")).toEqual(["C7"]);
    expect(merges(a.snapshot)).toEqual(merges(table()));
    expect(M.mutate(table(), SHEET, M.headerJoin, "")).toEqual({ notApplicable: "no two-row header" });
  });

  test("unmerge groups: the 一级 merge goes and its value is in every row", () => {
    const a = apply(M.unmergeGroups);
    expect([6, 7, 8, 9].map((r) => at(a.snapshot, `A${r}`))).toEqual(["产出指标", "产出指标", "产出指标", "产出指标"]);
    expect(merges(a.snapshot)).not.toContain("A6:A9");
    mapHoldsValues(a);
  });

  test("moved under a title block: every cell three rows down and one column right", () => {
    const a = apply(M.moveUnderTitle);
    expect(mapped(a, "A1")).toEqual(["B4"]);
    expect(at(a.snapshot, "A1")).toBe(M.TITLE_BLOCK[0]);
    expect(merges(a.snapshot)).toEqual(expect.arrayContaining(["B4:F4", "B9:B12"]));
    mapHoldsValues(a);
  });

  test("repeated header: a copy of the header inside the data rows, the group merge it cuts split and repeated", () => {
    const a = apply(M.repeatedHeader);
    // Six data rows (6–11): the break falls after the third.
    expect(a.snapshot.sheets[0].values[8].slice(0, 5)).toEqual(["一级指标", "二级指标", "三级指标", "指标值", "度量单位"]);
    expect(mapped(a, "C9")).toEqual(["C10"]);
    expect(mapped(a, "C8")).toEqual(["C8"]);
    expect(merges(a.snapshot)).toEqual(expect.arrayContaining(["A6:A8"]));
    expect(at(a.snapshot, "A10")).toBe("产出指标");
    mapHoldsValues(a);
  });

  test("operators: ≥ ≤ written >= <= or ≧ ≦", () => {
    expect([at(apply(M.operators, ">=").snapshot, "D6"), at(apply(M.operators, ">=").snapshot, "D9")]).toEqual([">=50", "<=120"]);
    expect([at(apply(M.operators, "≧").snapshot, "D6"), at(apply(M.operators, "≧").snapshot, "D9")]).toEqual(["≧50", "≦120"]);
  });

  test("万元 → 元: the amounts × 10000 and the label says 元", () => {
    const a = apply(M.wanToYuan);
    expect([at(a.snapshot, "A3"), at(a.snapshot, "C3"), at(a.snapshot, "C4")]).toEqual(["项目资金（元）", 1200000, 1200000]);
  });

  test("two tables: the table copied below itself, each cell mapped to both copies", () => {
    const adjacent = apply(M.twoTables, "0");
    expect(mapped(adjacent, "C6")).toEqual(["C6", "C17"]);
    expect(at(adjacent.snapshot, "A12")).toBe("2024年项目支出绩效目标表");
    const a = apply(M.twoTables, "2");
    expect(mapped(a, "C6")).toEqual(["C6", "C19"]);
    expect(at(a.snapshot, "C19")).toBe("养护里程");
    expect(merges(a.snapshot)).toEqual(expect.arrayContaining(["A6:A9", "A19:A22"]));
    mapHoldsValues(a);
  });
});

describe("the comparison", () => {
  const finding = (rule: string, cell: string): Finding => {
    const p = parseRange(cell)!;
    return { rule, severity: "warning", sheet: SHEET, cell, row: p.top, col: p.left, message: rule, messageEn: rule };
  };

  test("a finding moved with its cell is unchanged; one dropped or added is reported", () => {
    const a = apply(M.moveUnderTitle);
    const original = [finding("indicator/x", "D6"), finding("funding/y", "C3")];
    const same = [finding("indicator/x", "E9"), finding("funding/y", "D6")];
    expect(unchanged(compareFindings(original, same, a.map))).toBe(true);
    const dropped = compareFindings(original, same.slice(1), a.map);
    expect(dropped.missing.map((m) => `${m.rule}@${m.cell}`)).toEqual(["indicator/x@E9"]);
    expect(unchanged(dropped)).toBe(false);
    // Left at its old address is not the same finding.
    expect(compareFindings(original, [finding("indicator/x", "D6"), finding("funding/y", "D6")], a.map).extra.map((e) => e.cell)).toEqual(["D6"]);
  });

  test("two copies: a finding found for one copy only is missing for the other", () => {
    const a = apply(M.twoTables, "2");
    const c = compareFindings([finding("indicator/x", "D6")], [finding("indicator/x", "D6")], a.map);
    expect(a.map.cell(5, 3)).toHaveLength(2);
    expect(c.missing.map((m) => m.cell)).toEqual(["D19"]);
  });

  test("on a real corpus table: the mutant's own findings pass, the same with one finding dropped fails", async () => {
    const subject = (await subjects()).find((s) => s.id === "ningxia-yinchuan-2021-self-1")!;
    expect(subject.original.length).toBeGreaterThan(3);
    const a = M.mutate(subject.snapshot, subject.sheets[0], M.moveUnderTitle, "") as Applied;
    const found = validateWorkbook(a.snapshot).findings;
    expect(unchanged(compareFindings(subject.original, found, a.map))).toBe(true);
    const c = compareFindings(subject.original, found.slice(1), a.map);
    expect(c.missing).toHaveLength(1);
    expect(c.missing[0].rule).toBe(found[0].rule);
  });
});

describe("snapshot mutants match real files", () => {
  test("the grid round trip alone changes no finding", async () => {
    for (const s of (await subjects()).slice(0, 6)) {
      const same: WorkbookSnapshot = { ...s.snapshot, sheets: s.snapshot.sheets.map((x) => Grid.fromSnapshot(x).toSnapshot()) };
      expect(validateWorkbook(same).findings.map((f) => `${f.rule}@${f.cell}`)).toEqual(s.original.map((f) => `${f.rule}@${f.cell}`));
    }
  });

  test("a mutant written as .xlsx (exceljs) and read back is the same snapshot, with the same findings", async () => {
    const subject = (await subjects()).find((s) => s.id === "zhongyang-linyeju-2016-proj-1")!;
    for (const kind of [M.seqColumn, M.headerSplit, M.repeatedHeader]) {
      const a = M.mutate(subject.snapshot, subject.sheets[0], kind, "") as Applied;
      const sheet = a.snapshot.sheets[0];
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(sheet.name);
      sheet.values.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)));
      for (const m of sheet.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
      const back = readXlsx(new Uint8Array(await wb.xlsx.writeBuffer())).snapshot;
      const cells = (s: WorkbookSnapshot) => s.sheets[0].values.flatMap((row, r) => row.flatMap((v, c) => (v === null ? [] : [`${a1(r, c)}=${String(v)}`]))).sort();
      expect(cells(back)).toEqual(cells(a.snapshot));
      expect(back.sheets[0].merges.map(rectAddress).sort()).toEqual(merges(a.snapshot));
      const key = (f: Finding) => `${f.rule}@${f.cell}`;
      expect(validateWorkbook(back).findings.map(key)).toEqual(validateWorkbook(a.snapshot).findings.map(key));
    }
  });
});

describe("the mutant run", () => {
  test("a kind that does not fit a table is counted as not applicable, not as a pass", async () => {
    const planned = planMutants((await subjects()).slice(0, 3), [M.swapValueUnit]);
    const outcomes = planned.map(runMutant);
    const s = summariseKinds(outcomes).kinds[0];
    expect(s.notApplicable).toBe(outcomes.filter((o) => o.notApplicable).length);
    expect(s.applicable + s.notApplicable).toBe(outcomes.length);
    expect(s.notApplicable).toBeGreaterThan(0);
  });

  test("the seeded sample is the same on every run, and differs with the seed", async () => {
    const planned = planMutants(await subjects(), [M.blankColumn]);
    const ids = (seed: number) => sampleMutants(planned, 5, seed).map((p) => p.subject.id);
    expect(ids(1)).toEqual(ids(1));
    expect(ids(1)).toHaveLength(5);
    expect(ids(2)).not.toEqual(ids(1));
  });

  test("CI sample: no kind falls below its recorded floor (fixtures/mutate-floors.json)", async () => {
    const floors = JSON.parse(await fs.readFile(FLOORS_FILE, "utf8")) as Floors;
    expect(floors.sample).toBeGreaterThan(0);
    const summary = summariseKinds(await runMutants({ subjects: await subjects(), sample: floors.sample, seed: floors.seed }));
    const below: string[] = [];
    for (const k of summary.kinds) {
      const floor = floors.kinds[k.kind];
      if (floor === undefined) below.push(`${k.kind}: no floor recorded (npm run mutate -- --sample ${floors.sample} --record-floors)`);
      else if (k.share < floor) below.push(`${k.kind}: ${k.unchanged}/${k.applicable} = ${k.share.toFixed(3)} < floor ${floor} (${k.commonDifferences.map((d) => d.difference).join("; ")})`);
    }
    if (summary.total.share < floors.total) below.push(`total ${summary.total.share.toFixed(3)} < floor ${floors.total}`);
    expect(below).toEqual([]);
    expect(summary.kinds.map((k) => k.kind)).toEqual(M.MUTATIONS.map((k) => k.id));
  }, 120_000);
});

test("黄冈's goal blocks survive a header split into two rows and a header (with its goal label) repeated after a page break", async () => {
  const hg = (await subjects()).filter((s) => s.id === "wave2/hubei-huanggang-2020-selfeval");
  expect(hg).toHaveLength(1);
  const kinds = M.MUTATIONS.filter((k) => k.id === "header-split" || k.id === "repeated-header");
  const outcomes = planMutants(hg, kinds).map(runMutant).filter((o) => !o.notApplicable);
  expect(outcomes.length).toBeGreaterThanOrEqual(2);
  for (const o of outcomes) expect({ kind: o.kind, unchanged: o.unchanged }).toEqual({ kind: o.kind, unchanged: true });
});
