import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../icons';

/**
 * An editable list of short strings (IP addresses, CIDR ranges): chips with a remove button,
 * and an input that adds an entry on Enter or with the Add button after `validate` accepts it.
 */
export function ListEditor(props: {
  label: string;
  hint?: string;
  items: string[];
  onChange: (items: string[]) => void;
  validate: (value: string) => boolean;
  invalidText: (value: string) => string;
  placeholder?: string;
  testId?: string;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const add = () => {
    const v = value.trim();
    if (!v) return;
    if (!props.validate(v)) {
      setError(props.invalidText(v));
      return;
    }
    setError(undefined);
    if (!props.items.includes(v)) props.onChange([...props.items, v]);
    setValue('');
  };
  return (
    <fieldset className="list-editor" data-testid={props.testId}>
      <legend>{props.label}</legend>
      {props.hint && <p className="muted small">{props.hint}</p>}
      {props.items.length === 0 ? (
        <p className="muted small">{props.emptyText}</p>
      ) : (
        <ul className="chips" dir="ltr">
          {props.items.map((item) => (
            <li key={item} className="chip" data-item={item}>
              <code>{item}</code>
              <button
                type="button"
                className="chip-remove"
                aria-label={t('settings.removeEntry', { value: item })}
                onClick={() => props.onChange(props.items.filter((x) => x !== item))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <label className="visually-hidden" htmlFor={id}>
          {t('settings.addEntryTo', { list: props.label })}
        </label>
        <input
          id={id}
          dir="ltr"
          value={value}
          placeholder={props.placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setError(undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="btn btn-small" onClick={add} disabled={!value.trim()}>
          <Icon name="plus" size={14} /> {t('settings.addEntry')}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
