import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Provider } from '../../api/types';
import { providerBody } from '../../lib/bodies';
import { Icon } from '../icons';

/**
 * A provider's models. Adding one stores it in the provider's configuration (PUT
 * /api/providers/:id); a built-in provider keeps its catalog models whatever is stored.
 */
export function ModelEditor(props: {
  provider: Provider;
  onChanged: () => void;
  onError: (m: string) => void;
}) {
  const { t } = useTranslation();
  const p = props.provider;
  const [model, setModel] = useState('');
  const save = async (models: string[]) => {
    try {
      await api.putProvider(p.id, providerBody(p, { models }));
    } catch (e) {
      props.onError(e instanceof Error ? e.message : String(e));
    }
    props.onChanged();
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const m = model.trim();
    if (!m || p.models.includes(m)) return;
    setModel('');
    await save([...p.models, m]);
  };
  return (
    <div className="models">
      <h4>{t('providers.models', { n: p.models.length })}</h4>
      <ul className="chips" dir="ltr">
        {p.models.map((m) => (
          <li key={m} className="chip">
            <code>{m}</code>
            {!p.builtin && (
              <button
                type="button"
                className="chip-remove"
                aria-label={t('providers.removeModel', { model: m })}
                onClick={() => save(p.models.filter((x) => x !== m))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={add}>
        <label className="visually-hidden" htmlFor={`add-model-${p.id}`}>
          {t('providers.addModel')}
        </label>
        <input
          id={`add-model-${p.id}`}
          dir="ltr"
          placeholder={t('providers.modelPlaceholder')}
          value={model}
          onChange={(e) => setModel(e.target.value)}
        />
        <button type="submit" className="btn btn-small" disabled={!model.trim()}>
          <Icon name="plus" size={14} /> {t('providers.addModel')}
        </button>
      </form>
    </div>
  );
}
