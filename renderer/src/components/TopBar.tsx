import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AuthStatus } from '../api/types';
import type { ThemeChoice } from '../lib/theme';
import { Icon } from './icons';
import { LanguageSwitcher } from './LanguageSwitcher';
import { ThemeToggle } from './ThemeToggle';

export function TopBar(props: {
  theme: ThemeChoice;
  onTheme: (t: ThemeChoice) => void;
  auth?: AuthStatus;
  onAuthChanged?: () => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <div className="topbar-spacer" />
      <LanguageSwitcher />
      <ThemeToggle theme={props.theme} onChange={props.onTheme} />
      {props.auth?.passwordSet && props.auth.authenticated && (
        <button
          type="button"
          className="btn btn-ghost"
          onClick={async () => {
            await api.logout().catch(() => undefined);
            await props.onAuthChanged?.();
          }}
        >
          <Icon name="logout" />
          <span className="hide-narrow">{t('auth.signOut')}</span>
        </button>
      )}
    </header>
  );
}
