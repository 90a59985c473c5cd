import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { Field } from '../components/Field';
import { Icon } from '../components/icons';
import { Notice } from '../components/Notice';
import { TopBar } from '../components/TopBar';
import type { ThemeChoice } from '../lib/theme';

type Method = 'password' | 'token';

/**
 * Nothing on the management API works without a session. The usual way in is the one-time
 * Dashboard link OmniRoute prints at start (or the desktop window opens); this page is for a
 * password, or the admin token when no password is set.
 */
export function LoginPage(props: {
  passwordSet: boolean;
  theme: ThemeChoice;
  onTheme: (t: ThemeChoice) => void;
  onSignedIn: () => Promise<void>;
  onRendered: () => void;
}) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<Method>(props.passwordSet ? 'password' : 'token');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const linkUsed = new URLSearchParams(window.location.search).get('signin') === 'link-used';
  const { onRendered } = props;
  useEffect(() => onRendered(), [onRendered]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await (method === 'password' ? api.login(secret) : api.loginWithToken(secret));
      // The link's marker is stale once signed in.
      if (linkUsed) window.history.replaceState(null, '', window.location.pathname);
      await props.onSignedIn();
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        const seconds = err.message.match(/(\d+) s\b/)?.[1] ?? '?';
        setError(t('auth.throttled', { seconds }));
      } else if (err instanceof ApiError && err.status === 401)
        setError(method === 'password' ? t('auth.wrongPassword') : t('auth.wrongToken'));
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const switchTo = (m: Method) => {
    setMethod(m);
    setSecret('');
    setError(undefined);
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
          {linkUsed && <Notice kind="warning">{t('auth.linkUsed')}</Notice>}
          <p className="muted">{props.passwordSet ? t('auth.introPassword') : t('auth.introNoPassword')}</p>
          {error && <Notice kind="error">{error}</Notice>}
          <Field
            label={method === 'password' ? t('auth.password') : t('auth.adminToken')}
            type="password"
            name={method === 'password' ? 'password' : 'admin-token'}
            autoComplete={method === 'password' ? 'current-password' : 'off'}
            autoFocus
            required
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
          <button type="submit" className="btn btn-primary" disabled={busy || !secret}>
            {t('auth.signIn')}
          </button>
          {props.passwordSet && (
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => switchTo(method === 'password' ? 'token' : 'password')}
            >
              {method === 'password' ? t('auth.useToken') : t('auth.usePassword')}
            </button>
          )}
        </form>
      </main>
    </div>
  );
}
