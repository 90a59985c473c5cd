// The core's public entry. Hosts (the Electron shell, the CLI, tests) use only this file.
import type { Hono } from 'hono';
import { applyConfig, type ApplyResult } from './config/apply.js';
import { Runtime } from './runtime/runtime.js';
import { createApp } from './server/app.js';
import type { ApiRoute } from './server/api/route-table.js';
import type { AppEnv } from './server/env.js';
import { findDashboardDir } from './server/dashboard.js';
import { listen, type RunningServer } from './server/listen.js';
import { Store, type KeyProvider } from './store/index.js';
import { createLogger, type Logger, type LogLevel } from './util/logger.js';
import { VERSION } from './version.js';
import { ADMIN_TOKEN_FILE } from './server/auth/admin.js';
import { mountGateway, type GatewayMount } from './gateway/mount.js';
import type { UpstreamTimeouts } from './gateway/timeouts.js';
import { Router } from './routing/router.js';
import { ResponseCache } from './gateway/response-cache.js';
import { healthRoutes } from './server/api/health-routes.js';
import { routingRoutes } from './server/api/routing-routes.js';
import { cliToolsRoutes } from './server/api/cli-tools-routes.js';
import { storageRoutes } from './server/api/storage-routes.js';
import { IpFilter, ipGate } from './server/ip-filter.js';

export interface CoreOptions {
  /** Resolved by the host; see resolveDataDir. */
  dataDir: string;
  /** Given: wins over the `lanExposure` setting. Absent: 0.0.0.0 when lanExposure is on, else 127.0.0.1. */
  host?: string;
  port?: number;
  /** A YAML or JSON config file applied at start (idempotently). */
  configFile?: string;
  logLevel?: LogLevel;
  logger?: Logger;
  /** Desktop: safeStorage-wrapped key. Headless default: a 0600 key file in the data dir. */
  keyProvider?: KeyProvider;
  /** better_sqlite3.node built for the host runtime (Electron). */
  nativeBinding?: string;
  dashboardDir?: string;
  adminToken?: string;
  env?: NodeJS.ProcessEnv;
  /** Extra management routes the host adds. */
  extraApiRoutes?: ApiRoute[];
  /** Upstream connect / first-byte / stall limits. */
  timeouts?: Partial<UpstreamTimeouts>;
  /** Where coding tools keep their config (CLI tools apply); default os.homedir(). */
  homeDir?: string;
  /**
   * Loopback peers always pass the IP allow/deny lists (default true, so nobody locks
   * themselves out). Tests turn it off to exercise the lists from 127.0.0.x.
   */
  trustLoopback?: boolean;
}

export interface Core {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly version: string;
  readonly runtime: Runtime;
  /** Routing state: circuit breakers, lockouts, quota windows, latency, prices. */
  readonly router: Router;
  readonly app: Hono<AppEnv>;
  readonly configResult?: ApplyResult;
  readonly adminTokenFile: string;
  /** Stop accepting, drain in-flight streams up to `graceMs`, flush queued writes, close the database. */
  stop(graceMs?: number): Promise<{ drained: boolean; cut: number }>;
  /** The tray's controls, the same ones /api/state exposes. */
  setActiveCombo(name: string | null): void;
  setOffline(offline: boolean, reason?: 'manual' | 'auto'): void;
}

