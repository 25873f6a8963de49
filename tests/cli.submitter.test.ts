/**
 * Issue 27: what a submitter could hide from the reviewer, attacked as a submitter would.
 *
 * 1. `perfcheck-ignores` typed into A1 of a data sheet used to make the whole sheet vanish (seed000: 22
 *    tables → 11). PerfCheck's own sheets are now recognised by their whole structure, a sheet holding a
 *    table is always checked, and a sheet left out is listed with the reason.
 * 2. A hand-written, very hidden ignore list with a whole-rule entry per firing rule used to turn a file
 *    with errors into 错误 0，警告 0，提示 0, exit 0. Ignored findings are now counted and listed apart in the
 *    text, JSON, summary.csv and the review workbook, errors still exit 1, and `--no-ignores` shows them all.
 * 5. The annotated copy's state sheet recorded the reviewer's absolute input path; now the name and a hash.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSeed000Workbook } from "../scripts/fixtures/seedWorkbook";
import { IGNORE_SHEET, ignoreRows, ignoreRule, type IgnoreEntry } from "../src/core/ignores";
import { parseCsv } from "../src/cli/summaryCsv";
import { STATE_SHEET } from "../src/cli/state";
import { runCli } from "./helpers/cli";

type JFinding = { rule: string; severity: string; sheet: string; cell: string };
type JFile = {
  file: string;
  status: string;
  tables: unknown[];
  findings: JFinding[];
  ignored?: (JFinding & { reason: string; scope: string; by?: string; bySource?: string })[];
  ignoredCounts?: Record<string, number>;
  skippedSheets?: { sheet: string; reason: string }[];
  notices?: string[];
};
type J = { files: JFile[] };

let dir: string;
let seed: string;
let base: JFile;

async function seedWorkbook(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildSeed000Workbook()) as unknown as ArrayBuffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

/** The ignore list as a submitter would write it by hand: the pane's layout, very hidden. */
function addIgnoreSheet(wb: ExcelJS.Workbook, entries: IgnoreEntry[]): void {
  const ws = wb.addWorksheet(IGNORE_SHEET, { state: "veryHidden" });
  for (const row of ignoreRows(entries)) ws.addRow(row);
}

async function json(args: string[]): Promise<{ code: number; j: J; err: string }> {
  const r = await runCli(["validate", "--format", "json", ...args]);
  return { code: r.code, j: JSON.parse(r.out) as J, err: r.err };
}

const errors = (f: { severity: string }[]) => f.filter((x) => x.severity === "error").length;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-submitter-"));
  seed = path.join(dir, "seed000.xlsx");
  await fs.writeFile(seed, await buildSeed000Workbook());
  base = (await json([seed])).j.files[0];
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("seed000 as it is: 22 tables, errors found, no sheet left out", () => {
  expect(base.tables).toHaveLength(22);
  expect(errors(base.findings)).toBeGreaterThan(0);
  expect(base.skippedSheets).toBeUndefined();
});

test("the marker typed into A1 of the second sheet no longer hides it: still 22 tables and every finding", async () => {
  const wb = await seedWorkbook();
  wb.worksheets[1].getCell("A1").value = "perfcheck-ignores";
  const { j } = await json([await save(wb, "marked.xlsx")]);
  const f = j.files[0];
  expect(f.tables).toHaveLength(22);
  expect(f.findings.map((x) => `${x.rule}@${x.sheet}!${x.cell}`)).toEqual(base.findings.map((x) => `${x.rule}@${x.sheet}!${x.cell}`));
  expect(f.skippedSheets).toBeUndefined();
});

