/**
 * The seeds' own mistakes, found in real .xlsx files written from the transcriptions and read back.
 */
import { buildSeed000Workbook, buildSeed002Workbook } from "../scripts/fixtures/seedWorkbook";
import { readWorkbookSnapshot } from "../src/cli/snapshot";
import type { Finding } from "../src/core/finding";
import type { DepartmentTargetTable, ProjectTargetTable } from "../src/core/model";
import { validateWorkbook, type ValidationResult } from "../src/core/validate";

let seed000: ValidationResult;
let seed002: ValidationResult;

beforeAll(async () => {
  seed000 = validateWorkbook(await readWorkbookSnapshot(await buildSeed000Workbook()));
  seed002 = validateWorkbook(await readWorkbookSnapshot(await buildSeed002Workbook()));
});

function tableFindings(res: ValidationResult, name: string): Finding[] {
  const t = res.tables.find((x) => x.name === name);
  if (!t) throw new Error(`table ${name} not found; have ${res.tables.map((x) => x.name).join(", ")}`);
  return res.findings.filter((f) => f.table === t.index);
}

function rules(fs: Finding[]): string[] {
  return fs.map((f) => f.rule);
}

describe("seed 000: 22 Wuxi project tables on two sheets", () => {
  test("all 22 tables are found, on both sheets, as project targets", () => {
    expect(seed000.tables).toHaveLength(22);
    expect(new Set(seed000.tables.map((t) => t.sheet))).toEqual(new Set(["数据局项目1", "数据局项目2"]));
    expect(seed000.tables.every((t) => t.kind === "project-target")).toBe(true);
    // The second sheet's tables start in column C.
    expect(seed000.tables.filter((t) => t.sheet === "数据局项目2").every((t) => t.range.startsWith("C"))).toBe(true);
  });

  test("every table reads its funding block and indicator rows", () => {
    for (const t of seed000.located as ProjectTargetTable[]) {
      expect(t.funding.total?.full).toBeDefined();
      expect(t.funding.sources.length).toBeGreaterThanOrEqual(7);
      expect(t.indicators.length).toBeGreaterThan(10);
      expect(t.fields.projectName?.value?.text).toBe(t.name);
    }
  });

  test("信息化项目评审服务费: expenses 59 against 资金总额 50, and a cost ceiling ≤59万元 above the budget", () => {
    const f = tableFindings(seed000, "信息化项目评审服务费");
    const exp = f.find((x) => x.rule === "funding/expenses-equal-total")!;
    expect(exp.message).toContain("59");
    expect(exp.message).toContain("50");
    expect(rules(f)).toContain("indicator/cost-above-budget");
  });

  test("局信息系统第三方测评 and 审计服务项目: expense totals differ from 资金总额", () => {
    expect(rules(tableFindings(seed000, "局信息系统第三方测评"))).toContain("funding/expenses-equal-total");
    const audit = tableFindings(seed000, "审计服务项目").find((x) => x.rule === "funding/expenses-equal-total")!;
    expect(audit.messageEn).toContain("10.71");
    expect(audit.messageEn).toContain("5");
  });

  test("数据工作推进: the half-year 预算执行率 =100% does not match 20 of 49.5", () => {
    const f = tableFindings(seed000, "数据工作推进").filter((x) => x.rule === "funding/half-year-execution-rate");
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe("warning");
    expect(f[0].message).toContain("20 / 49.5");
  });

  test("the clean standard rows raise nothing", () => {
    const standard = new Set(["立项依据充分性", "立项程序规范性", "绩效目标合理性", "绩效指标明确性", "预算编制科学性", "资金分配合理性", "资金到位率", "资金使用合规性", "管理制度健全性", "制度执行有效性"]);
    const cells = new Set<string>();
    for (const t of seed000.located as ProjectTargetTable[]) {
      for (const row of t.indicators) {
        if (!standard.has(row.level3?.text ?? "")) continue;
        for (const it of [row.level3, row.half, row.full]) if (it) cells.add(`${t.sheet}!${it.cell.row}:${it.cell.col}`);
      }
    }
    expect(cells.size).toBeGreaterThan(22 * 10 * 2);
    const onStandard = seed000.findings.filter((f) => cells.has(`${f.sheet}!${f.row}:${f.col}`));
    expect(onStandard).toEqual([]);
  });

  test("every finding points at a cell inside its table", () => {
    for (const f of seed000.findings) {
      const t = seed000.tables[f.table!];
      expect(f.sheet).toBe(t.sheet);
      expect(f.row).toBeGreaterThanOrEqual(t.rect.top);
      expect(f.row).toBeLessThanOrEqual(t.rect.bottom);
      expect(f.col).toBeGreaterThanOrEqual(t.rect.left);
      expect(f.col).toBeLessThanOrEqual(t.rect.right);
    }
  });
});

describe("seed 002: the department table", () => {
  let dept: DepartmentTargetTable;
  let f: Finding[];
  beforeAll(() => {
    dept = seed002.located.find((t) => t.kind === "department-target") as DepartmentTargetTable;
    f = seed002.findings.filter((x) => x.table === seed002.located.indexOf(dept));
  });

  test("is found and read: funding, 33 project lines, the 履职 block", () => {
    expect(dept.name).toBe("无锡市机关事务管理局（本级）");
    expect(dept.funding.total?.full?.value).toBeCloseTo(53272.97674, 5);
    expect(dept.funding.appropriation).toBeDefined();
    expect(dept.funding.appropriationParts.map((p) => p.label.text)).toEqual(["一般公共预算资金", "政府性基金", "财政专户管理资金"]);
    expect(dept.projectLines).toHaveLength(33);
    const duty = dept.indicators.filter((r) => r.level1?.text === "履职");
    expect(duty.length).toBeGreaterThan(40);
    expect(duty.some((r) => r.extra.keyWork?.text)).toBe(true);
  });

  test("project lines add to 50184.14 against a stated 项目支出 of 50767.13", () => {
    const full = f.find((x) => x.rule === "funding/project-lines-sum" && x.message.includes("全年"))!;
    expect(full.message).toContain("50184.14");
    expect(full.message).toContain("50767.13");
  });

  test("机关事务综合管理经费: half-year 248 above a full-year 0", () => {
    const h = f.filter((x) => x.rule === "funding/half-not-above-full");
    expect(h).toHaveLength(1);
    expect(h[0].message).toContain("机关事务综合管理经费");
    expect(h[0].message).toContain("248");
  });

  test("基本支出 + 项目支出 = 资金总额 holds, so it raises nothing", () => {
    expect(rules(f)).not.toContain("funding/basic-plus-project");
    expect(rules(f)).not.toContain("funding/total-equals-sources");
    expect(rules(f)).not.toContain("funding/appropriation-equals-parts");
  });

  test("the duplicated 履职 rows are reported", () => {
    const d = f.filter((x) => x.rule === "indicator/duplicate").map((x) => x.message);
    expect(d.some((m) => m.includes("完成2021年度决算公开工作"))).toBe(true);
    expect(d.some((m) => m.includes("完成2021年政府财务报告编制工作"))).toBe(true);
  });

  test("the short project tables on the second sheet are found too", () => {
    expect(seed002.tables.filter((t) => t.sheet === "项目目标" && t.kind === "project-target").length).toBe(33);
  });
});