export async function startCore(options: CoreOptions): Promise<Core> {
  const logger = options.logger ?? createLogger(options.logLevel ?? 'info');
  const port = options.port ?? 20128;
  // Parse the config before touching the store, so a broken file changes nothing.
  const config = options.configFile
    ? await (await import('./config/load.js')).loadConfigFile(options.configFile, options.env ?? process.env)
    : undefined;
  const store = new Store({
    dataDir: options.dataDir,
    keyProvider: options.keyProvider,
    nativeBinding: options.nativeBinding,
    onBackup: (file) => logger.info('database backed up before migration', { file }),
  });
  let running: RunningServer | undefined;
  try {
    let configResult: ApplyResult | undefined;
    if (config) {
      configResult = applyConfig(store, config, options.configFile);
      logger.info(
        configResult.changes.length
          ? `config applied: ${configResult.changes.join(', ')}`
          : 'config applied: no changes',
        { file: options.configFile },
      );
    }
    // After the config file: it may be what turned lanExposure on.
    const lan = options.host === undefined && store.settings.all().lanExposure;
    const host = options.host ?? (lan ? '0.0.0.0' : '127.0.0.1');
    if (lan)
      logger.warn(
        'lanExposure is on: listening on every interface (0.0.0.0), reachable from the network; gateway API keys and the dashboard password are required',
      );
    const runtime = new Runtime(store, { host, port, hostFromSetting: options.host === undefined });
    const router = new Router(runtime);
    const responseCache = new ResponseCache();
    let gateway: GatewayMount | undefined;
    const { app } = createApp({
      runtime,
      logger,
      dashboardDir: findDashboardDir(options.dashboardDir),
      adminToken:
        options.adminToken ?? options.env?.OMNIROUTE_ADMIN_TOKEN ?? process.env.OMNIROUTE_ADMIN_TOKEN,
      extraApiRoutes: [
        ...healthRoutes(runtime, router, responseCache),
        ...routingRoutes(runtime, router),
        ...cliToolsRoutes(runtime, { homeDir: options.homeDir, env: options.env }),
        ...storageRoutes(runtime),
        ...(options.extraApiRoutes ?? []),
      ],
      mountGateway: (a) => {
        gateway = mountGateway(a, {
          rt: runtime,
          logger,
          timeouts: options.timeouts,
          routing: router,
          cache: responseCache,
          env: options.env,
        });
      },
    });
    // Before Hono and before the gateway's raw fast path: one check covers every route.
    const refuse = ipGate(new IpFilter(runtime, { trustLoopback: options.trustLoopback, logger }));
    const fastPath = gateway?.fastPath;
    running = await listen(
      app,
      host,
      port,
      (req, res) => refuse(req, res) || (fastPath?.(req, res) ?? false),
    );
    // The engine (codecs, undici) loads once the first answer is out, or half a second after
    // start when no request comes: evaluating it blocks the loop for ~100 ms, which the first
    // caller (a health probe, the dashboard) should not wait for. A /v1 request before then
    // loads it itself.
    let warmed = false;
    const warm = () => {
      if (warmed) return;
      warmed = true;
      clearTimeout(warmTimer);
      void gateway
        ?.warm()
        .catch((err: unknown) => logger.error('gateway failed to load', { error: String(err) }));
    };
    const warmTimer = setTimeout(warm, 500);
    warmTimer.unref();
    running.server.once('request', (_req, res: import('node:http').ServerResponse) =>
      res.once('finish', () => setImmediate(warm)),
    );
    (runtime.bind as { port: number }).port = running.port;
    const keyTimer = setInterval(() => runtime.flushKeyUsage(), 5_000);
    keyTimer.unref();
    // Listening on every interface: this machine still reaches it (and the window loads it) on loopback.
    const localHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
    const shownHost = localHost.includes(':') ? `[${localHost}]` : localHost;
    const srv = running;
    let stopping: Promise<{ drained: boolean; cut: number }> | undefined;
    return {
      url: `http://${shownHost}:${srv.port}`,
      host,
      port: srv.port,
      dataDir: store.dataDir,
      version: VERSION,
      runtime,
      router,
      app,
      configResult,
      adminTokenFile: `${store.dataDir}/${ADMIN_TOKEN_FILE}`,
      stop(graceMs = 10_000) {
        stopping ??= (async () => {
          const result = await srv.close(graceMs);
          await gateway?.close();
          clearInterval(keyTimer);
          runtime.flushKeyUsage();
          store.close();
          return result;
        })();
        return stopping;
      },
      setActiveCombo(name) {
        store.settings.patch({ activeCombo: name });
        runtime.reload('state');
      },
      setOffline(offline, reason = 'manual') {
        if (store.settings.patch({ offlineMode: offline }).length === 0) return;
        runtime.offlineReason = reason;
        runtime.reload('state');
      },
    };
  } catch (err) {
    if (running) await running.close(0);
    store.close();
    throw err;
  }
}

export {
  resolveDataDir,
  NativeModuleError,
  staticKeyProvider,
  fileKeyProvider,
  type KeyProvider,
} from './store/index.js';
export { ConfigError } from './config/errors.js';
export { PortInUseError } from './server/listen.js';
export { createLogger, type Logger, type LogLevel } from './util/logger.js';
export type { BudgetCrossing, CoreEventMap } from './runtime/events.js';
export { VERSION } from './version.js';
export { formatUsd } from './util/format-usd.js';
