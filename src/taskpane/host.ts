/**
 * What the task pane needs from Excel, as an interface: the React components get it injected, so
 * they are tested without Office (tests pass a fake; index.tsx passes the Office.js one).
 */
import type { FormCatalogue } from "../core/forms/schema";
import type { Finding } from "../core/finding";
import type { IgnoredFinding } from "../core/ignores";
import type { Profile } from "../core/profile";
import type { TableSummary } from "../core/validate";
import type { WorkbookReading } from "../core/reading/inspect";
import type { TemplateKind, TemplateParams } from "../core/templates/params";
import type { Skipped } from "../excel/capabilities";
import type { Scope } from "../excel/snapshot";
import type { Lang } from "./messages";

export interface PaneResult {
  tables: TableSummary[];
  findings: Finding[];
  /** Findings set aside by the workbook's ignore list, with the reason. */
  ignored: IgnoredFinding[];
  skipped: Skipped[];
  resultsSheet?: string;
  /** The scope that was validated (whole-workbook results show sheet names). */
  scope?: Scope;
}

export interface PaneHost {
  /** With a `profile` that distributes this kind (a bureau's, issue 24), its template and identity are inserted instead. */
  insertTemplate(kind: TemplateKind, lang: Lang, params?: TemplateParams, profile?: Profile): Promise<{ sheet: string; skipped: Skipped[] }>;
  /** `profile`: a built-in profile or one loaded from a file (default national). `forms`: a region's form catalogue loaded in the pane (docs/forms.md). */
  validate(scope: Scope, lang: Lang, profile?: Profile, forms?: FormCatalogue): Promise<PaneResult>;
  clearFlags(lang: Lang): Promise<{ skipped: Skipped[] }>;
  /** Select a finding's cell; when Excel cannot (a hidden or deleted sheet), the reason in both languages. */
  selectCell(sheet: string, cell: string): Promise<{ zh: string; en: string } | undefined>;
  /**
   * Turn live mode on (updates arrive through onResult) or off. `on` says whether it is on now: a
   * host that cannot report changes leaves it off, with the reason in `skipped`.
   */
  setLive(on: boolean, lang: Lang, onResult: (r: PaneResult) => void, onError: (e: unknown) => void, profile?: Profile, forms?: FormCatalogue): Promise<{ on: boolean; skipped: Skipped[] }>;
  /** Ignore one finding (scope "finding") or its whole rule (scope "rule") in this workbook. */
  ignore(f: Finding, scope: "finding" | "rule", reason: string): Promise<void>;
  /** Take an ignore back. */
  restore(f: IgnoredFinding): Promise<void>;
  /**
   * Call `onChange` whenever the workbook changes so the pane can mark its results stale: "edit" (cells
   * changed), "activate" (another sheet became active), "focus" (hosts without events: the pane got
   * the focus back, so something may have changed). Returns the unsubscribe function.
   */
  watchChanges(onChange: (kind: "edit" | "activate" | "focus") => void): Promise<() => void>;
  /** How the active sheet is read (the 读作… view): the same Reading `perfcheck inspect` prints. Optional: older fakes lack it. */
  readSheet?(profile?: Profile, forms?: FormCatalogue): Promise<WorkbookReading>;
}
