import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ModelAlias } from '../../api/types';
import { useResource } from '../../api/useResource';
import { ConfirmButton } from '../ConfirmButton';
import { Field } from '../Field';
import { Icon } from '../icons';
import { Loading } from '../Loading';
import { Notice, errorText } from '../Notice';
import { TableHead } from '../TableHead';

/**
 * Model aliases: a model name (or a * / ? pattern) a client asks for → the step it means.
 * The target may use $1…$9 for what the wildcards matched.
 */
export function AliasEditor({ suggestions }: { suggestions: string[] }) {
  const { t } = useTranslation();
  const aliases = useResource(() => api.aliases());
  const [pattern, setPattern] = useState('');
  const [target, setTarget] = useState('');
  /** The alias being edited (its pattern may change: the old one is removed after the save). */
  const [editing, setEditing] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setPattern('');
    setTarget('');
    setEditing(undefined);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      const body: ModelAlias = { pattern: pattern.trim(), target: target.trim() };
      await api.putAlias(body);
      if (editing && editing !== body.pattern) await api.deleteAlias(editing);
      reset();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
    await aliases.reload();
  };
  const remove = async (p: string) => {
    setError(undefined);
    try {
      await api.deleteAlias(p);
    } catch (err) {
      setError(errorText(err));
    }
    if (editing === p) reset();
    await aliases.reload();
  };

  return (
    <section className="card" aria-labelledby="aliases-title" data-testid="aliases">
      <h2 id="aliases-title">{t('aliases.title')}</h2>
      <p className="muted">{t('aliases.intro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      {aliases.error && !aliases.data ? (
        <Notice kind="error">{errorText(aliases.error)}</Notice>
      ) : !aliases.data ? (
        <Loading />
      ) : aliases.data.length === 0 ? (
        <p className="muted">{t('aliases.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <TableHead columns={[t('aliases.pattern'), t('aliases.target')]} actions />
            <tbody>
              {aliases.data.map((a) => (
                <tr key={a.pattern} data-alias={a.pattern}>
                  <td>
                    <code dir="ltr">{a.pattern}</code>
                  </td>
                  <td>
                    <code dir="ltr">{a.target}</code>
                  </td>
                  <td className="actions">
                    <button
                      type="button"
                      className="btn btn-ghost"
                      aria-label={t('aliases.editLabel', { pattern: a.pattern })}
                      onClick={() => {
                        setEditing(a.pattern);
                        setPattern(a.pattern);
                        setTarget(a.target);
                        setTimeout(
                          () =>
                            document
                              .querySelector<HTMLInputElement>(
                                '[data-testid="alias-form"] input[name="pattern"]',
                              )
                              ?.focus(),
                          0,
                        );
                      }}
                    >
                      <Icon name="edit" />
                    </button>
                    <ConfirmButton
                      ariaLabel={t('aliases.deleteLabel', { pattern: a.pattern })}
                      confirmLabel={t('aliases.confirmDelete')}
                      onConfirm={() => remove(a.pattern)}
                    >
                      <Icon name="trash" />
                    </ConfirmButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="subform" onSubmit={submit} data-testid="alias-form">
        <h3>{editing ? t('aliases.editTitle', { pattern: editing }) : t('aliases.addTitle')}</h3>
        <div className="form-grid">
          <Field
            label={t('aliases.pattern')}
            name="pattern"
            dir="ltr"
            required
            placeholder="gpt-*"
            hint={t('aliases.patternHint')}
            value={pattern}
            onChange={(e) => setPattern(e.target.value)}
          />
          <Field
            label={t('aliases.target')}
            name="target"
            dir="ltr"
            required
            list="alias-targets"
            placeholder="openai/gpt-$1"
            hint={t('aliases.targetHint')}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
          <datalist id="alias-targets">
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {editing ? t('common.save') : t('aliases.add')}
          </button>
          {editing && (
            <button type="button" className="btn btn-ghost" onClick={reset}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
