/**
 * The seed workbooks are written to real .xlsx buffers and read back with exceljs: placement,
 * merges and values must come back as the layout (and the form spec) says.
 */
import ExcelJS from "exceljs";
import { addr } from "../scripts/fixtures/layout";
import { writeProjectTable } from "../scripts/fixtures/projectTable";
import {
  buildSeed000Workbook,
  buildSeed000WorkbookWithLayout,
  buildSeed002Workbook,
  buildSeed002WorkbookWithLayout,
  type Seed000Layout,
  type Seed002Layout,
} from "../scripts/fixtures/seedWorkbook";
import { loadSeed000, loadSeed002, type ProjectTable } from "../scripts/fixtures/types";

type Pos = { row: number; col: number };

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const a1 = addr;

function merges(ws: ExcelJS.Worksheet): Set<string> {
  return new Set((ws.model as { merges?: string[] }).merges ?? []);
}

function val(ws: ExcelJS.Worksheet, p: Pos): ExcelJS.CellValue {
  return ws.getCell(p.row, p.col).value;
}

/** What the JSON string should read back as: "" is written as an empty cell. */
function expectedText(s: string): string | null {
  return s === "" ? null : s;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`missing sheet ${name}`);
  return ws;
}

function findTable(layout: Seed000Layout, name: string) {
  const p = layout.projects.find((x) => x.table.fields[0].value === name);
  if (!p) throw new Error(`no table ${name}`);
  return p;
}

