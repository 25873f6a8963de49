import * as React from "react";
import { Badge, Text, makeStyles } from "@fluentui/react-components";
import type { TableSummary } from "../../core/validate";
import type { PaneResult } from "../host";
import { type Lang, MESSAGES } from "../messages";

const useStyles = makeStyles({
  table: { display: "flex", flexDirection: "column", gap: "2px", marginBottom: "6px" },
  counts: { display: "flex", gap: "4px" },
  score: { borderCollapse: "collapse", fontSize: "12px", "& td, & th": { padding: "2px 6px", borderBottom: "1px solid #ddd", textAlign: "left" } },
});

export function ScorePanel({ table, lang }: { table: TableSummary; lang: Lang }): React.ReactElement | null {
  const t = MESSAGES[lang];
  const styles = useStyles();
  if (!table.score) return null;
  const s = table.score;
  return (
    <section aria-label={`${t.score} ${table.name}`}>
      <Text weight="semibold">
        {t.score}: {t.total} {s.total} · {t.grade} {s.grade}
      </Text>
      <table className={styles.score}>
        <thead>
          <tr>
            <th>{t.scoreItem}</th>
            <th>{t.weight}</th>
            <th>{t.computed}</th>
            <th>{t.entered}</th>
          </tr>
        </thead>
        <tbody>
          {s.items.map((it) => (
            <tr key={it.cell}>
              <td>{it.indicator}</td>
              <td>{it.weight}</td>
              <td>{it.computed ?? "—"}</td>
              <td>{it.entered ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function Summary({ result, lang }: { result: PaneResult; lang: Lang }): React.ReactElement {
  const t = MESSAGES[lang];
  const styles = useStyles();
  if (result.tables.length === 0) return <Text>{t.noTables}</Text>;
  return (
    <section aria-label={t.summary}>
      <Text as="h2" weight="semibold">
        {t.summary}
      </Text>
      {result.tables.map((tb) => (
        <div key={tb.index} className={styles.table} data-testid="table-summary">
          <Text>
            {tb.name} （{tb.sheet}!{tb.range}）
          </Text>
          <div className={styles.counts} aria-label={t.counts(tb.counts.error, tb.counts.warning, tb.counts.info)}>
            <Badge color="danger">{`${t.severity.error} ${tb.counts.error}`}</Badge>
            <Badge color="warning">{`${t.severity.warning} ${tb.counts.warning}`}</Badge>
            <Badge color="informative">{`${t.severity.info} ${tb.counts.info}`}</Badge>
          </div>
          <ScorePanel table={tb} lang={lang} />
        </div>
      ))}
    </section>
  );
}
