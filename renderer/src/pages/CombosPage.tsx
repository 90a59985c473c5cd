import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Combo, Provider } from '../api/types';
import { useResource } from '../api/useResource';
import { ConfirmButton } from '../components/ConfirmButton';
import { AliasEditor } from '../components/combos/AliasEditor';
import { ComboEditor } from '../components/combos/ComboEditor';
import { ComboTemplates } from '../components/combos/ComboTemplates';
import { TestChat } from '../components/combos/TestChat';
import { Icon } from '../components/icons';
import { Loading } from '../components/Loading';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { Toggle } from '../components/Toggle';
import { comboBody } from '../lib/bodies';
import { useRunThenReload } from '../components/useRunThenReload';

/** Step suggestions: `prefix/model` of every configured provider, and the other combos. */
export function stepSuggestions(providers: Provider[], combos: Combo[]): string[] {
  const out: string[] = [];
  for (const p of providers) if (p.configured) for (const m of p.models) out.push(`${p.id}/${m}`);
  for (const c of combos) out.push(c.name);
  return out;
}

export function CombosPage() {
  const { t } = useTranslation();
  const data = useResource(async () => {
    const [combos, providers, settings] = await Promise.all([api.combos(), api.providers(), api.settings()]);
    return { combos, providers, settings };
  });
  const [editing, setEditing] = useState<string | 'new'>();
  const [testing, setTesting] = useState<string>();
  const { error, run } = useRunThenReload(() => data.reload());

  if (!data.data) return data.error ? <Notice kind="error">{errorText(data.error)}</Notice> : <Loading />;
  const { combos, providers, settings } = data.data;
  const suggestions = stepSuggestions(providers, combos);

  return (
    <>
      <PageHeader
        title={t('combos.title')}
        intro={t('combos.intro', { alias: settings.activeComboAlias })}
        actions={
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setEditing('new')}
            disabled={editing === 'new'}
          >
            <Icon name="plus" /> {t('combos.new')}
          </button>
        }
      />
      {error && <Notice kind="error">{error}</Notice>}
      {editing === 'new' && (
        <ComboEditor
          suggestions={suggestions}
          onCancel={() => setEditing(undefined)}
          onDone={() => {
            setEditing(undefined);
            void data.reload();
          }}
        />
      )}
      {combos.length === 0 && editing !== 'new' && (
        <section className="empty">
          <p>{t('combos.empty')}</p>
        </section>
      )}
      <ul className="combo-list">
        {combos.map((c) =>
          editing === c.name ? (
            <li key={c.name}>
              <ComboEditor
                existing={c}
                suggestions={suggestions.filter((s) => s !== c.name)}
                onCancel={() => setEditing(undefined)}
                onDone={() => {
                  setEditing(undefined);
                  void data.reload();
                }}
              />
            </li>
          ) : (
            <li key={c.name} className={`card combo${c.active ? ' is-active' : ''}`} data-combo={c.name}>
              <div className="combo-head">
                <h2 dir="ltr">{c.name}</h2>
                {c.active && (
                  <span className="badge badge-ok" data-testid="active-badge">
                    <Icon name="star" size={12} /> {t('combos.active')}
                  </span>
                )}
                {!c.enabled && <span className="badge badge-warn">{t('common.disabled')}</span>}
                <span className="badge">{t(`strategies.${c.strategy}`)}</span>
              </div>
              <ol className="step-summary" dir="ltr">
                {c.models.map((m, i) => {
                  const off = c.disabledSteps?.includes(m);
                  const weight = c.strategy === 'weighted' ? c.weights?.[m] : undefined;
                  return (
                    <li key={`${m}-${i}`} className={off ? 'is-off' : undefined} data-step={m}>
                      <code>{m}</code>
                      {weight !== undefined && (
                        <span className="muted" title={t('combos.weightOf', { step: m })}>
                          {' '}
                          ×{weight}
                        </span>
                      )}
                      {off && <span className="badge step-off">{t('combos.stepOff')}</span>}
                    </li>
                  );
                })}
              </ol>
              <div className="row wrap">
                <Toggle
                  label={t('combos.enabled')}
                  checked={c.enabled}
                  onChange={(v) =>
                    run(async () => {
                      if (!v && c.active) await api.setActiveCombo(null);
                      await api.putCombo(c.name, comboBody(c, { enabled: v }));
                    })
                  }
                />
                {!c.active && (
                  <button
                    type="button"
                    className="btn"
                    disabled={!c.enabled}
                    title={c.enabled ? undefined : t('combos.enableFirst')}
                    onClick={() => run(() => api.setActiveCombo(c.name))}
                  >
                    <Icon name="star" /> {t('combos.makeActive')}
                  </button>
                )}
                <button
                  type="button"
                  className="btn"
                  onClick={() => setTesting(testing === c.name ? undefined : c.name)}
                  aria-expanded={testing === c.name}
                >
                  <Icon name="play" /> {t('combos.test')}
                </button>
                <button type="button" className="btn btn-ghost" onClick={() => setEditing(c.name)}>
                  <Icon name="edit" /> {t('common.edit')}
                </button>
                <ConfirmButton
                  confirmLabel={t('combos.confirmDelete')}
                  onConfirm={() => run(() => api.deleteCombo(c.name))}
                >
                  <Icon name="trash" /> {t('common.delete')}
                </ConfirmButton>
              </div>
              {testing === c.name && <TestChat model={c.name} needsKey={settings.requireApiKey} />}
            </li>
          ),
        )}
      </ul>
      <ComboTemplates onCreate={(fn) => void run(fn)} />
      <AliasEditor suggestions={suggestions} />
    </>
  );
}