describe("seed 000 workbook", () => {
  let wb: ExcelJS.Workbook;
  let layout: Seed000Layout;

  beforeAll(async () => {
    const built = await buildSeed000WorkbookWithLayout();
    wb = await read(built.buffer);
    layout = built.layout;
  });

  test("the plain builder writes the same workbook sheets", async () => {
    const again = await read(await buildSeed000Workbook());
    expect(again.worksheets.map((w) => w.name)).toEqual(["数据局项目1", "数据局项目2"]);
  });

  test("sheet names and table placement", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["数据局项目1", "数据局项目2"]);
    expect(layout.projects).toHaveLength(22);
    const s1 = layout.projects.filter((p) => p.sheet === "数据局项目1");
    const s2 = layout.projects.filter((p) => p.sheet === "数据局项目2");
    expect(s1).toHaveLength(11);
    expect(s2).toHaveLength(11);
    expect(s1[0].layout.title).toEqual({ row: 1, col: 1 });
    expect(s2[0].layout.title).toEqual({ row: 3, col: 3 });
    expect(sheet(wb, "数据局项目1").getCell("A1").value).toBe("无锡市本级项目预算绩效目标表");
    expect(sheet(wb, "数据局项目2").getCell("C3").value).toBe("无锡市本级项目预算绩效目标表");
    for (const group of [s1, s2]) {
      const ws = sheet(wb, group[0].sheet);
      for (let i = 1; i < group.length; i++) {
        const prevBottom = group[i - 1].layout.bottom;
        const top = group[i].layout.title.row;
        // one or two blank rows between tables
        expect([2, 3]).toContain(top - prevBottom);
        for (let r = prevBottom + 1; r < top; r++) {
          for (let c = 1; c <= 8; c++) expect(ws.getCell(r, c).value).toBeNull();
        }
        expect(group[i].layout.origin.col).toBe(group[0].layout.origin.col);
      }
    }
  });

  test("every table's 项目名称 and 资金总额 are where the layout says", () => {
    const seed = loadSeed000();
    expect(layout.projects.map((p) => p.table.id)).toEqual(seed.tables.map((t) => t.id));
    for (const p of layout.projects) {
      const ws = sheet(wb, p.sheet);
      const o = p.layout.origin;
      const name = p.layout.fields[0];
      // 项目名称 is the row after title and year; its value is merged over the next two columns.
      expect(name.labelCell).toEqual({ row: o.row + 2, col: o.col });
      expect(val(ws, name.labelCell)).toBe("项目名称");
      expect(val(ws, name.valueCell)).toBe(p.table.fields[0].value);
      expect(merges(ws).has(`${a1(o.row + 2, o.col + 1)}:${a1(o.row + 2, o.col + 2)}`)).toBe(true);
      expect(val(ws, { row: o.row + 2, col: o.col + 3 })).toBe("主管部门");
      const total = p.layout.funding!.sources[0];
      expect(val(ws, total.labelCell)).toBe("资金总额");
      expect(total.amountCell.col).toBe(o.col + 4);
      expect(val(ws, total.amountCell)).toBe(p.table.funding!.sources[0].amount);
    }
  });

  test("merged label cells: title, year, 项目资金, 收入, 支出, 一级/二级 groups", () => {
    for (const p of layout.projects) {
      const ws = sheet(wb, p.sheet);
      const m = merges(ws);
      const o = p.layout.origin;
      const f = p.layout.funding!;
      expect(m.has(`${a1(o.row, o.col)}:${a1(o.row, o.col + 4)}`)).toBe(true);
      expect(m.has(`${a1(o.row + 1, o.col)}:${a1(o.row + 1, o.col + 4)}`)).toBe(true);
      expect(String(val(ws, f.blockLabel))).toMatch(/^项目资金\s*[（(]万元[）)]$/);
      const expenseEnd = f.expenseHeader.row + Math.max(p.table.expenses!.length, 1);
      expect(m.has(`${a1(f.blockLabel.row, o.col)}:${a1(expenseEnd, o.col)}`)).toBe(true);
      expect(val(ws, f.income)).toBe("收入");
      expect(m.has(`${a1(f.income.row, o.col + 1)}:${a1(f.income.row + 8, o.col + 1)}`)).toBe(true);
      expect(val(ws, f.expenseHeader)).toBe("支出");
      expect(String(val(ws, { row: f.expenseHeader.row, col: o.col + 3 }))).toMatch(/^半年[（(]程[）)]\n?计划执行数$/);
      // 决策 is merged down its rows.
      const rows = p.table.indicators;
      const firstRow = p.layout.indicatorRows[0];
      const n决策 = rows.filter((r) => r.level1 === "决策").length;
      expect(rows[0].level1).toBe("决策");
      expect(m.has(`${a1(firstRow, o.col)}:${a1(firstRow + n决策 - 1, o.col)}`)).toBe(true);
      expect(val(ws, { row: p.layout.indicatorHeaderRow, col: o.col })).toBe("一级指标");
    }
  });

  test("header spellings vary across tables", () => {
    const halves = new Set<string>();
    for (const p of layout.projects) {
      const ws = sheet(wb, p.sheet);
      halves.add(String(val(ws, { row: p.layout.indicatorHeaderRow, col: p.layout.origin.col + 3 })));
      const contact = p.layout.fields.find((f) => f.label.startsWith("项目负责人"))!;
      expect(val(ws, contact.labelCell)).toBe("项目负责人/ 联系电话");
    }
    expect(halves).toEqual(new Set(["半年（程）指标值", "半年（程）\n指标值", "半年(程)指标值"]));
    const blockLabels = new Set(layout.projects.map((p) => String(val(sheet(wb, p.sheet), p.layout.funding!.blockLabel))));
    expect(blockLabels.has("项目资金 (万元)")).toBe(true);
    expect(blockLabels.has("项目资金（万元）")).toBe(true);
  });

  test("values come back unchanged: strings stay strings, numbers numbers, null stays empty", () => {
    for (const p of layout.projects) {
      const ws = sheet(wb, p.sheet);
      p.layout.fields.forEach((f, i) => expect(val(ws, f.valueCell)).toBe(p.table.fields[i].value));
      p.layout.funding!.sources.forEach((s, i) => {
        const v = val(ws, s.amountCell);
        expect(typeof v).toBe("number");
        expect(v).toBe(p.table.funding!.sources[i].amount);
      });
      p.layout.expenses.forEach((e, i) => {
        const src = p.table.expenses![i];
        expect(val(ws, e.nameCell)).toBe(src.name);
        expect(val(ws, e.halfCell)).toBe(src.half);
        expect(val(ws, e.fullCell)).toBe(src.full);
      });
      p.layout.goals.forEach((g, i) => expect(val(ws, g.valueCell)).toBe(p.table.goals![i].value));
      p.table.indicators.forEach((r, i) => {
        const row = p.layout.indicatorRows[i];
        const c = p.layout.origin.col;
        expect(ws.getCell(row, c + 2).value).toBe(expectedText(r.level3));
        expect(ws.getCell(row, c + 3).value).toBe(expectedText(r.half));
        expect(ws.getCell(row, c + 4).value).toBe(expectedText(r.full));
        // exceljs reports a covered merged cell with its master's value: 一级/二级 fill down.
        expect(ws.getCell(row, c).value).toBe(expectedText(r.level1));
        expect(ws.getCell(row, c + 1).value).toBe(expectedText(r.level2));
      });
    }
  });

  test("the seeds' own inconsistencies are in the written cells", () => {
    const at = (name: string) => {
      const p = findTable(layout, name);
      return { p, ws: sheet(wb, p.sheet) };
    };
    const total = (name: string) => {
      const { p, ws } = at(name);
      return val(ws, p.layout.funding!.sources[0].amountCell);
    };
    const expenseFull = (name: string) => {
      const { p, ws } = at(name);
      return p.layout.expenses.reduce((s, e) => s + (Number(val(ws, e.fullCell)) || 0), 0);
    };
    expect(total("信息化项目评审服务费")).toBe(50);
    expect(expenseFull("信息化项目评审服务费")).toBe(59);
    {
      const { p, ws } = at("信息化项目评审服务费");
      const i = p.table.indicators.findIndex((r) => r.level2 === "成本指标");
      expect(ws.getCell(p.layout.indicatorRows[i], p.layout.origin.col + 4).value).toBe("≤59万元");
    }
    expect(expenseFull("局信息系统第三方测评")).not.toBe(total("局信息系统第三方测评"));
    expect(total("审计服务项目")).toBe(10.71);
    expect(expenseFull("审计服务项目")).toBe(5);
    {
      const { p, ws } = at("数据工作推进");
      expect(p.table.expenses).toHaveLength(1);
      expect(val(ws, p.layout.expenses[0].halfCell)).toBe(20);
      expect(val(ws, p.layout.expenses[0].fullCell)).toBe(49.5);
      const i = p.table.indicators.findIndex((r) => r.level3 === "预算执行率");
      expect(ws.getCell(p.layout.indicatorRows[i], p.layout.origin.col + 3).value).toBe("=100%");
    }
    {
      const { p, ws } = at("法律事务服务费用");
      expect(val(ws, p.layout.expenses[0].halfCell)).toBe(0);
      expect(val(ws, p.layout.expenses[0].fullCell)).toBeNull();
      const row = (l3: string) => p.layout.indicatorRows[p.table.indicators.findIndex((r) => r.level3 === l3)];
      const c = p.layout.origin.col;
      expect([ws.getCell(row("立项依据充分性"), c + 3).value, ws.getCell(row("立项依据充分性"), c + 4).value]).toEqual(["充分", "充分"]);
      expect([ws.getCell(row("资金到位率"), c + 3).value, ws.getCell(row("资金到位率"), c + 4).value]).toEqual(["序时进度", "100%"]);
    }
  });
});

