import type { Severity } from "../finding";
import type { CellRef, Table, TableKind } from "../model";
import type { Profile } from "../profile";
import type { TemplateContext } from "../templates/returned";

export type RuleCategory = "layout" | "header" | "funding" | "indicator" | "score" | "formula" | "template" | "monitoring";

/** A message template in both languages; `{name}` placeholders are filled from the report's data. */
export interface Message {
  zh: string;
  en: string;
}

export interface RuleMeta {
  /** `category/name`, stable: reviewers filter and other tools key on it. */
  id: string;
  category: RuleCategory;
  severity: Severity;
  /** Table kinds the rule runs on. */
  appliesTo: readonly TableKind[];
  title: Message;
  /** A short explanation for docs/rules.md: what, why, and the source. */
  doc: Message;
  /** One line: what the clerk should do about a finding (shown in the pane and at the end of the cell's note). */
  fix?: Message;
  messages: Record<string, Message>;
  /**
   * Column roles of the table's Reading the rule depends on (level1, level3, full …). Where the Reading
   * is unsure of any of them the rule does not run on that table: a false alarm costs a reviewer's trust
   * more than a miss, and the table gets one information finding naming what could not be read instead.
   */
  needs?: readonly string[];
  /**
   * "targets": the rule compares the table with the approved target tables (RuleContext.targets), so it runs
   * once every sheet of the workbook has been read (a target table may sit on a later sheet).
   */
  compares?: "targets";
}

export interface Report {
  cell: CellRef;
  messageId: string;
  data?: Record<string, string | number>;
  /** Override the rule's default severity for this one report. */
  severity?: Severity;
}

export interface RuleContext {
  profile: Profile;
  report(r: Report): void;
  /** The distributed template this table was made from and its alignment (only when the profile distributes templates). */
  template?: TemplateContext;
  /**
   * The approved target tables a monitoring table is compared with: those given with `--targets` (explicit),
   * else the target tables of the same workbook. Set only for rules with `compares: "targets"`.
   */
  targets?: { tables: readonly Table[]; explicit: boolean };
}

export interface Rule<T extends Table = Table> {
  meta: RuleMeta;
  check(table: T, ctx: RuleContext): void;
}

/** Typed helper so a rule module can name its table type and still be listed with the others. */
export function defineRule<K extends TableKind>(
  meta: RuleMeta & { appliesTo: readonly K[] },
  check: (table: Extract<Table, { kind: K }>, ctx: RuleContext) => void,
): Rule {
  return { meta, check: check as (t: Table, ctx: RuleContext) => void };
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}
