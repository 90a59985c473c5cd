import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { move } from '../../lib/format';
import { Icon } from '../icons';
import { Toggle } from '../Toggle';

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
  const rows = useRef<Array<HTMLLIElement | null>>([]);
  const [focusIndex, setFocusIndex] = useState<number>();
  const [announce, setAnnounce] = useState('');
  const [dragFrom, setDragFrom] = useState<number>();
  const [dragOver, setDragOver] = useState<number>();

  useEffect(() => {
    if (focusIndex !== undefined) rows.current[focusIndex]?.focus();
  }, [focusIndex, steps]);

  const moveTo = (from: number, to: number, keepFocus: boolean) => {
    if (to < 0 || to >= steps.length || from === to) return;
    onChange(move(steps, from, to));
    setAnnounce(t('combos.moved', { step: steps[from], position: to + 1, total: steps.length }));
    setFocusIndex(keepFocus ? to : undefined);
  };

  const onKey = (i: number) => (e: KeyboardEvent<HTMLLIElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.altKey && e.key === 'ArrowUp') {
      e.preventDefault();
      moveTo(i, i - 1, true);
    } else if (e.altKey && e.key === 'ArrowDown') {
      e.preventDefault();
      moveTo(i, i + 1, true);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      onChange(steps.filter((_, j) => j !== i));
      setFocusIndex(Math.min(i, steps.length - 2));
    }
  };

  return (
    <>
      <ol className="steps" aria-describedby="steps-help" data-testid="steps">
        {steps.map((s, i) => (
          <li
            key={`${s}-${i}`}
            ref={(el) => {
              rows.current[i] = el;
            }}
            tabIndex={0}
            className={`step${dragOver === i ? ' drag-over' : ''}${disabled?.includes(s) ? ' is-off' : ''}`}
            aria-label={t('combos.stepLabel', { step: s, position: i + 1, total: steps.length })}
            data-step={s}
            draggable
            onKeyDown={onKey(i)}
            onDragStart={(e) => {
              setDragFrom(i);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', String(i));
            }}
            onDragOver={(e) => {
              e.preventDefault();
              setDragOver(i);
            }}
            onDragLeave={() => setDragOver(undefined)}
            onDrop={(e) => {
              e.preventDefault();
              const from = dragFrom ?? Number(e.dataTransfer.getData('text/plain'));
              setDragOver(undefined);
              setDragFrom(undefined);
              moveTo(from, i, false);
            }}
            onDragEnd={() => {
              setDragOver(undefined);
              setDragFrom(undefined);
            }}
          >
            <Icon name="grip" className="grip" />
            <span className="step-index">{i + 1}</span>
            <code dir="ltr" className="step-name">
              {s}
            </code>
            {weights && onWeightsChange && (
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
            )}
            {disabled && onDisabledChange && (
              <Toggle
                label={t('combos.stepEnabled', { step: s })}
                hideLabel
                checked={!disabled.includes(s)}
                onChange={(on) => onDisabledChange(on ? disabled.filter((x) => x !== s) : [...disabled, s])}
              />
            )}
            <span className="row step-actions">
              <button
                type="button"
                className="btn btn-ghost btn-icon"
                aria-label={t('combos.moveUp', { step: s })}
                disabled={i === 0}
                onClick={() => moveTo(i, i - 1, false)}
              >
                <Icon name="up" size={16} />
              </button>
              <button
                type="button"
                className="btn btn-ghost btn-icon"
                aria-label={t('combos.moveDown', { step: s })}
                disabled={i === steps.length - 1}
                onClick={() => moveTo(i, i + 1, false)}
              >
                <Icon name="down" size={16} />
              </button>
              <button
                type="button"
                className="btn btn-ghost btn-icon btn-danger"
                aria-label={t('combos.removeStep', { step: s })}
                onClick={() => onChange(steps.filter((_, j) => j !== i))}
              >
                <Icon name="trash" size={16} />
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p id="steps-help" className="muted small">
        {t('combos.reorderHelp')}
      </p>
      <p className="visually-hidden" aria-live="assertive">
        {announce}
      </p>
    </>
  );
}
