import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ModelPriceRow, PriceInput } from '../../api/types';
import { useResource } from '../../api/useResource';
import { fmtNumber } from '../../lib/format';
import { Field } from '../Field';
import { Icon } from '../icons';
import { Loading } from '../Loading';
import { Notice, errorText } from '../Notice';
import { SearchField } from '../SearchField';
import { TableHead } from '../TableHead';
import { useRunThenReload } from '../useRunThenReload';

const PRICE_FIELDS = ['inputPerMTok', 'outputPerMTok', 'cachedInputPerMTok', 'cacheWritePerMTok'] as const;
type PriceField = (typeof PRICE_FIELDS)[number];
type PriceText = Record<PriceField, string>;

/** A price in dollars, up to four decimals (prices per million tokens can be fractions of a cent). */
function usd(n: number | undefined, lang: string): string {
  return n === undefined
    ? '—'
    : fmtNumber(n, lang, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });
}

/** A listed price: an override keeps the default it replaced as its fallback. */
type PriceRowData = ModelPriceRow & { fallback?: ModelPriceRow };

const rowKey = (r: { model: string; providerId?: string }) => `${r.providerId ?? ''}/${r.model}`;
const toText = (r?: Partial<ModelPriceRow>): PriceText => ({
  inputPerMTok: r?.inputPerMTok !== undefined ? String(r.inputPerMTok) : '',
  outputPerMTok: r?.outputPerMTok !== undefined ? String(r.outputPerMTok) : '',
  cachedInputPerMTok: r?.cachedInputPerMTok !== undefined ? String(r.cachedInputPerMTok) : '',
  cacheWritePerMTok: r?.cacheWritePerMTok !== undefined ? String(r.cacheWritePerMTok) : '',
});
/** The PUT body from the text fields; the two optional prices are left out when empty. */
function toInput(model: string, providerId: string | undefined, p: PriceText): PriceInput {
  const body: PriceInput = {
    model,
    inputPerMTok: Number(p.inputPerMTok),
    outputPerMTok: Number(p.outputPerMTok),
  };
  if (providerId) body.providerId = providerId;
  if (p.cachedInputPerMTok.trim()) body.cachedInputPerMTok = Number(p.cachedInputPerMTok);
  if (p.cacheWritePerMTok.trim()) body.cacheWritePerMTok = Number(p.cacheWritePerMTok);
  return body;
}

/**
 * One row per (model, provider) matching the filter, sorted: an override replaces the default it
 * overrides (kept for its tooltip and for "reset to default").
 */
function mergedRows(data: ModelPriceRow[], filter: string): PriceRowData[] {
  const q = filter.trim().toLowerCase();
  const merged = new Map<string, PriceRowData>();
  for (const r of data) {
    const k = rowKey(r);
    const seen = merged.get(k);
    if (!seen) merged.set(k, r);
    else if (r.source === 'override') merged.set(k, { ...r, fallback: seen });
    else merged.set(k, { ...seen, fallback: r });
  }
  return [...merged.values()]
    .filter((r) => !q || r.model.toLowerCase().includes(q) || (r.providerId ?? '').includes(q))
    .sort((a, b) => a.model.localeCompare(b.model) || (a.providerId ?? '').localeCompare(b.providerId ?? ''));
}

/** Model prices (USD per million tokens): defaults and your overrides, editable, with a filter. */
export function PricesPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const prices = useResource(() => api.prices());
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string>();
  const [adding, setAdding] = useState(false);
  const { error, run } = useRunThenReload(() => prices.reload());

  const rows = useMemo(() => mergedRows(prices.data ?? [], filter), [prices.data, filter]);

  if (!prices.data)
    return prices.error ? <Notice kind="error">{errorText(prices.error)}</Notice> : <Loading />;

  return (
    <div data-testid="prices">
      {error && <Notice kind="error">{error}</Notice>}
      <div className="row wrap align-end">
        <SearchField
          id="price-filter"
          dir="ltr"
          label={t('prices.filter')}
          placeholder={t('prices.filterPlaceholder')}
          value={filter}
          onChange={setFilter}
        />
        <button type="button" className="btn" onClick={() => setAdding(true)} disabled={adding}>
          <Icon name="plus" /> {t('prices.add')}
        </button>
      </div>
      {adding && (
        <PriceForm
          onCancel={() => setAdding(false)}
          onSave={async (body) => {
            if (await run(() => api.putPrice(body))) setAdding(false);
          }}
        />
      )}
      <p className="muted small">{t('prices.unit')}</p>
      <PricesTable rows={rows} lang={lang} editing={editing} onEdit={setEditing} run={run} />
    </div>
  );
}

