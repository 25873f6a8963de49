/**
 * Requirement sets the adapter depends on, detected at run time so one build serves every host
 * (Excel 2019 perpetual, 1.8, up to Microsoft 365). Whatever a host lacks is degraded and reported.
 */

export interface RequirementChecker {
  isSetSupported(name: string, minVersion?: string): boolean;
  /** Office.context.platform ("PC", "Mac", "OfficeOnline", …): a few members exist in a set but not on every platform. */
  platform?: string;
}

export interface Capabilities {
  /** Worksheet.getRanges / RangeAreas (1.9): one conditional format for many cells. */
  rangeAreas: boolean;
  /** Range.getMergedAreasOrNullObject (1.13). */
  mergedAreas: boolean;
  /** Notes (1.18): the preferred in-cell remark. */
  notes: boolean;
  /**
   * Note.width / Note.height (1.18, but "not supported in Excel on the web" per the Note reference): our
   * notes are sized to show their whole text where the host allows it.
   */
  noteSize: boolean;
  /** Threaded comments (1.10): the fallback remark. */
  comments: boolean;
  /** WorksheetChangedEventArgs.triggerSource (1.14): tells our own writes apart. */
  triggerSource: boolean;
  /** Worksheet.pageLayout (1.9) for template print set-up. */
  pageLayout: boolean;
  /** WorksheetCollection.onChanged (1.9): live mode. */
  changeEvents: boolean;
  /** RunOptions.delayForCellEdit (1.11): batches wait while the user edits a cell instead of failing. */
  delayForCellEdit: boolean;
  /**
   * Workbook.functions (1.2): DATE(1904,1,1) is 0 in a workbook on the 1904 date system, 1462 otherwise.
   * Workbook.use1904DateSystem would say it directly but is in no released requirement set (preview only).
   */
  dateSystem: boolean;
  /** The host runs the add-in at all (the manifest asks for 1.9; older hosts get a message). */
  supported: boolean;
}

export { SKIP, type Skipped } from "./messages";

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
    noteSize: has("1.18") && req.platform !== "OfficeOnline",
    comments: has("1.10"),
    triggerSource: has("1.14"),
    pageLayout: has("1.9"),
    changeEvents: has("1.9"),
    delayForCellEdit: has("1.11"),
    dateSystem: has("1.2"),
    supported: has("1.9"),
  };
}

/** The checker of the running Office host; every set reported supported outside Office (tests inject their own). */
export function officeRequirements(): RequirementChecker {
  const g = globalThis as unknown as { Office?: { context?: { requirements?: RequirementChecker; platform?: unknown; diagnostics?: { platform?: unknown } } } };
  const c = g.Office?.context;
  const r = c?.requirements;
  if (!r) return { isSetSupported: () => true };
  const platform = c?.diagnostics?.platform ?? c?.platform ?? r.platform;
  return { isSetSupported: (name, v) => r.isSetSupported(name, v), platform: typeof platform === "string" ? platform : undefined };
}

