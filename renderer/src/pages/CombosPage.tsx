import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Combo, Provider } from '../api/types';
import { useResource } from '../api/useResource';
import { AliasEditor } from '../components/combos/AliasEditor';
import { ComboCard } from '../components/combos/ComboCard';
import { ComboEditor } from '../components/combos/ComboEditor';
import { ComboTemplates } from '../components/combos/ComboTemplates';
import { Icon } from '../components/icons';
import { Loading } from '../components/Loading';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
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
  const done = () => {
    setEditing(undefined);
    void data.reload();
  };

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
        <ComboEditor suggestions={suggestions} onCancel={() => setEditing(undefined)} onDone={done} />
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
                onDone={done}
              />
            </li>
          ) : (
            <ComboCard
              key={c.name}
              combo={c}
              testing={testing === c.name}
              needsKey={settings.requireApiKey}
              onToggleTest={() => setTesting(testing === c.name ? undefined : c.name)}
              onEdit={() => setEditing(c.name)}
              run={run}
            />
          ),
        )}
      </ul>
      <ComboTemplates onCreate={(fn) => void run(fn)} />
      <AliasEditor suggestions={suggestions} />
    </>
  );
}
