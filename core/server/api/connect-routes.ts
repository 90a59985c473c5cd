import { z } from 'zod';
import { testConnection, testProxy } from '../../gateway/connection-test.js';
import type { GatewayMount } from '../../gateway/mount.js';
import type { ModelDiscoverer } from '../../gateway/model-discovery.js';
import type { Runtime } from '../../runtime/runtime.js';
import { proxyLabel, ProxyUrl, proxySecrets } from '../../util/proxy-url.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';
import { StoredDiscoveryOut } from './schemas.js';

const VERDICTS = [
  'ok',
  'bad_key',
  'no_credit',
  'rate_limited',
  'unreachable',
  'model_not_available',
  'error',
] as const;
const CAUSES = ['dns', 'tls', 'proxy', 'refused', 'timeout', 'reset', 'network'] as const;

const Step = z.object({
  step: z.enum(['models', 'completion']),
  verdict: z.enum(VERDICTS),
  status: z.number().int().optional(),
  latencyMs: z.number(),
  message: z.string().optional(),
  cause: z.enum(CAUSES).optional(),
});

export const ConnectionTestOut = z.object({
  verdict: z.enum(VERDICTS),
  ok: z.boolean(),
  message: z.string(),
  providerMessage: z.string().optional().describe("The provider's own error message."),
  status: z.number().int().optional(),
  cause: z.enum(CAUSES).optional().describe('Why the host could not be reached (verdict unreachable).'),
  model: z.string().optional(),
  models: z
    .array(z.object({ id: z.string(), kind: z.string().optional(), contextWindow: z.number().optional() }))
    .optional()
    .describe("What the provider's models endpoint listed."),
  proxy: z.string().optional(),
  latencyMs: z.number(),
  steps: z.array(Step),
});

export const ProxyTestOut = z.object({
  ok: z.boolean(),
  verdict: z.enum(['ok', 'unreachable']),
  message: z.string(),
  cause: z.enum(CAUSES).optional(),
  status: z.number().int().optional(),
  proxy: z.string(),
  target: z.string(),
  latencyMs: z.number(),
});

/** POST /api/connections/:id/discover: the record the account keeps, its fields told of this try. */
export const DiscoveryOut = StoredDiscoveryOut.extend({
  models: z.array(z.string()).describe('What the provider listed for this account.'),
  added: z.array(z.string()).describe('New: in neither the registry nor the list before.'),
  removed: z.array(z.string()).describe('Vanished: in the list before, not in this one.'),
  error: z.string().optional().describe('Why the last try failed (the list before stays in use).'),
});

const ProxyTestIn = z
  .object({
    proxy: ProxyUrl,
    target: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('The URL to reach through the proxy.'),
  })
  .strict();

/** Connection and proxy tests: real calls through the gateway's own dispatchers. */
export function connectRoutes(
  rt: Runtime,
  gateway: GatewayMount | undefined,
  discoverer?: ModelDiscoverer,
): ApiRoute[] {
  const deps = async () => {
    if (!gateway) throw new ApiError(409, 'The gateway is not running in this process.');
    return (await gateway.load()).deps;
  };
  return routeGroup('connections', (r) => [
    r.post('/connections/:id/test', {
      summary:
        "Test an account through its own key, base URL and proxy: list the provider's models, then a one-token completion (with `model`, or the first the provider lists). Answers ok, bad_key, no_credit, rate_limited, unreachable (with the cause: dns, tls, proxy, …), model_not_available or error, with the provider's own message and the latency.",
      body: z.object({ model: z.string().min(1).max(200).optional() }).strict(),
      response: ConnectionTestOut,
      errors: { 404: 'No such account.' },
      handler: async (c, b) => {
        const id = c.req.param('id');
        const connection = rt.connections.find((x) => x.id === id);
        if (!connection) throw new ApiError(404, `No account "${id}".`);
        const provider = rt.provider(connection.providerId);
        if (!provider) throw new ApiError(404, `No provider "${connection.providerId}".`);
        return c.json(await testConnection(await deps(), provider, connection, b));
      },
    }),
    r.post('/connections/:id/discover', {
      summary:
        "Ask the account's provider now which models it can use (also done when the account is added, and daily). The list is stored with the account (`discovery` in GET /api/connections) and its chat models join the provider's models (/v1/models) at once; a failure is recorded in `error` and changes nothing else.",
      response: DiscoveryOut,
      errors: {
        404: 'No such account.',
        409: 'Discovery is off, or the account cannot be asked (no key, a login or signed-in provider).',
      },
      handler: async (c) => c.json(await discoverNow(c.req.param('id'), rt, discoverer)),
    }),
    r.post('/proxies/test', {
      summary:
        'Test a proxy alone: one GET to `target` (default the first configured provider’s models URL, else https://api.openai.com/v1/models) through it. Any HTTP answer from the target means the proxy works.',
      body: ProxyTestIn,
      response: ProxyTestOut,
      errors: { 400: 'Not a proxy URL.' },
      handler: async (c, b) => {
        if (b.proxy.includes('***'))
          throw new ApiError(
            400,
            'This proxy URL has *** in place of credentials: give the user name and password.',
            'proxy',
          );
        const first = rt.activeProviders().find((p) => !p.local && p.baseUrl);
        const target = b.target ?? (first ? `${first.baseUrl}/models` : 'https://api.openai.com/v1/models');
        return c.json(await testProxy({ rt }, b.proxy, target, proxyLabel(b.proxy), proxySecrets(b.proxy)));
      },
    }),
  ]);
}

async function discoverNow(id: string, rt: Runtime, discoverer: ModelDiscoverer | undefined) {
  const connection = rt.connections.find((x) => x.id === id);
  if (!connection) throw new ApiError(404, `No account "${id}".`);
  if (!discoverer) throw new ApiError(409, 'Model discovery is off in this process.');
  if (!discoverer.eligible(connection))
    throw new ApiError(
      409,
      'This account cannot be asked for its models: it is disabled, has no key, or belongs to a login or signed-in provider.',
    );
  const result = await discoverer.discover(id);
  if (!result) throw new ApiError(404, `No account "${id}".`);
  return result;
}
