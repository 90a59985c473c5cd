import { Fragment, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { CliToolApplied, CliToolId, CliToolSetting, CliToolStatus } from '../api/types';
import { useResource } from '../api/useResource';
import { CodeSnippet } from '../components/CodeSnippet';
import { CopyButton } from '../components/CopyButton';
import { Field, SelectField } from '../components/Field';
import { Icon } from '../components/icons';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { toolSetups } from '../lib/cliTools';
import { gatewayOrigin } from '../lib/gateway';

const KEY_PLACEHOLDER = '<your-gateway-key>';
/** A path or model inside translated text: isolated, so right-to-left text does not reorder it. */
const ltr = (s: string) => `\u2066${s}\u2069`;

/** Badges next to a tool: found on this machine, already pointing at this gateway. */
function StatusBadges({ status }: { status?: CliToolStatus }) {
  const { t } = useTranslation();
  if (!status) return null;
  return (
    <span className="badges">
      {status.installed ? (
        <span className="badge badge-ok">{t('cli.installed')}</span>
      ) : (
        <span className="badge">{t('cli.notInstalled')}</span>
      )}
      {status.configured && <span className="badge badge-info">{t('cli.configured')}</span>}
    </span>
  );
}

/** The values to enter by hand, each copyable; the key shows the one typed above, if any. */
function SettingsList({ settings, apiKey }: { settings: CliToolSetting[]; apiKey?: string }) {
  const { t } = useTranslation();
  const shown = (s: CliToolSetting) => (s.kind === 'key' && apiKey ? apiKey : s.value);
  return (
    <dl className="kv" data-testid="tool-settings">
      {settings.map((s) => (
        <Fragment key={s.label}>
          <dt>
            <code dir="ltr">{s.label}</code>
          </dt>
          <dd className="row wrap">
            <code dir="ltr" className="secret" data-kind={s.kind}>
              {shown(s)}
            </code>
            <CopyButton text={shown(s)} label={t('cli.copyValue')} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

export function CliToolsPage() {
  const { t } = useTranslation();
  const state = useResource(() => api.state());
  const providers = useResource(() => api.providers());
  const [toolId, setToolId] = useState<CliToolId>('claude-code');
  const [model, setModel] = useState<string>();
  const [key, setKey] = useState('');
  const [keyCreated, setKeyCreated] = useState(false);
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<CliToolApplied>();
  const applyButton = useRef<HTMLButtonElement>(null);

  const alias = state.data?.activeComboAlias ?? 'auto';
  const chosenModel = model ?? alias;
  // A 404 (an older core) keeps Apply disabled; the snippets below still work.
  const statuses = useResource(() => api.cliTools(chosenModel), [chosenModel]);
  const apiKey = key.trim() || undefined;
  const tools = toolSetups(gatewayOrigin(), apiKey ?? KEY_PLACEHOLDER, chosenModel);
  const tool = tools.find((x) => x.id === toolId) ?? tools[0]!;
  const status = statuses.data?.find((s) => s.id === tool.id);
  const canApply = !!status?.canApply;

  const modelOptions = [
    { value: alias, label: t('cli.activeAlias', { alias }), group: t('cli.groupAlias') },
    ...(state.data?.combos ?? [])
      .filter((c) => c.enabled && c.name !== alias)
      .map((c) => ({ value: c.name, label: c.name, group: t('cli.groupCombos') })),
    ...(providers.data ?? [])
      .filter((p) => p.enabled && p.configured && (p.connections > 0 || p.local))
      .flatMap((p) => p.models.map((m) => `${p.id}/${m}`))
      .map((m) => ({ value: m, label: m, group: t('cli.groupModels') })),
  ];
  if (!modelOptions.some((o) => o.value === chosenModel))
    modelOptions.push({ value: chosenModel, label: chosenModel, group: t('cli.groupModels') });

  const choose = (id: CliToolId) => {
    setToolId(id);
    setConfirming(false);
    setApplied(undefined);
  };

  const createKey = async () => {
    setError(undefined);
    try {
      const k = await api.createKey(
        `${tool.id}-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 6)}`,
      );
      setKey(k.key);
      setKeyCreated(true);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const closeQuestion = () => {
    setConfirming(false);
    // The Apply button is enabled again once the question closes: give it the focus back.
    setTimeout(() => applyButton.current?.focus(), 0);
  };
  const apply = async () => {
    setError(undefined);
    setBusy(true);
    try {
      setApplied(await api.applyCliTool(tool.id, { model: chosenModel, ...(apiKey ? { apiKey } : {}) }));
      closeQuestion();
      await statuses.reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const cancelOnEscape = (e: KeyboardEvent) => {
    if (e.key === 'Escape') closeQuestion();
  };

  const notes = status
    ? status.notes.map((n) => ({ id: n.id, text: t(`cli.notes.${n.id}`, { defaultValue: n.text }) }))
    : tool.noteKey
      ? [{ id: tool.noteKey, text: t(`cli.notes.${tool.noteKey}`) }]
      : [];
  const configPath = status?.configPath ?? '';
  const otherFiles = status?.files.slice(1) ?? [];

  return (
    <>
      <PageHeader title={t('cli.title')} intro={t('cli.intro')} />
      {error && <Notice kind="error">{error}</Notice>}
      <div className="cli-layout">
        <nav aria-label={t('cli.tools')} className="tool-list">
          <ul>
            {tools.map((x) => {
              const s = statuses.data?.find((st) => st.id === x.id);
              return (
                <li key={x.id}>
                  <button
                    type="button"
                    className="tool-button row wrap"
                    aria-pressed={x.id === tool.id}
                    data-tool={x.id}
                    onClick={() => choose(x.id)}
                  >
                    <span>{x.name}</span>
                    <StatusBadges status={s} />
                  </button>
                </li>
              );
            })}
          </ul>
        </nav>
        <section className="card tool-detail" aria-labelledby="tool-title" data-testid="tool-detail">
          <div className="row wrap">
            <h2 id="tool-title">{tool.name}</h2>
            <StatusBadges status={status} />
          </div>
          {status?.configured && status.currentModel && (
            <p className="muted">{t('cli.currentModel', { model: ltr(status.currentModel) })}</p>
          )}
          <div className="form-grid">
            <SelectField
              label={t('cli.model')}
              value={chosenModel}
              onChange={(m) => {
                setModel(m);
                setApplied(undefined);
              }}
              options={modelOptions}
            />
            <div>
              <Field
                label={t('cli.key')}
                value={key}
                dir="ltr"
                autoComplete="off"
                spellCheck={false}
                placeholder={t('cli.keyPlaceholder')}
                hint={t('cli.keyHint')}
                onChange={(e) => {
                  setKey(e.target.value);
                  setKeyCreated(false);
                }}
              />
              <button type="button" className="btn" onClick={createKey}>
                <Icon name="keys" /> {t('cli.createKey')}
              </button>
            </div>
          </div>
          {keyCreated && <Notice kind="success">{t('cli.keyCreated')}</Notice>}
          {notes.map((n) => (
            <Notice key={n.id}>{n.text}</Notice>
          ))}
          {status && (
            <section aria-labelledby="tool-settings-title">
              <h3 id="tool-settings-title">{t('cli.settingsTitle')}</h3>
              <SettingsList settings={status.settings} apiKey={apiKey} />
            </section>
          )}
          {tool.snippets.map((s, i) => (
            <CodeSnippet key={i} title={s.file ?? t(`cli.snippet.${s.titleKey}`)} code={s.code} />
          ))}
          <div className="row wrap">
            <button
              type="button"
              className="btn btn-primary"
              disabled={!canApply || busy || confirming}
              aria-describedby="apply-hint"
              aria-expanded={canApply ? confirming : undefined}
              aria-controls={canApply ? 'apply-confirm' : undefined}
              ref={applyButton}
              data-testid="apply"
              onClick={() => {
                setApplied(undefined);
                setConfirming(true);
              }}
            >
              {t('cli.apply')}
            </button>
            <small id="apply-hint" className="muted">
              {canApply
                ? t('cli.applyHint', { path: ltr(configPath) })
                : status
                  ? t('cli.applyManual')
                  : t('cli.applyUnavailable')}
            </small>
          </div>
          {confirming && canApply && (
            <div
              id="apply-confirm"
              className="notice notice-warning"
              role="group"
              aria-labelledby="apply-confirm-title"
              data-testid="apply-confirm"
              onKeyDown={cancelOnEscape}
            >
              <Icon name="info" size={16} />
              <div>
                <p id="apply-confirm-title">
                  <strong>{t('cli.confirmTitle', { path: ltr(configPath) })}</strong>
                </p>
                <p>{t('cli.confirmBody')}</p>
                {otherFiles.length > 0 && (
                  <p>
                    {t('cli.confirmAlso')}{' '}
                    {otherFiles.map((f) => (
                      <code key={f} dir="ltr">
                        {f}
                      </code>
                    ))}
                  </p>
                )}
                <div className="row wrap">
                  <button
                    type="button"
                    className="btn btn-primary"
                    autoFocus
                    disabled={busy}
                    data-testid="apply-confirm-button"
                    onClick={apply}
                  >
                    {busy ? t('cli.applying') : t('cli.confirmApply')}
                  </button>
                  <button type="button" className="btn btn-ghost" onClick={closeQuestion}>
                    {t('common.cancel')}
                  </button>
                </div>
              </div>
            </div>
          )}
          {applied && applied.id === tool.id && (
            <Notice kind="success">
              <span data-testid="apply-result">
                {!applied.changed
                  ? t('cli.unchanged', { path: ltr(applied.path) })
                  : applied.backupPath
                    ? t('cli.appliedBackup', { path: ltr(applied.path), backup: ltr(applied.backupPath) })
                    : t('cli.applied', { path: ltr(applied.path) })}
              </span>
              {applied.files.slice(1).map((f) =>
                f.changed ? (
                  <span key={f.path} className="muted">
                    {' '}
                    {f.backupPath
                      ? t('cli.appliedBackup', { path: ltr(f.path), backup: ltr(f.backupPath) })
                      : t('cli.applied', { path: ltr(f.path) })}
                  </span>
                ) : null,
              )}
            </Notice>
          )}
        </section>
      </div>
    </>
  );
}
