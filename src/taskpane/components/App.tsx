import * as React from "react";
import { Button, Checkbox, Divider, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Select, Spinner, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Severity } from "../../core/finding";
import { BUILTIN_PROFILES } from "../../core/profile";
import type { TemplateKind } from "../../core/templates/params";
import { describeHostError } from "../../excel/sync";
import type { Scope } from "../../excel/snapshot";
import type { PaneHost, PaneResult } from "../host";
import { type Lang, MESSAGES } from "../messages";
import { ProblemList } from "./ProblemList";
import { Summary } from "./Summary";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px", padding: "12px", fontFamily: tokens.fontFamilyBase },
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  header: { display: "flex", justifyContent: "space-between", alignItems: "center" },
});

const KINDS: TemplateKind[] = ["project", "department", "self-evaluation"];

export interface AppProps {
  host: PaneHost;
  initialLang?: Lang;
}

type Notice = { kind: "error"; zh: string; en: string } | { kind: "info"; text: (l: Lang) => string };

export function App({ host, initialLang = "zh" }: AppProps): React.ReactElement {
  const styles = useStyles();
  const [lang, setLang] = React.useState<Lang>(initialLang);
  const t = MESSAGES[lang];
  const [kind, setKind] = React.useState<TemplateKind>("project");
  const [scope, setScope] = React.useState<Scope>("active");
  const [profileId, setProfileId] = React.useState("national");
  const [busy, setBusy] = React.useState(false);
  const [result, setResult] = React.useState<PaneResult | undefined>();
  const [notice, setNotice] = React.useState<Notice | undefined>();
  const [skipped, setSkipped] = React.useState<PaneResult["skipped"]>([]);
  const [live, setLive] = React.useState(false);
  const [shown, setShown] = React.useState<Record<Severity, boolean>>({ error: true, warning: true, info: true });

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setNotice(undefined);
    try {
      await fn();
    } catch (e) {
      const m = describeHostError(e);
      setNotice({ kind: "error", zh: m.zh, en: m.en });
    } finally {
      setBusy(false);
    }
  };

  const onInsert = () =>
    act(async () => {
      const r = await host.insertTemplate(kind, lang);
      setSkipped(r.skipped);
      setNotice({ kind: "info", text: (l) => MESSAGES[l].inserted(r.sheet) });
    });
  const onValidate = () =>
    act(async () => {
      const r = await host.validate(scope, lang, profileId);
      setResult(r);
      setSkipped(r.skipped);
      const sheet = r.resultsSheet;
      if (sheet) setNotice({ kind: "info", text: (l) => MESSAGES[l].resultsSheet(sheet) });
    });
  const onClear = () =>
    act(async () => {
      const r = await host.clearFlags(lang);
      setResult(undefined);
      setSkipped(r.skipped);
      setNotice({ kind: "info", text: (l) => MESSAGES[l].cleared });
    });
  const onLive = (on: boolean) =>
    act(async () => {
      const s = await host.setLive(
        on,
        lang,
        (r) => {
          setResult(r);
          setSkipped(r.skipped);
        },
        (e) => {
          const m = describeHostError(e);
          setNotice({ kind: "error", zh: m.zh, en: m.en });
        },
        profileId,
      );
      setLive(on);
      if (s.length) setSkipped(s);
    });
  const onSelect = (sheet: string, cell: string) => act(() => host.selectCell(sheet, cell));

  return (
    <div className={styles.root}>
      <div className={styles.header}>
        <Text as="h1" weight="semibold" size={500}>
          {t.title}
        </Text>
        <Button appearance="subtle" size="small" onClick={() => setLang(lang === "zh" ? "en" : "zh")}>
          {t.switchLang}
        </Button>
      </div>

      <div className={styles.row}>
        <Select aria-label={t.templateKind} value={kind} onChange={(_, d) => setKind(d.value as TemplateKind)} disabled={busy}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t.kinds[k]}
            </option>
          ))}
        </Select>
        <Button onClick={onInsert} disabled={busy}>
          {t.insertTemplate}
        </Button>
      </div>

      <Divider />
      <RadioGroup aria-label={t.scope} layout="horizontal" value={scope} onChange={(_, d) => setScope(d.value as Scope)} disabled={busy}>
        <Radio value="active" label={t.scopeActive} />
        <Radio value="workbook" label={t.scopeWorkbook} />
      </RadioGroup>
      <Select aria-label={t.profile} title={t.profile} value={profileId} onChange={(_, d) => setProfileId(d.value)} disabled={busy || live}>
        {Object.values(BUILTIN_PROFILES).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name[lang]}
          </option>
        ))}
      </Select>
      <div className={styles.row}>
        <Button appearance="primary" onClick={onValidate} disabled={busy}>
          {t.validate}
        </Button>
        <Button onClick={onClear} disabled={busy}>
          {t.clearFlags}
        </Button>
      </div>
      <Switch label={t.liveMode} checked={live} onChange={(_, d) => void onLive(d.checked)} disabled={busy} />

      {busy && <Spinner size="tiny" label={t.working} role="progressbar" />}
      {notice?.kind === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
            {lang === "zh" ? notice.zh : notice.en}
          </MessageBarBody>
        </MessageBar>
      )}
      {notice?.kind === "info" && (
        <MessageBar intent="success">
          <MessageBarBody>{notice.text(lang)}</MessageBarBody>
        </MessageBar>
      )}
      {skipped.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t.skipped}
            <ul>
              {skipped.map((s) => (
                <li key={s.feature}>{lang === "zh" ? s.zh : s.en}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}

      {result && (
        <>
          <Divider />
          <Summary result={result} lang={lang} />
          <div className={styles.row} role="group" aria-label={t.filter}>
            <Text>{t.filter}:</Text>
            {(["error", "warning", "info"] as Severity[]).map((s) => (
              <Checkbox key={s} label={t.severity[s]} checked={shown[s]} onChange={(_, d) => setShown({ ...shown, [s]: !!d.checked })} />
            ))}
          </div>
          <ProblemList result={result} lang={lang} shown={shown} onSelect={onSelect} />
        </>
      )}
    </div>
  );
}
