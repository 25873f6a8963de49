import * as React from "react";
import { Button, Text, makeStyles } from "@fluentui/react-components";
import type { Finding, Severity } from "../../core/finding";
import { SEVERITY_FILL } from "../../excel/flags";
import type { PaneResult } from "../host";
import { type Lang, MESSAGES } from "../messages";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: "2px", marginBottom: "8px" },
  item: { justifyContent: "flex-start", textAlign: "left", height: "auto", padding: "4px 6px", fontWeight: "normal" },
  cell: { fontFamily: "monospace", marginRight: "6px" },
});

const ORDER: Severity[] = ["error", "warning", "info"];

/** Findings grouped by table, then severity. Messages are rendered as text: cell content is data. */
export function ProblemList({ result, lang, shown, onSelect }: { result: PaneResult; lang: Lang; shown: Record<Severity, boolean>; onSelect: (sheet: string, cell: string) => void }): React.ReactElement {
  const t = MESSAGES[lang];
  const styles = useStyles();
  const visible = result.findings.filter((f) => shown[f.severity]);
  if (result.findings.length === 0) return <Text>{t.noProblems}</Text>;
  const groups = new Map<number, Finding[]>();
  for (const f of visible) {
    const k = f.table ?? -1;
    const list = groups.get(k) ?? [];
    list.push(f);
    groups.set(k, list);
  }
  const title = (k: number) => (k < 0 ? t.otherProblems : (result.tables[k]?.name ?? String(k)));
  return (
    <section aria-label={t.problems}>
      <Text as="h2" weight="semibold">
        {t.problems}
      </Text>
      {[...groups.keys()].sort((a, b) => a - b).map((k) => (
        <div key={k} className={styles.group} data-testid="problem-group">
          <Text as="h3" weight="semibold">
            {title(k)}
          </Text>
          {ORDER.map((sev) => {
            const items = groups.get(k)!.filter((f) => f.severity === sev);
            if (!items.length) return null;
            return (
              <div key={sev} className={styles.group}>
                <Text size={200}>{`${t.severity[sev]} (${items.length})`}</Text>
                <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
                  {items.map((f, i) => (
                    <li key={`${f.sheet}!${f.cell}:${f.rule}:${i}`}>
                      <Button
                        className={styles.item}
                        appearance="subtle"
                        style={{ borderLeft: `4px solid ${SEVERITY_FILL[f.severity]}` }}
                        title={t.goTo(`${f.sheet}!${f.cell}`)}
                        data-testid="problem"
                        onClick={() => onSelect(f.sheet, f.cell)}
                      >
                        <span className={styles.cell}>{f.cell}</span>
                        <span>{lang === "zh" ? f.message : f.messageEn}</span>
                      </Button>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      ))}
    </section>
  );
}
