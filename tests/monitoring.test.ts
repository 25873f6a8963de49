/**
 * The mid-year monitoring table (绩效运行监控表, issue 25): the template written as a real .xlsx, filled in with
 * exceljs as a clerk would (a mix of on-pace and late rows), read back and validated. Each rule has a case
 * that fires and one that stays silent; the execution light is checked in all three colours.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { writeTemplate } from "../src/cli/commands/template";
import { readWorkbookSnapshot } from "../src/cli/snapshot";
import { readXlsx } from "../src/cli/xlsx/reader";
import type { Finding } from "../src/core/finding";
import type { MonitoringTable } from "../src/core/model";
import { resolveProfile } from "../src/core/profile";
import { resolveForms, vocabularyOf } from "../src/core/forms/vocabulary";
import { monthOf, tickOptions } from "../src/core/locate/monitoring";
import { validateWorkbook, type ValidateOptions, type ValidationResult } from "../src/core/validate";
import { projectTable } from "./helpers/projectTable";
import { runCli } from "./helpers/cli";
import { roundTrip, type Grid } from "./helpers/selfEvaluation";
import { parseRange, type CellValue } from "../src/core/snapshot";
import { findOne, tempDir } from "./helpers/templates";

const tmp = tempDir("perfcheck-mon-");
afterAll(() => tmp.cleanup());
// A refused command sets process.exitCode (as the CLI does): it must not carry over to the next in-process run, nor
// into jest's own exit code.
afterEach(() => {
  process.exitCode = undefined;
});

/** [一级, 二级 (a group of the template), 三级, 年度指标值, 执行情况, 全年预计完成情况, 可能性, 偏差原因, 完善措施] */
type Row = [string, string, string, string, string, string, string, string, string];

/** The rows a clerk fills in: which group they go under decides where the template has room for them. */
const ROWS: Row[] = [
  // On pace, sure: silent everywhere.
  ["产出指标", "数量指标", "培训人数", "≥500人", "320人", "520人", "确定能", "", ""],
  // Late, 有可能, nothing explained: likelihood-no-reason (both) and forecast-deviation (below a ≥ target).
  ["产出指标", "数量指标", "发放手册数", "≥1000册", "300册", "700册", "有可能", "", ""],
  // Late but explained: silent.
  ["产出指标", "质量指标", "培训合格率", "≥95%", "90%", "93%", "有可能", "经费保障", "增加补训"],
  // Left empty: empty-row.
  ["产出指标", "质量指标", "调查覆盖率", "=100%", "", "", "", "", ""],
  // 确定能 with a reason anyway: fine.
  ["产出指标", "时效指标", "完成时间", "2026年10月前", "进行中", "按期完成", "确定能", "人员保障", ""],
  // A ≥ on a cost: a target-table rule would fire; on a monitoring table it must not.
  ["产出指标", "成本指标", "单位成本", "≥50元", "30元", "50元", "确定能", "", ""],
  // 25% off an = target, a remedy but no reason: forecast-deviation and likelihood-no-reason (reason only).
  ["效益指标", "社会效益指标", "受益群众数", "=2000人", "800人", "1500人", "有可能", "", "加强宣传"],
  // 5% off: within the 15%.
  ["效益指标", "可持续影响指标", "服务网点数", "=20个", "12个", "19个", "确定能", "", ""],
  // Boxes left unticked are no reason: likelihood-no-reason fires on it.
  ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "85%", "88%", "完全不可能", "□经费保障 □制度保障", "改进课程"],
];

interface Fill {
  name?: string;
  /** [预算数, 执行数, 全年预计执行数] of 财政拨款 and 其他资金. */
  funds?: [[number, number, number | null], [number, number, number | null]];
  /** A rate typed over a part's formula (the mismatch case). */
  typedRate?: number;
  ticks?: [string, string];
  rows?: Row[];
  month?: number;
}

const DEFAULT_FUNDS: NonNullable<Fill["funds"]> = [
  [100, 30, 95],
  [20, 18, 15],
];

