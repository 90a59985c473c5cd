import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

/** Shown when the core answers 404 for a page's endpoint: the feature is not in this core yet. */
export function UnavailableState({ endpoint }: { endpoint: string }) {
  const { t } = useTranslation();
  return (
    <section className="empty unavailable" data-testid="unavailable" aria-labelledby="unavailable-title">
      <Icon name="info" size={28} />
      <h2 id="unavailable-title">{t('unavailable.title')}</h2>
      <p>{t('unavailable.body')}</p>
      <p className="muted">
        {t('unavailable.endpoint')} <code dir="ltr">{endpoint}</code>
      </p>
    </section>
  );
}
