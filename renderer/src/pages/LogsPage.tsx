import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, LOG_STREAM_URL } from '../api/client';
import type { LogEntry, LogQuery } from '../api/types';
import { useResource } from '../api/useResource';
import { Field, SelectField } from '../components/Field';
import { Loading } from '../components/Loading';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { Toggle } from '../components/Toggle';
import { LogDetailPanel } from '../components/logs/LogDetailPanel';
import { fmtDate, fmtNumber, fmtUsd } from '../lib/format';
import { TableHead } from '../components/TableHead';

export function LogsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [query, setQuery] = useState<LogQuery>({ limit: 100 });
  const [draft, setDraft] = useState<LogQuery>({});
  const logs = useResource(() => api.logs(query), [JSON.stringify(query)]);
  const [live, setLive] = useState(false);
  const [tail, setTail] = useState<LogEntry[]>([]);
  const [liveError, setLiveError] = useState(false);
  const [selected, setSelected] = useState<string>();

  // Live tail over SSE (proposed GET /api/logs/stream): new rows are prepended.
  useEffect(() => {
    if (!live) return;
    setLiveError(false);
    const es = new EventSource(LOG_STREAM_URL, { withCredentials: true });
    es.addEventListener('log', (ev) => {
      try {
        const entry = JSON.parse((ev as MessageEvent<string>).data) as LogEntry;
        setTail((rows) => [entry, ...rows].slice(0, 500));
      } catch {}
    });
    es.onerror = () => setLiveError(true);
    return () => es.close();
  }, [live]);

  const rows = [...tail, ...(logs.data?.items ?? [])].filter(
    (r, i, all) => all.findIndex((x) => x.id === r.id) === i,
  );
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setTail([]);
    setQuery({ ...draft, limit: 100 });
  };

  return (
    <>
      <PageHeader title={t('logs.title')} intro={t('logs.intro')} />
      <form className="card filters" onSubmit={apply} aria-label={t('logs.filters')}>
        <SelectField
          label={t('logs.status')}
          value={draft.status ?? ''}
          onChange={(v) => setDraft({ ...draft, status: v || undefined })}
          options={[
            { value: '', label: t('logs.any') },
            { value: 'ok', label: t('logs.ok') },
            { value: 'error', label: t('logs.errors') },
          ]}
        />
        <Field
          label={t('logs.provider')}
          dir="ltr"
          value={draft.provider ?? ''}
          onChange={(e) => setDraft({ ...draft, provider: e.target.value || undefined })}
        />
        <Field
          label={t('logs.model')}
          dir="ltr"
          value={draft.model ?? ''}
          onChange={(e) => setDraft({ ...draft, model: e.target.value || undefined })}
        />
        <Field
          label={t('logs.search')}
          value={draft.q ?? ''}
          onChange={(e) => setDraft({ ...draft, q: e.target.value || undefined })}
        />
        <button type="submit" className="btn">
          {t('logs.apply')}
        </button>
        <Toggle label={t('logs.live')} checked={live} onChange={setLive} />
      </form>
      {liveError && <Notice kind="warning">{t('logs.liveError')}</Notice>}
      {logs.error && <Notice kind="error">{errorText(logs.error)}</Notice>}
      {!logs.data && !logs.error ? (
        <Loading />
      ) : rows.length === 0 ? (
        <section className="empty">
          <p>{t('logs.empty')}</p>
        </section>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="logs-table">
            <TableHead
              columns={[
                t('logs.time'),
                t('logs.model'),
                t('logs.route'),
                t('logs.status'),
                t('logs.latency'),
                t('logs.tokens'),
                t('logs.cost'),
              ]}
            />
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.id}
                  className={r.status >= 400 ? 'row-error' : undefined}
                  aria-selected={selected === r.id}
                >
                  <td>
                    <button type="button" className="link" onClick={() => setSelected(r.id)}>
                      {fmtDate(r.ts, lang)}
                    </button>
                  </td>
                  <td dir="ltr">
                    {r.requestedModel ?? '—'}
                    {/* The API's own word for the endpoint (like a model id), not translated. */}
                    {r.kind && r.kind !== 'chat' && <span className="badge">{r.kind}</span>}
                  </td>
                  <td dir="ltr">
                    {r.providerId ? `${r.providerId}/${r.upstreamModel ?? ''}` : '—'}
                    {r.attempts > 1 && <span className="badge">{t('logs.attempts', { n: r.attempts })}</span>}
                  </td>
                  <td>
                    <span className={`badge ${r.status < 400 ? 'badge-ok' : 'badge-warn'}`}>{r.status}</span>
                  </td>
                  <td>{r.latencyMs !== undefined ? `${fmtNumber(r.latencyMs, lang)} ms` : '—'}</td>
                  <td>{fmtNumber((r.inputTokens ?? 0) + (r.outputTokens ?? 0), lang)}</td>
                  <td>{fmtUsd(r.costUsd, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {logs.data?.truncated && <p className="muted small">{t('logs.pageCut')}</p>}
          {logs.data?.nextBefore && (
            <button
              type="button"
              className="btn"
              onClick={() =>
                setQuery({
                  ...query,
                  before: logs.data!.nextBefore!,
                  beforeId: logs.data!.nextBeforeId ?? undefined,
                })
              }
            >
              {t('logs.older')}
            </button>
          )}
        </div>
      )}
      {selected && <LogDetailPanel id={selected} onClose={() => setSelected(undefined)} />}
    </>
  );
}
