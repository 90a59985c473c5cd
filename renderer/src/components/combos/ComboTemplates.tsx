import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ComboTemplate } from '../../api/types';
import { useResource } from '../../api/useResource';

/**
 * Ready-made combos filled from the user's accounts ("free forever", "cheap", "quality first"),
 * each step with why it is there; one click creates the combo.
 */
export function ComboTemplates(props: { onCreate: (run: () => Promise<unknown>) => void }) {
  const { t } = useTranslation();
  const data = useResource(() => api.comboTemplates());
  if (!data.data) return null;
  return (
    <section
      className="combo-templates"
      aria-labelledby="combo-templates-title"
      data-testid="combo-templates"
    >
      <h2 id="combo-templates-title">{t('combos.templatesTitle')}</h2>
      <p className="muted">{t('combos.templatesIntro')}</p>
      <ul className="combo-list">
        {data.data.map((tpl: ComboTemplate) => (
          <li key={tpl.id} className="combo" data-template={tpl.id}>
            <strong>{t(`combos.template.${tpl.id}`)}</strong>
            <p className="muted">{t(`combos.template.${tpl.id}Hint`)}</p>
            {tpl.steps.length === 0 ? (
              <p className="muted">{t('combos.templateEmpty')}</p>
            ) : (
              <ol className="template-steps">
                {tpl.steps.map((s) => (
                  <li key={s.model}>
                    <code dir="ltr">{s.model}</code> <span className="muted">— {s.why}</span>
                  </li>
                ))}
              </ol>
            )}
            <button
              type="button"
              className="btn"
              disabled={tpl.steps.length === 0}
              onClick={() => props.onCreate(() => api.applyComboTemplate(tpl.id))}
              data-testid={`template-create-${tpl.id}`}
            >
              {t('combos.templateCreate')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
