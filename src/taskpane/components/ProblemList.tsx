import * as React from "react";
import { Button, Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import { explainFinding, SEVERITY_FILL } from "../../core/explain";
import type { Finding, Severity } from "../../core/finding";
import { severityRank } from "../../core/finding";
import type { IgnoredFinding } from "../../core/ignores";
import type { TableSummary } from "../../core/validate";
import type { PaneResult } from "../host";
import { type Lang, MESSAGES } from "../messages";
import { LightBadge, ScorePanel } from "./Summary";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: "2px", marginBottom: "8px" },
  tableHead: { display: "flex", flexDirection: "column", alignItems: "stretch" },
  tableToggle: { justifyContent: "flex-start", textAlign: "left", height: "auto", padding: "4px 6px", fontWeight: tokens.fontWeightSemibold, scrollMarginTop: "44px" },
  // Room above a problem scrolled into view, so the sticky previous/next bar does not cover it.
  item: { justifyContent: "flex-start", textAlign: "left", height: "auto", padding: "4px 6px", fontWeight: "normal", width: "100%", scrollMarginTop: "44px" },
  current: { backgroundColor: tokens.colorNeutralBackground1Selected, outline: `2px solid ${tokens.colorBrandStroke1}` },
  cell: { fontFamily: "monospace", marginRight: "6px", whiteSpace: "nowrap" },
  explain: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, margin: "2px 0 8px 6px", padding: "4px 8px", display: "flex", flexDirection: "column", gap: "4px", fontSize: "13px" },
  dl: { margin: 0, "& dt": { fontWeight: tokens.fontWeightSemibold, marginTop: "4px" }, "& dd": { margin: 0 } },
  actions: { display: "flex", gap: "6px", flexWrap: "wrap" },
  list: { listStyle: "none", margin: 0, padding: 0 },
  counts: { fontWeight: "normal", color: tokens.colorNeutralForeground2 },
});

const ORDER: Severity[] = ["error", "warning", "info"];

/** Brackets in the pane's language: full-width in Chinese, ASCII with a space in English. */
const paren = (lang: Lang, s: string) => (lang === "zh" ? `（${s}）` : ` (${s})`);

/** The order the pane lists and steps through: table by table (others last), worst first, then by position. */
export function displayOrder(findings: readonly Finding[]): Finding[] {
  const t = (f: Finding) => (f.table === undefined ? Number.MAX_SAFE_INTEGER : f.table);
  return [...findings].sort((a, b) => t(a) - t(b) || severityRank(a.severity) - severityRank(b.severity) || a.row - b.row || a.col - b.col || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

export const findingKey = (f: Pick<Finding, "rule" | "sheet" | "cell">): string => `${f.rule}@${f.sheet}!${f.cell}`;

export interface ProblemListProps {
  result: PaneResult;
  lang: Lang;
  /** The findings shown, in display order (filtered by severity). */
  ordered: Finding[];
  currentKey?: string;
  onSelect: (f: Finding) => void;
  onIgnore: (f: Finding, scope: "finding" | "rule", reason: string) => void;
  onRestore: (f: IgnoredFinding) => void;
  busy: boolean;
  tolerance?: number;
}

function Explain({ f, tables, lang, onIgnore, busy }: { f: Finding; tables: TableSummary[]; lang: Lang; onIgnore: ProblemListProps["onIgnore"]; busy: boolean }) {
  const t = MESSAGES[lang];
  const styles = useStyles();
  const e = explainFinding(f, lang, tables);
  const [reason, setReason] = React.useState("");
  const id = React.useId();
  return (
    <div className={styles.explain} role="region" aria-label={t.explain.title} id={`${id}-explain`} data-testid="explain">
      <Text weight="semibold">{e.title}</Text>
      <dl className={styles.dl}>
        <dt>{t.explain.what}</dt>
        <dd data-testid="explain-what">{e.what}</dd>
        <dt>{t.explain.source}</dt>
        <dd>{e.source}</dd>
        <dt>{t.explain.fix}</dt>
        <dd data-testid="explain-fix">{e.fix}</dd>
        <dt>{t.explain.cells}</dt>
        <dd>{e.cells.join(lang === "zh" ? "，" : ", ")}</dd>
        <dt>{t.explain.rule}</dt>
        <dd>
          <code>{e.rule}</code>
        </dd>
      </dl>
      <Field label={t.ignore.reason}>
        <Input value={reason} onChange={(_, d) => setReason(d.value)} disabled={busy} data-testid="ignore-reason" />
      </Field>
      <div className={styles.actions}>
        <Button size="small" onClick={() => onIgnore(f, "finding", reason)} disabled={busy}>
          {t.ignore.one}
        </Button>
        <Button size="small" appearance="subtle" onClick={() => onIgnore(f, "rule", reason)} disabled={busy}>
          {t.ignore.rule}
        </Button>
      </div>
    </div>
  );
}

function TableHeader({ table, lang, workbook, tolerance }: { table: TableSummary; lang: Lang; workbook: boolean; tolerance?: number }) {
  const t = MESSAGES[lang];
  const styles = useStyles();
  const [open, setOpen] = React.useState(false);
  const detailsId = React.useId();
  return (
    <div className={styles.tableHead}>
      <Button appearance="subtle" className={styles.tableToggle} aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)} data-testid="table-summary">
        <span>
          {open ? "▾ " : "▸ "}
          {table.name}
          {workbook ? paren(lang, table.sheet) : ""} <span className={styles.counts}>{t.counts(table.counts.error, table.counts.warning, table.counts.info)}</span>
          {table.light ? <LightBadge light={table.light} lang={lang} /> : null}
        </span>
      </Button>
      {open && (
        <div id={detailsId} data-testid="table-details">
          <Text size={200}>
            {table.sheet}!{table.range}
          </Text>
          <ScorePanel table={table} lang={lang} tolerance={tolerance} />
        </div>
      )}
    </div>
  );
}