test("a data sheet dressed as the ignore list (its name, very hidden, the marker in A1) is still checked", async () => {
  const wb = await seedWorkbook();
  const ws = wb.worksheets[1];
  ws.name = IGNORE_SHEET;
  ws.state = "veryHidden";
  ws.getCell("A1").value = "perfcheck-ignores";
  ws.getCell("B1").value = "2";
  const { j } = await json([await save(wb, "dressed.xlsx")]);
  expect(j.files[0].tables).toHaveLength(22);
  expect(j.files[0].skippedSheets).toBeUndefined();
  // …and it is reported as a very hidden sheet holding tables.
  expect(j.files[0].findings.some((x) => x.rule === "layout/hidden-sheet" && x.sheet === IGNORE_SHEET)).toBe(true);
});

test("the real ignore list is left out by its structure, and listed as left out with the reason", async () => {
  const wb = await seedWorkbook();
  addIgnoreSheet(wb, ignoreRule([], "header/dates", "已与主管部门核实"));
  const file = await save(wb, "with-list.xlsx");
  const { j } = await json([file]);
  expect(j.files[0].tables).toHaveLength(22);
  expect(j.files[0].skippedSheets).toEqual([{ sheet: IGNORE_SHEET, reason: expect.stringContaining("忽略清单"), reasonEn: expect.stringContaining("ignore list") }]);
  const text = await runCli(["validate", file]);
  expect(text.out).toContain(`未检查的工作表：“${IGNORE_SHEET}”`);
});

describe("a file whose every finding is ignored by a hand-written list", () => {
  let file: string;
  let out: string;
  let report: string;
  let firing: string[];

  beforeAll(async () => {
    firing = [...new Set(base.findings.map((f) => f.rule))];
    const wb = await seedWorkbook();
    wb.lastModifiedBy = "报送人张三";
    let entries: IgnoreEntry[] = [];
    for (const rule of firing) entries = ignoreRule(entries, rule, "不适用");
    addIgnoreSheet(wb, entries);
    file = await save(wb, "all-ignored.xlsx");
    out = path.join(dir, "out");
    report = path.join(dir, "审核.xlsx");
  });

  test("JSON: nothing kept, every finding listed as ignored with counts, by whom (the workbook's last author, said as such); exit 1", async () => {
    const { code, j } = await json(["--annotate", out, "--report", report, file]);
    const f = j.files[0];
    expect(f.findings).toEqual([]);
    expect(f.ignored).toHaveLength(base.findings.length);
    expect(f.ignoredCounts?.error).toBe(errors(base.findings));
    expect(f.ignored!.every((x) => x.scope === "rule" && x.reason === "不适用" && x.by === "报送人张三" && x.bySource === "workbook")).toBe(true);
    // Ignored errors are still errors for the exit code: never “clean”.
    expect(code).toBe(1);
  });

  test("text, --summary and the totals say 已忽略 with the counts and the reason", async () => {
    const text = await runCli(["validate", file]);
    const n = base.findings.length;
    const e = errors(base.findings);
    expect(text.out).toContain(`已忽略 ${n}（错误 ${e}，`);
    expect(text.out).toContain("整条规则 funding/");
    expect(text.out).toContain("原因：不适用");
    expect(text.out).toContain("报送人张三（工作簿最后修改人，未记录操作人）");
    expect(text.out).toMatch(new RegExp(`汇总：.*错误 0，警告 0，提示 0；另有已忽略 ${n}（错误 ${e}，`));
    const summary = await runCli(["validate", "--summary", file]);
    expect(summary.out).toContain(`已忽略 ${n}（错误 ${e}，`);
  });

  test("summary.csv has the 已忽略 column and the reasons; the review workbook counts and lists them and prefills no 通过", async () => {
    const rows = parseCsv((await fs.readFile(path.join(out, "summary.csv"), "utf8")).replace(/^\ufeff/, ""));
    const head = rows[0];
    const row = rows.find((r) => r[0] === file)!;
    expect(row[head.indexOf("错误")]).toBe("0");
    expect(row[head.indexOf("已忽略")]).toBe(String(base.findings.length));
    expect(row[head.indexOf("说明")]).toContain("已忽略");
    expect(row[head.indexOf("说明")]).toContain("不适用");

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const sum = wb.getWorksheet("汇总")!;
    const col = (sum.getRow(1).values as unknown[]).indexOf("已忽略");
    expect(col).toBeGreaterThan(0);
    let counted = 0;
    sum.eachRow((r, i) => void (i > 1 && (counted += Number(r.getCell(col).value ?? 0))));
    // Every ignored finding that belongs to a table is counted on its table's row.
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(base.findings.length);
    const ign = wb.getWorksheet("已忽略")!;
    expect(ign.rowCount - 1).toBe(base.findings.length);
    expect(ign.getRow(2).getCell(7).value).toBe("不适用");
    const rev = wb.getWorksheet("审核意见")!;
    const verdicts: unknown[] = [];
    rev.eachRow((r, i) => void (i > 1 && String(r.getCell(5).value ?? "").includes("已忽略·错误") && verdicts.push(r.getCell(4).value)));
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.every((v) => v === null || v === "")).toBe(true);
  });

  test("--no-ignores validates as if no ignore were recorded, and says how many were not applied", async () => {
    const { code, j } = await json(["--no-ignores", file]);
    const f = j.files[0];
    expect(f.findings.map((x) => `${x.rule}@${x.sheet}!${x.cell}`)).toEqual(base.findings.map((x) => `${x.rule}@${x.sheet}!${x.cell}`));
    expect(f.ignored).toBeUndefined();
    expect(f.notices?.some((x) => x.includes("--no-ignores") && x.includes(`${firing.length} 条忽略`))).toBe(true);
    expect(code).toBe(1);
  });
});

