import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import {
  BUDGET_PERIODS,
  TIERS,
  type Budget,
  type BudgetPeriod,
  type BudgetScope,
  type Provider,
} from '../../api/types';
import { useResource } from '../../api/useResource';
import { fmtCountdown, fmtNumber, fmtUsd, spendLevel } from '../../lib/format';
import { isTimeZone, timeZones } from '../../lib/validate';
import { ConfirmButton } from '../ConfirmButton';
import { Field, NumberField, SelectField } from '../Field';
import { Icon } from '../icons';
import { Loading } from '../Loading';
import { Notice, errorText } from '../Notice';
import { useRunThenReload } from '../useRunThenReload';
import { useBudgetForm, type Names, type ScopeKind } from './useBudgetForm';

/** A spend bar: warning colour from 80 %, danger colour at 100 %. */
export function SpendBar({ spent, limit, label }: { spent: number; limit: number; label: string }) {
  const { pct, level } = spendLevel(spent, limit);
  return (
    <div
      className={`meter meter-${level}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(Math.min(pct, 100))}
      data-level={level}
    >
      <span className="meter-fill" style={{ inlineSize: `${Math.min(pct, 100)}%` }} />
    </div>
  );
}

function scopeLabel(scope: BudgetScope, names: Names, t: (k: string) => string): string {
  if (scope.kind === 'global') return t('usage.global');
  if (scope.kind === 'provider')
    return `${t('usage.by.provider')}: ${names.providers.find((p) => p.id === scope.id)?.name ?? scope.id}`;
  return `${t('usage.by.key')}: ${names.keys.find((k) => k.id === scope.id)?.name ?? scope.id}`;
}

/** Budgets on the Usage page: one bar per budget with its reset countdown; add, edit, delete. */
export function BudgetsPanel({ timeZone, onTimeZone }: { timeZone?: string; onTimeZone: () => void }) {
  const { t } = useTranslation();
  const budgets = useResource(() => api.budgets());
  const names = useResource(async () => {
    const [providers, keys] = await Promise.all([api.providers(), api.keys()]);
    return { providers, keys };
  });
  const [editing, setEditing] = useState<string | 'new'>();
  const { error, run } = useRunThenReload(() => budgets.reload());
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);

  if (!budgets.data || !names.data) {
    const e = budgets.error ?? names.error;
    return e ? <Notice kind="error">{errorText(e)}</Notice> : <Loading />;
  }
  const list = budgets.data;
  const n = names.data;
  const done = () => {
    setEditing(undefined);
    void budgets.reload();
  };
  const remove = (b: Budget) => run(() => api.deleteBudget(b.id));

  return (
    <div data-testid="budgets">
      {error && <Notice kind="error">{error}</Notice>}
      {list.length === 0 && editing !== 'new' && <p className="muted">{t('usage.noBudgets')}</p>}
      <ul className="quota-list budget-list">
        {list.map((b) => {
          const label = scopeLabel(b.scope, n, t);
          if (editing === b.id)
            return (
              <li key={b.id}>
                <BudgetForm names={n} existing={b} onDone={done} onCancel={() => setEditing(undefined)} />
              </li>
            );
          return (
            <BudgetItem key={b.id} budget={b} label={label} now={now} onEdit={setEditing} onRemove={remove} />
          );
        })}
      </ul>
      {editing === 'new' ? (
        <BudgetForm names={n} onDone={done} onCancel={() => setEditing(undefined)} />
      ) : (
        <button type="button" className="btn" onClick={() => setEditing('new')}>
          <Icon name="plus" /> {t('budgets.add')}
        </button>
      )}
      <TimeZoneForm value={timeZone} onSaved={onTimeZone} />
    </div>
  );
}

/** Configured providers first, then the rest of the catalog by tier. */
/** One budget: its scope, period and action, its spend bar, and when it resets. */
function BudgetItem({
  budget: b,
  label,
  now,
  onEdit,
  onRemove,
}: {
  budget: Budget;
  label: string;
  /** Ticks every second, for the countdown. */
  now: number;
  onEdit: (id: string) => void;
  onRemove: (b: Budget) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { pct } = spendLevel(b.spentUsd, b.limitUsd);
  return (
    <li className="budget" data-testid="budget" data-scope={b.scope.kind}>
      <div className="row wrap budget-head">
        <strong dir="auto">{label}</strong>
        <span className="badge">{t(`usage.period.${b.period}`)}</span>
        <span className={`badge ${b.action === 'block' ? 'badge-warn' : 'badge-info'}`}>
          {t(`budgets.actions.${b.action}`)}
        </span>
        <span className="topbar-spacer" />
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => onEdit(b.id)}
          aria-label={t('budgets.editLabel', { name: label })}
        >
          <Icon name="edit" />
        </button>
        <ConfirmButton
          ariaLabel={t('budgets.deleteLabel', { name: label })}
          confirmLabel={t('budgets.confirmDelete')}
          onConfirm={() => onRemove(b)}
        >
          <Icon name="trash" />
        </ConfirmButton>
      </div>
      <SpendBar spent={b.spentUsd} limit={b.limitUsd} label={label} />
      <div className="row wrap budget-meta">
        <span data-testid="budget-amounts">
          {fmtUsd(b.spentUsd, lang)} / {fmtUsd(b.limitUsd, lang)} (
          {fmtNumber(pct / 100, lang, { style: 'percent', maximumFractionDigits: 0 })})
        </span>
        <span className="muted">
          {t('usage.resetsIn', { time: fmtCountdown((b.resetsAt - now) / 1000, lang) })}
        </span>
      </div>
    </li>
  );
}

function budgetProviderOptions(providers: Provider[], t: (k: string) => string) {
  return [
    ...providers
      .filter((p) => p.configured || p.connections > 0)
      .map((p) => ({ value: p.id, label: p.name, group: t('budgets.configured') })),
    ...TIERS.flatMap((tier) =>
      providers
        .filter((p) => p.tier === tier && !(p.configured || p.connections > 0))
        .map((p) => ({ value: p.id, label: p.name, group: t(`tiers.${tier}`) })),
    ),
  ];
}

function BudgetForm(props: { names: Names; existing?: Budget; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const ex = props.existing;
  const { keys } = props.names;
  const f = useBudgetForm(props);
  const providerOptions = budgetProviderOptions(props.names.providers, t);

  return (
    <form className="subform budget-form" onSubmit={f.submit} data-testid="budget-form">
      <h3>{ex ? t('budgets.editTitle') : t('budgets.newTitle')}</h3>
      {f.error && <Notice kind="error">{f.error}</Notice>}
      <div className="form-grid">
        <SelectField
          label={t('budgets.scope')}
          name="scope"
          value={f.kind}
          onChange={(v) => f.setKind(v as ScopeKind)}
          options={(['global', 'provider', 'key'] as const).map((k) => ({
            value: k,
            label: t(`budgets.scopes.${k}`),
          }))}
        />
        {f.kind === 'provider' && (
          <SelectField
            label={t('usage.by.provider')}
            name="provider"
            value={f.providerId}
            onChange={f.setProviderId}
            options={providerOptions}
          />
        )}
        {f.kind === 'key' &&
          (keys.length === 0 ? (
            <p className="muted">{t('budgets.noKeys')}</p>
          ) : (
            <SelectField
              label={t('usage.by.key')}
              name="key"
              value={f.keyId}
              onChange={f.setKeyId}
              options={keys.map((k) => ({ value: k.id, label: k.name }))}
            />
          ))}
        <SelectField
          label={t('budgets.period')}
          name="period"
          value={f.period}
          onChange={(v) => f.setPeriod(v as BudgetPeriod)}
          options={BUDGET_PERIODS.map((p) => ({ value: p, label: t(`budgets.periods.${p}`) }))}
        />
        <NumberField
          label={t('budgets.limit')}
          name="limitUsd"
          min={0}
          step={0.01}
          value={f.limit}
          onChange={f.setLimit}
        />
        <SelectField
          label={t('budgets.action')}
          name="action"
          value={f.action}
          onChange={(v) => f.setAction(v as Budget['action'])}
          options={(['warn', 'block'] as const).map((a) => ({ value: a, label: t(`budgets.actions.${a}`) }))}
          hint={t(`budgets.actionHints.${f.action}`)}
        />
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={f.busy}>
          {ex ? t('common.save') : t('budgets.create')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** settings.budgetTimeZone: where budget days, weeks and months start. */
function TimeZoneForm({ value, onSaved }: { value?: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const listId = useId();
  const [zone, setZone] = useState(value ?? '');
  const [status, setStatus] = useState<{ kind: 'success' | 'error'; text: string }>();
  useEffect(() => setZone(value ?? ''), [value]);
  if (value === undefined) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const z = zone.trim();
    if (!isTimeZone(z)) {
      setStatus({ kind: 'error', text: t('budgets.badZone', { zone: z }) });
      return;
    }
    try {
      await api.patchSettings({ budgetTimeZone: z });
      setStatus({ kind: 'success', text: t('settings.saved') });
      onSaved();
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) });
    }
  };
  return (
    <form className="subform tz-form" onSubmit={submit} data-testid="budget-timezone">
      <Field
        label={t('budgets.timeZone')}
        name="budgetTimeZone"
        dir="ltr"
        list={listId}
        placeholder={Intl.DateTimeFormat().resolvedOptions().timeZone}
        hint={t('budgets.timeZoneHint')}
        value={zone}
        onChange={(e) => {
          setZone(e.target.value);
          setStatus(undefined);
        }}
      />
      <datalist id={listId}>
        {timeZones().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <div className="row">
        <button type="submit" className="btn">
          {t('common.save')}
        </button>
      </div>
      {status && <Notice kind={status.kind}>{status.text}</Notice>}
    </form>
  );
}
