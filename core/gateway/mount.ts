import type { Runtime } from '../runtime/runtime.js';
import type { Logger } from '../util/logger.js';
import { DEFAULT_TIMEOUTS, type UpstreamTimeouts } from '../runtime/timeouts.js';
import type { RoutingHooks } from '../routing/hooks.js';
import type { GatewayDeps } from './call.js';
import { ResponseCache } from './response-cache.js';
import { FlightTable } from './shared-flight.js';

type Engine = typeof import('./engine.js');
export type LoadedEngine = { engine: Engine; deps: GatewayDeps };

/**
 * The gateway as the server mounts it: its engine (codecs, undici) and the dependencies the
 * engine's calls take, imported on first need so the first HTTP answer does not wait for them.
 * Which path reaches which engine call is the server's (core/server/gateway-fast-path.ts for
 * node:http, gateway-routes.ts for the few routes left to Hono).
 */
export interface GatewayMount {
  /** The engine and its dependencies, loading them on first call. */
  load(): Promise<LoadedEngine>;
  /** The same once loaded, else undefined: the hot path calls it without a promise hop. */
  ready(): LoadedEngine | undefined;
  close(): Promise<void>;
}

export function mountGateway(opts: {
  rt: Runtime;
  logger: Logger;
  timeouts?: Partial<UpstreamTimeouts>;
  routing?: RoutingHooks;
  cache?: ResponseCache;
  /** Where HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Signed-in ChatGPT plan accounts, shared with the management API; loaded with the engine. */
  planAccounts?: () => Promise<import('./plan-accounts.js').ChatGptPlanAccounts>;
}): GatewayMount {
  let loading: Promise<LoadedEngine> | undefined;
  let loaded: LoadedEngine | undefined;
  const load = () =>
    (loading ??= Promise.all([import('./engine.js'), opts.planAccounts?.()]).then(
      ([engine, planAccounts]) => {
        const timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
        const dispatcher = engine.createDispatcher(timeouts);
        return (loaded = {
          engine,
          deps: {
            rt: opts.rt,
            logger: opts.logger,
            routing: opts.routing,
            shared: { cache: opts.cache ?? new ResponseCache(), flights: new FlightTable() },
            dispatcher,
            ...(planAccounts ? { planAccounts } : {}),
            proxies: new engine.ProxyDispatchers({
              rt: opts.rt,
              direct: dispatcher,
              timeouts,
              env: opts.env ?? process.env,
              logger: opts.logger,
            }),
          },
        });
      },
    ));
  return {
    load,
    ready: () => loaded,
    close: async () => {
      if (!loading) return;
      const { deps } = await loading;
      await deps.proxies?.close();
      await deps.dispatcher.close().catch(() => deps.dispatcher.destroy());
    },
  };
}
