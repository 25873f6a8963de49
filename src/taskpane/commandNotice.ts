/**
 * What the ribbon's 校验 command should tell the user, so no outcome is silent: the counts, "no table
 * recognised" as its own case with a hint, or the error. Plain text, no React, no Office: src/commands
 * shows it through whatever notification it has (a dialog, or a shared runtime's task pane).
 * Each text is one short line for the title and at most ~120 characters of body.
 */
import type { Finding } from "../core/finding";
import type { TableSummary } from "../core/validate";
import type { Lang } from "./messages";

export interface CommandNotice {
  intent: "success" | "warning" | "error";
  title: string;
  body: string;
}

/** After a run: counts per severity, ignored findings apart; nothing found is not "all clear". */
/**
 * `remarks`: what this Excel can attach to a flagged cell — notes (注释, 1.18), threaded comments (批注,
 * 1.10) or nothing (colour only) — so the notice never promises a remark the cell does not carry.
 */
export function commandResultNotice(
  r: { tables: readonly TableSummary[]; findings: readonly Finding[]; ignored?: readonly unknown[]; resultsSheet?: string },
  lang: Lang,
  remarks: "notes" | "comments" | "none" = "notes",
): CommandNotice {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of r.findings) c[f.severity]++;
  const ignored = r.ignored?.length ?? 0;
  if (r.tables.length === 0) {
    return lang === "zh"
      ? { intent: "warning", title: "未识别到绩效表", body: "当前工作表中没有可校验的表格，未添加标记。可在任务窗格中“插入模板”，或确认表式是否受支持。" }
      : { intent: "warning", title: "No table recognised", body: "The active sheet has no table to validate; nothing was flagged. Insert a template from the task pane, or check the table's layout is supported." };
  }
  const sheet = r.resultsSheet;
  if (lang === "zh") {
    const tail = `${ignored ? `，已忽略 ${ignored}` : ""}${sheet ? `。详见“${sheet}”工作表` : ""}。`;
    return c.error + c.warning + c.info === 0
      ? { intent: "success", title: "校验完成：未发现问题", body: `${r.tables.length} 张表均未发现问题${tail}` }
      : { intent: c.error ? "error" : "warning", title: `校验完成：错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}`, body: `${r.tables.length} 张表，问题单元格已标色${REMARK_ZH[remarks]}${tail}` };
  }
  const tail = `${ignored ? `; ${ignored} ignored` : ""}${sheet ? `. See the sheet "${sheet}".` : "."}`;
  return c.error + c.warning + c.info === 0
    ? { intent: "success", title: "Validated: no problems found", body: `${r.tables.length} ${r.tables.length === 1 ? "table" : "tables"}, no problems${tail}` }
    : { intent: c.error ? "error" : "warning", title: `Validated: ${c.error} errors, ${c.warning} warnings, ${c.info} info`, body: `${r.tables.length} ${r.tables.length === 1 ? "table" : "tables"}; problem cells are coloured${REMARK_EN[remarks]}${tail}` };
}

/** Current zh-CN Excel: 注释 for notes, 批注 for threaded comments. */
const REMARK_ZH = { notes: "并加注释", comments: "并加批注", none: "（此版本 Excel 不能在单元格上附加说明）" } as const;
const REMARK_EN = { notes: " and carry a note", comments: " and carry a comment", none: " (this version of Excel cannot attach a remark to a cell)" } as const;

/** When the run failed: the host's message (describeHostError gives both languages). */
export function commandErrorNotice(message: { zh: string; en: string }, lang: Lang): CommandNotice {
  return lang === "zh" ? { intent: "error", title: "校验未完成", body: message.zh } : { intent: "error", title: "Validation did not finish", body: message.en };
}
