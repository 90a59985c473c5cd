import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AuthStatus, Settings } from '../api/types';
import { useResource } from '../api/useResource';
import { Field, SelectField } from '../components/Field';
import { Loading } from '../components/Loading';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { PasswordForm } from '../components/PasswordForm';
import { Toggle } from '../components/Toggle';

export function SettingsPage({
  auth,
  onAuthChanged,
}: {
  auth: AuthStatus;
  onAuthChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const data = useResource(async () => {
    const [settings, combos] = await Promise.all([api.settings(), api.combos()]);
    return { settings, combos };
  });
  const [draft, setDraft] = useState<Settings>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  // The routing form keeps its unsaved edits while other settings (switches below) save.
  useEffect(() => {
    if (data.data) setDraft((d) => d ?? data.data!.settings);
  }, [data.data]);

  if (!data.data || !draft)
    return data.error ? <Notice kind="error">{errorText(data.error)}</Notice> : <Loading />;
  const s = data.data.settings;

  const patch = async (p: Partial<Settings>) => {
    setError(undefined);
    setSaved(false);
    try {
      const next = await api.patchSettings(p);
      if ('activeComboAlias' in p) setDraft(next);
      setSaved(true);
    } catch (e) {
      setError(errorText(e));
    }
    await data.reload();
  };
  const saveRouting = (e: FormEvent) => {
    e.preventDefault();
    void patch({
      activeComboAlias: draft.activeComboAlias.trim(),
      activeCombo: draft.activeCombo,
      bodyLimitMb: draft.bodyLimitMb,
      debugLogging: draft.debugLogging,
    });
  };

  return (
    <>
      <PageHeader title={t('settings.title')} intro={t('settings.intro')} />
      {error && <Notice kind="error">{error}</Notice>}
      {saved && <Notice kind="success">{t('settings.saved')}</Notice>}

      <form
        className="card"
        onSubmit={saveRouting}
        aria-labelledby="set-routing"
        data-testid="routing-settings"
      >
        <h2 id="set-routing">{t('settings.routing')}</h2>
        <div className="form-grid">
          <SelectField
            label={t('settings.activeCombo')}
            value={draft.activeCombo ?? ''}
            onChange={(v) => setDraft({ ...draft, activeCombo: v || null })}
            options={[
              { value: '', label: t('overview.noCombo') },
              ...data.data.combos.filter((c) => c.enabled).map((c) => ({ value: c.name, label: c.name })),
            ]}
          />
          <Field
            label={t('settings.alias')}
            name="activeComboAlias"
            dir="ltr"
            required
            hint={t('settings.aliasHint')}
            value={draft.activeComboAlias}
            onChange={(e) => setDraft({ ...draft, activeComboAlias: e.target.value })}
          />
          <Field
            label={t('settings.bodyLimit')}
            name="bodyLimitMb"
            type="number"
            min={1}
            max={1024}
            hint={t('settings.bodyLimitHint')}
            value={String(draft.bodyLimitMb)}
            onChange={(e) => setDraft({ ...draft, bodyLimitMb: Number(e.target.value) })}
          />
        </div>
        <Toggle
          label={t('settings.debugLogging')}
          hint={t('settings.debugLoggingHint')}
          checked={draft.debugLogging}
          onChange={(v) => setDraft({ ...draft, debugLogging: v })}
        />
        <button type="submit" className="btn btn-primary">
          {t('common.save')}
        </button>
      </form>

      <section className="card" aria-labelledby="set-security">
        <h2 id="set-security">{t('security.title')}</h2>
        <p className="muted">
          {auth.exposed ? t('security.exposed') : t('security.loopback')}{' '}
          {auth.passwordSet ? t('security.passwordOn') : t('security.passwordOff')}
        </p>
        <PasswordForm passwordSet={auth.passwordSet} exposed={auth.exposed} onChanged={onAuthChanged} />
        <Toggle
          label={t('security.requireKey')}
          hint={auth.exposed ? t('security.requireKeyExposed') : t('security.requireKeyHint')}
          checked={s.requireApiKey || auth.exposed}
          disabled={auth.exposed}
          onChange={(v) => patch({ requireApiKey: v })}
        />
      </section>

      <section className="card" aria-labelledby="set-offline">
        <h2 id="set-offline">{t('settings.offlineTitle')}</h2>
        <Toggle
          label={t('overview.offline')}
          hint={t('overview.offlineHint')}
          checked={s.offlineMode}
          onChange={async (v) => {
            setError(undefined);
            try {
              await api.setOffline(v);
            } catch (e) {
              setError(errorText(e));
            }
            await data.reload();
          }}
        />
      </section>
    </>
  );
}
