import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';

/** A secret the core returns once (a new or rotated gateway key). */
export function OneTimeSecret({
  name,
  secret,
  onDismiss,
}: {
  name: string;
  secret: string;
  onDismiss?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card one-time" role="status" aria-labelledby="one-time-title" data-testid="new-key">
      <h2 id="one-time-title">{t('keys.shownOnceTitle', { name })}</h2>
      <p>{t('keys.shownOnce')}</p>
      <div className="row">
        <code className="secret" dir="ltr" data-testid="new-key-value">
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
      {onDismiss && (
        <button type="button" className="btn btn-ghost" onClick={onDismiss}>
          {t('keys.copiedDone')}
        </button>
      )}
    </section>
  );
}
