import { useEffect, useState } from 'react';
import type { PageName } from '../routes';

// The page names come from the route table (routes.tsx), passed in rather than imported: the
// table imports the pages, and the pages import navigate() from here.
export type RouteName = PageName | 'onboarding';

const NAV_EVENT = 'omniroute:navigate';

// The core itself answers /health, /api and /v1: pages never use those paths.
const PATHS: Partial<Record<RouteName, string>> = { overview: '/', health: '/status' };

export function pathFor(route: RouteName): string {
  return PATHS[route] ?? `/${route}`;
}

export function routeFromPath(pathname: string, pages: readonly PageName[]): RouteName {
  const seg = pathname.replace(/^\/+/, '').split('/')[0] ?? '';
  if (seg === 'onboarding') return 'onboarding';
  if (seg === 'status') return 'health';
  return (pages as readonly string[]).includes(seg) ? (seg as RouteName) : 'overview';
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
export function useRoute(pages: readonly PageName[]): RouteName {
  const [route, setRoute] = useState<RouteName>(() => routeFromPath(window.location.pathname, pages));
  useEffect(() => {
    const update = () => setRoute(routeFromPath(window.location.pathname, pages));
    window.addEventListener('popstate', update);
    window.addEventListener(NAV_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAV_EVENT, update);
    };
  }, []);
  return route;
}
