import * as React from "react";
import { Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { TableSummary } from "../../core/validate";
import type { PaneResult } from "../host";
import { type Lang, MESSAGES } from "../messages";
import type { ScoreRowNote } from "../../core/scoring";
import { incompleteText, unscoredText } from "../../core/scoring/present";
import { LIGHT_EN, LIGHT_ZH, lightText, type ExecutionLight } from "../../core/rules/monitoring/util";

const useStyles = makeStyles({
  score: { borderCollapse: "collapse", fontSize: "12px", width: "100%", "& td, & th": { padding: "2px 6px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: "left" } },
  differs: { backgroundColor: "#FFC7CE", fontWeight: "bold" },
  formula: { fontSize: "12px", color: tokens.colorNeutralForeground2, marginTop: "4px" },
  refuse: { color: tokens.colorPaletteRedForeground1, fontWeight: "bold" },
  light: { display: "inline-block", padding: "0 6px", marginLeft: "6px", borderRadius: "8px", fontSize: "12px", fontWeight: "bold" },
  red: { backgroundColor: "#FFC7CE", color: "#9C0006" },
  yellow: { backgroundColor: "#FFEB9C", color: "#9C5700" },
  green: { backgroundColor: "#C6EFCE", color: "#006100" },
});

/**
 * A monitoring table's execution light (执行率 ÷ 序时进度): the colour as a word (never colour alone) with the
 * ratio, and the whole reckoning as its title.
 */
export function LightBadge({ light, lang }: { light: ExecutionLight; lang: Lang }): React.ReactElement {
  const styles = useStyles();
  const word = (lang === "en" ? LIGHT_EN : LIGHT_ZH)[light.color];
  const text = lightText(light, lang);
  return (
    <span className={mergeClasses(styles.light, styles[light.color])} title={text} aria-label={text} data-testid="execution-light" data-light={light.color}>
      {word} {Math.round(light.ratio * 10) / 10}%
    </span>
  );
}

/**
 * The score of one table: the recomputed total (审核得分) beside the entered one (自评得分); 不完整 with the rows
 * that keep it so, or 未填写 / 无法评分 for a table with nothing filled in — never a partial sum as the total.
 * Weights that do not add up to 100 are said, and the total is given on the 百分制. Each row shows its entered
 * and recomputed scores side by side, marks where they differ, and says why a row has no recomputed score.
 */
export function ScorePanel({ table, lang, tolerance = 0.05 }: { table: TableSummary; lang: Lang; tolerance?: number }): React.ReactElement | null {
  const t = MESSAGES[lang];
  const styles = useStyles();
  if (!table.score) return null;
  const s = table.score;
  const noTotal = s.total === null || s.total === undefined;
  const rowsOf = (rows: ScoreRowNote[]) => rows.map((r) => (lang === "en" ? `${r.indicator || r.cell} (${r.cell}: ${unscoredText(r.reason, lang)})` : `${r.indicator || r.cell}（${r.cell}：${unscoredText(r.reason, lang)}）`)).join(lang === "en" ? "; " : "；");
  return (
    <section aria-label={`${t.score} ${table.name}`} data-testid="score-panel">
      {noTotal ? (
        <Text className={styles.refuse} role="alert" data-testid={s.status === "blank" ? "score-blank" : "score-incomplete"}>
          {t.score}: {t.computed} {incompleteText(s, lang)}
        </Text>
      ) : (
        <Text weight="semibold" data-testid="score-total">
          {t.score}: {t.computed} {s.total} · {t.grade} {s.grade}
        </Text>
      )}
      {s.entered !== undefined && s.entered !== null ? (
        <Text as="p" className={s.totalDiffers ? styles.differs : undefined} data-testid="score-entered">
          {t.entered} {s.entered}
          {s.totalDiffers ? ` ≠ (${t.differs})` : ""}
        </Text>
      ) : null}
      {s.weightSum !== undefined && s.status !== "blank" ? (
        <Text as="p" className={styles.refuse} role="alert" data-testid="score-weights">
          {t.weightsOff(s.weightSum, s.rawTotal ?? 0)}
        </Text>
      ) : null}
      {s.unverified?.length ? (
        <Text as="p" className={styles.formula} data-testid="score-unverified">
          {t.unverifiedRows}
          {rowsOf(s.unverified)}
        </Text>
      ) : null}
      <table className={styles.score}>
        <thead>
          <tr>
            <th scope="col">{t.scoreItem}</th>
            <th scope="col">{t.weight}</th>
            <th scope="col">{t.entered}</th>
            <th scope="col">{t.computed}</th>
          </tr>
        </thead>
        <tbody>
          {s.items.map((it) => {
            const off = it.differs ?? (it.computed !== null && it.entered !== null && Math.abs(it.computed - it.entered) > tolerance);
            return (
              <tr key={it.cell} className={off ? styles.differs : undefined} data-testid={off ? "score-differs" : "score-row"}>
                <td>{it.indicator}</td>
                <td>
                  {it.weight}
                  {it.weightImplied ? `（${t.implied}）` : ""}
                </td>
                <td>{it.entered ?? "—"}</td>
                <td>
                  {it.computed ?? "—"}
                  {off ? ` ≠ (${t.differs})` : ""}
                  {it.computed === null && it.unscored ? `（${unscoredText(it.unscored, lang)}）` : ""}
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
