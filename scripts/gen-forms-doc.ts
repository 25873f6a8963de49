/** Writes docs/forms.md from the built-in form catalogue (run: npm run docs). A test keeps it in step. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { BUILTIN_FORMS } from "../src/core/forms/builtin";

const KIND: Record<string, string> = {
  "project-target": "项目支出绩效目标表 project target",
  "department-target": "部门整体绩效目标表 department target",
  "self-evaluation": "绩效自评表 self-evaluation",
  "evaluation-report": "评价报告评分表 evaluation report",
  monitoring: "绩效运行监控表 monitoring",
};

const list = (xs: readonly string[] | undefined) => (xs && xs.length ? xs.map((x) => `\`${x}\``).join("、") : "—");

export function renderFormsDoc(): string {
  const out: string[] = [
    "# PerfCheck 表式目录 / Form catalogue",
    "",
    "Generated from `src/core/forms/builtin.ts` by `npm run docs`; do not edit by hand.",
    "",
    "各地在全国表式基础上各有变化：标题、锚点标签、表头字段、资金行、指标列和指标体系都可能不同。PerfCheck 把这些词汇放在表式目录（数据，经 zod 校验）里，定位算法只读目录；",
    "所有表式的词汇合并使用（审核人员的文件夹里混有各地表式），每张表再报告它最接近哪种表式（JSON 输出中的 `form`）。",
    "",
    "Every region prints its own variant of the national forms. The vocabulary (titles, anchors, field labels, funding lines, indicator column roles)",
    "is data in this catalogue, validated by zod; the locators read with the union of every form, and each table reports the form it matches best (`form` in the JSON output).",
    "",
    "## 如何添加一个地区表式 / Adding a region's form",
    "",
    "Write a JSON file with `version: 1` and a `forms` list, and pass it with `perfcheck validate --forms FILE` (the add-in takes the same file).",
    "Its forms are added to the built-in ones; a form whose `id` repeats a built-in id replaces it. A wrong field is reported with its path, e.g.",
    "`forms.json: 字段 forms.0.vocabulary.indicatorColumns.0.role：…`. Patterns are regular expressions over label text normalised as the locators",
    "see it (full-width brackets → ASCII, no spaces or line breaks, no trailing colon); indicator column patterns match the header path,",
    "`parent/child` for a two-row header (e.g. `年度指标值/度量单位`), so `(^|/)指标值$` matches both `指标值` and `年度指标值/指标值`.",
    "",
    "A pattern that could make matching take exponential time is refused when the file is loaded, naming the file, the field and the pattern",
    "(`src/core/forms/patternSafety.ts`): no repetition of something that itself repeats or is optional (`(a+)+`, `(.*a){20}`), no repetition",
    "of a group with alternatives (`(a|aa)+` — write a character class, `[ab]+`), at most one open-ended repetition (`*`, `+`, `{n,}`) on",
    "any path through the pattern (`.*a.*b` is refused), at most 4,096 ways through its optional parts and alternatives, no back-references",
    "or look-arounds, counts up to 1,000 and patterns up to 1,000 characters. Every built-in pattern passes these rules.",
    "",
    "```json",
    JSON.stringify(
      {
        version: 1,
        forms: [
          {
            id: "example-county-form",
            kind: "project-target",
            name: "某县项目绩效目标表（预期指标值列）",
            nameEn: "A county's target form (预期指标值 column)",
            source: "某县财政局 2024 年公开表",
            signature: { labels: ["项目编号", "预期指标值"] },
            vocabulary: {
              anchors: { "project-target": ["项目编号"] },
              fields: { "project-target": { 项目编号: "projectName" } },
              indicatorColumns: [{ role: "full", header: ["(^|/)预期指标值$"] }],
            },
          },
        ],
      },
      null,
      2,
    ),
    "```",
    "",
    "Indicator column roles: `level1` `level2` `level3` (the tree), `half` `full` (targets; `full` is the year's), `midterm`, `unit`, `nature`,",
    "`explanation`, `standard`, `weight`, `keyWork`, `project`, `ignore` (never read). Roles are tried in a fixed order with the target last, so a",
    "`度量单位` or `指标值类型` column under a `年度指标值` parent is never taken for the target.",
    "",
    "Word lists (not patterns) that a form may add to, each merged with the built-in forms' lists:",
    "",
    "| field | meaning |",
    "|---|---|",
    "| `funding.departmentLines.basic` / `.project` | a department form's spending line whose label starts with one of these is its 基本支出 / its 项目支出 total; the other spending lines are its projects |",
    "| `department.titleWords` | a title holding one of these (部门整体, 整体支出) is a department-wide table's: it starts a department table, and a project anchor under it yields |",
    "| `department.dutyItem` / `.dutyAmount` | header labels (units in brackets ignored) of the item and amount columns of a 年度履职目标 spending sub-table (支出项目名称, 预算金额); its rows are spending lines checked against the annual budget (funding/duty-lines) |",
    "| `selfEvaluation.totalRows` | the row that closes a self-evaluation's indicator rows and states its total (总分, 合计) |",
    "| `selfEvaluation.fundUnitWords` | the fund block's label holding one of these before a bracketed 万元 / 元 states the block's unit (项目资金（万元）) |",
    "| `selfEvaluation.scanWords` | the header scan asks the column roles only of labels holding one of these: a form whose 三级指标 or actual column, or title, holds none of them adds a word |",
    "| `monitoring.*` | the mid-year monitoring table (绩效运行监控表; docs/monitoring.md): `titles`, `fields`, `tickFields` (header lines answered by ticking a box) with `tickMarks` (√ ☑ …) and `boxMarks` (□ ☐), `fundColumns` (roles `budget`, `forecast`, `executed`, `rate`), `fundTotals`, `columns` (roles `level1`–`level3`, `full`, `progress` 执行情况, `forecast` 全年预计完成情况, `likelihood` 完成目标可能性, `reason`, `measures` 完善措施, `note`, `unit`, `nature`), `goalTarget` / `goalActual` (the goal block's labels), `likelihoodSure` (answers that need no reason: 确定能), `likelihoodChoices` and `reasonChoices` (the template's dropdowns) |",
    "| `evaluationReport.*` | header labels of evaluation-report scoring tables: `totalGoal`, `detailGoal`, `project`, `level1`–`level3`, `weight`, `target` and `actual` (a year or 年度 may precede them), `score`; `subtotalRows` (小计 …); `headerWeight`, the weight label that with a score label starts a scoring table anywhere (分值 is left out: target tables have it) |",
    "",
    "The words that classify a self-evaluation's 一级 groups and name its 预算执行率 row are scoring vocabulary: they are in the profile",
    "(`scoring.groups`, `scoring.executionRateNames`; docs/scoring.md).",
    "",
    "**A form's own scoring scheme.** Where a region's self-evaluation form scores differently from the run's profile (预算执行 20 and the",
    "rest split between goal blocks, other completion bands), the form says so: `\"scoring\": {\"weights\": {\"execution\": 20, \"output\": 40,",
    "\"benefit\": 30, \"satisfaction\": 10}, \"qualitativeBands\": [...]}` (weights must add up to 100). A table whose title or labels match",
    "that form is checked and scored with them; other tables in the same run keep the profile's. A form from a region's file whose signature",
    "title matches is preferred to every built-in form, so give it a title pattern specific to the region's tables.",
    "Evaluation-style tables whose 一级 are 项目决策 / 项目管理 / 项目绩效 give `\"sections\": [{\"name\": \"项目决策\", \"words\": [\"决策\"],",
    "\"weight\": 2}, ...]` instead: each section's rows are held to its weight (or to the weight its own label states, 项目决策（2分）), and the",
    "10号 split and required groups do not apply. How each scheme scores is in docs/scoring.md.",
    "",
    "## 内置表式 / Built-in forms",
    "",
    "| id | 表种 kind | 名称 name | 来源 source |",
    "|---|---|---|---|",
  ];
  for (const f of BUILTIN_FORMS.forms) out.push(`| \`${f.id}\` | ${KIND[f.kind]} | ${f.name} / ${f.nameEn} | ${f.source} |`);
  out.push("");
  for (const f of BUILTIN_FORMS.forms) {
    const v = f.vocabulary ?? {};
    out.push(`### ${f.id}`, "", `**${f.name}** / ${f.nameEn}`, "", `- 来源 source: ${f.source}${f.regions ? `; 地区 regions: ${f.regions.join("、")}` : ""}`);
    out.push(`- 识别 recognised by: titles ${list(f.signature.titles)}; labels ${list(f.signature.labels)}`);
    if (f.scoring?.sections) out.push(`- 计分 scoring: 一级分区 ${f.scoring.sections.map((x) => `${x.name}${x.weight === undefined ? "" : ` ${x.weight}`}（${x.words.join("、")}）`).join(" / ")}`);
    if (f.scoring?.weights) out.push(`- 计分 scoring: 预算执行 ${f.scoring.weights.execution} / 产出 ${f.scoring.weights.output} / 效益 ${f.scoring.weights.benefit} / 满意度 ${f.scoring.weights.satisfaction}`);
    if (v.titles) out.push(`- 标题 titles: ${list(v.titles)}`);
    if (v.anchors) for (const [k, xs] of Object.entries(v.anchors)) out.push(`- 锚点 anchors (${k}): ${list(xs)}`);
    if (v.fields) for (const [k, m] of Object.entries(v.fields)) out.push(`- 字段 fields (${k}): ${Object.entries(m ?? {}).map(([l, key]) => `${l}→${key}`).join("、")}`);
    if (v.funding) {
      for (const [k, xs] of Object.entries(v.funding)) {
        if (Array.isArray(xs)) out.push(`- 资金 funding.${k}: ${list(xs)}`);
        else for (const [sub, ys] of Object.entries(xs ?? {})) out.push(`- 资金 funding.${k}.${sub}: ${list(ys as string[])}`);
      }
    }
    if (v.department?.titleWords) out.push(`- 部门整体表标题词 department.titleWords: ${list(v.department.titleWords)}`);
    if (v.department?.dutyItem) out.push(`- 履职目标子表项目列 department.dutyItem: ${list(v.department.dutyItem)}`);
    if (v.department?.dutyAmount) out.push(`- 履职目标子表金额列 department.dutyAmount: ${list(v.department.dutyAmount)}`);
    if (v.indicatorColumns) out.push(`- 指标列 indicator columns: ${v.indicatorColumns.map((c) => `${c.role} ← ${list(c.header)}${c.not ? ` (not ${list(c.not)})` : ""}`).join("; ")}`);
    if (v.selfEvaluation?.columns) out.push(`- 自评表列 self-evaluation columns: ${v.selfEvaluation.columns.map((c) => `${c.role} ← ${list(c.header)}`).join("; ")}`);
    for (const k of ["totalRows", "fundUnitWords", "scanWords"] as const) {
      const xs = v.selfEvaluation?.[k];
      if (xs) out.push(`- 自评表 selfEvaluation.${k}: ${list(xs)}`);
    }
    if (v.monitoring?.columns) out.push(`- 监控表列 monitoring columns: ${v.monitoring.columns.map((c) => `${c.role} ← ${list(c.header)}${c.not ? ` (not ${list(c.not)})` : ""}`).join("; ")}`);
    if (v.monitoring?.fundColumns) out.push(`- 监控表资金列 monitoring fund columns: ${v.monitoring.fundColumns.map((c) => `${c.role} ← ${list(c.header)}${c.not ? ` (not ${list(c.not)})` : ""}`).join("; ")}`);
    for (const k of ["titles", "fields", "tickFields", "tickMarks", "boxMarks", "fundTotals", "goalTarget", "goalActual", "likelihoodSure", "likelihoodChoices", "reasonChoices"] as const) {
      const xs = v.monitoring?.[k];
      if (xs) out.push(`- 监控表 monitoring.${k}: ${list(xs)}`);
    }
    if (v.evaluationReport) out.push(`- 评价报告评分表 evaluationReport: ${Object.entries(v.evaluationReport).map(([k, xs]) => `${k} ${list(xs)}`).join("; ")}`);
    out.push("");
  }
  return out.join("\n");
}

if (require.main === module) {
  const file = path.join(__dirname, "..", "docs", "forms.md");
  writeFileSync(file, renderFormsDoc());
  console.log(`wrote ${file} (${BUILTIN_FORMS.forms.length} forms)`);
}
