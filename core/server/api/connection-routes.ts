import { z } from 'zod';
import type { Runtime } from '../../runtime/runtime.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';
import { ConnectionIn, ConnectionOut, ConnectionPatch, Ok } from './schemas.js';
import { builtinProvider } from '../../providers/registry.js';
import { accountFieldProblems } from '../../providers/account-fields.js';
import { maskProxyUrl } from '../../util/proxy-url.js';
import { incomingProxy } from './proxy-field.js';

// Proxy credentials never leave in a response; the masked value sent back means "keep".
const connectionView = <T extends { proxy?: string }>(rec: T | undefined) =>
  rec?.proxy ? { ...rec, proxy: maskProxyUrl(rec.proxy) } : rec;

function checkFields(providerId: string, fields: Record<string, string> | undefined): void {
  const problem = accountFieldProblems(builtinProvider(providerId)?.accountFields, fields)[0];
  if (problem) throw new ApiError(400, `fields: ${problem}.`, 'fields');
}

/** Accounts (connections) of providers; their secrets are write-only. */
export function connectionRoutes(rt: Runtime): ApiRoute[] {
  const s = rt.store;
  return routeGroup('connections', (r) => [
    r.get('/connections', {
      summary:
        'Accounts of every provider (secrets are never returned; `secretHint` shows a few characters).',
      response: z.array(ConnectionOut),
      handler: (c) => c.json(s.connections.list(c.req.query('providerId')).map(connectionView)),
    }),
    r.post('/connections', {
      summary: 'Add an account to a provider. The API key is encrypted at rest.',
      body: ConnectionIn,
      response: ConnectionOut,
      errors: { 404: 'Unknown provider.', 409: 'An account of that name exists.' },
      handler: (c, b) => {
        if (!rt.provider(b.providerId))
          throw new ApiError(404, `No provider "${b.providerId}".`, 'providerId');
        if (rt.provider(b.providerId)?.login)
          throw new ApiError(
            400,
            `"${b.providerId}" forwards the caller's own login: it has no accounts, and no credential is stored.`,
            'providerId',
          );
        if (s.connections.findByName(b.providerId, b.name))
          throw new ApiError(409, `"${b.providerId}" already has an account named "${b.name}".`, 'name');
        incomingProxy(b.proxy, undefined, 'proxy');
        checkFields(b.providerId, b.fields);
        const { id } = s.transaction(() => {
          if (!s.providers.get(b.providerId)) {
            s.providers.upsert({ id: b.providerId, models: [], enabled: true });
          }
          return s.connections.upsert(b);
        });
        rt.reload('connections');
        return c.json(connectionView(s.connections.get(id)), 201 as 200);
      },
    }),
    r.patch('/connections/:id', {
      summary:
        'Change an account: rename, new key (null removes it), priority, enable/disable, base URL, proxy, quota, weight, limits (null removes one).',
      body: ConnectionPatch,
      response: ConnectionOut,
      errors: { 404: 'No such account.' },
      handler: (c, b) => {
        const id = c.req.param('id');
        const current = s.connections.get(id);
        if (!current) throw new ApiError(404, `No account "${id}".`);
        if (b.fields !== undefined) checkFields(current.providerId, b.fields ?? undefined);
        s.connections.update(id, { ...b, proxy: incomingProxy(b.proxy, current.proxy, 'proxy') });
        rt.reload('connections');
        return c.json(connectionView(s.connections.get(id)));
      },
    }),
    r.delete('/connections/:id', {
      summary: 'Remove an account and its stored key.',
      response: Ok,
      errors: { 404: 'No such account.' },
      handler: (c) => {
        if (!s.connections.delete(c.req.param('id')))
          throw new ApiError(404, `No account "${c.req.param('id')}".`);
        rt.reload('connections');
        return c.json({ ok: true });
      },
    }),
  ]);
}
