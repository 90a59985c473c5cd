import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useResource } from '../../api/useResource';
import { isPlanUsageLimit } from '../../lib/chatgptPlan';
import { fmtDate, fmtNumber, fmtUsd } from '../../lib/format';
import { ManageUsageLink } from '../ChatGptPlan';
import { Loading } from '../Loading';
import { Notice, errorText } from '../Notice';

/** One request in full: route, attempts, timings, tokens; bodies only with debug logging. */
export function LogDetailPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const d = useResource(() => api.log(id), [id]);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [id]);
  return (
    <aside
      className="card detail-panel"
      ref={ref}
      tabIndex={-1}
      aria-labelledby="log-detail-title"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div className="row">
        <h2 id="log-detail-title">{t('logs.detail')}</h2>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {d.error && <Notice kind="error">{errorText(d.error)}</Notice>}
      {!d.data ? (
        !d.error && <Loading />
      ) : (
        <>
          <dl className="kv">
            <dt>{t('logs.time')}</dt>
            <dd>{fmtDate(d.data.ts, lang)}</dd>
            <dt>{t('logs.model')}</dt>
            <dd dir="ltr">{d.data.requestedModel}</dd>
            <dt>{t('logs.route')}</dt>
            <dd dir="ltr">
              {d.data.route.steps.join(' → ')}
              {d.data.route.globalFallback && (
                <>
                  {' '}
                  <span className="badge badge-warn" data-testid="log-global-fallback">
                    {t('logs.globalFallback', { combo: d.data.route.globalFallback })}
                  </span>
                </>
              )}
            </dd>
            <dt>{t('logs.latency')}</dt>
            <dd>
              {fmtNumber(d.data.latencyMs, lang)} ms ({t('logs.ttfb')} {fmtNumber(d.data.ttfbMs, lang)} ms)
            </dd>
            <dt>{t('logs.tokens')}</dt>
            <dd>
              {t('logs.tokenBreakdown', {
                input: fmtNumber(d.data.inputTokens, lang),
                output: fmtNumber(d.data.outputTokens, lang),
                cached: fmtNumber(d.data.cachedTokens ?? 0, lang),
              })}
            </dd>
            <dt>{t('logs.cost')}</dt>
            <dd>{fmtUsd(d.data.costUsd, lang)}</dd>
          </dl>
          {(d.data.attemptsDetail.some(isPlanUsageLimit) || isPlanUsageLimit(d.data)) && (
            <div className="notice notice-warning action-notice" role="status" data-testid="plan-limit">
              <div>{t('chatgptPlan.limitReached')}</div>
              <ManageUsageLink primary />
            </div>
          )}
          <h3>{t('logs.attemptsTitle')}</h3>
          <ol dir="ltr">
            {d.data.attemptsDetail.map((a, i) => (
              <li key={i}>
                {a.providerId}/{a.upstreamModel} — {a.status} — {a.latencyMs} ms{' '}
                {a.error ? `— ${a.error}` : ''}
              </li>
            ))}
          </ol>
          {d.data.requestBody !== undefined ? (
            <>
              <h3>{t('logs.bodies')}</h3>
              <pre dir="ltr">{JSON.stringify(d.data.requestBody, null, 2)}</pre>
            </>
          ) : (
            <p className="muted">{t('logs.noBodies')}</p>
          )}
        </>
      )}
    </aside>
  );
}
