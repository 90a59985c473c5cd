// Every management route, in one list: app.ts mounts it under /api and documents it in
// /api/openapi.json. A new resource's registrar is added here and nowhere else.
import type { ResponseCache } from '../../gateway/response-cache.js';
import type { GatewayMount } from '../../gateway/mount.js';
import type { ModelDiscoverer } from '../../gateway/model-discovery.js';
import type { ChatGptPlanAccounts } from '../../gateway/plan-accounts.js';
import type { Router } from '../../routing/router.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { AdminAuth } from '../auth/admin.js';
import type { DashboardLinks } from '../auth/dashboard-links.js';
import { authRoutes } from './auth-routes.js';
import { cliToolsRoutes } from './cli-tools-routes.js';
import { comboRoutes } from './combo-routes.js';
import { connectionRoutes } from './connection-routes.js';
import { connectRoutes } from './connect-routes.js';
import { healthRoutes } from './health-routes.js';
import { keyRoutes } from './key-routes.js';
import { logRoutes } from './log-routes.js';
import { observeRoutes } from './observe-routes.js';
import { planSignInRoutes } from './plan-signin-routes.js';
import { providerRoutes } from './provider-routes.js';
import type { ApiRoute } from './route-table.js';
import { routingRoutes } from './routing-routes.js';
import { settingsRoutes, stateRoutes } from './settings-routes.js';
import { storageRoutes } from './storage-routes.js';
import { templateRoutes } from './template-routes.js';

/** What the management routes act on. */
export interface ApiDeps {
  runtime: Runtime;
  router: Router;
  adminAuth: AdminAuth;
  /** One-time dashboard sign-in links the host mints. */
  links?: DashboardLinks;
  cache?: ResponseCache;
  /** The gateway in this process: account and proxy tests send through it. */
  gateway?: GatewayMount;
  discoverer?: ModelDiscoverer;
  planAccounts: ChatGptPlanAccounts;
  /** Where coding tools keep their config (tests use a temporary home). */
  homeDir?: string;
  env?: Record<string, string | undefined>;
}

export function apiRoutes(d: ApiDeps): ApiRoute[] {
  const rt = d.runtime;
  return [
    ...authRoutes(rt, d.adminAuth, d.links),
    ...providerRoutes(rt),
    ...connectionRoutes(rt),
    ...comboRoutes(rt),
    ...keyRoutes(rt),
    ...settingsRoutes(rt),
    ...stateRoutes(rt),
    ...logRoutes(rt),
    ...observeRoutes(rt),
    ...healthRoutes(rt, d.router, d.cache),
    ...routingRoutes(rt, d.router),
    ...cliToolsRoutes(rt, { homeDir: d.homeDir, env: d.env }),
    ...storageRoutes(rt),
    ...planSignInRoutes(rt, d.planAccounts),
    ...connectRoutes(rt, d.gateway, d.discoverer),
    ...templateRoutes(rt, d.router),
  ];
}
