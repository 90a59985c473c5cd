import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Combo, ComboInput, Strategy } from '../../api/types';
import { errorText } from '../Notice';

/** A combo while it is edited, and its save (refused without a step, or without an enabled one). */
export function useComboEditor(
  ex: Combo | undefined,
  defaultName: string | undefined,
  onDone: (c: Combo) => void,
) {
  const { t } = useTranslation();
  const [name, setName] = useState(ex?.name ?? defaultName ?? '');
  const [strategy, setStrategy] = useState<Strategy>(ex?.strategy ?? 'fill-first');
  const [steps, setSteps] = useState<string[]>(ex?.models ?? []);
  const [enabled, setEnabled] = useState(ex?.enabled ?? true);
  const [disabledSteps, setDisabledSteps] = useState<string[]>(ex?.disabledSteps ?? []);
  const [weights, setWeights] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(ex?.weights ?? {}).map(([k, v]) => [k, String(v)])),
  );
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    if (steps.length === 0) {
      setError(t('combos.needStep'));
      return;
    }
    if (steps.every((s) => disabledSteps.includes(s))) {
      setError(t('combos.needEnabledStep'));
      return;
    }
    try {
      onDone(await api.putCombo(name.trim(), comboBody(strategy, steps, enabled, disabledSteps, weights)));
    } catch (err) {
      setError(errorText(err));
    }
  };

  return {
    name,
    setName,
    strategy,
    setStrategy,
    steps,
    setSteps,
    enabled,
    setEnabled,
    disabledSteps,
    setDisabledSteps,
    weights,
    setWeights,
    error,
    submit,
  };
}

/** The PUT body: only what applies to the steps still in the list; absent fields mean "none" to the core. */
function comboBody(
  strategy: Strategy,
  steps: string[],
  enabled: boolean,
  disabledSteps: string[],
  weights: Record<string, string>,
): ComboInput {
  const body: ComboInput = { strategy, models: steps, enabled };
  const off = disabledSteps.filter((s) => steps.includes(s));
  if (off.length) body.disabledSteps = off;
  const w = Object.fromEntries(
    Object.entries(weights)
      .filter(([s, v]) => steps.includes(s) && v.trim() !== '' && Number.isFinite(Number(v)))
      .map(([s, v]) => [s, Number(v)]),
  );
  if (Object.keys(w).length) body.weights = w;
  return body;
}
