import type { FormCatalogue } from "../../core/forms/schema";
import { resolveForms } from "../../core/forms/vocabulary";
import * as React from "react";
import { Button, Checkbox, Divider, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Select, Spinner, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding, Severity } from "../../core/finding";
import type { IgnoredFinding } from "../../core/ignores";
import { BUILTIN_PROFILES, NATIONAL_PROFILE, type Profile } from "../../core/profile";
import { profileFromJson } from "../../core/profileCheck";
import { resolveParams, type TemplateKind, type TemplateParams } from "../../core/templates/params";
import { describeHostError } from "../../excel/sync";
import type { Scope } from "../../excel/snapshot";
import type { WorkbookReading } from "../../core/reading/inspect";
import { ReadingView } from "./ReadingView";
import type { PaneHost, PaneResult } from "../host";
import { type Lang, MESSAGES, skippedText } from "../messages";
import { displayOrder, findingKey, ProblemList } from "./ProblemList";
import { RegionFile } from "./RegionFile";
import { TotalLine } from "./Summary";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "10px",
    padding: "12px",
    fontFamily: tokens.fontFamilyBase,
    // A visible focus ring on every control, also where Fluent's own is subtle (links, native elements).
    "& :focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  grid: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: "6px" },
  header: { display: "flex", justifyContent: "space-between", alignItems: "center" },
  nav: { display: "flex", gap: "6px", alignItems: "center", position: "sticky", top: 0, backgroundColor: tokens.colorNeutralBackground1, zIndex: 1, padding: "4px 0" },
});

const KINDS: TemplateKind[] = ["project", "department", "self-evaluation", "monitoring"];

export interface AppProps {
  host: PaneHost;
  initialLang?: Lang;
}

type Notice = { kind: "error"; zh: string; en: string } | { kind: "info"; text: (l: Lang) => string };

/** A TemplateParamError carries "English / 中文"; show the half in the pane's language. */
function paramMessage(e: unknown, lang: Lang): string {
  const m = String((e as Error)?.message ?? e);
  const [en, zh] = m.split(" / ");
  return (lang === "zh" ? zh : en) ?? m;
}

/** The template form's fields as text, filled with the CLI's defaults for `kind`. */
function defaultsOf(kind: TemplateKind) {
  const p = resolveParams(kind, {});
  return { region: p.region, year: String(p.year), lines: String(p.expenseLines), indicators: String(p.indicatorRows), month: String(p.month) };
}

/** A file's text: File.text where the webview has it, FileReader where it does not (older webviews, jsdom). */
function readText(file: File): Promise<string> {
  if (typeof file.text === "function") return file.text();
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsText(file);
  });
}

