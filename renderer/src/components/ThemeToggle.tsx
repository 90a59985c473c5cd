import { useTranslation } from 'react-i18next';
import type { ThemeChoice } from '../lib/theme';
import { Icon } from './icons';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const ICON = { system: 'monitor', light: 'sun', dark: 'moon' } as const;

/** Cycles system → light → dark. */
export function ThemeToggle({ theme, onChange }: { theme: ThemeChoice; onChange: (t: ThemeChoice) => void }) {
  const { t } = useTranslation();
  const label = t('theme.current', { theme: t(`theme.${theme}`) });
  return (
    <button
      type="button"
      className="btn btn-ghost"
      data-testid="theme-toggle"
      aria-label={label}
      title={label}
      onClick={() => onChange(NEXT[theme])}
    >
      <Icon name={ICON[theme]} />
      <span className="hide-narrow">{t(`theme.${theme}`)}</span>
    </button>
  );
}
