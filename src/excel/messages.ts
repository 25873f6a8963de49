/**
 * 面向财务人员的提示（中文在前，英文随后）：说清楚这台 Excel 少了什么、结果受什么影响、该怎么办，
 * 不出现“需 ExcelApi 1.13”之类的接口术语。The pane helper shows these as they are.
 * Messages a clerk understands: what this Excel could not do, what that means for the result and
 * what to do — never requirement-set jargon (a test checks that).
 */

/** Something the host could not do (or that was skipped), said in both languages. */
export interface Skipped {
  feature: string;
  /** For logs and support only (e.g. "ExcelApi 1.13"); never shown to the user. */
  requirement: string;
  zh: string;
  en: string;
}

const UPDATE_ZH = "升级到 Microsoft 365 版 Excel 或使用网页版 Excel 可获得完整功能。";
const UPDATE_EN = "Microsoft 365 Excel or Excel on the web can do this.";

export const SKIP = {
  mergedAreas: (): Skipped => ({
    feature: "mergedAreas",
    requirement: "ExcelApi 1.13",
    zh: `这个版本的 Excel 无法告诉加载项哪些单元格是合并的，合并单元格里的标签可能识别不全，个别表格可能查不出来。${UPDATE_ZH}`,
    en: `This version of Excel cannot tell the add-in which cells are merged, so labels in merged cells may be missed and a table may not be found. ${UPDATE_EN}`,
  }),
  rangeAreas: (): Skipped => ({
    feature: "rangeAreas",
    requirement: "ExcelApi 1.9",
    zh: "这个版本的 Excel 只能逐块标记单元格颜色，标记会慢一些，结果不受影响。",
    en: "This version of Excel colours the cells block by block; flagging is slower, the result is the same.",
  }),
  notesToComments: (): Skipped => ({
    feature: "notes",
    requirement: "ExcelApi 1.18",
    zh: "这个版本的 Excel 不能由加载项添加“备注”，问题说明改写在单元格的“批注（评论）”里。",
    en: "This version of Excel does not let add-ins add notes; the problem descriptions were written as comments instead.",
  }),
  remarks: (): Skipped => ({
    feature: "remarks",
    requirement: "ExcelApi 1.10",
    zh: `这个版本的 Excel 不能由加载项添加备注或批注，问题单元格只标了颜色，具体说明请看“校验结果”工作表。${UPDATE_ZH}`,
    en: `This version of Excel does not let add-ins add notes or comments; problem cells are only coloured, the descriptions are on the 校验结果 sheet. ${UPDATE_EN}`,
  }),
  commentTaken: (cells: string[]): Skipped => ({
    feature: "commentTaken",
    requirement: "",
    zh: `以下单元格已有您的批注（评论），为不打扰它，没有添加说明（见“校验结果”）：${cells.join("、")}`,
    en: `These cells already carry your comment, so no description was added there (see 校验结果): ${cells.join(", ")}`,
  }),
  pageLayout: (): Skipped => ({
    feature: "pageLayout",
    requirement: "ExcelApi 1.9",
    zh: "这个版本的 Excel 不能由加载项设置打印格式，模板已插入，打印前请在“页面布局”中自行设置纸张和方向。",
    en: "This version of Excel does not let add-ins set up printing; the template was inserted, set paper and orientation under Page Layout before printing.",
  }),
  triggerSource: (): Skipped => ({
    feature: "triggerSource",
    requirement: "ExcelApi 1.14",
    zh: "这个版本的 Excel 分不清哪些修改是加载项自己写的；实时校验在加载项写入后会稍等片刻再响应。",
    en: "This version of Excel cannot tell the add-in's own changes from yours; live validation waits a moment after the add-in writes.",
  }),
  liveUnavailable: (): Skipped => ({
    feature: "liveMode",
    requirement: "ExcelApi 1.9",
    zh: `这个版本的 Excel 不能在您修改单元格时通知加载项，实时校验无法开启；修改后请点“校验”。${UPDATE_ZH}`,
    en: `This version of Excel cannot tell the add-in when you change cells, so live validation is not available; click Validate after editing. ${UPDATE_EN}`,
  }),
  cellEditWait: (): Skipped => ({
    feature: "cellEdit",
    requirement: "ExcelApi 1.11",
    zh: "这个版本的 Excel 在您编辑单元格时会拒绝加载项的操作；实时校验会在您按 Enter 结束编辑后重试。",
    en: "This version of Excel refuses the add-in while you are editing a cell; live validation retries after you press Enter.",
  }),
  protectedSheet: (sheet: string): Skipped => ({
    feature: "protectedSheet",
    requirement: "",
    zh: `工作表“${sheet}”受保护，没有在上面做标记（问题仍列在“校验结果”和窗格中）。如需标记，请先在“审阅 → 撤消工作表保护”后再校验。`,
    en: `The sheet “${sheet}” is protected, so its cells were not flagged (the problems are still listed in 校验结果 and in the pane). To flag them, unprotect it (Review → Unprotect Sheet) and validate again.`,
  }),
  resultsProtected: (sheet: string): Skipped => ({
    feature: "resultsProtected",
    requirement: "",
    zh: `“${sheet}”工作表受保护，这次没有更新它。`,
    en: `The “${sheet}” sheet is protected, so it was not updated this time.`,
  }),
  /** The core's time budget ran out (validateWorkbook's `stopped`): the results shown are incomplete. */
  validationStopped: (seconds: number, unchecked: string[]): Skipped => ({
    feature: "validationStopped",
    requirement: "",
    zh: `校验超过 ${seconds} 秒，已停止，结果不完整${unchecked.length ? `；未检查的工作表：${unchecked.join("、")}` : ""}。请只校验当前工作表，或把很大的工作表拆开后再试。`,
    en: `Validation ran past ${seconds} s and was stopped: the results are incomplete${unchecked.length ? `; sheets not checked: ${unchecked.join(", ")}` : ""}. Validate the active sheet only, or split very large sheets, and try again.`,
  }),
  resultsSheetItself: (sheet: string): Skipped => ({
    feature: "resultsSheetItself",
    requirement: "",
    zh: `“${sheet}”是 PerfCheck 自己生成的问题清单，不作校验；请切换到要检查的表格所在的工作表。`,
    en: `“${sheet}” is PerfCheck's own list of problems and is not validated; switch to the sheet with the tables to check.`,
  }),
  noteConflictsWithComment: (cells: string[]): Skipped => ({
    feature: "noteConflict",
    requirement: "",
    zh: `以下单元格已有批注（评论），Excel 不允许同一单元格再加备注，说明见“校验结果”：${cells.join("、")}`,
    en: `These cells already have a comment and Excel allows no note beside it; see 校验结果 for the descriptions: ${cells.join(", ")}`,
  }),
  partialWrite: (): Skipped => ({
    feature: "partialWrite",
    requirement: "",
    zh: "Excel 中途拒绝了部分标记，已标记的部分已记录，再点一次“校验”或“清除标记”即可补全或完全撤除，不会重复标记。",
    en: "Excel refused part of the flagging; what was written is recorded. Validate or Clear flags again to complete or remove it — nothing is doubled.",
  }),
  hiddenSheet: (sheet: string): Skipped => ({
    feature: "hiddenSheet",
    requirement: "",
    zh: `单元格所在的工作表“${sheet}”已隐藏。请右键工作表标签 → “取消隐藏”，再点这条问题。`,
    en: `The sheet “${sheet}” is hidden. Right-click a sheet tab → Unhide, then click the problem again.`,
  }),
  hostTooOld: (): Skipped => ({
    feature: "hostTooOld",
    requirement: "ExcelApi 1.9",
    zh: "这个版本的 Excel 太旧，PerfCheck 加载项无法在其中运行。请使用 Microsoft 365 版或 2021 及以后版本的 Excel，或网页版 Excel；也可以用命令行工具 perfcheck 检查文件。",
    en: "This version of Excel is too old to run the PerfCheck add-in. Use Microsoft 365, Excel 2021 or later, or Excel on the web — or check the files with the perfcheck command-line tool.",
  }),
};
