import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Combo, ComboInput, Strategy } from '../../api/types';
import { useStrategies } from '../../api/useStrategies';
import { Field, SelectField } from '../Field';
import { Icon } from '../icons';
import { Notice, errorText } from '../Notice';
import { Toggle } from '../Toggle';
import { StepList } from './StepList';

/** Creates a combo or edits one: name, strategy, ordered steps, enabled. */
export function ComboEditor(props: {
  existing?: Combo;
  suggestions: string[];
  defaultName?: string;
  onDone: (c: Combo) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const strategies = useStrategies();
  const ex = props.existing;
  const [name, setName] = useState(ex?.name ?? props.defaultName ?? '');
  const [strategy, setStrategy] = useState<Strategy>(ex?.strategy ?? 'fill-first');
  const [steps, setSteps] = useState<string[]>(ex?.models ?? []);
  const [enabled, setEnabled] = useState(ex?.enabled ?? true);
  const [disabledSteps, setDisabledSteps] = useState<string[]>(ex?.disabledSteps ?? []);
  const [weights, setWeights] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(ex?.weights ?? {}).map(([k, v]) => [k, String(v)])),
  );
  const [next, setNext] = useState('');
  const [error, setError] = useState<string>();

  const addStep = () => {
    const s = next.trim();
    if (!s) return;
    setSteps([...steps, s]);
    setNext('');
  };
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
    const body: ComboInput = { strategy, models: steps, enabled };
    // Only what applies to the steps still in the list; absent fields mean "none" to the core.
    const off = disabledSteps.filter((s) => steps.includes(s));
    if (off.length) body.disabledSteps = off;
    const w = Object.fromEntries(
      Object.entries(weights)
        .filter(([s, v]) => steps.includes(s) && v.trim() !== '' && Number.isFinite(Number(v)))
        .map(([s, v]) => [s, Number(v)]),
    );
    if (Object.keys(w).length) body.weights = w;
    try {
      props.onDone(await api.putCombo(name.trim(), body));
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <form className="card subform combo-editor" onSubmit={submit} data-testid="combo-editor">
      <h2>{ex ? t('combos.editTitle', { name: ex.name }) : t('combos.newTitle')}</h2>
      {error && <Notice kind="error">{error}</Notice>}
      <div className="form-grid">
        <Field
          label={t('combos.name')}
          name="name"
          dir="ltr"
          required
          readOnly={!!ex}
          pattern="[A-Za-z0-9][A-Za-z0-9_.:\-]*"
          hint={t('combos.nameHint')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label={t('combos.strategy')}
          name="strategy"
          value={strategy}
          onChange={(v) => setStrategy(v as Strategy)}
          options={strategies.map((s) => ({ value: s, label: t(`strategies.${s}`) }))}
          hint={t(`strategies.${strategy}Hint`)}
        />
      </div>
      <h3>{t('combos.steps')}</h3>
      {steps.length > 0 && (
        <p className="muted small">
          {strategy === 'weighted' ? t('combos.stepsHintWeighted') : t('combos.stepsHint')}
        </p>
      )}
      {steps.length === 0 ? (
        <p className="muted">{t('combos.noSteps')}</p>
      ) : (
        <StepList
          steps={steps}
          onChange={setSteps}
          disabled={disabledSteps}
          onDisabledChange={setDisabledSteps}
          weights={strategy === 'weighted' ? weights : undefined}
          onWeightsChange={setWeights}
        />
      )}
      <div className="row add-step">
        <label className="visually-hidden" htmlFor="add-step">
          {t('combos.addStep')}
        </label>
        <input
          id="add-step"
          name="step"
          dir="ltr"
          list="step-suggestions"
          placeholder={t('combos.stepPlaceholder')}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addStep();
            }
          }}
        />
        <datalist id="step-suggestions">
          {props.suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <button type="button" className="btn" onClick={addStep} disabled={!next.trim()}>
          <Icon name="plus" /> {t('combos.addStep')}
        </button>
      </div>
      <Toggle label={t('combos.enabled')} checked={enabled} onChange={setEnabled} />
      <div className="row">
        <button type="submit" className="btn btn-primary">
          {ex ? t('common.save') : t('combos.create')}
        </button>
        {props.onCancel && (
          <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
