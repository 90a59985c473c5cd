import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { LogQuery } from '../api/types';
import { useResource } from '../api/useResource';
import { Loading } from '../components/Loading';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { LogDetailPanel } from '../components/logs/LogDetailPanel';
import { LogFilters, LogRow } from '../components/logs/LogTable';
import { useLiveTail } from '../components/logs/useLiveTail';
import { TableHead } from '../components/TableHead';

export function LogsPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<LogQuery>({ limit: 100 });
  const logs = useResource(() => api.logs(query), [JSON.stringify(query)]);
  const [live, setLive] = useState(false);
  const { tail, setTail, liveError } = useLiveTail(live);
  const [selected, setSelected] = useState<string>();

  const rows = [...tail, ...(logs.data?.items ?? [])].filter(
    (r, i, all) => all.findIndex((x) => x.id === r.id) === i,
  );
  const apply = (draft: LogQuery) => {
    setTail([]);
    setQuery({ ...draft, limit: 100 });
  };

  return (
    <>
      <PageHeader title={t('logs.title')} intro={t('logs.intro')} />
      <LogFilters onApply={apply} live={live} onLive={setLive} />
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
                <LogRow
                  key={r.id}
                  entry={r}
                  selected={selected === r.id}
                  onSelect={() => setSelected(r.id)}
                />
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
