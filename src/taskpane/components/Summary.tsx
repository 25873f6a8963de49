import * as React from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { TableSummary } from "../../core/validate";
import type { PaneResult } from "../host";
import { type Lang, MESSAGES } from "../messages";

const useStyles = makeStyles({
  score: { borderCollapse: "collapse", fontSize: "12px", width: "100%", "& td, & th": { padding: "2px 6px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: "left" } },
  differs: { backgroundColor: "#FFC7CE", fontWeight: "bold" },
  formula: { fontSize: "12px", color: tokens.colorNeutralForeground2, marginTop: "4px" },
  refuse: { color: tokens.colorPaletteRedForeground1, fontWeight: "bold" },
});

/** Weights must add up to 100 (within `tolerance`) before a total or a grade means anything. */
export function weightsSum(table: TableSummary): number {
  return Math.round((table.score?.items ?? []).reduce((n, it) => n + (it.weight ?? 0), 0) * 100) / 100;
}

/**
 * The score of one table: refuses to grade when the weights do not add up to 100, marks the rows
 * whose entered score differs from the computed one, and says which formula computed them.
 */
export function ScorePanel({ table, lang, tolerance = 0.5 }: { table: TableSummary; lang: Lang; tolerance?: number }): React.ReactElement | null {
  const t = MESSAGES[lang];
  const styles = useStyles();
  if (!table.score) return null;
  const s = table.score;
  const sum = weightsSum(table);
  const valid = Math.abs(sum - 100) <= tolerance;
  return (
    <section aria-label={`${t.score} ${table.name}`} data-testid="score-panel">
      {valid ? (
        <Text weight="semibold" data-testid="score-total">
          {t.score}: {t.totalScore} {s.total} · {t.grade} {s.grade}
        </Text>
      ) : (
        <Text className={styles.refuse} role="alert" data-testid="score-refused">
          {t.weightsInvalid(sum)}
        </Text>
      )}
      <table className={styles.score}>
        <thead>
          <tr>
            <th scope="col">{t.scoreItem}</th>
            <th scope="col">{t.weight}</th>
            <th scope="col">{t.computed}</th>
            <th scope="col">{t.entered}</th>
          </tr>
        </thead>
        <tbody>
          {s.items.map((it) => {
            const off = it.computed !== null && it.entered !== null && Math.abs(it.computed - it.entered) > tolerance;
            return (
              <tr key={it.cell} className={off ? styles.differs : undefined} data-testid={off ? "score-differs" : "score-row"}>
                <td>{it.indicator}</td>
                <td>{it.weight}</td>
                <td>{it.computed ?? "—"}</td>
                <td>
                  {it.entered ?? "—"}
                  {off ? ` ≠ (${t.differs})` : ""}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className={styles.formula}>
        <strong>{t.formulaTitle}</strong>
        {table.kind === "evaluation-report" ? t.formulaReport : t.formulaSelf}
      </p>
    </section>
  );
}

/** The one line at the top of the results: tables and counts (of what is shown, ignored apart). */
export function TotalLine({ result, lang }: { result: PaneResult; lang: Lang }): React.ReactElement {
  const t = MESSAGES[lang];
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) c[f.severity]++;
  return (
    <Text as="p" weight="semibold" role="status" data-testid="total-line">
      {t.total(result.tables.length, c.error, c.warning, c.info, result.ignored.length)}
    </Text>
  );
}
