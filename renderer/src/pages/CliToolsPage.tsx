import { Fragment, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import type {
  CliToolApplied,
  CliToolApplyMode,
  CliToolCheck,
  CliToolId,
  CliToolSetting,
  CliToolStatus,
  LoginKindId,
} from '../api/types';
import { useResource } from '../api/useResource';
import { CodeSnippet } from '../components/CodeSnippet';
import { CopyButton } from '../components/CopyButton';
import { Field, SelectField } from '../components/Field';
import { Icon } from '../components/icons';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { settingValue, withKey } from '../lib/cliTools';
import { navigate } from '../lib/router';

/** Whose servers a login provider of each kind forwards to (core/providers/login/*.ts). */
const LOGIN_VENDORS: Record<LoginKindId, string> = {
  anthropic: 'Anthropic',
  chatgpt: 'OpenAI',
  'code-assist': 'Google',
};
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
  const shown = (s: CliToolSetting) => settingValue(s, apiKey);
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

/** Gateway key, or the tool keeps its own vendor login (Claude Code, Codex, Gemini CLI). */
function ModeChoice({
  toolName,
  login,
  mode,
  onChange,
}: {
  toolName: string;
  login: LoginKindId;
  mode: CliToolApplyMode;
  onChange: (m: CliToolApplyMode) => void;
}) {
  const { t } = useTranslation();
  const options: Array<{ value: CliToolApplyMode; label: string; hint: string }> = [
    { value: 'gateway-key', label: t('cli.mode.gatewayKey'), hint: t('cli.mode.gatewayKeyHint') },
    { value: 'keep-login', label: t(`cli.mode.keepLogin.${login}`), hint: t('cli.mode.keepLoginHint') },
  ];
  return (
    <fieldset className="choices pair" data-testid="mode-choice">
      <legend className="visually-hidden">{t('cli.mode.legend', { tool: toolName })}</legend>
      {options.map((o) => (
        <label key={o.value} className={`choice${mode === o.value ? ' selected' : ''}`}>
          <input
            type="radio"
            name="cli-mode"
            value={o.value}
            checked={mode === o.value}
            onChange={() => onChange(o.value)}
          />
          <span>
            <strong>{o.label}</strong>
            <small className="muted block">{o.hint}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** What the core found after apply: one request through the gateway, and how the model resolves. */
function CheckResult({ check }: { check: CliToolCheck }) {
  const { t } = useTranslation();
  return (
    <Notice kind={check.ok ? 'success' : 'warning'}>
      <div data-testid="apply-check" data-ok={String(check.ok)}>
        <strong>{check.ok ? t('cli.checkOk') : t('cli.checkFailed')}</strong>
        <ul className="check-messages">
          {check.messages.map((m, i) => (
            <li key={i} dir="auto">
              {m}
            </li>
          ))}
        </ul>
      </div>
    </Notice>
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
  /** An apply refused: shown by the Apply button; `key` marks the key field as the cause. */
  const [applyError, setApplyError] = useState<{ message: string; key?: boolean }>();
  const [modes, setModes] = useState<Partial<Record<CliToolId, CliToolApplyMode>>>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<CliToolApplied>();
  const applyButton = useRef<HTMLButtonElement>(null);

  const alias = state.data?.activeComboAlias ?? 'auto';
  const chosenModel = model ?? alias;
  const statuses = useResource(() => api.cliTools(chosenModel), [chosenModel]);
  const apiKey = key.trim() || undefined;
  // The core's list: every tool with its settings, snippets and notes for the chosen model.
  const tools = statuses.data ?? [];
  const status = tools.find((x) => x.id === toolId) ?? tools[0];
  const tool = { id: status?.id ?? toolId, name: status?.name ?? '' };
  const canApply = !!status?.canApply;
  // Only offered where the core says the tool can keep its login.
  const keepLogin = status?.keepLogin;
  const mode: CliToolApplyMode = keepLogin && modes[tool.id] === 'keep-login' ? 'keep-login' : 'gateway-key';
  const keeping = mode === 'keep-login' && !!keepLogin;
  const loginProviderMissing =
    keeping && !!providers.data && !providers.data.some((p) => p.login === keepLogin.login);

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
    setApplyError(undefined);
  };
  const chooseMode = (m: CliToolApplyMode) => {
    setModes((all) => ({ ...all, [tool.id]: m }));
    setConfirming(false);
    setApplied(undefined);
    setApplyError(undefined);
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
    setApplyError(undefined);
    setBusy(true);
    try {
      setApplied(
        await api.applyCliTool(tool.id, {
          model: chosenModel,
          ...(apiKey ? { apiKey } : {}),
          ...(keeping ? { mode } : {}),
        }),
      );
      closeQuestion();
      await statuses.reload();
    } catch (e) {
      // 400 on apiKey: a key the gateway does not know (or disabled), or none where one is required.
      if (e instanceof ApiError && e.status === 400 && e.param === 'apiKey') {
        setApplyError({ message: apiKey ? t('cli.unknownKey') : t('cli.keyRequired'), key: true });
        closeQuestion();
      } else setApplyError({ message: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const cancelOnEscape = (e: KeyboardEvent) => {
    if (e.key === 'Escape') closeQuestion();
  };

  const translated = (ns: Array<{ id: string; text: string }>) =>
    ns.map((n) => ({ id: n.id, text: t(`cli.notes.${n.id}`, { defaultValue: n.text }) }));
  const notes = keeping ? translated(keepLogin.notes) : status ? translated(status.notes) : [];
  const settings = keeping ? keepLogin.settings : status?.settings;
  const snippets = (keeping ? keepLogin.snippets : (status?.snippets ?? [])).map((s) => ({
    ...s,
    code: withKey(s.code, apiKey),
  }));
  const configPath = status?.configPath ?? '';
  const files = keeping ? keepLogin.files : (status?.files ?? []);
  const otherFiles = files.slice(1);

  return (
    <>
      <PageHeader title={t('cli.title')} intro={t('cli.intro')} />
      {error && <Notice kind="error">{error}</Notice>}
      <div className="cli-layout">
        <nav aria-label={t('cli.tools')} className="tool-list">
          <ul>
            {tools.map((x) => {
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
                    <StatusBadges status={x} />
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
          {keepLogin && (
            <ModeChoice toolName={tool.name} login={keepLogin.login} mode={mode} onChange={chooseMode} />
          )}
          {keeping && (
            <p className="muted" data-testid="keep-login-explainer">
              {t('cli.keepLoginExplainer', { tool: tool.name, vendor: LOGIN_VENDORS[keepLogin.login] })}
            </p>
          )}
          {loginProviderMissing && (
            <Notice kind="warning">
              <span data-testid="login-provider-missing">
                {t('cli.loginProviderMissing', { login: t(`logins.${keepLogin.login}`), tool: tool.name })}
              </span>{' '}
              <button type="button" className="link" onClick={() => navigate('providers')}>
                {t('cli.addLoginProvider')}
              </button>
            </Notice>
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
                hint={keeping ? t('cli.keyHintLogin') : t('cli.keyHint')}
                aria-invalid={applyError?.key ? true : undefined}
                onChange={(e) => {
                  setKey(e.target.value);
                  setKeyCreated(false);
                  if (applyError?.key) setApplyError(undefined);
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
          {settings && (
            <section aria-labelledby="tool-settings-title">
              <h3 id="tool-settings-title">{t('cli.settingsTitle')}</h3>
              <SettingsList settings={settings} apiKey={apiKey} />
            </section>
          )}
          {snippets.map((s, i) => (
            <CodeSnippet key={i} title={s.file ?? t(`cli.snippet.${s.kind}`)} code={s.code} />
          ))}
          {keeping && tool.id === 'claude-code' && (
            <p className="muted" data-testid="keep-login-reminder">
              {t('cli.claudeNoToken')}
            </p>
          )}
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
              {canApply ? t('cli.applyHint', { path: ltr(configPath) }) : status ? t('cli.applyManual') : ''}
            </small>
          </div>
          {applyError && (
            <Notice kind="error">
              <span data-testid="apply-error">{applyError.message}</span>
            </Notice>
          )}
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
          {applied && applied.id === tool.id && applied.check && <CheckResult check={applied.check} />}
        </section>
      </div>
    </>
  );
}