/** Write the template, fill it in as a clerk would, and return the workbook (not yet read back). */
async function filledWorkbook(f: Fill = {}): Promise<ExcelJS.Workbook> {
  const file = path.join(tmp.dir, `t-${Math.random().toString(36).slice(2)}.xlsx`);
  await writeTemplate({ kind: "monitoring", out: file, year: 2026, month: f.month });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const [nr, nc] = findOne(ws, "项目名称");
  ws.getCell(nr, nc + 1).value = f.name ?? "职业技能培训项目";
  const ticks = f.ticks ?? ["√新增项目　□延续项目", "□常年性项目　□一次性项目"];
  for (const [i, label] of ["项目属性", "项目类型"].entries()) {
    const [r, c] = findOne(ws, label);
    ws.getCell(r, c + 1).value = ticks[i];
  }
  const funds = f.funds ?? DEFAULT_FUNDS;
  for (const [i, label] of ["其中：财政拨款", "其他资金"].entries()) {
    const [r, c] = findOne(ws, label);
    const [budget, executed, forecast] = funds[i];
    ws.getCell(r, c + 1).value = budget;
    ws.getCell(r, c + 2).value = executed;
    if (forecast !== null) ws.getCell(r, c + 4).value = forecast;
    if (i === 0 && f.typedRate !== undefined) ws.getCell(r, c + 3).value = f.typedRate;
  }
  // Indicator rows: the template's empty rows under each 二级 group, two per group.
  const [hr] = findOne(ws, "三级指标");
  const groupRow = new Map<string, number>();
  for (let r = hr + 1; r <= ws.rowCount; r++) {
    const l2 = ws.getCell(r, 2);
    if (!l2.isMerged || l2.master === l2) if (typeof l2.value === "string" && l2.value) groupRow.set(l2.value, r);
  }
  const used = new Map<string, number>();
  for (const row of f.rows ?? ROWS) {
    const start = groupRow.get(row[1]);
    if (start === undefined) throw new Error(`no group ${row[1]}`);
    const k = used.get(row[1]) ?? 0;
    used.set(row[1], k + 1);
    row.slice(2).forEach((v, j) => {
      if (v !== "") ws.getCell(start + k, 3 + j).value = v;
    });
  }
  return wb;
}

async function validate(wb: ExcelJS.Workbook, options: ValidateOptions = {}): Promise<ValidationResult> {
  return validateWorkbook(await readWorkbookSnapshot(Buffer.from(await wb.xlsx.writeBuffer())), options);
}

const of = (r: ValidationResult, rule: string): Finding[] => r.findings.filter((f) => f.rule === rule);
const cells = (r: ValidationResult, rule: string) => of(r, rule).map((f) => f.cell);

let filled: ValidationResult;
beforeAll(async () => {
  filled = await validate(await filledWorkbook());
});

