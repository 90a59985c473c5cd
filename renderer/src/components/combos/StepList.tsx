import { useTranslation } from 'react-i18next';
import { Icon } from '../icons';
import { Toggle } from '../Toggle';
import { useStepReorder } from './useStepReorder';

/**
 * A combo's ordered steps. Reorder with the mouse (drag a row) or the keyboard (focus a row,
 * Alt+↑ / Alt+↓, or the move buttons). Moves are announced to screen readers. Optionally each
 * step has an on/off switch (a switched-off step stays in the list but is skipped) and, for the
 * weighted strategy, a weight.
 */
export function StepList({
  steps,
  onChange,
  disabled,
  onDisabledChange,
  weights,
  onWeightsChange,
}: {
  steps: string[];
  onChange: (s: string[]) => void;
  disabled?: string[];
  onDisabledChange?: (d: string[]) => void;
  /** Weight text per step; the weight fields are shown when this is given. */
  weights?: Record<string, string>;
  onWeightsChange?: (w: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const r = useStepReorder(steps, onChange);

  return (
    <>
      <ol className="steps" aria-describedby="steps-help" data-testid="steps">
        {steps.map((s, i) => (
          <li
            key={`${s}-${i}`}
            ref={r.rowRef(i)}
            tabIndex={0}
            className={`step${r.dragOver === i ? ' drag-over' : ''}${disabled?.includes(s) ? ' is-off' : ''}`}
            aria-label={t('combos.stepLabel', { step: s, position: i + 1, total: steps.length })}
            data-step={s}
            draggable
            {...r.rowHandlers(i)}
          >
            <Icon name="grip" className="grip" />
            <span className="step-index">{i + 1}</span>
            <code dir="ltr" className="step-name">
              {s}
            </code>
            {weights && onWeightsChange && (
              <WeightInput step={s} weights={weights} onChange={onWeightsChange} />
            )}
            {disabled && onDisabledChange && (
              <Toggle
                label={t('combos.stepEnabled', { step: s })}
                hideLabel
                checked={!disabled.includes(s)}
                onChange={(on) => onDisabledChange(on ? disabled.filter((x) => x !== s) : [...disabled, s])}
              />
            )}
            <StepActions
              step={s}
              first={i === 0}
              last={i === steps.length - 1}
              onMove={(delta) => r.moveTo(i, i + delta, false)}
              onRemove={() => r.remove(i)}
            />
          </li>
        ))}
      </ol>
      <p id="steps-help" className="muted small">
        {t('combos.reorderHelp')}
      </p>
      <p className="visually-hidden" aria-live="assertive">
        {r.announce}
      </p>
    </>
  );
}

/** A step's weight for the weighted strategy: empty reads as 1. */
function WeightInput({
  step: s,
  weights,
  onChange: onWeightsChange,
}: {
  step: string;
  weights: Record<string, string>;
  onChange: (w: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  return (
    <input
      type="number"
      className="step-weight"
      min={0}
      step="any"
      placeholder="1"
      aria-label={t('combos.weightOf', { step: s })}
      title={t('combos.weightOf', { step: s })}
      value={weights[s] ?? ''}
      onChange={(e) => onWeightsChange({ ...weights, [s]: e.target.value })}
    />
  );
}

/** Move a step up or down, or remove it: the buttons for those who do not drag or use the keys. */
function StepActions(p: {
  step: string;
  first: boolean;
  last: boolean;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const moves = [
    { delta: -1, label: t('combos.moveUp', { step: p.step }), icon: 'up', disabled: p.first },
    { delta: 1, label: t('combos.moveDown', { step: p.step }), icon: 'down', disabled: p.last },
  ] as const;
  return (
    <span className="row step-actions">
      {moves.map((m) => (
        <button
          key={m.icon}
          type="button"
          className="btn btn-ghost btn-icon"
          aria-label={m.label}
          disabled={m.disabled}
          onClick={() => p.onMove(m.delta)}
        >
          <Icon name={m.icon} size={16} />
        </button>
      ))}
      <button
        type="button"
        className="btn btn-ghost btn-icon btn-danger"
        aria-label={t('combos.removeStep', { step: p.step })}
        onClick={p.onRemove}
      >
        <Icon name="trash" size={16} />
      </button>
    </span>
  );
}
