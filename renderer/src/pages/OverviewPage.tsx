import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useResource } from '../api/useResource';
import { CopyButton } from '../components/CopyButton';
import { Loading } from '../components/Loading';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { SelectField } from '../components/Field';
import { Toggle } from '../components/Toggle';
import { fmtDuration } from '../lib/format';
import { gatewayOrigin, openAiBaseUrl } from '../lib/gateway';
import { navigate, type RouteName } from '../lib/router';
import { useRunThenReload } from '../components/useRunThenReload';

export function OverviewPage() {
  const { t, i18n } = useTranslation();
  const data = useResource(async () => {
    const [state, health, providers, connections, keys] = await Promise.all([
      api.state(),
      api.health(),
      api.providers(),
      api.connections(),
      api.keys(),
    ]);
    return { state, health, providers, connections, keys };
  });
  const { error, run: act } = useRunThenReload(() => data.reload());

  if (!data.data) return data.error ? <Notice kind="error">{errorText(data.error)}</Notice> : <Loading />;
  const { state, health, providers, connections, keys } = data.data;

  return (
    <>
      <PageHeader title={t('overview.title')} intro={t('overview.intro')} />
      {error && <Notice kind="error">{error}</Notice>}
      <div className="grid cards">
        <section className="card" aria-labelledby="ov-routing">
          <h2 id="ov-routing">{t('overview.routing')}</h2>
          <SelectField
            label={t('overview.activeCombo')}
            value={state.activeCombo ?? ''}
            onChange={(v) => act(() => api.setActiveCombo(v || null))}
            options={[
              { value: '', label: t('overview.noCombo') },
              ...state.combos.map((c) => ({
                value: c.name,
                label: c.enabled ? c.name : `${c.name} (${t('common.disabled')})`,
              })),
            ]}
            hint={t('overview.aliasHint', { alias: state.activeComboAlias })}
          />
          <Toggle
            label={t('overview.offline')}
            hint={t('overview.offlineHint')}
            checked={state.offline}
            onChange={(v) => act(() => api.setOffline(v))}
          />
        </section>
        <section className="card" aria-labelledby="ov-gateway">
          <h2 id="ov-gateway">{t('overview.gateway')}</h2>
          <dl className="kv">
            <dt>{t('overview.status')}</dt>
            <dd>
              <span className={`badge ${health.status === 'ok' ? 'badge-ok' : 'badge-warn'}`}>
                {health.status === 'ok' ? t('overview.ok') : t('overview.degraded')}
              </span>
            </dd>
            <dt>{t('overview.version')}</dt>
            <dd dir="ltr">{health.version}</dd>
            <dt>{t('overview.uptime')}</dt>
            <dd dir="ltr">{fmtDuration(health.uptimeSeconds, i18n.language)}</dd>
          </dl>
          <BaseUrl label={t('overview.baseUrl')} url={openAiBaseUrl()} />
          <BaseUrl label={t('overview.anthropicBaseUrl')} url={gatewayOrigin()} />
        </section>
        <SetupCard
          counts={[
            {
              n: providers.filter((p) => p.configured).length,
              label: t('overview.providersConfigured'),
              route: 'providers',
            },
            { n: connections.length, label: t('overview.accounts'), route: 'providers' },
            { n: state.combos.length, label: t('overview.combos'), route: 'combos' },
            { n: keys.length, label: t('overview.keys'), route: 'keys' },
          ]}
        />
      </div>
    </>
  );
}

function BaseUrl({ label, url }: { label: string; url: string }) {
  return (
    <div className="field">
      <span className="label">{label}</span>
      <div className="row">
        <code className="secret" dir="ltr">
          {url}
        </code>
        <CopyButton text={url} />
      </div>
    </div>
  );
}

/** What is set up so far, each count linking to its page, and the way back into the wizard. */
function SetupCard({ counts }: { counts: Array<{ n: number; label: string; route: RouteName }> }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="ov-counts">
      <h2 id="ov-counts">{t('overview.setup')}</h2>
      <ul className="stats">
        {counts.map((c) => (
          <li key={c.label}>
            <strong>{c.n}</strong>
            <button type="button" className="link" onClick={() => navigate(c.route)}>
              {c.label}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="btn" onClick={() => navigate('onboarding')}>
        {t('overview.rerunWizard')}
      </button>
    </section>
  );
}
