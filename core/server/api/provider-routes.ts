import { z } from 'zod';
import type { Runtime } from '../../runtime/runtime.js';
import { providerInput } from '../../config/apply.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';
import { Ok, ProviderIn, ProviderOut } from './schemas.js';
import { builtinProvider } from '../../providers/registry.js';
import { PLAN_ROUTES } from '../../providers/plan-routes.js';
import { credentialTargetProblems } from '../../providers/credential-targets.js';
import { maskProxyUrl } from '../../util/proxy-url.js';
import { incomingProxy } from './proxy-field.js';

/** A provider as the API shows it: no functions, discovered models apart, proxy masked. */
function providerView(rt: Runtime, id: string) {
  const p = rt.provider(id);
  if (!p) throw new ApiError(404, `No provider "${id}". GET /api/providers lists them.`);
  const { headers: _h, quirks: _q, prepareBody: _p, buildUrl: _b, accessToken: _t, discovered, ...rest } = p;
  // Discovered models apart: a client that PUTs `models` back must not make them permanent.
  const found = new Set(discovered);
  return {
    ...rest,
    models: discovered ? p.models.filter((m) => !found.has(m)) : p.models,
    ...(discovered ? { discoveredModels: discovered } : {}),
    ...(p.proxy ? { proxy: maskProxyUrl(p.proxy) } : {}),
    connections: rt.connectionsFor(p.id).length,
  };
}

/**
 * What a PUT body must satisfy beyond its schema: a credential target it may reach, a login
 * provider's rules, and a format and base URL for a provider of your own.
 */
function checkProvider(id: string, b: Omit<z.infer<typeof ProviderIn>, 'id'>): void {
  const target = credentialTargetProblems({ id, ...b })[0];
  if (target) throw new ApiError(400, `${target.message}.`, target.field);
  if (b.login) {
    if (builtinProvider(id))
      throw new ApiError(
        400,
        `"${id}" is a built-in provider; give the login provider an id of its own.`,
        'id',
      );
    if (b.format)
      throw new ApiError(400, 'A login provider\'s format is its vendor\'s: leave "format" out.', 'format');
  } else if (!builtinProvider(id) && (!b.format || !b.baseUrl)) {
    throw new ApiError(
      400,
      `"${id}" is not a built-in provider, so "format" and "baseUrl" are required.`,
      b.format ? 'baseUrl' : 'format',
    );
  }
}

/** Providers: the built-in catalog and your own, and the subscription routes. */
export function providerRoutes(rt: Runtime): ApiRoute[] {
  const s = rt.store;
  return routeGroup('providers', (r) => [
    r.get('/providers', {
      summary: 'Every provider: built-in catalog and your own, with how many accounts each has.',
      response: z.array(ProviderOut),
      handler: (c) => c.json(rt.providers.map((p) => providerView(rt, p.id))),
    }),
    r.get('/plan-routes', {
      summary:
        'Subscription routes: the ones built (login providers) and the ones not built, each with its one-line reason and the route that works instead.',
      handler: (c) => c.json(PLAN_ROUTES),
    }),
    r.get('/providers/:id', {
      summary: 'One provider.',
      response: ProviderOut,
      errors: { 404: 'No such provider.' },
      handler: (c) => c.json(providerView(rt, c.req.param('id'))),
    }),
    r.put('/providers/:id', {
      summary: 'Configure a built-in provider (overrides) or create/replace a provider of your own.',
      body: ProviderIn.omit({ id: true }),
      response: ProviderOut,
      errors: { 400: 'Invalid body; a provider of your own needs format and baseUrl.' },
      handler: (c, b) => {
        const id = c.req.param('id');
        if (!/^[a-z0-9][a-z0-9_.-]*$/.test(id))
          throw new ApiError(400, 'Provider ids are lower-case letters, digits, ".", "_" or "-".', 'id');
        checkProvider(id, b);
        s.providers.upsert(
          providerInput({ id, ...b }, incomingProxy(b.proxy, s.providers.get(id)?.proxy, 'proxy')),
        );
        rt.reload('providers');
        return c.json(providerView(rt, id));
      },
    }),
    r.delete('/providers/:id', {
      summary: 'Remove a provider configuration and its accounts (a built-in stays in the catalog).',
      response: Ok,
      errors: { 404: 'Not configured.' },
      handler: (c) => {
        const id = c.req.param('id');
        const removed = s.transaction(() => {
          const n = s.connections.deleteForProvider(id);
          return s.providers.delete(id) || n > 0;
        });
        if (!removed) throw new ApiError(404, `Provider "${id}" is not configured.`);
        rt.reload('providers');
        return c.json({ ok: true });
      },
    }),
  ]);
}
