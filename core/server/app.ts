import { Hono, type Context } from 'hono';
import { GatewayError, type GatewayErrorInfo } from '../formats/canonical.js';
import type { Logger } from '../util/logger.js';
import { VERSION } from '../version.js';
import { AdminAuth } from './auth/admin.js';
import { LINK_PATH } from './auth/dashboard-links.js';
import { checkGatewayKey, extractGatewayKey } from './auth/gateway-key.js';
import { apiErrorResponse, mount, openApiDocument, type ApiRoute } from './api/route-table.js';
import { apiRoutes as allApiRoutes, type ApiDeps } from './api/routes.js';
import { mountPlanCallback } from './api/plan-signin-routes.js';
import { mountDashboard } from './dashboard.js';
import { formatForPath, isGatewayPath, requestIdFor, type AppEnv } from './env.js';
import { mountModelRoutes } from './models-route.js';
import { mountOllamaProbe, mountOllamaRoutes } from './ollama-routes.js';
import { mountGatewayRoutes } from './gateway-routes.js';
import { gatewayError } from './gateway-error.js';

export interface AppOptions extends Omit<ApiDeps, 'adminAuth'> {
  logger: Logger;
  dashboardDir?: string;
  adminToken?: string;
}

export function createApp(opts: AppOptions): {
  app: Hono<AppEnv>;
  adminAuth: AdminAuth;
  apiRoutes: ApiRoute[];
} {
  const rt = opts.runtime;
  const app = new Hono<AppEnv>();
  const adminAuth = new AdminAuth(rt, opts.adminToken, opts.logger);

  app.use('*', async (c, next) => {
    const id = requestIdFor(c.req.header('x-request-id'));
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  });

  // --- gateway surface: /v1 and /v1beta ---
  const gatewayAuth = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    c.set('callerFormat', formatForPath(c.req.path));
    const verdict = checkGatewayKey(rt, extractGatewayKey(c));
    if (!verdict.ok) return gatewayError(c, verdict.error);
    if (verdict.apiKey) c.set('apiKey', verdict.apiKey);
    await next();
  };
  app.use('/v1/*', gatewayAuth);
  app.use('/v1beta/*', gatewayAuth);
  // Before the key check: Ollama's own root answers anyone, and clients probe it without a key.
  mountOllamaProbe(app);
  app.use('/ollama/*', gatewayAuth);
  mountModelRoutes(app, rt);
  mountOllamaRoutes(app, rt);
  if (opts.gateway) mountGatewayRoutes(app, opts.gateway);
  // Sign in with ChatGPT: the browser's callback is answered outside /api.
  mountPlanCallback(app, opts.planAccounts);

  // A one-time link the host printed or opened: trades its token for a session cookie, then
  // drops the token from the address bar (and from the history) with a redirect.
  app.get(LINK_PATH, (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    if (!opts.links?.consume(c.req.query('token'))) return c.redirect('/?signin=link-used', 302);
    adminAuth.signIn(c);
    return c.redirect('/', 302);
  });

  // --- management API ---
  const apiRoutes = allApiRoutes({ ...opts, adminAuth });
  mountApi(app, apiRoutes, adminAuth);

  mountDashboard(app, opts.dashboardDir);

  mountFallbacks(app, opts.logger);

  return { app, adminAuth, apiRoutes };
}

/** /api: every route behind the admin check, except those declared public, and its OpenAPI document. */
function mountApi(app: Hono<AppEnv>, apiRoutes: ApiRoute[], adminAuth: AdminAuth): void {
  const publicPaths = new Set(
    apiRoutes.filter((r) => r.public).map((r) => `${r.method.toUpperCase()} /api${r.path}`),
  );
  const api = new Hono<AppEnv>();
  api.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (c.req.path === '/api/openapi.json' || publicPaths.has(`${c.req.method} ${c.req.path}`)) return next();
    const verdict = adminAuth.check(c);
    if (!verdict.ok) {
      if (verdict.reason === 'throttled') {
        c.header('Retry-After', String(verdict.retryAfter));
        return apiErrorResponse(
          c,
          429,
          `Too many failed attempts from this address; try again in ${verdict.retryAfter} s.`,
        );
      }
      if (verdict.reason === 'forbidden-origin')
        return apiErrorResponse(c, 403, 'Cross-origin request refused.');
      return apiErrorResponse(
        c,
        401,
        'Sign in to the dashboard (open the Dashboard link OmniRoute printed at start) or send "Authorization: Bearer <admin token>" (admin.token in the data directory).',
      );
    }
    c.set('admin', verdict.caller);
    await next();
  });
  let doc: Record<string, unknown> | undefined;
  api.get('/openapi.json', (c) => c.json((doc ??= openApiDocument(apiRoutes, VERSION))));
  mount(api, apiRoutes);
  app.route('/api', api);
}

/** Unknown paths and unhandled errors, answered in the wire format (or API shape) of their path. */
function mountFallbacks(app: Hono<AppEnv>, logger: Logger): void {
  app.notFound((c) => {
    const p = c.req.path;
    if (isGatewayPath(p)) {
      return gatewayError(c, {
        status: 404,
        kind: 'not_found',
        message: `Unknown route ${c.req.method} ${p}. Gateway routes: /v1/chat/completions, /v1/responses, /v1/messages, /v1beta/models/{model}:generateContent, /v1/models, /ollama/api/chat, /ollama/api/tags.`,
      });
    }
    // Here, not as the /api sub-app's notFound: Hono does not call a mounted app's handler.
    if (p === '/api' || p.startsWith('/api/'))
      return apiErrorResponse(c, 404, `No management route ${c.req.method} ${p}. See /api/openapi.json.`);
    return c.json({ error: { message: `Not found: ${p}` } }, 404);
  });

  app.onError((err, c) => {
    if (err instanceof GatewayError) return gatewayError(c, err.toInfo());
    const id = c.get('requestId');
    logger.error('unhandled error', {
      requestId: id,
      path: c.req.path,
      error: err instanceof Error ? err.message : String(err),
    });
    // Never a stack trace: the request id lets the user find the log line.
    const info: GatewayErrorInfo = { status: 500, kind: 'api', message: `Internal error (request ${id}).` };
    if (c.req.path.startsWith('/api')) return apiErrorResponse(c, 500, info.message);
    return gatewayError(c, info);
  });
}
