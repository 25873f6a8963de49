/**
 * What the task pane needs from Excel, as an interface: the React components get it injected, so
 * they are tested without Office (tests pass a fake; index.tsx passes the Office.js one).
 */
import type { Finding } from "../core/finding";
import type { TableSummary } from "../core/validate";
import type { TemplateKind } from "../core/templates/params";
import type { Skipped } from "../excel/capabilities";
import type { Scope } from "../excel/snapshot";
import type { Lang } from "./messages";

export interface PaneResult {
  tables: TableSummary[];
  findings: Finding[];
  skipped: Skipped[];
  resultsSheet?: string;
}

export interface PaneHost {
  insertTemplate(kind: TemplateKind, lang: Lang): Promise<{ sheet: string; skipped: Skipped[] }>;
  /** `profileId` names a built-in profile (BUILTIN_PROFILES); default national. */
  validate(scope: Scope, lang: Lang, profileId?: string): Promise<PaneResult>;
  clearFlags(lang: Lang): Promise<{ skipped: Skipped[] }>;
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Turn live mode on (updates arrive through onResult) or off. */
  setLive(on: boolean, lang: Lang, onResult: (r: PaneResult) => void, onError: (e: unknown) => void, profileId?: string): Promise<Skipped[]>;
}
