import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Combo, Strategy } from '../../api/types';
import { useStrategies } from '../../api/useStrategies';
import { Field, SelectField } from '../Field';
import { Icon } from '../icons';
import { Notice } from '../Notice';
import { Toggle } from '../Toggle';
import { StepList } from './StepList';
import { useComboEditor } from './useComboEditor';

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
  const c = useComboEditor(ex, props.defaultName, props.onDone);

  return (
    <form className="card subform combo-editor" onSubmit={c.submit} data-testid="combo-editor">
      <h2>{ex ? t('combos.editTitle', { name: ex.name }) : t('combos.newTitle')}</h2>
      {c.error && <Notice kind="error">{c.error}</Notice>}
      <div className="form-grid">
        <Field
          label={t('combos.name')}
          name="name"
          dir="ltr"
          required
          readOnly={!!ex}
          pattern="[A-Za-z0-9][A-Za-z0-9_.:\-]*"
          hint={t('combos.nameHint')}
          value={c.name}
          onChange={(e) => c.setName(e.target.value)}
        />
        <SelectField
          label={t('combos.strategy')}
          name="strategy"
          value={c.strategy}
          onChange={(v) => c.setStrategy(v as Strategy)}
          options={strategies.map((s) => ({ value: s, label: t(`strategies.${s}`) }))}
          hint={t(`strategies.${c.strategy}Hint`)}
        />
      </div>
      <h3>{t('combos.steps')}</h3>
      {c.steps.length > 0 && (
        <p className="muted small">
          {c.strategy === 'weighted' ? t('combos.stepsHintWeighted') : t('combos.stepsHint')}
        </p>
      )}
      {c.steps.length === 0 ? (
        <p className="muted">{t('combos.noSteps')}</p>
      ) : (
        <StepList
          steps={c.steps}
          onChange={c.setSteps}
          disabled={c.disabledSteps}
          onDisabledChange={c.setDisabledSteps}
          weights={c.strategy === 'weighted' ? c.weights : undefined}
          onWeightsChange={c.setWeights}
        />
      )}
      <AddStep suggestions={props.suggestions} onAdd={(s) => c.setSteps([...c.steps, s])} />
      <Toggle label={t('combos.enabled')} checked={c.enabled} onChange={c.setEnabled} />
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

/** The field that appends a step (Enter or the button), with the known models as suggestions. */
function AddStep({ suggestions, onAdd }: { suggestions: string[]; onAdd: (step: string) => void }) {
  const { t } = useTranslation();
  const [next, setNext] = useState('');
  const addStep = () => {
    const s = next.trim();
    if (!s) return;
    onAdd(s);
    setNext('');
  };
  return (
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
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <button type="button" className="btn" onClick={addStep} disabled={!next.trim()}>
        <Icon name="plus" /> {t('combos.addStep')}
      </button>
    </div>
  );
}
