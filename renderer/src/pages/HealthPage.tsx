import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useResource, type Resource } from '../api/useResource';
import { ManageUsageLink } from '../components/ChatGptPlan';
import { Icon } from '../components/icons';
import { Loading } from '../components/Loading';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import type { HealthReport, HealthSummary, StorageReport } from '../api/types';
import { isPlanUsageLimit } from '../lib/chatgptPlan';
import { fmtBytes, fmtDate, fmtDuration, fmtNumber } from '../lib/format';
import { TableHead } from '../components/TableHead';
import { useRunThenReload } from '../components/useRunThenReload';

export function HealthPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const summary = useResource(() => api.health());
  const report = useResource(() => api.healthReport());
  const { error, run } = useRunThenReload(() => report.reload());
  const reset = (scope: { providerId?: string; connectionId?: string } = {}) =>
    run(() => api.resetHealth(scope));
  return (
    <>
      <PageHeader title={t('health.title')} intro={t('health.intro')} />
      {error && <Notice kind="error">{error}</Notice>}
      <ServerCard summary={summary} />
      {!report.data ? (
        report.error ? (
          <Notice kind="error">{errorText(report.error)}</Notice>
        ) : (
          <Loading />
        )
      ) : (
        <>
          <BreakersCard breakers={report.data.breakers} onReset={reset} />
          <LockoutsCard lockouts={report.data.lockouts} />
          <section className="card" aria-labelledby="health-latency">
            <h2 id="health-latency">{t('health.latency')}</h2>
            <table className="table">
              <TableHead columns={[t('logs.provider'), t('health.count'), 'p50', 'p95', 'p99']} />
              <tbody>
                {report.data.latency.map((l) => (
                  <tr key={`${l.providerId}/${l.model ?? ''}`}>
                    <td dir="ltr">
                      {l.providerId}
                      {l.model ? `/${l.model}` : ''}
                    </td>
                    <td>{fmtNumber(l.count, lang)}</td>
                    <td>{fmtNumber(l.p50, lang)} ms</td>
                    <td>{fmtNumber(l.p95, lang)} ms</td>
                    <td>{fmtNumber(l.p99, lang)} ms</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <CacheCard cache={report.data.cache} onCleared={() => void report.reload()} />
          {report.data.storage && <StorageCard storage={report.data.storage} />}
        </>
      )}
    </>
  );
}

/** The server itself: status, database, uptime, offline mode. */
function ServerCard({ summary }: { summary: Resource<HealthSummary> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="card" aria-labelledby="health-summary">
      <h2 id="health-summary">{t('health.server')}</h2>
      {summary.data ? (
        <dl className="kv">
          <dt>{t('overview.status')}</dt>
          <dd>
            <span className={`badge ${summary.data.status === 'ok' ? 'badge-ok' : 'badge-warn'}`}>
              {summary.data.status === 'ok' ? t('overview.ok') : t('overview.degraded')}
            </span>
          </dd>
          <dt>{t('health.database')}</dt>
          <dd>{summary.data.database === 'ok' ? t('overview.ok') : t('health.dbError')}</dd>
          <dt>{t('overview.uptime')}</dt>
          <dd dir="ltr">{fmtDuration(summary.data.uptimeSeconds, lang)}</dd>
          <dt>{t('overview.offline')}</dt>
          <dd>{summary.data.offline ? t('common.on') : t('common.off')}</dd>
        </dl>
      ) : summary.error ? (
        <Notice kind="error">{errorText(summary.error)}</Notice>
      ) : (
        <Loading />
      )}
    </section>
  );
}

/** Open and half-open circuit breakers, each with its reset; "Reset all" clears them all. */
function BreakersCard({
  breakers,
  onReset: reset,
}: {
  breakers: HealthReport['breakers'];
  onReset: (scope?: { providerId?: string; connectionId?: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="card" aria-labelledby="health-breakers">
      <div className="row">
        <h2 id="health-breakers">{t('health.breakers')}</h2>
        <button type="button" className="btn" onClick={() => reset()}>
          {t('health.resetAll')}
        </button>
      </div>
      {breakers.length === 0 ? (
        <p className="muted">{t('health.noBreakers')}</p>
      ) : (
        <table className="table">
          <TableHead
            columns={[t('logs.provider'), t('health.state'), t('health.failures'), t('health.retryAt')]}
            actions
          />
          <tbody>
            {breakers.map((b) => (
              <tr key={`${b.providerId}/${b.connectionId ?? ''}`}>
                <td dir="ltr">
                  {b.providerId}
                  {b.connectionId ? ` / ${b.connectionId}` : ''}
                </td>
                <td>
                  <span className={`badge ${b.state === 'closed' ? 'badge-ok' : 'badge-warn'}`}>
                    {t(`health.states.${b.state}`)}
                  </span>
                </td>
                <td>{fmtNumber(b.failures, lang)}</td>
                <td>{fmtDate(b.retryAt, lang)}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => reset({ providerId: b.providerId, connectionId: b.connectionId })}
                  >
                    {t('health.reset')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Accounts resting after a rate limit, per model unless the limit was the account's. */
function LockoutsCard({ lockouts }: { lockouts: HealthReport['lockouts'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="card" aria-labelledby="health-lockouts">
      <h2 id="health-lockouts">{t('health.lockouts')}</h2>
      {lockouts.length === 0 ? (
        <p className="muted">{t('health.noLockouts')}</p>
      ) : (
        <ul>
          {lockouts.map((l) => (
            <li key={`${l.connectionId}/${l.model ?? ''}`} dir="auto">
              <code dir="ltr">
                {l.providerId}/{l.connectionId}
              </code>{' '}
              {/* A 429 rests one model unless the upstream said the limit is the account's. */}
              {l.model ? <code dir="ltr">{l.model}</code> : t('health.allModels')} — {l.reason} —{' '}
              {t('health.until', { time: fmtDate(l.until, lang) })}
              {isPlanUsageLimit({ providerId: l.providerId, error: l.reason }) && (
                <>
                  {' '}
                  <ManageUsageLink primary />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The response cache: entries, hits, misses, hit rate, memory; "Clear cache". */
function CacheCard({ cache, onCleared }: { cache: HealthReport['cache']; onCleared: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [status, setStatus] = useState<{ kind: 'success' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const lookups = cache.hits + cache.misses;
  const clear = async () => {
    setBusy(true);
    setStatus(undefined);
    try {
      const r = await api.clearCache();
      setStatus({ kind: 'success', text: t('health.cacheCleared', { n: fmtNumber(r.cleared, lang) }) });
      onCleared();
    } catch (e) {
      setStatus({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="health-cache" data-testid="cache-card">
      <div className="row">
        <h2 id="health-cache">{t('health.cache')}</h2>
        <button type="button" className="btn" onClick={() => void clear()} disabled={busy}>
          <Icon name="trash" /> {t('health.clearCache')}
        </button>
      </div>
      {status && <Notice kind={status.kind}>{status.text}</Notice>}
      <ul className="stats">
        <li>
          <strong data-testid="cache-entries">{fmtNumber(cache.entries, lang)}</strong> {t('health.entries')}
        </li>
        <li>
          <strong>{fmtNumber(cache.hits, lang)}</strong> {t('health.hits')}
        </li>
        <li>
          <strong>{fmtNumber(cache.misses, lang)}</strong> {t('health.misses')}
        </li>
        <li>
          <strong>
            {lookups > 0
              ? fmtNumber(cache.hits / lookups, lang, { style: 'percent', maximumFractionDigits: 1 })
              : '—'}
          </strong>{' '}
          {t('health.hitRate')}
        </li>
        <li>
          <strong>{fmtBytes(cache.bytes, lang)}</strong> {t('health.memory')}
        </li>
      </ul>
    </section>
  );
}

/** The database on disk: its size against the limit, the request log's rows and oldest row. */
export function StorageCard({ storage }: { storage: StorageReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const over = storage.maxBytes > 0 && storage.totalBytes > storage.maxBytes;
  const prune = storage.lastPrune;
  return (
    <section className="card" aria-labelledby="health-storage" data-testid="storage-card">
      <h2 id="health-storage">{t('health.storage')}</h2>
      <dl className="kv">
        <dt>{t('health.dbSize')}</dt>
        <dd>
          <strong data-testid="db-size" className={over ? 'badge badge-warn' : undefined}>
            {fmtBytes(storage.totalBytes, lang)}
          </strong>{' '}
          <span className="muted small">
            {t('health.dbFiles', {
              file: fmtBytes(storage.fileBytes, lang),
              wal: fmtBytes(storage.walBytes, lang),
            })}
          </span>
        </dd>
        <dt>{t('health.dbLimit')}</dt>
        <dd>{storage.maxBytes > 0 ? fmtBytes(storage.maxBytes, lang) : t('health.noLimit')}</dd>
        <dt>{t('health.logRows')}</dt>
        <dd data-testid="log-rows">{fmtNumber(storage.logRows, lang)}</dd>
        <dt>{t('health.oldestRow')}</dt>
        <dd data-testid="oldest-row">
          {storage.oldestLogTs === null ? '—' : fmtDate(storage.oldestLogTs, lang)}
        </dd>
        <dt>{t('health.retention')}</dt>
        <dd>
          {storage.retentionDays > 0
            ? t('health.retentionDays', { n: fmtNumber(storage.retentionDays, lang) })
            : t('health.retentionForever')}
        </dd>
        <dt>{t('health.lastPrune')}</dt>
        <dd>
          {prune
            ? t('health.pruned', {
                time: fmtDate(prune.at, lang),
                n: fmtNumber(prune.deletedByAge + prune.deletedBySize, lang),
              })
            : t('health.notPruned')}
        </dd>
      </dl>
      <p className="muted small">{t('health.storageHint')}</p>
    </section>
  );
}
