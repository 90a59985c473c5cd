import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, UNAUTHENTICATED_EVENT } from './api/client';
import type { AuthStatus } from './api/types';
import { Sidebar } from './components/Sidebar';
import { TopBar } from './components/TopBar';
import { Loading } from './components/Loading';
import { Notice, errorText } from './components/Notice';
import { navigate, useRoute } from './lib/router';
import { useTheme } from './lib/theme';
import { onboardingDone, needsOnboarding } from './lib/onboarding';
import { LoginPage } from './pages/LoginPage';
import { OnboardingWizard } from './pages/OnboardingWizard';
import { PAGE_NAMES, PAGES } from './routes';

function markRendered(): void {
  if (document.documentElement.dataset.ready) return;
  document.documentElement.dataset.ready = '1';
  performance.mark('omniroute:rendered');
}

export function App() {
  const { t } = useTranslation();
  const [auth, setAuth] = useState<AuthStatus>();
  const [authError, setAuthError] = useState<string>();
  const [theme, setTheme] = useTheme();

  const refreshAuth = useCallback(async () => {
    try {
      setAuth(await api.authStatus());
      setAuthError(undefined);
    } catch (e) {
      setAuthError(errorText(e));
    }
  }, []);

  useEffect(() => {
    void refreshAuth();
    const onUnauth = () => void refreshAuth();
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauth);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauth);
  }, [refreshAuth]);

  if (authError)
    return (
      <main className="centered">
        <Notice kind="error">
          {t('app.unreachable')} ({authError})
        </Notice>
        <button type="button" className="btn" onClick={() => void refreshAuth()}>
          {t('common.retry')}
        </button>
      </main>
    );
  if (!auth) return <Loading />;
  if (auth.loginRequired && !auth.authenticated)
    return (
      <LoginPage
        passwordSet={auth.passwordSet}
        theme={theme}
        onTheme={setTheme}
        onRendered={markRendered}
        onSignedIn={refreshAuth}
      />
    );
  return <Shell auth={auth} theme={theme} onTheme={setTheme} onAuthChanged={refreshAuth} />;
}

function Shell(props: {
  auth: AuthStatus;
  theme: ReturnType<typeof useTheme>[0];
  onTheme: ReturnType<typeof useTheme>[1];
  onAuthChanged: () => Promise<void>;
}) {
  const route = useRoute(PAGE_NAMES);
  const [checked, setChecked] = useState(onboardingDone());
  const first = useRef(true);

  // First run: nothing configured yet → the wizard.
  useEffect(() => {
    if (checked) return;
    let live = true;
    needsOnboarding()
      .then((need) => {
        if (!live) return;
        if (need && route !== 'onboarding') navigate('onboarding', true);
        setChecked(true);
      })
      .catch(() => live && setChecked(true));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!checked) return;
    markRendered();
    // Move focus to the new page's heading on navigation (not on first load).
    if (first.current) first.current = false;
    else document.getElementById('page-title')?.focus();
  }, [route, checked]);

  if (!checked) return <Loading />;

  if (route === 'onboarding')
    return (
      <div className="onboarding-shell">
        <TopBar
          theme={props.theme}
          onTheme={props.onTheme}
          auth={props.auth}
          onAuthChanged={props.onAuthChanged}
        />
        <main id="main">
          <OnboardingWizard onAuthChanged={props.onAuthChanged} auth={props.auth} />
        </main>
      </div>
    );

  const { Page } = PAGES[route];
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        <SkipText />
      </a>
      <Sidebar current={route} />
      <div className="shell-main">
        <TopBar
          theme={props.theme}
          onTheme={props.onTheme}
          auth={props.auth}
          onAuthChanged={props.onAuthChanged}
        />
        <main id="main" tabIndex={-1} data-page={route}>
          <Suspense fallback={<Loading />}>
            <Page auth={props.auth} onAuthChanged={props.onAuthChanged} />
          </Suspense>
        </main>
      </div>
    </div>
  );
}

function SkipText() {
  const { t } = useTranslation();
  return <>{t('app.skip')}</>;
}
