import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useResource } from '../../api/useResource';
import { chatGptAccounts } from '../../lib/chatgptPlan';
import { ManageUsageLink } from '../ChatGptPlan';

/**
 * The ChatGPT plan accounts (Sign in with ChatGPT), when there are any. No numbers: OpenAI reports
 * no remaining usage for this route, so the note points at ChatGPT settings instead.
 */
export function ChatGptPlanNote() {
  const { t } = useTranslation();
  const conns = useResource(() => api.connections());
  const accounts = chatGptAccounts(conns.data ?? []);
  if (accounts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="chatgpt-plan-title" data-testid="chatgpt-plan-card">
      <div className="row wrap">
        <h2 id="chatgpt-plan-title">{t('chatgptPlan.usageTitle')}</h2>
        <span className="topbar-spacer" />
        <ManageUsageLink />
      </div>
      <ul className="plain-list">
        {accounts.map((c) => (
          <li key={c.id} className="row wrap" data-testid="chatgpt-plan-account">
            <strong dir="ltr">{c.name}</strong>
            {c.signInState === 'sign-in-again' ? (
              <span className="badge badge-danger">{t('chatgptPlan.signInAgain')}</span>
            ) : c.signInState === 'plan-usage-off' ? (
              <span className="badge badge-warn">{t('chatgptPlan.planUsageOff')}</span>
            ) : !c.enabled ? (
              <span className="badge">{t('common.disabled')}</span>
            ) : (
              <span className="badge badge-ok">{t('chatgptPlan.usingPlan')}</span>
            )}
          </li>
        ))}
      </ul>
      <p className="muted">{t('chatgptPlan.usageNote')}</p>
    </section>
  );
}
