import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionQuota } from '../../api/types';
import { fmtDuration, fmtNumber } from '../../lib/format';

/** Per-connection quota windows as bars, with a live countdown to each reset. */
export function QuotaBars({ quotas }: { quotas: ConnectionQuota[] }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  if (quotas.length === 0) return <p className="muted">{t('usage.noQuota')}</p>;
  return (
    <ul className="quota-list">
      {quotas.map((q) => (
        <li key={q.connectionId}>
          <h3>
            {q.providerId} · {q.connectionName}
          </h3>
          {q.windows.map((w) => {
            const pct = w.limit > 0 ? Math.min(100, (w.used / w.limit) * 100) : 0;
            return (
              <div key={w.label} className="quota-window">
                <div className="row">
                  <span>{w.label}</span>
                  <span className="muted">
                    {fmtNumber(w.used, i18n.language)} / {fmtNumber(w.limit, i18n.language)} (
                    {Math.round(pct)}%)
                  </span>
                  {w.resetsAt && (
                    <span className="muted">
                      {t('usage.resetsIn', {
                        time: fmtDuration(Math.max(0, (w.resetsAt - now) / 1000), i18n.language),
                      })}
                    </span>
                  )}
                </div>
                <progress max={100} value={pct} aria-label={`${q.connectionName} ${w.label}`} />
              </div>
            );
          })}
        </li>
      ))}
    </ul>
  );
}
