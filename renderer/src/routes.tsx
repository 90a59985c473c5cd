import { lazy, type ComponentType } from 'react';
import type { AuthStatus } from './api/types';
import type { IconName } from './components/icons';
import { CliToolsPage } from './pages/CliToolsPage';
import { CombosPage } from './pages/CombosPage';
import { HealthPage } from './pages/HealthPage';
import { KeysPage } from './pages/KeysPage';
import { LogsPage } from './pages/LogsPage';
import { ModelsPage } from './pages/ModelsPage';
import { OverviewPage } from './pages/OverviewPage';
import { ProvidersPage } from './pages/ProvidersPage';
import { TranslatorPage } from './pages/TranslatorPage';

// recharts is large: only the usage page pulls it in, in its own chunk. Settings (many forms,
// import/export) is its own chunk too, to keep the first load small.
const UsagePage = lazy(() => import('./pages/UsagePage'));
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })));

/** What the shell hands every page; most pages need none of it. */
export interface PageProps {
  auth: AuthStatus;
  onAuthChanged: () => Promise<void>;
}

/**
 * The dashboard's pages in the sidebar's order, so that a new page is its component plus one
 * line here: the key is its path (`/<key>`, see lib/router.ts for the two exceptions) and its
 * sidebar label (`nav.<key>` in the locales).
 */
export const PAGES = {
  overview: { icon: 'overview', Page: OverviewPage },
  providers: { icon: 'providers', Page: ProvidersPage },
  models: { icon: 'info', Page: ModelsPage },
  combos: { icon: 'combos', Page: CombosPage },
  keys: { icon: 'keys', Page: KeysPage },
  usage: { icon: 'usage', Page: UsagePage },
  logs: { icon: 'logs', Page: LogsPage },
  health: { icon: 'health', Page: HealthPage },
  translator: { icon: 'translator', Page: TranslatorPage },
  cli: { icon: 'cli', Page: CliToolsPage },
  settings: { icon: 'settings', Page: SettingsPage },
} satisfies Record<string, { icon: IconName; Page: ComponentType<PageProps> }>;

export type PageName = keyof typeof PAGES;
export const PAGE_NAMES = Object.keys(PAGES) as PageName[];
