import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { TIERS, type Connection, type LoginKindId, type Provider } from '../api/types';
import { useResource } from '../api/useResource';
import { ConfirmButton } from '../components/ConfirmButton';
import { Icon } from '../components/icons';
import { Loading } from '../components/Loading';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { SearchField } from '../components/SearchField';
import { Toggle } from '../components/Toggle';
import { ChatGptAccounts } from '../components/providers/ChatGptAccounts';
import { ConnectionForm } from '../components/providers/ConnectionForm';
import { ConnectionRow } from '../components/providers/ConnectionRow';
import { CustomProviderForm } from '../components/providers/CustomProviderForm';
import { ModelEditor } from '../components/providers/ModelEditor';
import { PlanRoutes } from '../components/providers/PlanRoutes';
import { useRevealProvider } from '../components/providers/useRevealProvider';
import { ProviderRoutingForm } from '../components/providers/ProviderRoutingForm';
import { providerBody } from '../lib/bodies';
import { signsInWithChatGpt } from '../lib/chatgptPlan';
import { filterPlanRoutes } from '../lib/planRoutes';
import { navigate } from '../lib/router';

/** The providers matching the filter (id, name or a model), grouped by tier in the tiers' order. */
function providersByTier(providers: Provider[], filter: string) {
  const q = filter.trim().toLowerCase();
  const list = providers.filter(
    (p) =>
      !q ||
      p.id.includes(q) ||
      p.name.toLowerCase().includes(q) ||
      p.models.some((m) => m.toLowerCase().includes(q)),
  );
  return TIERS.map((tier) => ({ tier, providers: list.filter((p) => p.tier === tier) })).filter(
    (g) => g.providers.length > 0,
  );
}

/** The page's data in one load: the providers, their accounts and the plan routes. */
async function loadProviders() {
  const [providers, connections, planRoutes] = await Promise.all([
    api.providers(),
    api.connections(),
    api.planRoutes(),
  ]);
  return { providers, connections, planRoutes };
}

export function ProvidersPage() {
  const { t } = useTranslation();
  const data = useResource(loadProviders);
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<string>();
  /** The "add your own provider" form: closed, or open (a login kind preselected from a plan route). */
  const [adding, setAdding] = useState<false | { login?: LoginKindId }>(false);
  const [error, setError] = useState<string>();
  const reveal = useRevealProvider();

  const byTier = useMemo(() => providersByTier(data.data?.providers ?? [], filter), [data.data, filter]);
  const routes = useMemo(() => filterPlanRoutes(data.data?.planRoutes ?? [], filter), [data.data, filter]);

  if (!data.data) return data.error ? <Notice kind="error">{errorText(data.error)}</Notice> : <Loading />;
  const conns = data.data.connections;
  const reload = () => void data.reload();
  const openProvider = (id: string) => {
    setFilter('');
    setOpen(id);
    reveal(id);
  };
  const tierSection = ({ tier, providers }: (typeof byTier)[number]) => (
    <ProviderTier
      key={tier}
      tier={tier}
      providers={providers}
      connections={conns}
      open={open}
      onToggle={(id) => setOpen(open === id ? undefined : id)}
      onChanged={reload}
      onError={setError}
    />
  );

  return (
    <>
      <PageHeader
        title={t('providers.title')}
        intro={t('providers.intro')}
        actions={
          <button type="button" className="btn" onClick={() => setAdding({})} disabled={adding !== false}>
            <Icon name="plus" /> {t('providers.addCustom')}
          </button>
        }
      />
      {error && <Notice kind="error">{error}</Notice>}
      {adding && (
        <CustomProviderForm
          key={adding.login ?? 'any'}
          initialLogin={adding.login}
          onCancel={() => setAdding(false)}
          onDone={(p) => {
            setAdding(false);
            setOpen(p.id);
            reload();
          }}
        />
      )}
      <SearchField
        id="provider-filter"
        label={t('providers.filter')}
        placeholder={t('providers.filterPlaceholder')}
        value={filter}
        onChange={setFilter}
      />
      {byTier.filter((g) => g.tier === 'subscription').map(tierSection)}
      <PlanRoutes
        routes={routes}
        providers={data.data.providers}
        onAddLogin={(login) => setAdding({ login })}
        onOpenProvider={openProvider}
      />
      {byTier.filter((g) => g.tier !== 'subscription').map(tierSection)}
      {filter.trim() && byTier.length === 0 && routes.length === 0 && (
        <p className="muted" data-testid="filter-no-match">
          {t('providers.noMatch', { q: filter.trim() })}
        </p>
      )}
    </>
  );
}