describe("the template, filled in, is read as a monitoring table", () => {
  test("one monitoring table: fields, months, fund lines, goal, ticks and every indicator row", () => {
    expect(filled.tables.map((t) => [t.kind, t.name, t.form?.id])).toEqual([["monitoring", "职业技能培训项目", "national-monitoring"]]);
    const t = filled.located[0] as MonitoringTable;
    expect(t.month?.value).toBe(7);
    expect(t.year?.value).toBe(2026);
    expect(t.funds.map((l) => [l.label.text, l.total === true])).toEqual([["年度资金总额", true], ["其中：财政拨款", false], ["其他资金", false]]);
    expect(t.indicators.map((r) => r.level3?.text)).toEqual(ROWS.map((r) => r[2]));
    expect(t.indicators[2].likelihood?.text).toBe("有可能");
    expect(t.indicators.map((r) => r.sure)).toEqual([true, false, false, undefined, true, true, false, true, false]);
    expect(t.ticks.map((k) => [k.label.text, k.options.filter((o) => o.ticked).map((o) => o.text)])).toEqual([["项目类型", []], ["项目属性", ["新增项目"]]]);
    expect(t.goal?.actual?.cell).toBeDefined();
  });

  test("no target-setting rule fires on it (≥ on a cost, 满意度 under 90%, required fields …)", () => {
    const foreign = filled.findings.filter((f) => !/^(monitoring|layout)\//.test(f.rule));
    expect(foreign).toEqual([]);
  });
});

describe("execution light: 执行率 ÷ (month ÷ 12)", () => {
  test("48 of 120 by July is 40% against 58.3%: 68.6% of pace, yellow, as info on the total line's rate", () => {
    expect(filled.tables[0].light).toMatchObject({ color: "yellow", month: 7 });
    expect(filled.tables[0].light!.ratio).toBeCloseTo(68.57, 1);
    const f = of(filled, "monitoring/execution-pace");
    expect(f.map((x) => [x.cell, x.severity])).toEqual([["E8", "info"]]);
    expect(f[0].message).toContain("黄灯");
  });

  test("red below 60% of pace (a warning), green from 80% (silent)", async () => {
    const red = await validate(await filledWorkbook({ funds: [[100, 20, 95], [20, 5, 15]] }));
    expect(red.tables[0].light?.color).toBe("red");
    expect(of(red, "monitoring/execution-pace").map((x) => [x.cell, x.severity])).toEqual([["E8", "warning"]]);
    const green = await validate(await filledWorkbook({ funds: [[100, 50, 95], [20, 10, 15]] }));
    expect(green.tables[0].light?.color).toBe("green");
    expect(of(green, "monitoring/execution-pace")).toEqual([]);
  });

  test("the month moves the pace: 48 of 120 by April (33.3%) is green", async () => {
    const april = await validate(await filledWorkbook({ month: 4 }));
    expect(april.tables[0].light).toMatchObject({ color: "green", month: 4 });
  });

  test("a profile sets other bands: red below 70%", async () => {
    const strict = resolveProfile({ monitoring: { red: 70, yellow: 90 } });
    const r = await validate(await filledWorkbook(), { profile: strict });
    expect(r.tables[0].light?.color).toBe("red");
  });
});

describe("rules, each firing and silent", () => {
  test("rate-mismatch: a rate typed over the formula (50% for 30 ÷ 100) fires; computed rates do not", async () => {
    expect(cells(filled, "monitoring/rate-mismatch")).toEqual([]);
    const r = await validate(await filledWorkbook({ typedRate: 0.5 }));
    const f = of(r, "monitoring/rate-mismatch");
    expect(f.map((x) => [x.cell, x.severity])).toEqual([["E9", "error"]]);
    expect(f[0].message).toContain("30%");
    // The right rate typed over the formula is silent.
    expect(cells(await validate(await filledWorkbook({ typedRate: 0.3 })), "monitoring/rate-mismatch")).toEqual([]);
  });

  test("forecast-execution: 15 forecast after 18 spent fires; a forecast above the budget warns; 95 of 100 is silent", async () => {
    expect(of(filled, "monitoring/forecast-execution").map((x) => [x.cell, x.severity])).toEqual([["F10", "error"]]);
    const above = await validate(await filledWorkbook({ funds: [[100, 30, 110], [20, 18, 20]] }));
    expect(of(above, "monitoring/forecast-execution").map((x) => [x.cell, x.severity])).toEqual([["F8", "warning"], ["F9", "warning"]]);
    const fine = await validate(await filledWorkbook({ funds: [[100, 30, 95], [20, 18, 20]] }));
    expect(of(fine, "monitoring/forecast-execution")).toEqual([]);
    // No forecast written: the total's SUM shows 0, which is an unfilled column, not a forecast of 0.
    const unfilled = await validate(await filledWorkbook({ funds: [[100, 30, null], [20, 18, null]] }));
    expect(of(unfilled, "monitoring/forecast-execution")).toEqual([]);
  });

  test("likelihood-no-reason: 有可能 / 完全不可能 without a reason or a remedy; explained rows and 确定能 are silent", () => {
    const f = of(filled, "monitoring/likelihood-no-reason");
    // 发放手册数 (both missing, on 偏差原因), 受益群众数 (reason missing), 学员满意度 (unticked boxes are no reason).
    expect(f.map((x) => x.cell)).toEqual(["H15", "H24", "H30"]);
    expect(f[0].message).toContain("偏差原因分析和完善措施");
    expect(f[1].message).not.toContain("完善措施");
  });

  test("forecast-deviation: short of a ≥ target, or 25% off an = target, with no reason; 5% off or explained is silent", () => {
    const f = of(filled, "monitoring/forecast-deviation");
    expect(f.map((x) => x.cell)).toEqual(["F15", "F24", "F30"]);
    expect(f[1].message).toContain("25%");
  });

  test("empty-row: a named indicator with no progress and no likelihood", () => {
    const f = of(filled, "monitoring/empty-row");
    expect(f.map((x) => x.cell)).toEqual(["E17"]);
    expect(f[0].message).toContain("执行情况和完成目标可能性");
  });

  test("tick-none: a tick line left all □ fires; one with √ is silent", async () => {
    expect(cells(filled, "monitoring/tick-none")).toEqual(["B6"]);
    const ticked = await validate(await filledWorkbook({ ticks: ["√新增项目　□延续项目", "□常年性项目　√一次性项目"] }));
    expect(cells(ticked, "monitoring/tick-none")).toEqual([]);
  });
});

describe("comparison with the approved target table", () => {
  const approved = (over: Partial<Record<string, string>> = {}, drop: string[] = []) =>
    projectTable({
      name: "职业技能培训项目",
      indicators: ROWS.filter((r) => !drop.includes(r[2])).map((r) => [r[0], r[1], over[`name:${r[2]}`] ?? r[2], "", over[r[2]] ?? r[3]]),
    });

  /** The monitoring workbook with the target table on a sheet of its own. */
  async function withTargets(t: ReturnType<typeof projectTable>): Promise<ExcelJS.Workbook> {
    const wb = await filledWorkbook();
    const ws = wb.addWorksheet("目标表");
    t.rows.forEach((row, i) => row.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue)));
    for (const m of t.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    return wb;
  }

  test("the same indicators and targets: silent", async () => {
    const r = await validate(await withTargets(approved()));
    expect(r.tables.map((t) => t.kind)).toEqual(["monitoring", "project-target"]);
    expect(of(r, "monitoring/target-changed")).toEqual([]);
  });

  test("a target changed and an indicator renamed are each reported", async () => {
    // The approved table says ≥600人 for 培训人数, names 服务网点数 otherwise, and has one more indicator.
    const t = approved({ 培训人数: "≥600人", "name:服务网点数": "服务站点数" });
    const r = await validate(await withTargets(t));
    const f = of(r, "monitoring/target-changed");
    expect(f.map((x) => x.cell).sort()).toEqual(["C28", "D14"]);
    expect(f.find((x) => x.cell === "D14")!.message).toContain("≥600人");
    expect(f.find((x) => x.cell === "C28")!.message).toContain("服务站点数");
  });

  test("an indicator of the approved table missing from the monitoring table is reported as dropped", async () => {
    const wb = await filledWorkbook({ rows: ROWS.filter((r) => r[2] !== "培训人数") });
    const t = approved();
    const ws = wb.addWorksheet("目标表");
    t.rows.forEach((row, i) => row.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue)));
    for (const m of t.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    const r = await validate(wb);
    const f = of(r, "monitoring/target-changed");
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining("“培训人数”")]);
    expect(f[0].message).toContain("没有");
  });

  test("--targets: target tables given from another file are used, and a project they do not name is said so", async () => {
    const snap = await readWorkbookSnapshot(Buffer.from(await (await withTargets(approved({ 培训人数: "≥600人" }))).xlsx.writeBuffer()));
    const targets = validateWorkbook(snap).located.filter((t) => t.kind === "project-target");
    const alone = await validate(await filledWorkbook(), { targets });
    expect(cells(alone, "monitoring/target-changed")).toEqual(["D14"]);
    // One target table naming another project is not compared either: no indicator of it reported as dropped.
    const single = await validate(await filledWorkbook({ name: "别的项目" }), { targets });
    expect(of(single, "monitoring/target-changed").map((x) => [x.severity, x.message])).toEqual([["info", expect.stringContaining("别的项目")]]);
    const other = await validate(await filledWorkbook({ name: "别的项目" }), { targets: [...targets, ...targets.map((t) => ({ ...t, name: "第三个项目" }))] });
    expect(of(other, "monitoring/target-changed").map((x) => [x.severity, x.message])).toEqual([["info", expect.stringContaining("别的项目")]]);
  });
});

