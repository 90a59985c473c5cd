import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../api/client';
import type { ModelDetail } from '../api/types';
import { useResource } from '../api/useResource';
import { Field } from '../components/Field';
import { Loading } from '../components/Loading';
import { Notice, errorText } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { fmtNumber } from '../lib/format';

// The column headings, as locale keys.
const COLUMNS = [
  'prices.model',
  'models.context',
  'prices.inputPerMTok',
  'prices.outputPerMTok',
  'prices.cachedInputPerMTok',
  'prices.source',
] as const;

/** Chat first (what coding agents ask for), then the other kinds in a stable order. */
function byKind(models: ModelDetail[]): Array<[string, ModelDetail[]]> {
  const groups = new Map<string, ModelDetail[]>();
  for (const m of models) groups.set(m.kind, [...(groups.get(m.kind) ?? []), m]);
  return [...groups].sort(([a], [b]) => (a === 'chat' ? -1 : b === 'chat' ? 1 : a.localeCompare(b)));
}

/** A price in dollars, up to four decimals (prices per million tokens can be fractions of a cent). */
function usd(n: number | undefined, lang: string): string {
  return fmtNumber(n, lang, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });
}

/** The price column: a plan's or an unpriced model's word, or the unit price, its source and "free". */
function priceNote(m: ModelDetail, t: TFunction, lang: string): string {
  const money = (n: number | undefined) => usd(n, lang);
  if (m.plan) return t('models.plan');
  if (!m.price) return t('models.unpriced');
  const p = m.price;
  const unit =
    p.perImage !== undefined
      ? t('models.perImage', { usd: money(p.perImage) })
      : p.perAudioMinute !== undefined
        ? t('models.perAudioMinute', { usd: money(p.perAudioMinute) })
        : p.per1kChars !== undefined
          ? t('models.per1kChars', { usd: money(p.per1kChars) })
          : p.perSearch !== undefined
            ? t('models.perSearch', { usd: money(p.perSearch) })
            : undefined;
  return [unit, t(`prices.sources.${p.source}`), m.free ? t('models.free') : undefined]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Every model the active providers serve, by kind, with its context window and the price the
 * request log bills it at (GET /api/models/details): what a request will cost before it is sent.
 */
export function ModelsPage() {
  const { t } = useTranslation();
  const models = useResource(() => api.modelDetails());
  const [filter, setFilter] = useState('');

  if (!models.data)
    return models.error ? <Notice kind="error">{errorText(models.error)}</Notice> : <Loading />;
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = models.data.filter((m) => words.every((w) => m.id.toLowerCase().includes(w)));

  return (
    <>
      <PageHeader title={t('models.title')} intro={t('models.intro')} />
      <div className="search">
        <Field
          label={t('prices.filter')}
          type="search"
          dir="ltr"
          value={filter}
          placeholder={t('models.filterPlaceholder')}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      {models.data.length === 0 ? (
        <section className="empty">
          <p>{t('models.empty')}</p>
        </section>
      ) : shown.length === 0 ? (
        <p className="muted">{t('prices.none')}</p>
      ) : (
        <>
          <p className="muted small">{t('prices.unit')}</p>
          {byKind(shown).map(([kind, list]) => (
            <KindSection key={kind} kind={kind} models={list} />
          ))}
        </>
      )}
    </>
  );
}

/** One kind of model (chat, embeddings, images…) as a table. */
function KindSection({ kind, models: list }: { kind: string; models: ModelDetail[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = (n: number | undefined) => usd(n, lang);
  return (
    <section className="card" data-kind={kind} aria-labelledby={`models-${kind}`}>
      <h2 id={`models-${kind}`}>
        {t(`models.kinds.${kind}`)} ({list.length})
      </h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              {COLUMNS.map((key) => (
                <th scope="col" key={key}>
                  {t(key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <tr key={m.id} data-model={m.id}>
                <td dir="ltr">{m.id}</td>
                <td>{fmtNumber(m.contextWindow, lang)}</td>
                <td>{money(m.price?.inputPerMTok)}</td>
                <td>{money(m.price?.outputPerMTok)}</td>
                <td>{money(m.price?.cachedInputPerMTok)}</td>
                <td>{priceNote(m, t, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
