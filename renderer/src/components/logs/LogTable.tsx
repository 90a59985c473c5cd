import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry, LogQuery } from '../../api/types';
import { fmtDate, fmtNumber, fmtUsd } from '../../lib/format';
import { Field, SelectField } from '../Field';
import { Toggle } from '../Toggle';

/** The filters (applied on submit) and the live-tail switch. */
export function LogFilters({
  onApply,
  live,
  onLive,
}: {
  onApply: (draft: LogQuery) => void;
  live: boolean;
  onLive: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<LogQuery>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form className="card filters" onSubmit={submit} aria-label={t('logs.filters')}>
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
      <Toggle label={t('logs.live')} checked={live} onChange={onLive} />
    </form>
  );
}

/** One request: its time opens the detail panel. */
export function LogRow({
  entry: r,
  selected,
  onSelect,
}: {
  entry: LogEntry;
  selected: boolean;
  onSelect: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <tr className={r.status >= 400 ? 'row-error' : undefined} aria-selected={selected}>
      <td>
        <button type="button" className="link" onClick={onSelect}>
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
  );
}
