import * as React from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { WorkbookReading } from "../../core/reading/inspect";
import { describeEvidence, ROLE_ZH } from "../../core/reading/roles";
import type { Lang } from "../messages";

const useStyles = makeStyles({
  grid: { borderCollapse: "collapse", fontSize: "12px", width: "100%", "& td, & th": { padding: "2px 6px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: "left" } },
  unsure: { color: tokens.colorPaletteDarkOrangeForeground1 },
  note: { fontSize: "12px", color: tokens.colorNeutralForeground2 },
});

const T = {
  zh: { title: "读作…", noTable: "此工作表未识别到绩效表", byContent: "指标表按单元格内容识别", byWords: "指标表按表头文字识别", col: "列", header: "表头", role: "读作", conf: "把握", why: "依据", rows: "指标行", unsure: "未能确定（依赖它们的检查未进行）", sums: "资金合计" },
  en: { title: "Read as…", noTable: "No table recognised on this sheet", byContent: "Indicator table found by its content", byWords: "Indicator table found by its header words", col: "Col", header: "Header", role: "Read as", conf: "Confidence", why: "Evidence", rows: "Indicator rows", unsure: "Could not tell (checks needing them were not run)", sums: "Funding sums" },
};

/**
 * The 读作… view: how PerfCheck read the active sheet — each indicator column's role with its confidence and
 * evidence, the indicator rows, the funding sums, and what it could not tell. The same Reading
 * `perfcheck inspect` prints (src/core/reading/inspect.ts), so a clerk can see why a finding was or was not raised.
 */
export function ReadingView({ reading, lang }: { reading: WorkbookReading; lang: Lang }): React.ReactElement {
  const t = T[lang];
  const styles = useStyles();
  return (
    <section aria-label={t.title} data-testid="reading-view">
      {reading.sheets.map((s) => (
        <div key={s.name}>
          <Text weight="semibold">{s.name}</Text>
          {s.tables.length === 0 ? <Text className={styles.note}> — {t.noTable}</Text> : null}
          {s.tables.map((tb) => (
            <div key={tb.range} data-testid="reading-table">
              <Text className={styles.note}>
                [{tb.range}] {tb.name} · {tb.by === "content" ? t.byContent : tb.by === "words" ? t.byWords : tb.kind}
              </Text>
              {tb.columns.length ? (
                <table className={styles.grid}>
                  <thead>
                    <tr>
                      <th scope="col">{t.col}</th>
                      <th scope="col">{t.header}</th>
                      <th scope="col">{t.role}</th>
                      <th scope="col">{t.conf}</th>
                      <th scope="col">{t.why}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {tb.columns.map((c) => (
                      <tr key={c.column} data-testid="reading-column" data-column={c.column} data-role={c.role} className={c.confidence < 0.5 ? styles.unsure : undefined}>
                        <td>{c.column}</td>
                        <td>{c.header || "—"}</td>
                        <td>{lang === "zh" ? c.roleZh : c.role}</td>
                        <td>{c.confidence.toFixed(1)}</td>
                        <td>{c.evidence.map((e) => describeEvidence(e, lang)).join(lang === "zh" ? "；" : "; ")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <Text className={styles.note}>
                {t.rows}: {tb.rows.filter((r) => r.role === "indicator").length}
              </Text>
              {tb.sums.map((x) => (
                <div key={x.what} className={styles.note}>
                  {x.holds ? "✓" : "✗"} {x.what}: {x.stated ?? "—"} {x.holds ? "=" : "≠"} {x.sum ?? "—"}
                </div>
              ))}
              {tb.unsure.length ? (
                <div className={styles.unsure} data-testid="reading-unsure">
                  {t.unsure}: {tb.unsure.map((u) => (lang === "zh" ? (ROLE_ZH[u] ?? u) : u)).join(lang === "zh" ? "、" : ", ")}
                </div>
              ) : null}
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