test("an annotated copy records its input by name and hash, never the reviewer's folders; a second run still replaces its own copy", async () => {
  const out = path.join(dir, "copies");
  const first = await runCli(["validate", "--annotate", out, seed]);
  expect(first.code).toBe(1);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, "seed000.xlsx"));
  const st = wb.getWorksheet(STATE_SHEET)!;
  expect(String(st.getCell(1, 6).value)).toMatch(/^seed000\.xlsx#[0-9a-f]{32}$/);
  let all = "";
  st.eachRow((r) => r.eachCell((c) => void (all += `${String(c.value)}\n`)));
  expect(all).not.toContain(dir);
  expect(all).not.toContain(os.tmpdir());
  const again = await runCli(["validate", "--annotate", out, seed]);
  expect(again.code).toBe(1);
  expect(again.err).not.toMatch(/不会覆盖/);
});

test("summary.csv lines written before the 已忽略 column are kept when a later run merges into the file", async () => {
  const out = path.join(dir, "merge");
  await fs.mkdir(out, { recursive: true });
  const old = ["/earlier/报表.xlsx", "已检查", "单位", "项目", "1", "", "", "2", "0", "0", "", "", "2026-12-01T00:00:00.000Z"];
  const oldHead = ["文件", "状态", "单位", "项目", "表格数", "得分", "等级", "错误", "警告", "提示", "说明", "带标记副本", "检查时间"];
  const line = (cells: string[]) => cells.map((c) => `"${c}"`).join(",") + "\r\n";
  await fs.writeFile(path.join(out, "summary.csv"), `\ufeff# PerfCheck summary.csv v2\r\n${line(oldHead)}${line(old)}`);
  await runCli(["validate", "--annotate", out, seed]);
  const rows = parseCsv((await fs.readFile(path.join(out, "summary.csv"), "utf8")).replace(/^\ufeff/, ""));
  const head = rows[0];
  const kept = rows.find((r) => r[0] === "/earlier/报表.xlsx")!;
  expect(kept).toHaveLength(head.length);
  expect(kept[head.indexOf("错误")]).toBe("2");
  expect(kept[head.indexOf("已忽略")]).toBe("");
  expect(kept[head.indexOf("检查时间")]).toBe("2026-12-01T00:00:00.000Z");
  expect(rows.find((r) => r[0] === seed)![head.indexOf("已忽略")]).toBe("0");
});
