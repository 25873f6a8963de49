/** The template plans themselves (pure core): geometry, labels, locking, dropdowns, formulas. */
import { a1, parseA1 } from "../src/core/snapshot";
import {
  buildTemplatePlan,
  INPUT_FILL,
  LEVEL1_CHOICES,
  NATURE_CHOICES,
  PROJECT_LEVELS,
  PROJECT_TYPES,
  TemplateParamError,
  TEMPLATE_KINDS,
  type SheetPlan,
  type TemplateKind,
} from "../src/core/templates";
import { loadSeed000, loadSeed002 } from "../scripts/fixtures/types";
import { indicatorGroups } from "./helpers/templates";

const plans: [TemplateKind, SheetPlan][] = TEMPLATE_KINDS.map((k) => [k, buildTemplatePlan(k, { year: 2026 })]);

function valueAt(plan: SheetPlan, row: number, col: number): string | number | undefined {
  return plan.cells.find((c) => c.row === row && c.col === col)?.value;
}
function rowOf(plan: SheetPlan, label: string, col?: number): number {
  const hits = plan.cells.filter((c) => c.value === label && (col === undefined || c.col === col));
  if (hits.length !== 1) throw new Error(`"${label}" found ${hits.length} times`);
  return hits[0].row;
}

describe.each(plans)("%s plan", (kind, plan) => {
  test("merges do not overlap and every merged cell is planned", () => {
    const seen = new Set<string>();
    for (const m of plan.merges) {
      for (let r = m.top; r <= m.bottom; r++)
        for (let c = m.left; c <= m.right; c++) {
          const k = a1(r, c);
          expect(seen.has(k)).toBe(false);
          seen.add(k);
          expect(plan.cells.some((x) => x.row === r && x.col === c)).toBe(true);
        }
      // Covered cells carry style only; the value sits in the top-left cell.
      const covered = plan.cells.filter((x) => x.row >= m.top && x.row <= m.bottom && x.col >= m.left && x.col <= m.right && !(x.row === m.top && x.col === m.left));
      expect(covered.every((x) => x.value === undefined && x.formula === undefined)).toBe(true);
    }
  });

  test("no cell is planned twice", () => {
    const keys = plan.cells.map((c) => `${c.row},${c.col}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("input cells are unlocked and filled; labels and formulas are locked", () => {
    for (const c of plan.cells) {
      const s = plan.styles[c.style!];
      expect(s).toBeDefined();
      if (s.locked === false) expect(s.fill === INPUT_FILL || c.style === "scoreFormula").toBe(true);
      // The only unlocked formulas are indicator scores a 定性 row overwrites.
      if (c.formula && s.locked === false) expect([kind, c.style]).toEqual(["self-evaluation", "scoreFormula"]);
      if (typeof c.value === "string" && /^(项目名称|资金总额|合计|总分|一级指标|三级指标|小计)$/.test(c.value)) expect(s.locked).not.toBe(false);
    }
    expect(plan.cells.filter((c) => plan.styles[c.style!].locked === false).length).toBeGreaterThan(20);
  });

  test("formulas only reference cells inside the printed table", () => {
    const area = plan.printArea!;
    for (const c of plan.cells.filter((x) => x.formula)) {
      const refs = c.formula!.match(/\$?[A-Z]{1,2}\$?\d+/g) ?? [];
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        const p = parseA1(ref)!;
        expect(p.row).toBeGreaterThanOrEqual(0);
        expect(p.row).toBeLessThanOrEqual(area.bottom);
        expect(p.col).toBeLessThanOrEqual(11);
        expect(p).not.toEqual({ row: c.row, col: c.col }); // no self reference
      }
    }
  });

  test("A4 portrait like the official forms (issue 24), fit to width, title rows repeated, protection off by default", () => {
    expect(plan.print).toMatchObject({ orientation: "portrait", paper: "A4", fitToWidth: true, repeatRows: { first: 0, last: 1 } });
    expect(plan.protect).toBe(false);
    expect(buildTemplatePlan(kind, { protect: true }).protect).toBe(true);
  });

  test("money cells show two decimals", () => {
    const money = plan.cells.filter((c) => c.style === "amount" || c.style === "amountTotal");
    expect(money.length).toBeGreaterThan(5);
    for (const c of money) expect(plan.styles[c.style!].numFmt).toBe("0.00");
  });
});

describe("project plan", () => {
  const plan = buildTemplatePlan("project", { year: 2027, region: "江苏省省级", expenseLines: 4 });
  test("title, year and header labels follow the Wuxi form", () => {
    expect(valueAt(plan, 0, 0)).toBe("江苏省省级项目支出绩效目标表");
    expect(valueAt(plan, 1, 0)).toBe("（2027年度）");
    expect([2, 3, 4, 5].map((r) => [valueAt(plan, r, 0), valueAt(plan, r, 3)])).toEqual([
      ["项目名称", "主管部门"],
      ["项目类型", "项目级次"],
      ["开始时间", "完成时间"],
      ["实施单位", "项目负责人/联系电话"],
    ]);
    expect(plan.merges).toContainEqual({ top: 2, left: 1, bottom: 2, right: 2 });
    for (const l of ["立项必要性", "实施可行性", "项目实施内容", "中长期目标", "年度目标"]) {
      const r = rowOf(plan, l, 0);
      expect(plan.merges).toContainEqual({ top: r, left: 1, bottom: r, right: 4 });
    }
  });

  test("funding block: merged group labels, sources, 资金总额 and 合计 as sums of their own cells", () => {
    const total = rowOf(plan, "资金总额");
    const sources = ["一般公共预算资金", "政府性基金", "国有资本金", "社保基金", "财政专户管理资金", "上年结转资金", "其他资金"].map((l) => rowOf(plan, l, 2));
    expect(sources).toEqual(sources.map((_, i) => total + 1 + i));
    expect(plan.cells.find((c) => c.row === total && c.col === 4)!.formula).toBe(`SUM(E${sources[0] + 1}:E${sources[6] + 1})`);
    const block = plan.merges.find((m) => m.left === 0 && valueAt(plan, m.top, 0) === "项目资金（万元）")!;
    const sum = rowOf(plan, "合计", 2);
    expect(block.bottom).toBe(sum);
    const income = plan.merges.find((m) => m.left === 1 && valueAt(plan, m.top, 1) === "收入")!;
    expect(income.bottom).toBe(sources[6]);
    const out = plan.merges.find((m) => m.left === 1 && valueAt(plan, m.top, 1) === "支出")!;
    expect(valueAt(plan, out.top, 3)).toBe("半年（程）计划执行数");
    expect(valueAt(plan, out.top, 4)).toBe("全年（程）预算数");
    expect(sum - out.top - 1).toBe(4); // four expense lines
    expect(plan.cells.find((c) => c.row === sum && c.col === 3)!.formula).toBe(`SUM(D${out.top + 2}:D${sum})`);
    expect(plan.cells.find((c) => c.row === sum && c.col === 4)!.formula).toBe(`SUM(E${out.top + 2}:E${sum})`);
  });

  test("dropdowns: 项目类型, 项目级次, 一级 and 二级", () => {
    const lists = plan.validations.map((v) => v.list.join(","));
    expect(lists).toContain(PROJECT_TYPES.join(","));
    expect(lists).toContain(PROJECT_LEVELS.join(","));
    expect(lists).toContain(LEVEL1_CHOICES.join(","));
    expect(lists.some((l) => l.includes("数量指标") && l.includes("服务对象满意度") && l.includes("经济成本指标"))).toBe(true);
    expect(LEVEL1_CHOICES).toContain("成本指标");
  });

  test("standard 决策/过程 rows match the seed-000 tables that use the standard grouping", () => {
    const header = rowOf(plan, "一级指标");
    const groups = indicatorGroups(plan, 0, 1, header + 1);
    const planned = new Set<string>();
    for (const [g, rows] of groups) if (/^(决策|过程)\//.test(g)) for (const r of rows) planned.add([g, valueAt(plan, r, 2), valueAt(plan, r, 3), valueAt(plan, r, 4)].join("|"));
    expect(planned.size).toBe(11);
    // Each standard row reads as most seed-000 tables write it (some tables deviate: =100% half-year, 组织基础).
    const seen = new Map<string, Map<string, number>>();
    for (const t of loadSeed000().tables)
      for (const r of t.indicators.filter((x) => x.level1 === "决策" || x.level1 === "过程")) {
        const m = seen.get(r.level3) ?? new Map<string, number>();
        const k = [`${r.level1}/${r.level2}`, r.level3, r.half, r.full].join("|");
        m.set(k, (m.get(k) ?? 0) + 1);
        seen.set(r.level3, m);
      }
    const modes = new Set([...seen.values()].map((m) => [...m].sort((a, b) => b[1] - a[1])[0][0]));
    // Except the half-year 预算执行率: most seed tables write =100%, which contradicts 序时进度 (the
    // funding/half-year-execution-rate rule flags it); the template follows seed table 1's =50%.
    expect(modes.has("过程/资金管理|预算执行率|=100%|=100%")).toBe(true);
    expect(seen.get("预算执行率")!.get("过程/资金管理|预算执行率|=50%|=100%")).toBeGreaterThan(0);
    modes.delete("过程/资金管理|预算执行率|=100%|=100%");
    modes.add("过程/资金管理|预算执行率|=50%|=100%");
    expect(modes).toEqual(planned);
    expect([...groups.keys()].filter((g) => !/^(决策|过程)/.test(g))).toEqual([
      "产出指标/数量指标", "产出指标/质量指标", "产出指标/时效指标", "产出指标/成本指标",
      "效益指标/经济效益", "效益指标/社会效益", "效益指标/生态效益", "效益指标/可持续影响", "满意度指标/服务对象满意度",
    ]);
  });

  test("indicatorRows and groupRows size the empty groups", () => {
    const p = buildTemplatePlan("project", { indicatorRows: 3, groupRows: { 数量指标: 5 } });
    const groups = indicatorGroups(p, 0, 1, rowOf(p, "一级指标") + 1);
    expect(groups.get("产出指标/数量指标")!.length).toBe(5);
    expect(groups.get("产出指标/质量指标")!.length).toBe(3);
    expect(groups.get("决策/项目立项")!.length).toBe(2);
  });

  test("bad parameters are refused with a bilingual message", () => {
    expect(() => buildTemplatePlan("project", { expenseLines: 0 })).toThrow(TemplateParamError);
    expect(() => buildTemplatePlan("project", { indicatorRows: 1.5 })).toThrow(/整数/);
    expect(() => buildTemplatePlan("project", { year: 1900 })).toThrow(TemplateParamError);
    expect(() => buildTemplatePlan("nope" as TemplateKind)).toThrow(TemplateParamError);
  });
});

describe("department plan", () => {
  const plan = buildTemplatePlan("department", { year: 2022, expenseLines: 3 });
  test("seven columns, seed-002 labels and the 财政拨款 group", () => {
    expect(plan.columnWidths.length).toBe(7);
    // The built-in default names no city (issue 24).
    expect(valueAt(plan, 0, 0)).toBe("部门整体绩效目标表");
    for (const l of ["单位名称", "单位主要职能", "机构设置及人员配置"]) expect(plan.merges).toContainEqual({ top: rowOf(plan, l, 0), left: 1, bottom: rowOf(plan, l, 0), right: 6 });
    const sub = rowOf(plan, "小计", 3);
    const fin = plan.merges.find((m) => m.left === 2 && valueAt(plan, m.top, 2) === "财政拨款")!;
    expect(fin).toEqual({ top: sub, left: 2, bottom: sub + 3, right: 2 });
    expect(["一般公共预算资金", "政府性基金", "财政专户管理资金"].map((l) => rowOf(plan, l, 3))).toEqual([sub + 1, sub + 2, sub + 3]);
    expect(plan.cells.find((c) => c.row === sub && c.col === 6)!.formula).toBe(`SUM(G${sub + 2}:G${sub + 4})`);
    const total = rowOf(plan, "资金总额", 2);
    const others = ["国有资本金", "社保基金", "上年结转资金", "其他资金"].map((l) => rowOf(plan, l, 2));
    expect(plan.cells.find((c) => c.row === total && c.col === 6)!.formula).toBe(`SUM(G${sub + 1},G${others[0] + 1}:G${others[3] + 1})`);
    const proj = rowOf(plan, "项目支出", 2);
    expect(plan.cells.find((c) => c.row === proj && c.col === 6)!.formula).toBe(`SUM(G${proj + 2}:G${proj + 4})`);
    expect(valueAt(plan, rowOf(plan, "基本支出", 2) - 1, 5)).toBe("半年计划执行数");
  });

  test("standard rows equal seed 002's; 履职 header and rows follow", () => {
    const header = rowOf(plan, "三级指标", 2);
    const groups = indicatorGroups(plan, 0, 1, header + 1);
    const planned = [...groups].flatMap(([g, rows]) => rows.map((r) => [g, valueAt(plan, r, 2), valueAt(plan, r, 5), valueAt(plan, r, 6)].join("|")));
    const seed = loadSeed002().department;
    const seedRows = (seed.indicators as { level1: string; level2: string; level3: string; half: string; full: string }[]).map((r) => [`${r.level1}/${r.level2}`, r.level3, r.half, r.full].join("|"));
    expect(new Set(planned)).toEqual(new Set(seedRows));
    const duty = rowOf(plan, "重点工作");
    expect([0, 1, 2, 3, 4, 5, 6].map((c) => valueAt(plan, duty, c))).toEqual(["一级指标", "二级指标", "重点工作", "对应项目", "三级指标", "半年指标值", "全年指标值"]);
    expect(valueAt(plan, duty + 1, 0)).toBe("履职");
    const after = indicatorGroups(plan, 0, 1, plan.merges.find((m) => m.top === duty + 1 && m.left === 0)!.bottom + 1);
    expect([...after.keys()]).toEqual(["效益指标/经济效益", "效益指标/社会效益", "效益指标/生态效益", "效益指标/可持续影响", "满意度指标/服务对象满意度"]);
  });
});

describe("self-evaluation plan", () => {
  const plan = buildTemplatePlan("self-evaluation", { year: 2025 });
  test("财预〔2020〕10号 labels", () => {
    const fundHeader = rowOf(plan, "年初预算数");
    expect([2, 3, 4, 5, 6, 7].map((c) => valueAt(plan, fundHeader, c))).toEqual(["年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"]);
    expect([1, 2, 3].map((i) => valueAt(plan, fundHeader + i + 1, 1))).toEqual(["其中：当年财政拨款", "上年结转资金", "其他资金"]);
    const ind = rowOf(plan, "三级指标");
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((c) => valueAt(plan, ind, c))).toEqual(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]);
    // 总分's 分值 is the weights' sum (a sheet whose weights add to 105 shows 105), not a constant 100.
    const fundTotal = rowOf(plan, "年度资金总额");
    const total = rowOf(plan, "总分");
    expect(plan.cells.find((c) => c.row === total && c.col === 5)!.formula).toBe(`SUM(F${fundTotal + 1},F${ind + 2}:F${total})`);
    // The footnote stays inside the print area and names no column outside it.
    const note = plan.cells.find((c) => typeof c.value === "string" && c.value.startsWith("注："))!;
    expect(note.row).toBeLessThanOrEqual(plan.printArea!.bottom);
    expect(String(note.value)).not.toMatch(/[I-L] ?列/);
    expect(plan.printArea).toMatchObject({ left: 0, right: 7 });
  });

  test("指标性质 dropdown on every indicator row; 总分 sums the 执行率 score and every indicator score", () => {
    const ind = rowOf(plan, "三级指标");
    const total = rowOf(plan, "总分");
    const natures = plan.validations.filter((v) => v.list.join() === NATURE_CHOICES.join());
    expect(natures.map((v) => v.range.top)).toEqual(Array.from({ length: total - ind - 1 }, (_, i) => ind + 1 + i));
    const fundTotal = rowOf(plan, "年度资金总额");
    expect(plan.cells.find((c) => c.row === total && c.col === 6)!.formula).toBe(`SUM(H${fundTotal + 1},G${ind + 2}:G${total})`);
  });
});