export function App({ host, initialLang = "zh" }: AppProps): React.ReactElement {
  const styles = useStyles();
  const [lang, setLang] = React.useState<Lang>(initialLang);
  const t = MESSAGES[lang];
  const [kind, setKind] = React.useState<TemplateKind>("project");
  const [tpl, setTpl] = React.useState(() => defaultsOf("project"));
  const [scope, setScope] = React.useState<Scope>("active");
  const [profileId, setProfileId] = React.useState("national");
  // A region's form catalogue (JSON, docs/forms.md) and profile loaded for this session: the same files the CLI
  // takes with --forms and --profile; the profile file replaces the built-in choice while loaded.
  const [forms, setForms] = React.useState<{ file: string; value: FormCatalogue } | undefined>();
  const [profileFile, setProfileFile] = React.useState<{ file: string; value: Profile } | undefined>();
  const loadRegionFile = async <T,>(
    file: File | undefined,
    parse: (text: string, name: string) => T,
    keep: (v: { file: string; value: T }) => void,
    loaded: (l: Lang, file: string) => string,
    refused: (l: Lang, why: string) => string,
  ) => {
    if (!file) return;
    try {
      keep({ file: file.name, value: parse(await readText(file), file.name) });
      if (result) setStale(true);
      setNotice({ kind: "info", text: (l) => loaded(l, file.name) });
    } catch (e) {
      // The checks name the field (profiles in both languages, "中文 / English"); a JSON syntax error names the file here.
      const why = (l: Lang) =>
        e instanceof SyntaxError ? (l === "zh" ? `${file.name} 不是有效的 JSON（${e.message}）` : `${file.name} is not valid JSON: ${e.message}`) : String((e as Error).message);
      setNotice({ kind: "error", zh: refused("zh", why("zh")), en: refused("en", why("en")) });
    }
  };
  const onFormsFile = (file: File | undefined) =>
    loadRegionFile(file, (text, name) => resolveForms(JSON.parse(text), name), setForms, (l, f) => MESSAGES[l].formsLoaded(f), (l, why) => MESSAGES[l].formsRefused(why));
  const onProfileFile = (file: File | undefined) =>
    loadRegionFile(file, profileFromJson, setProfileFile, (l, f) => MESSAGES[l].profileLoaded(f), (l, why) => MESSAGES[l].profileRefused(why));
  const profile = profileFile?.value ?? BUILTIN_PROFILES[profileId] ?? NATIONAL_PROFILE;
  const [busy, setBusy] = React.useState(false);
  const [result, setResult] = React.useState<PaneResult | undefined>();
  const [stale, setStale] = React.useState(false);
  const [notice, setNotice] = React.useState<Notice | undefined>();
  const [skipped, setSkipped] = React.useState<PaneResult["skipped"]>([]);
  const [live, setLive] = React.useState(false);
  const [shown, setShown] = React.useState<Record<Severity, boolean>>({ error: true, warning: true, info: true });
  const [currentKey, setCurrentKey] = React.useState<string | undefined>();
  const resultRef = React.useRef(result);
  resultRef.current = result;

  // Results go stale when the workbook changes after them (edits, sheet switches; focus on hosts without events).
  React.useEffect(() => {
    let stop: (() => void) | undefined;
    let gone = false;
    void host
      .watchChanges((kind) => {
        const r = resultRef.current;
        // Switching sheets changes nothing a whole-workbook result covers; for the active sheet it does.
        if (r && !(kind === "activate" && r.scope === "workbook")) setStale(true);
      })
      .then((s) => (gone ? s() : (stop = s)))
      .catch(() => undefined);
    return () => {
      gone = true;
      stop?.();
    };
  }, [host]);

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

  const show = (r: PaneResult) => {
    setResult(r);
    setStale(false);
    setSkipped(r.skipped);
  };

  const onKind = (k: TemplateKind) => {
    setKind(k);
    setTpl(defaultsOf(k));
  };
  const onInsert = () => {
    let params: TemplateParams;
    try {
      params = { region: tpl.region, year: Number(tpl.year), expenseLines: Number(tpl.lines), indicatorRows: Number(tpl.indicators), ...(kind === "monitoring" ? { month: Number(tpl.month) } : {}) };
      resolveParams(kind, params);
    } catch (e) {
      const text = (l: Lang) => paramMessage(e, l);
      setNotice({ kind: "error", zh: text("zh"), en: text("en") });
      return;
    }
    return act(async () => {
      const r = await host.insertTemplate(kind, lang, params, profile);
      setSkipped(r.skipped);
      if (result) setStale(true);
      setNotice({ kind: "info", text: (l) => MESSAGES[l].inserted(r.sheet) });
    });
  };
  const validate = async () => {
    const r = await host.validate(scope, lang, profile, forms?.value);
    show({ ...r, scope });
    const sheet = r.resultsSheet;
    if (sheet && r.tables.length) setNotice({ kind: "info", text: (l) => MESSAGES[l].resultsSheet(sheet) });
    return r;
  };
  const onValidate = () =>
    act(async () => {
      await validate();
      setCurrentKey(undefined);
    });
  const [reading, setReading] = React.useState<WorkbookReading | undefined>();
  const onReading = () =>
    reading
      ? setReading(undefined)
      : act(async () => {
          if (host.readSheet) setReading(await host.readSheet(profile, forms?.value));
        });
  const onClear = () =>
    act(async () => {
      const r = await host.clearFlags(lang);
      setResult(undefined);
      setStale(false);
      setCurrentKey(undefined);
      setSkipped(r.skipped);
      setNotice({ kind: "info", text: (l) => MESSAGES[l].cleared });
    });
  const onLive = (on: boolean) =>
    act(async () => {
      const s = await host.setLive(
        on,
        lang,
        (r) => show({ ...r, scope: "active" }),
        (e) => {
          const m = describeHostError(e);
          setNotice({ kind: "error", zh: m.zh, en: m.en });
        },
        profile,
        forms?.value,
      );
      setLive(s.on);
      if (s.skipped.length) setSkipped(s.skipped);
    });

  const ordered = React.useMemo(() => (result ? displayOrder(result.findings.filter((f) => shown[f.severity])) : []), [result, shown]);
  const index = currentKey ? ordered.findIndex((f) => findingKey(f) === currentKey) : -1;

  const select = (f: Finding) => {
    setCurrentKey(findingKey(f));
    // Selecting a cell is instant and must not block the pane (stepping quickly through problems).
    host
      .selectCell(f.sheet, f.cell)
      .then((why) => why && setNotice({ kind: "error", zh: why.zh, en: why.en }))
      .catch((e) => {
        const m = describeHostError(e);
        setNotice({ kind: "error", zh: m.zh, en: m.en });
      });
  };
  const step = (d: 1 | -1) => {
    if (!ordered.length) return;
    const i = index < 0 ? (d > 0 ? 0 : ordered.length - 1) : (index + d + ordered.length) % ordered.length;
    select(ordered[i]);
    // Keep the focus with the current problem so screen readers read it.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-current="true"]`)?.focus());
  };
  const onIgnore = (f: Finding, s: "finding" | "rule", reason: string) =>
    act(async () => {
      await host.ignore(f, s, reason);
      // Validate again so the ignored cell loses its fill and note, and the counts drop.
      await validate();
      // Like Excel's error checking: go on with the next problem (its cell selected, its rule explained).
      const next = ordered[index + 1] ?? ordered[index - 1];
      if (next && findingKey(next) !== findingKey(f)) select(next);
      else setCurrentKey(undefined);
      setNotice({ kind: "info", text: (l) => MESSAGES[l].ignore.done });
    });
  const onRestore = (f: IgnoredFinding) =>
    act(async () => {
      await host.restore(f);
      await validate();
      setNotice({ kind: "info", text: (l) => MESSAGES[l].ignore.restored });
    });

  const onKeyDown = (e: React.KeyboardEvent) => {
    // Escape closes the open explanation, as Escape closes Excel's own error-checking help (not while typing a reason).
    if (e.key === "Escape" && currentKey !== undefined && (e.target as HTMLElement).tagName !== "INPUT") {
      e.preventDefault();
      setCurrentKey(undefined);
      return;
    }
    // Alt+↓ opens a dropdown list: leave it to the select.
    if (!e.altKey || !result || (e.target as HTMLElement).tagName === "SELECT") return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      step(1);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      step(-1);
    }
  };

  const tolerance = profile.scoring.scoreTolerance;

  return (
    <main className={styles.root} onKeyDown={onKeyDown} lang={lang === "zh" ? "zh-CN" : "en"}>
      <div className={styles.header}>
        <Text as="h1" weight="semibold" size={500}>
          {t.title}
        </Text>
        <Button appearance="subtle" size="small" aria-label={`${t.switchLang} — ${t.switchLangLabel}`} onClick={() => setLang(lang === "zh" ? "en" : "zh")}>
          {t.switchLang}
        </Button>
      </div>

      <section aria-label={t.insertTemplate}>
        <div className={styles.row}>
          <Select aria-label={t.templateKind} value={kind} onChange={(_, d) => onKind(d.value as TemplateKind)} disabled={busy}>
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
        <details>
          <summary>{t.templateOptions}</summary>
          <div className={styles.grid}>
            <Field label={t.region}>
              <Input value={tpl.region} onChange={(_, d) => setTpl({ ...tpl, region: d.value })} disabled={busy} data-testid="tpl-region" />
            </Field>
            <Field label={t.year}>
              <Input type="number" value={tpl.year} onChange={(_, d) => setTpl({ ...tpl, year: d.value })} disabled={busy} data-testid="tpl-year" />
            </Field>
            {kind === "monitoring" && (
              <Field label={t.month}>
                <Input type="number" min={1} max={12} value={tpl.month} onChange={(_, d) => setTpl({ ...tpl, month: d.value })} disabled={busy} data-testid="tpl-month" />
              </Field>
            )}
            {kind !== "self-evaluation" && kind !== "monitoring" && (
              <Field label={t.lines}>
                <Input type="number" min={1} max={200} value={tpl.lines} onChange={(_, d) => setTpl({ ...tpl, lines: d.value })} disabled={busy} data-testid="tpl-lines" />
              </Field>
            )}
            <Field label={t.indicators}>
              <Input type="number" min={1} max={50} value={tpl.indicators} onChange={(_, d) => setTpl({ ...tpl, indicators: d.value })} disabled={busy} data-testid="tpl-indicators" />
            </Field>
          </div>
        </details>
      </section>

      <Divider />
      <RadioGroup aria-label={t.scope} layout="horizontal" value={scope} onChange={(_, d) => setScope(d.value as Scope)} disabled={busy}>
        <Radio value="active" label={t.scopeActive} />
        <Radio value="workbook" label={t.scopeWorkbook} />
      </RadioGroup>
      <Select aria-label={t.profile} title={t.profile} value={profileId} onChange={(_, d) => setProfileId(d.value)} disabled={busy || live || !!profileFile}>
        {Object.values(BUILTIN_PROFILES).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name[lang]}
          </option>
        ))}
      </Select>
      {/* A region's own files are needed now and then, not on every run: folded away, open while one is loaded. */}
      <details open={profileFile || forms ? true : undefined}>
        <summary>
          {t.regionFiles}
          {profileFile || forms ? t.regionFilesInUse([profileFile?.file, forms?.file].filter((f): f is string => !!f)) : ""}
        </summary>
        <RegionFile id="profile" label={t.profileFile} hint={profileFile ? t.profileUsing(profileFile.file) : t.profileHint} loaded={!!profileFile} clearLabel={t.profileClear} disabled={busy || live} onFile={(f) => void onProfileFile(f)} onClear={() => setProfileFile(undefined)} />
        <RegionFile id="forms" label={t.formsFile} hint={forms ? t.formsUsing(forms.file) : t.formsHint} loaded={!!forms} clearLabel={t.formsClear} disabled={busy || live} onFile={(f) => void onFormsFile(f)} onClear={() => setForms(undefined)} />
      </details>
      <div className={styles.row}>
        <Button appearance="primary" onClick={onValidate} disabled={busy}>
          {t.validate}
        </Button>
        <Button onClick={onClear} disabled={busy}>
          {t.clearFlags}
        </Button>
        {host.readSheet ? (
          <Button onClick={onReading} disabled={busy} aria-expanded={!!reading} data-testid="reading-toggle">
            {lang === "zh" ? "读作…" : "Read as…"}
          </Button>
        ) : null}
      </div>
      {reading ? <ReadingView reading={reading} lang={lang} /> : null}
      <Switch label={t.liveMode} checked={live} onChange={(_, d) => void onLive(d.checked)} disabled={busy} />

      <div aria-live="polite">
        {busy && <Spinner size="tiny" label={t.working} />}
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
                  <li key={s.feature}>{skippedText(s, lang)}</li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
      </div>

      {result && (
        <>
          <Divider />
          {stale && (
            <MessageBar intent="warning" data-testid="stale">
              <MessageBarBody>{t.stale}</MessageBarBody>
              <MessageBarActions>
                <Button size="small" onClick={onValidate} disabled={busy}>
                  {t.rerun}
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {result.tables.length === 0 ? (
            <MessageBar intent="warning" data-testid="no-tables">
              <MessageBarBody>
                <MessageBarTitle>{t.noTablesTitle}</MessageBarTitle>
                {t.noTablesHint(result.scope === "workbook" ? t.scopeWorkbook : t.scopeActive)}
              </MessageBarBody>
            </MessageBar>
          ) : (
            <>
              <TotalLine result={result} lang={lang} />
              <div className={styles.nav} role="toolbar" aria-label={t.navHint}>
                <Button size="small" onClick={() => step(-1)} disabled={busy || !ordered.length} aria-keyshortcuts="Alt+ArrowUp" data-testid="prev">
                  {t.prev}
                </Button>
                <Button size="small" onClick={() => step(1)} disabled={busy || !ordered.length} aria-keyshortcuts="Alt+ArrowDown" data-testid="next">
                  {t.next}
                </Button>
                <Text size={200} data-testid="position">
                  {t.position(index + 1, ordered.length)}
                </Text>
              </div>
              <div className={styles.row} role="group" aria-label={t.filter}>
                <Text>{t.filter}:</Text>
                {(["error", "warning", "info"] as Severity[]).map((s) => (
                  <Checkbox key={s} label={t.severity[s]} checked={shown[s]} onChange={(_, d) => setShown({ ...shown, [s]: !!d.checked })} />
                ))}
              </div>
              <ProblemList result={result} lang={lang} ordered={ordered} currentKey={currentKey} onSelect={select} onIgnore={onIgnore} onRestore={onRestore} busy={busy} tolerance={tolerance} />
            </>
          )}
        </>
      )}
    </main>
  );
}
