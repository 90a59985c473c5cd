import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { CliToolStatus } from '../api/types';
import { useResource } from '../api/useResource';
import { CodeSnippet } from '../components/CodeSnippet';
import { SelectField } from '../components/Field';
import { Icon } from '../components/icons';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { toolSetups } from '../lib/cliTools';
import { gatewayOrigin } from '../lib/gateway';

const KEY_PLACEHOLDER = '<your-gateway-key>';

export function CliToolsPage() {
  const { t } = useTranslation();
  const state = useResource(() => api.state());
  // The apply endpoint is proposed (api/types.ts); a 404 keeps the Apply buttons disabled.
  const applyStatus = useResource(() => api.cliTools());
  const [toolId, setToolId] = useState('claude-code');
  const [model, setModel] = useState<string>();
  const [key, setKey] = useState<string>();
  const [error, setError] = useState<string>();
  const [applied, setApplied] = useState<string>();

  const alias = state.data?.activeComboAlias ?? 'auto';
  const chosenModel = model ?? alias;
  const tools = toolSetups(gatewayOrigin(), key ?? KEY_PLACEHOLDER, chosenModel);
  const tool = tools.find((x) => x.id === toolId) ?? tools[0]!;
  const status: CliToolStatus | undefined = applyStatus.data?.find((s) => s.id === tool.id);
  const canApply = !!status?.canApply;

  const createKey = async () => {
    setError(undefined);
    try {
      const k = await api.createKey(
        `${tool.id}-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 6)}`,
      );
      setKey(k.key);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <>
      <PageHeader title={t('cli.title')} intro={t('cli.intro')} />
      {error && <Notice kind="error">{error}</Notice>}
      <div className="cli-layout">
        <nav aria-label={t('cli.tools')} className="tool-list">
          <ul>
            {tools.map((x) => (
              <li key={x.id}>
                <button
                  type="button"
                  className="tool-button"
                  aria-pressed={x.id === tool.id}
                  data-tool={x.id}
                  onClick={() => setToolId(x.id)}
                >
                  {x.name}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <section className="card tool-detail" aria-labelledby="tool-title">
          <h2 id="tool-title">{tool.name}</h2>
          <div className="form-grid">
            <SelectField
              label={t('cli.model')}
              value={chosenModel}
              onChange={setModel}
              options={[
                { value: alias, label: t('cli.activeAlias', { alias }) },
                ...(state.data?.combos ?? []).map((c) => ({ value: c.name, label: c.name })),
              ]}
            />
            <div className="field">
              <span className="label">{t('cli.key')}</span>
              {key ? (
                <Notice kind="success">{t('cli.keyCreated')}</Notice>
              ) : (
                <button type="button" className="btn" onClick={createKey}>
                  <Icon name="keys" /> {t('cli.createKey')}
                </button>
              )}
              <small className="muted">{t('cli.keyHint')}</small>
            </div>
          </div>
          {tool.noteKey && <Notice>{t(`cli.notes.${tool.noteKey}`)}</Notice>}
          {tool.snippets.map((s, i) => (
            <CodeSnippet key={i} title={s.file ?? t(`cli.snippet.${s.titleKey}`)} code={s.code} />
          ))}
          <div className="row">
            <span className="tooltip-wrap">
              <button
                type="button"
                className="btn btn-primary"
                disabled={!canApply}
                aria-describedby="apply-tip"
                data-testid="apply"
                onClick={async () => {
                  setError(undefined);
                  try {
                    const r = await api.applyCliTool(tool.id, {
                      model: chosenModel,
                      ...(key ? { apiKey: key } : {}),
                    });
                    setApplied(
                      r.backupPath
                        ? t('cli.appliedBackup', { path: r.path, backup: r.backupPath })
                        : t('cli.applied', { path: r.path }),
                    );
                  } catch (e) {
                    setError(errorText(e));
                  }
                }}
              >
                {t('cli.apply')}
              </button>
              <span role="tooltip" id="apply-tip" className="tooltip">
                {canApply
                  ? t('cli.applyHint', { path: status?.configPath ?? '' })
                  : t('cli.applyUnavailable')}
              </span>
            </span>
          </div>
          {applied && <Notice kind="success">{applied}</Notice>}
        </section>
      </div>
    </>
  );
}
