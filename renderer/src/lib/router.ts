import { useEffect, useState } from 'react';

export const ROUTES = [
  'overview',
  'providers',
  'combos',
  'keys',
  'usage',
  'logs',
  'health',
  'translator',
  'cli',
  'settings',
] as const;
export type RouteName = (typeof ROUTES)[number] | 'onboarding';

const NAV_EVENT = 'omniroute:navigate';

// The core itself answers /health, /api and /v1: pages never use those paths.
const PATHS: Partial<Record<RouteName, string>> = { overview: '/', health: '/status' };

export function pathFor(route: RouteName): string {
  return PATHS[route] ?? `/${route}`;
}

export function routeFromPath(pathname: string): RouteName {
  const seg = pathname.replace(/^\/+/, '').split('/')[0] ?? '';
  if (seg === 'onboarding') return 'onboarding';
  if (seg === 'status') return 'health';
  return (ROUTES as readonly string[]).includes(seg) ? (seg as RouteName) : 'overview';
}

export function navigate(route: RouteName, replace = false): void {
  const path = pathFor(route);
  if (window.location.pathname !== path) {
    if (replace) window.history.replaceState(null, '', path);
    else window.history.pushState(null, '', path);
  }
  window.dispatchEvent(new Event(NAV_EVENT));
}

/** The current route, following pushState navigation and the back/forward buttons. */
export function useRoute(): RouteName {
  const [route, setRoute] = useState<RouteName>(() => routeFromPath(window.location.pathname));
  useEffect(() => {
    const update = () => setRoute(routeFromPath(window.location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(NAV_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAV_EVENT, update);
    };
  }, []);
  return route;
}
