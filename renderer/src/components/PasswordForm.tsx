import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { Field } from './Field';
import { Notice, errorText } from './Notice';

/** Sets, changes or removes the dashboard password (PUT /api/auth/password). */
export function PasswordForm(props: {
  passwordSet: boolean;
  exposed: boolean;
  onChanged: () => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  const run = async (pw: string | null) => {
    setError(undefined);
    setDone(undefined);
    try {
      await api.setPassword(pw, props.passwordSet ? current : undefined);
      setCurrent('');
      setPassword('');
      setConfirm('');
      setDone(pw === null ? t('security.removed') : t('security.saved'));
      await props.onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password !== confirm) {
      setError(t('security.mismatch'));
      return;
    }
    void run(password);
  };

  return (
    <form className="subform" onSubmit={submit} data-testid="password-form">
      {error && <Notice kind="error">{error}</Notice>}
      {done && <Notice kind="success">{done}</Notice>}
      <div className="form-grid">
        {props.passwordSet && (
          <Field
            label={t('security.current')}
            type="password"
            name="current"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        )}
        <Field
          label={props.passwordSet ? t('security.newPassword') : t('security.password')}
          type="password"
          name="password"
          autoComplete="new-password"
          minLength={8}
          required
          hint={t('security.minLength')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Field
          label={t('security.confirm')}
          type="password"
          name="confirm"
          autoComplete="new-password"
          minLength={8}
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary">
          {props.passwordSet ? t('security.change') : t('security.set')}
        </button>
        {props.passwordSet && !props.exposed && (
          <button
            type="button"
            className="btn btn-ghost btn-danger"
            disabled={!current}
            onClick={() => void run(null)}
          >
            {t('security.remove')}
          </button>
        )}
      </div>
    </form>
  );
}
