import { useTranslation } from 'react-i18next';
import { navigate, pathFor, type RouteName } from '../lib/router';
import { PAGE_NAMES, PAGES } from '../routes';
import { Icon } from './icons';

/**
 * The page navigation: real links (middle-click works), client-side on plain click. The <nav>
 * stretches over the whole height of the page (its background and border go all the way down);
 * its content sticks to the top of the viewport while the page scrolls.
 */
export function Sidebar({ current }: { current: RouteName }) {
  const { t } = useTranslation();
  return (
    <nav className="sidebar" aria-label={t('nav.label')} data-testid="sidebar">
      <div className="sidebar-inner">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="combos" size={20} />
          </span>
          <span>OmniRoute</span>
        </div>
        <ul>
          {PAGE_NAMES.map((r) => (
            <li key={r}>
              <a
                href={pathFor(r)}
                aria-current={current === r ? 'page' : undefined}
                data-route={r}
                onClick={(e) => {
                  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                  e.preventDefault();
                  navigate(r);
                }}
              >
                <Icon name={PAGES[r].icon} />
                <span>{t(`nav.${r}`)}</span>
              </a>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