describe("seed 002 workbook", () => {
  let wb: ExcelJS.Workbook;
  let layout: Seed002Layout;

  beforeAll(async () => {
    const built = await buildSeed002WorkbookWithLayout();
    wb = await read(built.buffer);
    layout = built.layout;
  });

  test("sheet names", async () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["部门整体", "项目目标"]);
    const again = await read(await buildSeed002Workbook());
    expect(again.worksheets.map((w) => w.name)).toEqual(["部门整体", "项目目标"]);
  });

  test("department header, funding and merged labels sit in columns A–G", () => {
    const ws = sheet(wb, "部门整体");
    const m = merges(ws);
    expect(ws.getCell("A1").value).toBe("无锡市市级部门整体预算绩效目标表");
    expect(m.has("A1:G1")).toBe(true);
    expect(ws.getCell("A3").value).toBe("单位名称");
    expect(ws.getCell("B3").value).toBe("无锡市机关事务管理局（本级）");
    expect(m.has("B3:G3")).toBe(true);
    const d = layout.department.layout;
    expect(val(ws, d.fundingLabel)).toBe("部门整体资金（万元）");
    expect(d.fundingLabel.col).toBe(1);
    const total = d.income[0];
    expect(val(ws, total.labelCell)).toBe("资金总额");
    expect(total.fullCell.col).toBe(7);
    expect(val(ws, total.fullCell)).toBe(53272.97674);
    expect(val(ws, d.appropriationLabel)).toBe("财政拨款");
    expect(d.appropriationLabel.col).toBe(3);
    expect(m.has(`C${d.appropriationLabel.row}:C${d.appropriationLabel.row + 3}`)).toBe(true);
    expect(ws.getCell(d.appropriationLabel.row, 4).value).toBe("小计");
    const lastExpenseRow = d.expenses[d.expenses.length - 1].labelCell.row;
    expect(m.has(`A${d.fundingLabel.row}:A${lastExpenseRow}`)).toBe(true);
    expect(ws.getCell(d.block1HeaderRow, 3).value).toBe("三级指标");
    expect(m.has(`C${d.block1HeaderRow}:E${d.block1HeaderRow}`)).toBe(true);
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => ws.getCell(d.dutyHeaderRow, c).value)).toEqual([
      "一级指标",
      "二级指标",
      "重点工作",
      "对应项目",
      "三级指标",
      "半年指标值",
      "全年指标值",
    ]);
  });

  test("the department's project lines add up to 50184.14 in the written cells, not to 项目支出", () => {
    const ws = sheet(wb, "部门整体");
    // Found by label, independently of the layout record.
    let projectRow = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(3).value === "项目支出") projectRow = r;
    });
    expect(projectRow).toBeGreaterThan(0);
    let sum = 0;
    let lines = 0;
    for (let r = projectRow + 1; ws.getCell(r, 1).value !== "中长期目标"; r++) {
      const full = ws.getCell(r, 7).value;
      expect(typeof full).toBe("number");
      sum += full as number;
      lines++;
      expect(lines).toBeLessThan(100);
    }
    expect(lines).toBe(loadSeed002().department.expenses.lines.length);
    expect(Math.abs(sum - 50184.14)).toBeLessThan(0.005);
    expect(ws.getCell(projectRow, 7).value).toBe(50767.13);
    const basic = ws.getCell(projectRow - 1, 7).value as number;
    expect(ws.getCell(projectRow - 1, 3).value).toBe("基本支出");
    expect(Math.abs(basic + 50767.13 - 53272.97674)).toBeLessThan(1e-6);
    let mgmt = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(3).value === "机关事务综合管理经费") mgmt = r;
    });
    expect([ws.getCell(mgmt, 6).value, ws.getCell(mgmt, 7).value]).toEqual([248, 0]);
  });

  test("the 履职 block keeps its duplicated rows and merges", () => {
    const ws = sheet(wb, "部门整体");
    const m = merges(ws);
    const d = layout.department.layout;
    const seed = loadSeed002().department;
    const rows = seed.duty.groups.flatMap((g) => g.items.flatMap((i) => i.rows));
    expect(d.dutyRows).toHaveLength(rows.length);
    rows.forEach((r, i) => {
      expect(ws.getCell(d.dutyRows[i], 5).value).toBe(r.level3);
      expect(ws.getCell(d.dutyRows[i], 6).value).toBe(r.half);
      expect(ws.getCell(d.dutyRows[i], 7).value).toBe(r.full);
    });
    const count = (text: string) => d.dutyRows.filter((r) => ws.getCell(r, 5).value === text).length;
    expect(count("完成2021年度决算公开工作")).toBe(2);
    expect(count("完成2021年政府财务报告编制工作")).toBe(2);
    const first = d.dutyRows[0];
    const last = d.dutyRows[d.dutyRows.length - 1];
    expect(ws.getCell(first, 1).value).toBe("履职");
    expect(m.has(`A${first}:A${last}`)).toBe(true);
    // The first 职能 is merged down its ten rows (B) with its 重点工作 (C).
    const n = seed.duty.groups[0].items[0].rows.length;
    expect(m.has(`B${first}:B${first + n - 1}`)).toBe(true);
    expect(m.has(`C${first}:C${first + n - 1}`)).toBe(true);
    expect(ws.getCell(d.outcomeHeaderRow + 5, 3).value).toBe("市级机关服务保障工作满意度");
  });

  test("the short project tables are stacked on 项目目标", () => {
    const ws = sheet(wb, "项目目标");
    const seed = loadSeed002();
    expect(layout.projects).toHaveLength(seed.projects.length);
    expect(ws.getCell("A1").value).toBe("无锡市市级项目预算绩效目标表");
    for (const p of layout.projects) {
      expect(val(ws, p.layout.fields[0].labelCell)).toBe("项目名称");
      expect(val(ws, p.layout.fields[0].valueCell)).toBe(p.table.fields[0].value);
      expect(p.layout.funding).toBeUndefined();
    }
  });
});