/** One tier of providers (subscriptions, API keys, local…), with what sets it apart. */
function ProviderTier(props: {
  tier: Provider['tier'];
  providers: Provider[];
  connections: Connection[];
  /** The provider whose panel is open. */
  open?: string;
  onToggle: (id: string) => void;
  onChanged: () => void;
  onError: (m: string) => void;
}) {
  const { t } = useTranslation();
  const tier = props.tier;
  return (
    <section className="tier" aria-labelledby={`tier-${tier}`} data-tier={tier}>
      <h2 id={`tier-${tier}`}>
        {t(`tiers.${tier}`)} <span className="muted count">{props.providers.length}</span>
      </h2>
      <p className="muted tier-hint">{t(`tiers.${tier}Hint`)}</p>
      <ul className="provider-list">
        {props.providers.map((p) => (
          <ProviderItem
            key={p.id}
            provider={p}
            connections={props.connections.filter((c) => c.providerId === p.id)}
            open={props.open === p.id}
            onToggle={() => props.onToggle(p.id)}
            onChanged={props.onChanged}
            onError={props.onError}
          />
        ))}
      </ul>
    </section>
  );
}

function ProviderItem(props: {
  provider: Provider;
  connections: Connection[];
  open: boolean;
  onToggle: () => void;
  onChanged: () => void;
  onError: (m: string) => void;
}) {
  const p = props.provider;
  const panelId = `provider-panel-${p.id}`;
  // A ChatGPT account that cannot serve until its owner signs in again shows on the closed row too.
  const attention = signsInWithChatGpt(p)
    ? (['sign-in-again', 'plan-usage-off'] as const).find((st) =>
        props.connections.some((c) => c.signInState === st),
      )
    : undefined;
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      props.onError(errorText(e));
    }
    props.onChanged();
  };
  return (
    <li className={`provider${props.open ? ' open' : ''}`} data-provider={p.id}>
      <button
        type="button"
        className="provider-head"
        aria-expanded={props.open}
        aria-controls={panelId}
        onClick={props.onToggle}
      >
        <Icon name="chevron" className="chevron" />
        <span className="provider-name">{p.name}</span>
        <code className="muted" dir="ltr">
          {p.id}
        </code>
        <ProviderBadges provider={p} attention={attention} />
      </button>
      {props.open && (
        <div className="provider-panel" id={panelId}>
          <ProviderFacts provider={p} />
          {p.login ? (
            <LoginAccounts provider={p} />
          ) : signsInWithChatGpt(p) ? (
            <ChatGptAccounts
              connections={props.connections}
              onChanged={props.onChanged}
              onError={props.onError}
            />
          ) : (
            <Accounts {...props} />
          )}
          <ProviderRoutingForm provider={p} onChanged={props.onChanged} />
          <ModelEditor provider={p} onChanged={props.onChanged} onError={props.onError} />
          {p.configured && <ProviderActions provider={p} run={run} />}
        </div>
      )}
    </li>
  );
}

/** What the closed row shows: custom, local, disabled, strategy, proxy, sign-in trouble, accounts. */
function ProviderBadges({
  provider: p,
  attention,
}: {
  provider: Provider;
  attention?: 'sign-in-again' | 'plan-usage-off';
}) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      {!p.builtin && <span className="badge badge-info">{t('providers.custom')}</span>}
      {p.local && <span className="badge">{t('providers.localBadge')}</span>}
      {p.configured && !p.enabled && <span className="badge badge-warn">{t('common.disabled')}</span>}
      {p.accountStrategy && p.accountStrategy !== 'fill-first' && (
        <span className="badge" title={t('providers.accountStrategy')}>
          {t(`strategies.${p.accountStrategy}`)}
        </span>
      )}
      {p.proxy && (
        <span className="badge badge-info" title={p.proxy}>
          <Icon name="proxy" size={12} /> {t('connections.viaProxy')}
        </span>
      )}
      {attention && (
        <span className={`badge ${attention === 'sign-in-again' ? 'badge-danger' : 'badge-warn'}`}>
          {attention === 'sign-in-again' ? t('chatgptPlan.signInAgain') : t('chatgptPlan.planUsageOff')}
        </span>
      )}
      {p.login ? (
        <span className="badge badge-ok" data-testid="login-badge">
          {t('providers.loginBadge')}
        </span>
      ) : (
        <span className={`badge ${p.connections > 0 ? 'badge-ok' : ''}`}>
          {t('providers.accounts', { n: p.connections })}
        </span>
      )}
    </span>
  );
}