/** The prices, one row each; the row being edited turns into its form. */
function PricesTable({
  rows,
  lang,
  editing,
  onEdit,
  run,
}: {
  rows: PriceRowData[];
  lang: string;
  /** The key of the row being edited. */
  editing?: string;
  onEdit: (key: string | undefined) => void;
  /** Runs a change, then reloads the prices; resolves true on success. */
  run: (fn: () => Promise<unknown>) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table prices-table">
        <TableHead
          columns={[
            t('prices.model'),
            t('usage.by.provider'),
            ...PRICE_FIELDS.map((f) => t(`prices.${f}`)),
            t('prices.source'),
          ]}
          actions
        />
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                {t('prices.none')}
              </td>
            </tr>
          )}
          {rows.map((r) =>
            editing === rowKey(r) ? (
              <EditRow
                key={rowKey(r)}
                row={r}
                onCancel={() => onEdit(undefined)}
                onSave={async (p) => {
                  if (await run(() => api.putPrice(toInput(r.model, r.providerId, p)))) onEdit(undefined);
                }}
              />
            ) : (
              <PriceRow
                key={rowKey(r)}
                row={r}
                lang={lang}
                onEdit={() => onEdit(rowKey(r))}
                onRemove={() => void run(() => api.deletePrice(r.model, r.providerId))}
              />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A price as listed: the override's source badge names the default it replaced. */
function PriceRow({
  row: r,
  lang,
  onEdit,
  onRemove,
}: {
  row: PriceRowData;
  lang: string;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <tr data-price={r.model} data-source={r.source}>
      <td>
        <code dir="ltr">{r.model}</code>
      </td>
      <td dir="ltr">{r.providerId ?? <span className="muted">{t('prices.any')}</span>}</td>
      {PRICE_FIELDS.map((f) => (
        <td key={f} className="num">
          {usd(r[f], lang)}
        </td>
      ))}
      <td>
        <span
          className={`badge ${r.source === 'override' ? 'badge-info' : ''}`}
          title={
            r.fallback
              ? `${t('prices.sources.default')}: ${PRICE_FIELDS.map((f) => usd(r.fallback?.[f], lang)).join(' · ')}`
              : undefined
          }
        >
          {t(`prices.sources.${r.source}`)}
        </span>
      </td>
      <td className="actions">
        <button
          type="button"
          className="btn btn-ghost"
          onClick={onEdit}
          aria-label={t('prices.editLabel', { model: r.model })}
        >
          <Icon name="edit" />
        </button>
        {r.source === 'override' && (
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={onRemove}
            aria-label={
              r.fallback
                ? t('prices.resetLabel', { model: r.model })
                : t('prices.removeLabel', { model: r.model })
            }
          >
            {r.fallback ? (
              <>
                <Icon name="rotate" size={14} /> {t('prices.reset')}
              </>
            ) : (
              <>
                <Icon name="trash" size={14} /> {t('prices.remove')}
              </>
            )}
          </button>
        )}
      </td>
    </tr>
  );
}

function PriceInputs({ value, onChange }: { value: PriceText; onChange: (p: PriceText) => void }) {
  const { t } = useTranslation();
  return (
    <>
      {PRICE_FIELDS.map((f) => (
        <Field
          key={f}
          label={t(`prices.${f}`)}
          type="number"
          min={0}
          step="any"
          required={f === 'inputPerMTok' || f === 'outputPerMTok'}
          value={value[f]}
          onChange={(e) => onChange({ ...value, [f]: e.target.value })}
        />
      ))}
    </>
  );
}

/** An inline row editor: the four prices of one model. */
function EditRow(props: {
  row: ModelPriceRow;
  onSave: (p: PriceText) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [p, setP] = useState(toText(props.row));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void props.onSave(p);
  };
  return (
    <tr className="editing" data-price={props.row.model}>
      <td colSpan={8}>
        <form className="subform" onSubmit={submit} data-testid="price-edit">
          <strong dir="ltr">
            {props.row.providerId ? `${props.row.providerId}/` : ''}
            {props.row.model}
          </strong>
          <div className="form-grid">
            <PriceInputs value={p} onChange={setP} />
          </div>
          <div className="row">
            <button type="submit" className="btn btn-primary">
              {t('common.save')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </td>
    </tr>
  );
}

/** A price for a model that has none yet (or for one provider only). */
function PriceForm(props: { onSave: (body: PriceInput) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [model, setModel] = useState('');
  const [providerId, setProviderId] = useState('');
  const [p, setP] = useState(toText());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void props.onSave(toInput(model.trim(), providerId.trim() || undefined, p));
  };
  return (
    <form className="card subform" onSubmit={submit} data-testid="price-form">
      <h3>{t('prices.addTitle')}</h3>
      <div className="form-grid">
        <Field
          label={t('prices.model')}
          name="model"
          dir="ltr"
          required
          value={model}
          onChange={(e) => setModel(e.target.value)}
        />
        <Field
          label={t('prices.provider')}
          name="providerId"
          dir="ltr"
          hint={t('prices.providerHint')}
          value={providerId}
          onChange={(e) => setProviderId(e.target.value)}
        />
        <PriceInputs value={p} onChange={setP} />
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary">
          {t('common.save')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
