/**
 * Requirement sets the adapter depends on, detected at run time so one build serves every host
 * (Excel 2016 perpetual up to Microsoft 365). Whatever a host lacks is degraded and reported.
 */

export interface RequirementChecker {
  isSetSupported(name: string, minVersion?: string): boolean;
}

export interface Capabilities {
  /** Worksheet.getRanges / RangeAreas (1.9): one conditional format for many cells. */
  rangeAreas: boolean;
  /** Range.getMergedAreasOrNullObject (1.13). */
  mergedAreas: boolean;
  /** Notes (1.18): the preferred in-cell remark. */
  notes: boolean;
  /** Threaded comments (1.10): the fallback remark. */
  comments: boolean;
  /** WorksheetChangedEventArgs.triggerSource (1.14): tells our own writes apart. */
  triggerSource: boolean;
  /** Worksheet.pageLayout (1.9) for template print set-up. */
  pageLayout: boolean;
}

/** Something the host could not do, said in both languages. */
export interface Skipped {
  feature: string;
  requirement: string;
  zh: string;
  en: string;
}

export function detectCapabilities(req: RequirementChecker): Capabilities {
  const has = (v: string) => {
    try {
      return req.isSetSupported("ExcelApi", v);
    } catch {
      return false;
    }
  };
  return {
    rangeAreas: has("1.9"),
    mergedAreas: has("1.13"),
    notes: has("1.18"),
    comments: has("1.10"),
    triggerSource: has("1.14"),
    pageLayout: has("1.9"),
  };
}

/** The checker of the running Office host; every set reported supported outside Office (tests inject their own). */
export function officeRequirements(): RequirementChecker {
  const g = globalThis as unknown as { Office?: { context?: { requirements?: RequirementChecker } } };
  const r = g.Office?.context?.requirements;
  return r ?? { isSetSupported: () => true };
}

export const SKIP = {
  mergedAreas: (): Skipped => ({
    feature: "mergedAreas",
    requirement: "ExcelApi 1.13",
    zh: "此 Excel 版本无法读取合并单元格（需 ExcelApi 1.13），合并区域内的标签可能识别不全。",
    en: "This Excel cannot read merged areas (needs ExcelApi 1.13); labels inside merged cells may be missed.",
  }),
  rangeAreas: (): Skipped => ({
    feature: "rangeAreas",
    requirement: "ExcelApi 1.9",
    zh: "此 Excel 版本不支持多区域（需 ExcelApi 1.9），已按矩形逐块标记，速度较慢。",
    en: "This Excel has no RangeAreas (needs ExcelApi 1.9); cells were flagged block by block, which is slower.",
  }),
  notesToComments: (): Skipped => ({
    feature: "notes",
    requirement: "ExcelApi 1.18",
    zh: "此 Excel 版本不支持批注（需 ExcelApi 1.18），问题说明改用评论。",
    en: "This Excel has no notes (needs ExcelApi 1.18); problem remarks were written as comments.",
  }),
  remarks: (): Skipped => ({
    feature: "remarks",
    requirement: "ExcelApi 1.10",
    zh: "此 Excel 版本既不支持批注也不支持评论，单元格只标颜色，说明见“校验结果”工作表。",
    en: "This Excel supports neither notes nor comments; cells are only coloured, see the 校验结果 sheet for the messages.",
  }),
  commentTaken: (cells: string[]): Skipped => ({
    feature: "commentTaken",
    requirement: "",
    zh: `以下单元格已有用户评论，未添加说明（见“校验结果”）：${cells.join("、")}`,
    en: `These cells already carry a user comment, so no remark was added (see 校验结果): ${cells.join(", ")}`,
  }),
  pageLayout: (): Skipped => ({
    feature: "pageLayout",
    requirement: "ExcelApi 1.9",
    zh: "此 Excel 版本不支持页面设置（需 ExcelApi 1.9），模板未设置打印格式。",
    en: "This Excel has no page layout API (needs ExcelApi 1.9); the template's print set-up was skipped.",
  }),
  triggerSource: (): Skipped => ({
    feature: "triggerSource",
    requirement: "ExcelApi 1.14",
    zh: "此 Excel 版本无法区分本加载项的写入（需 ExcelApi 1.14），实时模式改用内部标志忽略自身写入。",
    en: "This Excel cannot tell our own writes apart (needs ExcelApi 1.14); live mode ignores them with an internal guard.",
  }),
};
