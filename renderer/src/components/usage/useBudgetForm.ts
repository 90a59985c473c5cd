import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Budget, BudgetInput, BudgetPeriod, BudgetScope, GatewayKey, Provider } from '../../api/types';
import { errorText } from '../Notice';

export type ScopeKind = BudgetScope['kind'];

/** The providers and keys a budget can name. */
export interface Names {
  providers: Provider[];
  keys: GatewayKey[];
}

/** A budget while it is edited, and its save (a scoped budget needs its provider or key). */
export function useBudgetForm(props: { names: Names; existing?: Budget; onDone: () => void }) {
  const { t } = useTranslation();
  const ex = props.existing;
  const { providers, keys } = props.names;
  const [kind, setKind] = useState<ScopeKind>(ex?.scope.kind ?? 'global');
  const [providerId, setProviderId] = useState(
    ex?.scope.kind === 'provider'
      ? ex.scope.id
      : ((providers.find((p) => p.configured || p.connections > 0) ?? providers[0])?.id ?? ''),
  );
  const [keyId, setKeyId] = useState(ex?.scope.kind === 'key' ? ex.scope.id : (keys[0]?.id ?? ''));
  const [period, setPeriod] = useState<BudgetPeriod>(ex?.period ?? 'month');
  const [limit, setLimit] = useState(ex?.limitUsd ?? 10);
  const [action, setAction] = useState<Budget['action']>(ex?.action ?? 'warn');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const scope: BudgetScope =
      kind === 'global' ? { kind } : kind === 'provider' ? { kind, id: providerId } : { kind, id: keyId };
    if (scope.kind !== 'global' && !scope.id) {
      setError(t('budgets.pickScope'));
      return;
    }
    const body: BudgetInput = { scope, period, limitUsd: limit, action };
    setBusy(true);
    try {
      if (ex) await api.putBudget(ex.id, body);
      else await api.createBudget(body);
      props.onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return {
    kind,
    setKind,
    providerId,
    setProviderId,
    keyId,
    setKeyId,
    period,
    setPeriod,
    limit,
    setLimit,
    action,
    setAction,
    error,
    busy,
    submit,
  };
}
