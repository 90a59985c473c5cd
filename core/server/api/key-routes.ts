import { z } from 'zod';
import type { Runtime } from '../../runtime/runtime.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';
import { ApiKeyCreated, ApiKeyIn, ApiKeyOut, ApiKeyPatch, Ok } from './schemas.js';

/** Gateway API keys: created, scoped, rotated, revoked; a key is shown once. */
export function keyRoutes(rt: Runtime): ApiRoute[] {
  const s = rt.store;
  return routeGroup('keys', (r) => [
    r.get('/keys', {
      summary: 'Gateway API keys (hashes and keys are never returned).',
      response: z.array(ApiKeyOut),
      handler: (c) => c.json(s.apiKeys.list()),
    }),
    r.post('/keys', {
      summary: 'Create a gateway API key. The key is in this response only.',
      body: ApiKeyIn,
      response: ApiKeyCreated,
      errors: { 409: 'A key of that name exists.' },
      handler: (c, b) => {
        if (s.apiKeys.findByName(b.name)) throw new ApiError(409, `A key named "${b.name}" exists.`, 'name');
        const { record, key } = s.apiKeys.create(b);
        rt.reload('keys');
        return c.json({ ...record, key }, 201 as 200);
      },
    }),
    r.patch('/keys/:id', {
      summary: 'Rename a key, restrict it to models, enable or disable it.',
      body: ApiKeyPatch,
      response: ApiKeyOut,
      errors: { 404: 'No such key.' },
      handler: (c, b) => {
        if (!s.apiKeys.update(c.req.param('id'), b)) throw new ApiError(404, 'No such key.');
        rt.reload('keys');
        return c.json(s.apiKeys.get(c.req.param('id')));
      },
    }),
    r.post('/keys/:id/rotate', {
      summary:
        'Replace a key’s secret; the old one stops working at once. The new key is in this response only.',
      response: ApiKeyCreated,
      errors: { 404: 'No such key.' },
      handler: (c) => {
        const key = s.apiKeys.rotate(c.req.param('id'));
        if (!key) throw new ApiError(404, 'No such key.');
        rt.reload('keys');
        return c.json({ ...s.apiKeys.get(c.req.param('id'))!, key });
      },
    }),
    r.delete('/keys/:id', {
      summary: 'Revoke a key.',
      response: Ok,
      errors: { 404: 'No such key.' },
      handler: (c) => {
        if (!s.apiKeys.delete(c.req.param('id'))) throw new ApiError(404, 'No such key.');
        rt.reload('keys');
        return c.json({ ok: true });
      },
    }),
  ]);
}
