import { useTranslation } from 'react-i18next';
import type { ModelAlias } from '../../api/types';
import { ConfirmButton } from '../ConfirmButton';
import { Field } from '../Field';
import { Icon } from '../icons';
import { Loading } from '../Loading';
import { Notice, errorText } from '../Notice';
import { TableHead } from '../TableHead';
import { useAliasEditor } from './useAliasEditor';

/**
 * Model aliases: a model name (or a * / ? pattern) a client asks for → the step it means.
 * The target may use $1…$9 for what the wildcards matched.
 */
export function AliasEditor({ suggestions }: { suggestions: string[] }) {
  const { t } = useTranslation();
  const ed = useAliasEditor();

  return (
    <section className="card" aria-labelledby="aliases-title" data-testid="aliases">
      <h2 id="aliases-title">{t('aliases.title')}</h2>
      <p className="muted">{t('aliases.intro')}</p>
      {ed.error && <Notice kind="error">{ed.error}</Notice>}
      {ed.aliases.error && !ed.aliases.data ? (
        <Notice kind="error">{errorText(ed.aliases.error)}</Notice>
      ) : !ed.aliases.data ? (
        <Loading />
      ) : ed.aliases.data.length === 0 ? (
        <p className="muted">{t('aliases.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <TableHead columns={[t('aliases.pattern'), t('aliases.target')]} actions />
            <tbody>
              {ed.aliases.data.map((a) => (
                <AliasRow
                  key={a.pattern}
                  alias={a}
                  onEdit={() => ed.edit(a)}
                  onRemove={() => ed.remove(a.pattern)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="subform" onSubmit={ed.submit} data-testid="alias-form">
        <h3>{ed.editing ? t('aliases.editTitle', { pattern: ed.editing }) : t('aliases.addTitle')}</h3>
        <div className="form-grid">
          <Field
            label={t('aliases.pattern')}
            name="pattern"
            dir="ltr"
            required
            placeholder="gpt-*"
            hint={t('aliases.patternHint')}
            value={ed.pattern}
            onChange={(e) => ed.setPattern(e.target.value)}
          />
          <Field
            label={t('aliases.target')}
            name="target"
            dir="ltr"
            required
            list="alias-targets"
            placeholder="openai/gpt-$1"
            hint={t('aliases.targetHint')}
            value={ed.target}
            onChange={(e) => ed.setTarget(e.target.value)}
          />
          <datalist id="alias-targets">
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={ed.busy}>
            {ed.editing ? t('common.save') : t('aliases.add')}
          </button>
          {ed.editing && (
            <button type="button" className="btn btn-ghost" onClick={ed.reset}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** One alias: what it matches, what it means, and its edit and delete buttons. */
function AliasRow({
  alias: a,
  onEdit,
  onRemove,
}: {
  alias: ModelAlias;
  onEdit: () => void;
  onRemove: () => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <tr data-alias={a.pattern}>
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
          onClick={onEdit}
        >
          <Icon name="edit" />
        </button>
        <ConfirmButton
          ariaLabel={t('aliases.deleteLabel', { pattern: a.pattern })}
          confirmLabel={t('aliases.confirmDelete')}
          onConfirm={onRemove}
        >
          <Icon name="trash" />
        </ConfirmButton>
      </td>
    </tr>
  );
}