/** Where the provider is reached and what it speaks: base URL, formats, prefixes, found models. */
function ProviderFacts({ provider: p }: { provider: Provider }) {
  const { t } = useTranslation();
  return (
    <dl className="kv">
      <dt>{t('providers.baseUrl')}</dt>
      <dd>
        <code dir="ltr">{p.baseUrl}</code>
      </dd>
      <dt>{t('providers.formats')}</dt>
      <dd>{p.formats.map((f) => t(`formats.${f}`)).join(', ')}</dd>
      <dt>{t('providers.prefixes')}</dt>
      <dd dir="ltr">{p.prefixes.map((x) => `${x}/`).join(' ')}</dd>
      {p.discoveredModels && p.discoveredModels.length > 0 && (
        <>
          <dt>{t('providers.discoveredModels')}</dt>
          <dd dir="ltr" data-testid="discovered-models">
            {p.discoveredModels.join(', ')}
          </dd>
        </>
      )}
      {p.login && (
        <>
          <dt>{t('providers.loginKind')}</dt>
          <dd>{t(`logins.${p.login}`)}</dd>
        </>
      )}
    </dl>
  );
}

/** Switch a configured provider on or off; reset a built-in one, delete your own. */
function ProviderActions({
  provider: p,
  run,
}: {
  provider: Provider;
  run: (fn: () => Promise<unknown>) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="row provider-actions">
      <Toggle
        label={t('providers.enabled')}
        checked={p.enabled}
        onChange={(v) => run(() => api.putProvider(p.id, providerBody(p, { enabled: v })))}
      />
      <ConfirmButton
        confirmLabel={
          p.builtin
            ? t('providers.confirmReset')
            : p.login
              ? t('providers.delete')
              : t('providers.confirmDelete')
        }
        onConfirm={() => run(() => api.deleteProvider(p.id))}
      >
        <Icon name="trash" /> {p.builtin ? t('providers.reset') : t('providers.delete')}
      </ConfirmButton>
    </div>
  );
}

/** A provider's accounts: one row each, and the form to add one. */
function Accounts(props: {
  provider: Provider;
  connections: Connection[];
  onChanged: () => void;
  onError: (m: string) => void;
}) {
  const { t } = useTranslation();
  const p = props.provider;
  const [adding, setAdding] = useState(false);
  return (
    <>
      <h3>{t('providers.accountsTitle')}</h3>
      {props.connections.length === 0 && !adding && <p className="muted">{t('providers.noAccounts')}</p>}
      <ul className="conn-list">
        {props.connections.map((c) => (
          <ConnectionRow
            key={c.id}
            provider={p}
            connection={c}
            onChanged={props.onChanged}
            onError={props.onError}
          />
        ))}
      </ul>
      {adding ? (
        <ConnectionForm
          provider={p}
          defaultName={props.connections.length ? `account-${props.connections.length + 1}` : 'default'}
          onDone={() => {
            setAdding(false);
            props.onChanged();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button type="button" className="btn" onClick={() => setAdding(true)}>
          <Icon name="plus" /> {t('connections.add')}
        </button>
      )}
    </>
  );
}

/** A login provider has no accounts: the coding tool sends its own login with each request. */
function LoginAccounts({ provider: p }: { provider: Provider }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('providers.loginTitle')}</h3>
      <p className="muted" data-testid="login-explainer">
        {t('providers.loginExplainer', { url: p.baseUrl })}{' '}
        <button type="button" className="link" onClick={() => navigate('cli')}>
          {t('providers.loginSetUpTool')}
        </button>
      </p>
    </>
  );
}