describe("writeProjectTable at an arbitrary origin", () => {
  test("lays the form out relative to its origin", async () => {
    const table: ProjectTable = loadSeed000().tables[2];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("T");
    const layout = writeProjectTable(ws, table, { row: 5, col: 4 });
    const back = await read(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const s = sheet(back, "T");
    const m = merges(s);
    expect(s.getCell("D5").value).toBe(table.title);
    expect(m.has("D5:H5")).toBe(true);
    expect(s.getCell("D6").value).toBe("2026年度");
    expect(s.getCell("D7").value).toBe("项目名称");
    expect(s.getCell("E7").value).toBe("信息化项目评审服务费");
    expect(m.has("E7:F7")).toBe(true);
    expect(s.getCell("G7").value).toBe("主管部门");
    expect(s.getCell("H7").value).toBe("无锡市数据局");
    // 4 pair rows, then 立项必要性 / 实施可行性 / 项目实施内容 merged over E–H.
    expect(s.getCell("D11").value).toBe("立项必要性");
    expect(m.has("E11:H11")).toBe(true);
    // Funding starts after 项目实施内容 (row 13): header row 14, 资金总额 row 15.
    expect(String(s.getCell("D14").value)).toContain("项目资金");
    expect(s.getCell("E14").value).toBe("收入");
    expect(s.getCell("H14").value).toBe("全年（程）预算数");
    expect(s.getCell("F15").value).toBe("资金总额");
    expect(m.has("F15:G15")).toBe(true);
    expect(s.getCell("H15").value).toBe(50);
    expect(m.has("E14:E22")).toBe(true);
    expect(s.getCell("E23").value).toBe("支出");
    expect(s.getCell("G23").value).toBe("半年（程）计划执行数");
    expect(s.getCell("F24").value).toBe("信息化项目评审服务费");
    expect([s.getCell("G24").value, s.getCell("H24").value]).toEqual([0, 59]);
    expect(m.has("D14:D24")).toBe(true);
    expect(s.getCell("D25").value).toBe("中长期目标");
    expect(s.getCell("D27").value).toBe("一级指标");
    expect(layout.indicatorHeaderRow).toBe(27);
    expect(layout.bottom).toBe(27 + table.indicators.length);
  });
});
