import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Combo } from '../../api/types';
import { comboBody } from '../../lib/bodies';
import { ConfirmButton } from '../ConfirmButton';
import { Icon } from '../icons';
import { Toggle } from '../Toggle';
import { TestChat } from './TestChat';

/** A combo as listed: its steps, and switching it on/off, making it active, testing, editing, deleting. */
export function ComboCard({
  combo: c,
  testing,
  needsKey,
  onToggleTest,
  onEdit,
  run,
}: {
  combo: Combo;
  /** The test chat is open under this combo. */
  testing: boolean;
  /** The gateway requires an API key: the test chat asks for one. */
  needsKey: boolean;
  onToggleTest: () => void;
  onEdit: () => void;
  /** Runs a change, then reloads the page's data. */
  run: (fn: () => Promise<unknown>) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  return (
    <li className={`card combo${c.active ? ' is-active' : ''}`} data-combo={c.name}>
      <div className="combo-head">
        <h2 dir="ltr">{c.name}</h2>
        {c.active && (
          <span className="badge badge-ok" data-testid="active-badge">
            <Icon name="star" size={12} /> {t('combos.active')}
          </span>
        )}
        {!c.enabled && <span className="badge badge-warn">{t('common.disabled')}</span>}
        <span className="badge">{t(`strategies.${c.strategy}`)}</span>
      </div>
      <StepSummary combo={c} />
      <div className="row wrap">
        <Toggle
          label={t('combos.enabled')}
          checked={c.enabled}
          onChange={(v) =>
            run(async () => {
              if (!v && c.active) await api.setActiveCombo(null);
              await api.putCombo(c.name, comboBody(c, { enabled: v }));
            })
          }
        />
        {!c.active && (
          <button
            type="button"
            className="btn"
            disabled={!c.enabled}
            title={c.enabled ? undefined : t('combos.enableFirst')}
            onClick={() => run(() => api.setActiveCombo(c.name))}
          >
            <Icon name="star" /> {t('combos.makeActive')}
          </button>
        )}
        <button type="button" className="btn" onClick={onToggleTest} aria-expanded={testing}>
          <Icon name="play" /> {t('combos.test')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onEdit}>
          <Icon name="edit" /> {t('common.edit')}
        </button>
        <ConfirmButton
          confirmLabel={t('combos.confirmDelete')}
          onConfirm={() => run(() => api.deleteCombo(c.name))}
        >
          <Icon name="trash" /> {t('common.delete')}
        </ConfirmButton>
      </div>
      {testing && <TestChat model={c.name} needsKey={needsKey} />}
    </li>
  );
}

/** The steps in order: a switched-off step is marked, a weighted one shows its weight. */
function StepSummary({ combo: c }: { combo: Combo }) {
  const { t } = useTranslation();
  return (
    <ol className="step-summary" dir="ltr">
      {c.models.map((m, i) => {
        const off = c.disabledSteps?.includes(m);
        const weight = c.strategy === 'weighted' ? c.weights?.[m] : undefined;
        return (
          <li key={`${m}-${i}`} className={off ? 'is-off' : undefined} data-step={m}>
            <code>{m}</code>
            {weight !== undefined && (
              <span className="muted" title={t('combos.weightOf', { step: m })}>
                {' '}
                ×{weight}
              </span>
            )}
            {off && <span className="badge step-off">{t('combos.stepOff')}</span>}
          </li>
        );
      })}
    </ol>
  );
}
