import { useTranslation } from 'react-i18next';
import type { LoginKindId, PlanRoute, Provider } from '../../api/types';
import { CHATGPT_PLAN_PROVIDER } from '../../lib/chatgptPlan';
import { CHATGPT_SIGN_IN_ROUTE } from '../../lib/planRoutes';
import { navigate } from '../../lib/router';
import { Icon } from '../icons';

const BADGE: Record<PlanRoute['status'], string> = {
  built: 'badge badge-ok',
  'not-built': 'badge',
  planned: 'badge badge-info',
};

/**
 * "Using your subscriptions": the plan routes people look for (GET /api/plan-routes), the ones
 * that work here with how to set them up, and the ones not offered with why and what works
 * instead. The routes' own text is the core's, in English.
 */
export function PlanRoutes(props: {
  /** Already filtered. */
  routes: PlanRoute[];
  providers: Provider[];
  onAddLogin: (login: LoginKindId) => void;
  onOpenProvider: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (!props.routes.length) return null;
  return (
    <section className="tier plan-routes" aria-labelledby="plan-routes-title" data-testid="plan-routes">
      <h2 id="plan-routes-title">
        {t('planRoutes.title')} <span className="muted count">{props.routes.length}</span>
      </h2>
      <p className="muted tier-hint">{t('planRoutes.hint')}</p>
      <ul className="route-list">
        {props.routes.map((r) => (
          <RouteItem key={r.id} route={r} {...props} />
        ))}
      </ul>
    </section>
  );
}

function RouteItem(props: {
  route: PlanRoute;
  providers: Provider[];
  onAddLogin: (login: LoginKindId) => void;
  onOpenProvider: (id: string) => void;
}) {
  const { t } = useTranslation();
  const r = props.route;
  const built = r.status === 'built';
  return (
    <li className={`route route-${r.status}`} data-route={r.id} data-status={r.status}>
      <div className="route-head">
        <span className="route-name" lang="en" dir="auto">
          {r.name}
        </span>
        <span className={BADGE[r.status]} data-testid="route-status">
          {built && <Icon name="check" size={12} />}
          {t(`planRoutes.status.${r.status}`)}
        </span>
      </div>
      <p className="route-reason muted" data-testid="route-reason">
        <span lang="en" dir="auto">
          {r.reason}
        </span>
      </p>
      <p className="route-instead" data-testid="route-instead">
        <strong>{built ? t('planRoutes.how') : t('planRoutes.instead')}</strong>{' '}
        <span lang="en" dir="auto">
          {r.instead}
        </span>
      </p>
      {built && <RouteActions {...props} />}
    </li>
  );
}

/** How to set a built route up here: its login provider (add or open it), or the ChatGPT plan. */
function RouteActions(props: {
  route: PlanRoute;
  providers: Provider[];
  onAddLogin: (login: LoginKindId) => void;
  onOpenProvider: (id: string) => void;
}) {
  const { t } = useTranslation();
  const r = props.route;
  const login = r.login;
  if (login) {
    const existing = props.providers.filter((p) => p.login === login);
    return (
      <div className="row wrap route-actions">
        {existing.length ? (
          existing.map((p) => (
            <button
              key={p.id}
              type="button"
              className="btn btn-small"
              onClick={() => props.onOpenProvider(p.id)}
            >
              {t('planRoutes.openProvider', { name: p.name })}
            </button>
          ))
        ) : (
          <button type="button" className="btn btn-small" onClick={() => props.onAddLogin(login)}>
            <Icon name="plus" size={14} /> {t('planRoutes.addLogin', { login: t(`logins.${login}`) })}
          </button>
        )}
        <button type="button" className="link" onClick={() => navigate('cli')}>
          {t('providers.loginSetUpTool')}
        </button>
      </div>
    );
  }
  const plan = props.providers.find((p) => p.id === CHATGPT_PLAN_PROVIDER);
  if (r.id !== CHATGPT_SIGN_IN_ROUTE || !plan) return null;
  return (
    <div className="row wrap route-actions">
      <button
        type="button"
        className="btn btn-small"
        title={plan.name}
        onClick={() => props.onOpenProvider(plan.id)}
      >
        {t('planRoutes.openChatGpt')}
      </button>
    </div>
  );
}
