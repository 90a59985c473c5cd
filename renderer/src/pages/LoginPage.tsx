import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { Field } from '../components/Field';
import { Icon } from '../components/icons';
import { Notice } from '../components/Notice';
import { TopBar } from '../components/TopBar';
import type { ThemeChoice } from '../lib/theme';

export function LoginPage(props: {
  theme: ThemeChoice;
  onTheme: (t: ThemeChoice) => void;
  onSignedIn: () => Promise<void>;
  onRendered: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { onRendered } = props;
  useEffect(() => onRendered(), [onRendered]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.login(password);
      await props.onSignedIn();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('auth.wrongPassword') : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-shell">
      <TopBar theme={props.theme} onTheme={props.onTheme} />
      <main id="main" className="centered">
        <form className="card login-card" onSubmit={submit} data-testid="login-form">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              <Icon name="shield" size={20} />
            </span>
            <span>OmniRoute</span>
          </div>
          <h1>{t('auth.title')}</h1>
          <p className="muted">{t('auth.intro')}</p>
          {error && <Notice kind="error">{error}</Notice>}
          <Field
            label={t('auth.password')}
            type="password"
            name="password"
            autoComplete="current-password"
            autoFocus
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button type="submit" className="btn btn-primary" disabled={busy || !password}>
            {t('auth.signIn')}
          </button>
        </form>
      </main>
    </div>
  );
}
