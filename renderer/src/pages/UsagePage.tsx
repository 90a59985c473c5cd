import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useResource } from '../api/useResource';
import { Loading } from '../components/Loading';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { BudgetsPanel } from '../components/usage/BudgetsPanel';
import { ChatGptPlanNote } from '../components/usage/ChatGptPlanNote';
import { PlansPanel } from '../components/usage/PlanBars';
import { PricesPanel } from '../components/usage/PricesPanel';
import { QuotaBars } from '../components/usage/QuotaBars';
import { UsageCharts } from '../components/usage/UsageCharts';

export default function UsagePage() {
  const { t } = useTranslation();
  const quota = useResource(() => api.quota());
  const settings = useResource(() => api.settings());
  return (
    <>
      <PageHeader title={t('usage.title')} intro={t('usage.intro')} />
      <section className="card" aria-labelledby="quota-title">
        <h2 id="quota-title">{t('usage.quota')}</h2>
        {quota.data ? (
          <QuotaBars quotas={quota.data} />
        ) : quota.error ? (
          <Notice kind="error">{errorText(quota.error)}</Notice>
        ) : (
          <Loading />
        )}
      </section>
      <section className="card" aria-labelledby="plans-title" data-testid="plans-card">
        <h2 id="plans-title">{t('plans.title')}</h2>
        <p className="muted">{t('plans.intro')}</p>
        <PlansPanel />
      </section>
      <ChatGptPlanNote />
      <UsageCharts />
      <section className="card" aria-labelledby="budgets-title">
        <h2 id="budgets-title">{t('usage.budgets')}</h2>
        <p className="muted">{t('budgets.intro')}</p>
        <BudgetsPanel timeZone={settings.data?.budgetTimeZone} onTimeZone={() => void settings.reload()} />
      </section>
      <section className="card" aria-labelledby="prices-title">
        <h2 id="prices-title">{t('prices.title')}</h2>
        <p className="muted">{t('prices.intro')}</p>
        <PricesPanel />
      </section>
    </>
  );
}
