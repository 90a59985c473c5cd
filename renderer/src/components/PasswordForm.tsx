import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { Field } from './Field';
import { Notice, errorText } from './Notice';

export interface PasswordDraft {
  current: string;
  password: string;
  confirm: string;
}
export const EMPTY_PASSWORD: PasswordDraft = { current: '', password: '', confirm: '' };

/**
 * The dashboard-password inputs (current, new, repeat): the one set of fields used by the
 * Settings page's PasswordForm and by the onboarding wizard's first step.
 */
export function PasswordFields({
  draft,
  onChange,
  needCurrent = false,
}: {
  draft: PasswordDraft;
  onChange: (d: PasswordDraft) => void;
  /** A password is set already: ask for it (changing or removing it). */
  needCurrent?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-grid">
      {needCurrent && (
        <Field
          label={t('security.current')}
          type="password"
          name="current"
          autoComplete="current-password"
          required
          value={draft.current}
          onChange={(e) => onChange({ ...draft, current: e.target.value })}
        />
      )}
      <Field
        label={needCurrent ? t('security.newPassword') : t('security.password')}
        type="password"
        name="password"
        autoComplete="new-password"
        minLength={8}
        required
        hint={t('security.minLength')}
        value={draft.password}
        onChange={(e) => onChange({ ...draft, password: e.target.value })}
      />
      <Field
        label={t('security.confirm')}
        type="password"
        name="confirm"
        autoComplete="new-password"
        minLength={8}
        required
        value={draft.confirm}
        onChange={(e) => onChange({ ...draft, confirm: e.target.value })}
      />
    </div>
  );
}

/** Sets, changes or removes the dashboard password (PUT /api/auth/password). */
export function PasswordForm(props: {
  passwordSet: boolean;
  exposed: boolean;
  onChanged: () => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(EMPTY_PASSWORD);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  const run = async (pw: string | null) => {
    setError(undefined);
    setDone(undefined);
    try {
      await api.setPassword(pw, props.passwordSet ? draft.current : undefined);
      setDraft(EMPTY_PASSWORD);
      setDone(pw === null ? t('security.removed') : t('security.saved'));
      await props.onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.password !== draft.confirm) {
      setError(t('security.mismatch'));
      return;
    }
    void run(draft.password);
  };

  return (
    <form className="subform" onSubmit={submit} data-testid="password-form">
      {error && <Notice kind="error">{error}</Notice>}
      {done && <Notice kind="success">{done}</Notice>}
      <PasswordFields draft={draft} onChange={setDraft} needCurrent={props.passwordSet} />
      <div className="row">
        <button type="submit" className="btn btn-primary">
          {props.passwordSet ? t('security.change') : t('security.set')}
        </button>
        {props.passwordSet && !props.exposed && (
          <button
            type="button"
            className="btn btn-ghost btn-danger"
            disabled={!draft.current}
            onClick={() => void run(null)}
          >
            {t('security.remove')}
          </button>
        )}
      </div>
    </form>
  );
}