/** Findings grouped by table (one collapsed summary line each), the current one explained in place. */
export function ProblemList({ result, lang, ordered, currentKey, onSelect, onIgnore, onRestore, busy, tolerance }: ProblemListProps): React.ReactElement {
  const t = MESSAGES[lang];
  const styles = useStyles();
  const workbook = result.scope === "workbook" || new Set(result.tables.map((x) => x.sheet)).size > 1;
  const groups = new Map<number, Finding[]>();
  for (const tb of result.tables) groups.set(tb.index, []);
  for (const f of ordered) {
    const k = f.table ?? -1;
    const list = groups.get(k) ?? [];
    list.push(f);
    groups.set(k, list);
  }
  const title = (k: number) => (k < 0 ? t.otherProblems : (result.tables[k]?.name ?? String(k)));
  const [showIgnored, setShowIgnored] = React.useState(false);
  const ignoredId = React.useId();
  return (
    <section aria-label={t.problems}>
      <Text as="h2" weight="semibold" size={400}>
        {t.problems}
      </Text>
      {result.findings.length === 0 && <Text as="p">{t.noProblems}</Text>}
      {[...groups.keys()].sort((a, b) => (a < 0 ? 1 : b < 0 ? -1 : a - b)).map((k) => {
        const items = groups.get(k)!;
        const table = k >= 0 ? result.tables[k] : undefined;
        return (
          <div key={k} className={styles.group} data-testid="problem-group">
            {table ? <TableHeader table={table} lang={lang} workbook={workbook} tolerance={tolerance} /> : <Text weight="semibold">{title(k)}</Text>}
            {items.length > 0 && (
              <ul className={styles.list} aria-label={title(k)}>
                {items.map((f) => {
                  const key = findingKey(f);
                  const isCurrent = key === currentKey;
                  const where = workbook ? `${f.sheet}!${f.cell}` : f.cell;
                  return (
                    <li key={key}>
                      <Button
                        className={`${styles.item} ${isCurrent ? styles.current : ""}`}
                        appearance="subtle"
                        style={{ borderLeft: `6px solid ${SEVERITY_FILL[f.severity]}` }}
                        aria-label={`${t.severity[f.severity]} ${where} ${lang === "zh" ? f.message : f.messageEn}`}
                        aria-expanded={isCurrent}
                        aria-current={isCurrent ? "true" : undefined}
                        title={t.goTo(`${f.sheet}!${f.cell}`)}
                        data-testid="problem"
                        data-key={key}
                        data-current={isCurrent ? "true" : undefined}
                        onClick={() => onSelect(f)}
                      >
                        <span className={styles.cell}>{where}</span>
                        <span>{lang === "zh" ? f.message : f.messageEn}</span>
                      </Button>
                      {isCurrent && <Explain key={key} f={f} tables={result.tables} lang={lang} onIgnore={onIgnore} busy={busy} />}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        );
      })}
      {result.ignored.length > 0 && (
        <div className={styles.group}>
          <Button appearance="subtle" className={styles.tableToggle} aria-expanded={showIgnored} aria-controls={ignoredId} onClick={() => setShowIgnored(!showIgnored)} data-testid="ignored-toggle">
            {`${showIgnored ? "▾" : "▸"} ${t.ignore.ignored}${paren(lang, String(result.ignored.length))}`}
          </Button>
          {showIgnored && (
            <ul className={styles.list} id={ignoredId} data-testid="ignored-list">
              {result.ignored.map((f) => (
                <li key={findingKey(f)} data-testid="ignored" className={styles.actions}>
                  <Text size={200}>
                    <span className={styles.cell}>{workbook ? `${f.sheet}!${f.cell}` : f.cell}</span>
                    {lang === "zh" ? f.message : f.messageEn} — {f.reason || t.ignore.noReason}
                    {f.scope === "rule" ? paren(lang, t.ignore.byRule) : ""}
                    {f.at || f.by ? ` · ${[f.at ? f.at.slice(0, 10) : "", f.by ?? ""].filter(Boolean).join(" ")}` : ""}
                  </Text>
                  <Button size="small" onClick={() => onRestore(f)} disabled={busy} aria-label={`${t.ignore.restore} ${f.cell}`}>
                    {t.ignore.restore}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

export { ORDER };
