import type { Rule } from "../types";

/**
 * Layout rules: reported by the locator while it reads a table (their check is a no-op here),
 * listed as rules so they have ids, severities, messages and docs like every other finding.
 */
const ALL_KINDS = ["project-target", "department-target", "self-evaluation", "evaluation-report"] as const;

export const layoutRules: Rule[] = [
  {
    meta: {
      id: "layout/unsure-reading",
      category: "layout",
      severity: "info",
      appliesTo: ALL_KINDS,
      title: { zh: "部分列未能确定", en: "Some columns could not be told" },
      doc: {
        zh: "表格按单元格内容读取时，有的列（如一级指标、三级指标、指标值）既无可识别的表头文字，内容也不足以判断；依赖这些列的检查没有进行，以免误报。用“读作…”（命令行 perfcheck inspect）可查看每列被读作什么。",
        en: "Reading the table by its content, some columns (such as 一级, 三级 or the target) had neither header words PerfCheck knows nor content clear enough to tell; the checks that depend on them were not run, so as not to raise false alarms. The 读作… view (perfcheck inspect on the command line) shows how each column was read.",
      },
      fix: {
        zh: "按标准模板的列名填写表头（一级指标、二级指标、三级指标、指标值），再重新校验。",
        en: "Head the columns as the standard template does (一级指标, 二级指标, 三级指标, 指标值), then validate again.",
      },
      messages: {
        "unsure-reading": { zh: "未能确定{roles}，依赖它们的检查未进行", en: "Could not tell {rolesEn}; the checks that depend on them were not run" },
      },
    },
    check: () => undefined,
  },
  {
    meta: {
      id: "layout/unreadable-table",
      category: "layout",
      severity: "error",
      appliesTo: ALL_KINDS,
      title: { zh: "无法读取的表格", en: "Table cannot be read" },
      doc: {
        zh: "找到了表格的标题或锚点标签，但缺少读取所需的结构（如指标表头），其余检查无法进行。",
        en: "The table's title or anchor label was found but the structure needed to read it (such as the indicator header) is missing, so its other checks cannot run.",
      },
      fix: { zh: "按标准模板补齐表头和区块（可用“插入模板”对照），再重新校验。", en: "Restore the missing header or block as in the standard template (Insert template shows it), then validate again." },
      messages: { "unreadable-table": { zh: "无法读取此表：{reason}", en: "This table cannot be read: {reasonEn}" } },
    },
    check: () => undefined,
  },
  {
    meta: {
      id: "layout/missing-column",
      category: "layout",
      severity: "warning",
      appliesTo: ALL_KINDS,
      title: { zh: "缺少列", en: "Missing column" },
      doc: {
        zh: "表头缺少一列（如“半年指标值”），依赖该列的检查被跳过。",
        en: "A header lacks a column (such as the half-year value); checks that need it are skipped.",
      },
      fix: { zh: "在表头补上缺少的列（名称与模板一致），或确认本表确实不需要该列。", en: "Add the missing column to the header (named as in the template), or confirm this table does not need it." },
      messages: { "missing-column": { zh: "表头缺少“{column}”列", en: "The header has no \"{column}\" column" } },
    },
    check: () => undefined,
  },
  {
    meta: {
      id: "layout/missing-block",
      category: "layout",
      severity: "error",
      appliesTo: ALL_KINDS,
      title: { zh: "缺少表格区块", en: "Missing block" },
      doc: {
        zh: "表格缺少必需的区块（资金、指标表）。",
        en: "The table lacks a required block (funding or indicators).",
      },
      fix: { zh: "补上缺少的资金或指标区块，区块标题与模板一致。", en: "Add the missing funding or indicator block, titled as in the template." },
      messages: { "missing-block": { zh: "未找到“{block}”区块", en: "No \"{block}\" block was found" } },
    },
    check: () => undefined,
  },
  {
    meta: {
      id: "layout/split-table",
      category: "layout",
      severity: "warning",
      appliesTo: ALL_KINDS,
      title: { zh: "表格被拆分", en: "Table split" },
      doc: {
        zh: "表格的一部分似乎在另一张工作表或远离表头的位置，请合并到一处再校验。",
        en: "Part of the table seems to sit on another sheet or far from its header; put it in one place and validate again.",
      },
      fix: { zh: "把表格的各部分移到同一张工作表、紧接在表头下方。", en: "Move the parts of the table onto one sheet, directly below its header." },
      messages: { "split-table": { zh: "表格在此处中断：{reason}", en: "The table breaks off here: {reasonEn}" } },
    },
    check: () => undefined,
  },
  {
    meta: {
      id: "layout/hidden-sheet",
      category: "layout",
      severity: "info",
      appliesTo: ALL_KINDS,
      title: { zh: "表格在隐藏的工作表上", en: "Table on a hidden sheet" },
      doc: {
        zh: "隐藏或深度隐藏的工作表上的表格照常校验，但打开工作簿的人看不到它；请确认它应当上报。",
        en: "Tables on hidden or very hidden sheets are validated like any other, but whoever opens the workbook cannot see them; check that they are meant to be submitted.",
      },
      fix: { zh: "确认该表应当上报；应上报则取消隐藏工作表，否则删除或移出工作簿。", en: "Confirm the table belongs in the submission: unhide its sheet if so, otherwise remove it." },
      messages: { "hidden-sheet": { zh: "此表位于{state}的工作表“{sheet}”上", en: "This table is on the {stateEn} sheet \"{sheet}\"" } },
    },
    check: () => undefined,
  },
  {
    meta: {
      id: "internal/rule-failed",
      category: "layout",
      severity: "info",
      appliesTo: ALL_KINDS,
      title: { zh: "检查未能完成", en: "A check could not finish" },
      doc: {
        zh: "某条规则在此表上出错而未完成；其余检查照常进行。请把工作簿反馈给开发者。",
        en: "A rule failed on this table and did not finish; the other checks ran. Please report the workbook.",
      },
      fix: { zh: "其余检查不受影响；请把工作簿发给维护人员以便修正。", en: "The other checks are unaffected; send the workbook to the maintainers so they can fix it." },
      messages: {
        rule: { zh: "规则 {rule} 未能完成：{error}", en: "Rule {rule} did not finish: {error}" },
        locator: { zh: "无法读取此工作表：{error}", en: "This sheet could not be read: {error}" },
      },
    },
    check: () => undefined,
  },
];
