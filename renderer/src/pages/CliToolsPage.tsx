import { useTranslation } from 'react-i18next';
import type { CliToolSetting } from '../api/types';
import { ApplyConfirm, ApplyResult, ApplyRow } from '../components/cli/ApplyParts';
import { LoginModeChoice, SettingsList, StatusBadges, ToolList, ltr } from '../components/cli/ToolParts';
import { useCliTools } from '../components/cli/useCliTools';
import { CodeSnippet } from '../components/CodeSnippet';
import { Field, SelectField } from '../components/Field';
import { Icon } from '../components/icons';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';

export function CliToolsPage() {
  const { t } = useTranslation();
  const c = useCliTools();
  const { status, tool, login, key, content, applying } = c;
  const canApply = !!status?.canApply;
  const configPath = status?.configPath ?? '';

  return (
    <>
      <PageHeader title={t('cli.title')} intro={t('cli.intro')} />
      {c.error && <Notice kind="error">{c.error}</Notice>}
      <div className="cli-layout">
        <ToolList tools={c.tools} selected={tool.id} onChoose={c.choose} />
        <section className="card tool-detail" aria-labelledby="tool-title" data-testid="tool-detail">
          <div className="row wrap">
            <h2 id="tool-title">{tool.name}</h2>
            <StatusBadges status={status} />
          </div>
          {status?.configured && status.currentModel && (
            <p className="muted">{t('cli.currentModel', { model: ltr(status.currentModel) })}</p>
          )}
          {login.keepLogin && (
            <LoginModeChoice
              toolName={tool.name}
              login={{ ...login, keepLogin: login.keepLogin }}
              onChange={c.chooseMode}
            />
          )}
          <ModelAndKey
            model={c.chosenModel}
            modelOptions={c.modelOptions}
            onModel={c.chooseModel}
            keyValue={key.value}
            keeping={login.keeping}
            keyInvalid={!!applying.applyError?.key}
            onKey={key.type}
            onCreateKey={key.create}
          />
          {key.created && <Notice kind="success">{t('cli.keyCreated')}</Notice>}
          <ToolSetup
            notes={content.notes}
            settings={content.settings}
            snippets={content.snippets}
            apiKey={key.apiKey}
            claudeKeepingLogin={login.keeping && tool.id === 'claude-code'}
          />
          <ApplyRow
            canApply={canApply}
            busy={applying.busy}
            confirming={applying.confirming}
            configPath={configPath}
            manual={!!status}
            buttonRef={applying.applyButton}
            onAsk={applying.ask}
            error={applying.applyError}
          />
          {applying.confirming && canApply && (
            <ApplyConfirm
              configPath={configPath}
              otherFiles={content.otherFiles}
              busy={applying.busy}
              onConfirm={c.apply}
              onCancel={applying.closeQuestion}
            />
          )}
          {applying.applied && applying.applied.id === tool.id && <ApplyResult applied={applying.applied} />}
        </section>
      </div>
    </>
  );
}

/** The model the tool is pointed at, and the gateway key it sends (typed, or created here). */
function ModelAndKey(p: {
  model: string;
  modelOptions: Array<{ value: string; label: string; group: string }>;
  onModel: (m: string) => void;
  keyValue: string;
  keeping: boolean;
  keyInvalid: boolean;
  onKey: (value: string) => void;
  onCreateKey: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-grid">
      <SelectField label={t('cli.model')} value={p.model} onChange={p.onModel} options={p.modelOptions} />
      <div>
        <Field
          label={t('cli.key')}
          value={p.keyValue}
          dir="ltr"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('cli.keyPlaceholder')}
          hint={p.keeping ? t('cli.keyHintLogin') : t('cli.keyHint')}
          aria-invalid={p.keyInvalid ? true : undefined}
          onChange={(e) => p.onKey(e.target.value)}
        />
        <button type="button" className="btn" onClick={p.onCreateKey}>
          <Icon name="keys" /> {t('cli.createKey')}
        </button>
      </div>
    </div>
  );
}

/** How to set the tool up by hand: the core's notes, the values to enter and the snippets to paste. */
function ToolSetup({
  notes,
  settings,
  snippets,
  apiKey,
  claudeKeepingLogin,
}: {
  notes: Array<{ id: string; text: string }>;
  settings?: CliToolSetting[];
  snippets: Array<{ file?: string; kind: string; code: string }>;
  apiKey?: string;
  /** Claude Code keeping its login: remind that no token may be set next to it. */
  claudeKeepingLogin: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {notes.map((n) => (
        <Notice key={n.id}>{n.text}</Notice>
      ))}
      {settings && (
        <section aria-labelledby="tool-settings-title">
          <h3 id="tool-settings-title">{t('cli.settingsTitle')}</h3>
          <SettingsList settings={settings} apiKey={apiKey} />
        </section>
      )}
      {snippets.map((s, i) => (
        <CodeSnippet key={i} title={s.file ?? t(`cli.snippet.${s.kind}`)} code={s.code} />
      ))}
      {claudeKeepingLogin && (
        <p className="muted" data-testid="keep-login-reminder">
          {t('cli.claudeNoToken')}
        </p>
      )}
    </>
  );
}