describe("the CLI: template --month, validate --targets, the review workbook", () => {
  test("template --kind monitoring --month 6 writes 1-6月 headers; --month on another kind is refused", async () => {
    const out = path.join(tmp.dir, "六月.xlsx");
    const r = await runCli(["template", "--kind", "monitoring", "--month", "6", "--year", "2026", "--out", out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(findOne(wb.worksheets[0], "1-6月执行数")).toBeDefined();
    expect(findOne(wb.worksheets[0], "1-6月执行情况")).toBeDefined();
    const bad = await runCli(["template", "--kind", "project", "--month", "6", "--out", path.join(tmp.dir, "x.xlsx")]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--month");
  });

  test("validate --targets compares with the target file; the text shows the light; the review workbook lists it", async () => {
    const monitor = path.join(tmp.dir, "监控表.xlsx");
    await (await filledWorkbook()).xlsx.writeFile(monitor);
    const targets = path.join(tmp.dir, "目标表.xlsx");
    const t = projectTable({ name: "职业技能培训项目", indicators: ROWS.map((r) => [r[0], r[1], r[2], "", r[2] === "培训人数" ? "≥600人" : r[3]]) });
    const twb = new ExcelJS.Workbook();
    const ws = twb.addWorksheet("目标表");
    t.rows.forEach((row, i) => row.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue)));
    for (const m of t.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    await twb.xlsx.writeFile(targets);
    const report = path.join(tmp.dir, "审核.xlsx");
    const r = await runCli(["validate", "--targets", targets, "--report", report, monitor]);
    expect(r.code).toBe(1); // forecast-execution is an error
    expect(r.out).toContain("绩效运行监控表「职业技能培训项目」");
    expect(r.out).toMatch(/执行进度: 黄灯（1-7月执行率 40%，序时进度 58\.33%，为序时的 68\.6%）/);
    expect(r.out).toContain("批复目标表中为 ≥600人");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const sum = wb.getWorksheet("汇总")!;
    const head = (sum.getRow(1).values as unknown[]).slice(1);
    const row = (sum.getRow(2).values as unknown[]).slice(1);
    expect(row[head.indexOf("表格类型")]).toBe("绩效运行监控表");
    expect(row[head.indexOf("执行进度")]).toBe("黄灯 68.6%");
    const review = wb.getWorksheet("审核意见")!;
    const cats: unknown[] = [];
    review.eachRow((x) => cats.push(x.getCell(1).value));
    expect(cats).toContain("运行监控");
    // Without --targets there is nothing to compare with in the monitoring workbook: no comparison finding.
    const alone = await runCli(["validate", monitor]);
    expect(alone.out).not.toContain("批复目标表");
    // A --targets file with no target table stops the run with a message.
    const none = await runCli(["validate", "--targets", monitor, monitor]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("未识别到项目支出绩效目标表");
  });
});

describe("a bureau distributing the monitoring template", () => {
  test("listed in distribution.kinds, it is written with the bureau's title and --month, and read back as a monitoring table", async () => {
    const profileFile = path.join(tmp.dir, "bureau.json");
    const profile = { extends: "national", id: "bureau", name: { zh: "某市财政局", en: "A city bureau" }, distribution: { issuer: "某市财政局", region: "某市", year: 2026, version: "2026.1", kinds: ["monitoring"] } };
    await import("node:fs").then((fs) => fs.promises.writeFile(profileFile, JSON.stringify(profile)));
    const out = path.join(tmp.dir, "分发监控表.xlsx");
    const r = await runCli(["template", "--profile", profileFile, "--month", "6", "--out", out]);
    expect(r.code).toBe(0);
    const v = await runCli(["validate", "--format", "json", "--profile", profileFile, out]);
    const j = JSON.parse(v.out) as { files: { tables: { kind: string; name: string; template?: { version: string } }[] }[] };
    expect(j.files[0].tables.map((t) => t.kind)).toEqual(["monitoring"]);
    expect(j.files[0].tables[0].template?.version).toBe("2026.1");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(findOne(wb.worksheets[0], "某市项目支出绩效运行监控表")).toBeDefined();
    expect(findOne(wb.worksheets[0], "1-6月执行数")).toBeDefined();
    // Returned as sent: no template finding. A total typed over its formula: template/formula-overwritten there.
    expect(JSON.stringify(j)).not.toContain('"rule":"template/');
    // (Edited in the read workbook: exceljs would drop the identity, a custom property, on saving.)
    const [tr, tc] = findOne(wb.worksheets[0], "年度资金总额");
    const snap = readXlsx(new Uint8Array(await import("node:fs").then((fs) => fs.promises.readFile(out)))).snapshot;
    const sh = snap.sheets[0];
    sh.values[tr - 1 - sh.origin.row][tc - sh.origin.col] = 120;
    if (sh.formulas) sh.formulas[tr - 1 - sh.origin.row][tc - sh.origin.col] = null;
    const bureau = resolveProfile(profile);
    const rules = validateWorkbook(snap, { profile: bureau }).findings.filter((f) => f.rule.startsWith("template/"));
    expect(rules.map((f) => [f.rule, f.cell])).toEqual([["template/formula-overwritten", `C${tr}`]]);
    // A profile that does not distribute it refuses --month.
    const bad = await runCli(["template", "--profile", profileFile.replace("bureau", "x"), "--month", "6", "--out", path.join(tmp.dir, "y.xlsx")]);
    expect(bad.code).toBe(2);
  });
});

describe("variants of the form, read by the same locator", () => {
  /**
   * A county's form: 全年预算数 | 截至6月底执行数 | 执行率 (as text), a two-level tree (一级指标 | 指标名称), and the
   * answers as ticks under two-row headers (完成目标可能性 → 确定能 | 有可能 | 完全不可能, 偏差原因分析 → 经费保障 …).
   */
  function countyGrid(): Grid {
    const rows: CellValue[][] = [];
    const merges: string[] = [];
    const blank = () => Array<CellValue>(13).fill(null);
    const put = (cells: [number, CellValue][]) => {
      const r = blank();
      for (const [c, v] of cells) r[c] = v;
      rows.push(r);
    };
    put([[0, "2026年度项目绩效运行监控表"]]);
    merges.push("A1:M1");
    put([[0, "项目名称"], [1, "农村饮水安全巩固提升"]]);
    put([[0, "主管部门"], [1, "县水利局"], [6, "实施单位"], [7, "县供水站"]]);
    put([[0, "资金情况（万元）"], [1, "全年预算数"], [2, "截至6月底执行数"], [3, "执行率"]]);
    put([[0, "合计"], [1, 200], [2, 40], [3, "20%"]]);
    put([[0, "财政资金"], [1, 150], [2, 30], [3, "25%"]]);
    put([[0, "其他资金"], [1, 50], [2, 10], [3, "20%"]]);
    put([[0, "一级指标"], [1, "指标名称"], [2, "年度指标值"], [3, "1-6月完成情况"], [4, "全年预计完成值"], [5, "完成目标可能性"], [8, "偏差原因分析"], [12, "完善措施"]]);
    merges.push("F8:H8", "I8:L8");
    for (const c of ["A", "B", "C", "D", "E", "M"]) merges.push(`${c}8:${c}9`);
    put([[5, "确定能"], [6, "有可能"], [7, "完全不可能"], [8, "经费保障"], [9, "制度保障"], [10, "人员保障"], [11, "其他"]]);
    put([[0, "产出指标"], [1, "管网改造长度"], [2, "≥30公里"], [3, "12公里"], [4, "30公里"], [5, "√"]]);
    put([[0, "产出指标"], [1, "水质达标率"], [2, "≥95%"], [3, "90%"], [4, "93%"], [6, "√"], [8, "√"], [12, "加密检测"]]);
    put([[0, "效益指标"], [1, "受益人口"], [2, "≥5000人"], [3, "1000人"], [4, "3000人"], [7, "√"]]);
    return { rows, merges: merges.map((m) => parseRange(m)!) };
  }

  test("read: month 6 from 截至6月底, 指标名称 as the indicator, ticked answers; the rules run on it", async () => {
    const snap = await roundTrip([{ name: "监控", grids: [{ grid: countyGrid() }] }]);
    const r = validateWorkbook(snap);
    expect(r.tables.map((t) => t.kind)).toEqual(["monitoring"]);
    const t = r.located[0] as MonitoringTable;
    expect(t.name).toBe("农村饮水安全巩固提升");
    expect(t.month?.value).toBe(6);
    expect(t.funds.map((f) => [f.label.text, f.total === true])).toEqual([["合计", true], ["财政资金", false], ["其他资金", false]]);
    expect(t.indicators.map((x) => [x.level3?.text, x.likelihood?.text, x.sure, x.reasonGiven])).toEqual([
      ["管网改造长度", "确定能", true, false],
      ["水质达标率", "有可能", false, true],
      ["受益人口", "完全不可能", false, false],
    ]);
    // 40 of 200 by June: 20% against 50%, 40% of pace: red.
    expect(r.tables[0].light).toMatchObject({ color: "red", month: 6 });
    expect(r.findings.filter((f) => f.rule === "monitoring/likelihood-no-reason").map((f) => f.message)).toEqual([expect.stringContaining("受益人口")]);
    // The stated rates as text: 25% for 30 of 150 is wrong (20%); the others are right.
    expect(r.findings.filter((f) => f.rule === "monitoring/rate-mismatch").map((f) => f.cell)).toEqual(["D6"]);
    expect(r.findings.filter((f) => !/^(monitoring|layout)\//.test(f.rule))).toEqual([]);
  });

  test("formula rules run on it too: an error value where a rate should be is reported, and no rate rule guesses at it", async () => {
    const g = countyGrid();
    g.rows[6][3] = { error: "#DIV/0!" };
    const r = validateWorkbook(await roundTrip([{ name: "监控", grids: [{ grid: g }] }]));
    expect(r.findings.filter((f) => f.rule === "formula/error-value").map((f) => f.cell)).toEqual(["D7"]);
    expect(r.findings.filter((f) => f.rule === "monitoring/rate-mismatch").map((f) => f.cell)).toEqual(["D6"]);
  });

  test("a target table is not taken for a monitoring table, nor a monitoring table for a target table", async () => {
    const t = projectTable({ name: "农村饮水安全巩固提升" });
    const snap = await roundTrip([{ name: "目标", grids: [{ grid: t }] }, { name: "监控", grids: [{ grid: countyGrid() }] }]);
    expect(validateWorkbook(snap).tables.map((x) => [x.sheet, x.kind])).toEqual([["目标", "project-target"], ["监控", "monitoring"]]);
  });
});

describe("the vocabulary is data", () => {
  test("a region's forms file adds a 确定能 answer of its own (能够完成): its rows then need no reason", async () => {
    const rows: Row[] = [["产出指标", "数量指标", "培训人数", "≥500人", "320人", "520人", "能够完成", "", ""]];
    const wb = await filledWorkbook({ rows });
    const before = await validate(wb);
    expect(cells(before, "monitoring/likelihood-no-reason")).toEqual(["H14"]);
    const forms = resolveForms({ version: 1, forms: [{ id: "county-monitoring", kind: "monitoring", name: "某县监控表", nameEn: "A county's monitoring table", source: "test", signature: { labels: ["完成目标可能性"] }, vocabulary: { monitoring: { likelihoodSure: ["能够完成"] } } }] });
    const after = await validate(wb, { forms });
    expect(cells(after, "monitoring/likelihood-no-reason")).toEqual([]);
  });
});

describe("reading helpers", () => {
  test("tick lines: boxes before or after their options, several cells joined, a plain answer, nothing", () => {
    const v = vocabularyOf();
    const ticked = (s: string) => tickOptions(s, v).map((o) => `${o.ticked ? "√" : "□"}${o.text}`);
    expect(ticked("√新增项目　□延续项目")).toEqual(["√新增项目", "□延续项目"]);
    expect(ticked("□新增项目　□延续项目")).toEqual(["□新增项目", "□延续项目"]);
    expect(ticked("新增☑ 延续☐")).toEqual(["√新增", "□延续"]);
    expect(ticked("新增√ 延续")).toEqual(["√新增", "□延续"]);
    expect(ticked("延续项目")).toEqual(["√延续项目"]);
    expect(ticked("")).toEqual([]);
  });

  test("months: 1-7月, 1—7月, 1至6月, 截至6月底; not a month past 12 nor a range not from January", () => {
    expect(["1-7月执行数", "1—7月执行率", "1至6月执行情况", "截至6月底执行数", "（2026年1-8月）"].map(monthOf)).toEqual([7, 7, 6, 6, 8]);
    expect(["1-13月执行数", "3-7月执行数", "年初预算数", "全年预计执行数"].map(monthOf)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
