// The core's public entry. Hosts (the Electron shell, the CLI, tests) use only this file.
import { applyConfig, type ApplyResult } from './config/apply.js';
import { Runtime } from './runtime/runtime.js';
import { listen, type RunningServer } from './server/listen.js';
import { Store, type KeyProvider } from './store/index.js';
import { createLogger, type Logger, type LogLevel } from './util/logger.js';
import { VERSION } from './version.js';
import type { ChatGptPlanAccounts } from './gateway/plan-accounts.js';
import { ADMIN_TOKEN_FILE, loadOrCreateAdminToken } from './server/auth/admin-token.js';
import { DashboardLinks } from './server/auth/dashboard-links.js';
import { mountGateway, type GatewayMount } from './gateway/mount.js';
import { gatewayFastPath } from './server/gateway-fast-path.js';
import { ModelDiscoverer, type DiscoveryOptions } from './gateway/model-discovery.js';
import type { UpstreamTimeouts } from './runtime/timeouts.js';
import { Router } from './routing/router.js';
import { ResponseCache } from './gateway/response-cache.js';
import { nativeRoutes } from './server/native-routes.js';
import { IpFilter, ipGate } from './server/ip-filter.js';
import { BrowserGuard, browserGate } from './server/browser-guard.js';
import { bareGatewayPaths } from './server/bare-paths.js';
import { coreView, registerInternals, type CoreView } from './server/core-view.js';

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
  /**
   * Upstream time limits that replace the settings of the same meaning (firstByteTimeoutMs,
   * answerTimeoutMs, stallTimeoutMs; a provider's own `timeouts` still win), and the connect
   * limit, which is not a setting. Tests use short ones.
   */
  timeouts?: Partial<UpstreamTimeouts>;
  /** Where coding tools keep their config (CLI tools apply); default os.homedir(). */
  homeDir?: string;
  /**
   * Loopback peers always pass the IP allow/deny lists (default true, so nobody locks
   * themselves out). Tests turn it off to exercise the lists from 127.0.0.x.
   */
  trustLoopback?: boolean;
  /** Model discovery per account (core/gateway/model-discovery.ts); false turns it off (tests). */
  modelDiscovery?: DiscoveryOptions | false;
}

export interface Core {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly version: string;
  /** Reachable from beyond this machine (bound to a non-loopback address): keys and a password are required. */
  readonly exposed: boolean;
  /** What the shell shows: events, configuration, quota and circuit state (core/server/core-view.ts). */
  readonly view: CoreView;
  readonly configResult?: ApplyResult;
  readonly adminTokenFile: string;
  /**
   * A one-time link that signs a browser in to the dashboard (`<url>/auth/link?token=…`): what
   * the CLI prints and the desktop window opens. Each call makes a new one.
   */
  dashboardLink(): string;
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
  const store = openStore(options, logger);
  let running: RunningServer | undefined;
  try {
    const configResult = config && applyStartConfig(store, config, options.configFile, logger);
    const host = bindHost(options, store, logger);
    const runtime = new Runtime(
      store,
      { host, port, hostFromSetting: options.host === undefined },
      options.timeouts,
    );
    // Written now, not when the management API first loads: the CLI and the tray point people at it.
    const adminToken =
      options.adminToken ??
      options.env?.OMNIROUTE_ADMIN_TOKEN ??
      process.env.OMNIROUTE_ADMIN_TOKEN ??
      loadOrCreateAdminToken(store.dataDir);
    const router = new Router(runtime);
    const parts: Parts = {
      runtime,
      router,
      links: new DashboardLinks(),
      ...gatewayParts(runtime, router, options, logger),
    };
    running = await serve(parts, host, port, adminToken, options, logger);
    // The engine (codecs, undici) is not loaded until the first gateway request needs it: an
    // idle gateway stays ~6 MB smaller, and that one request waits ~40 ms more, once.
    (runtime.bind as { port: number }).port = running.port;
    const keyTimer = startBackground(parts, logger);
    const core = coreHandle(parts, running, host, keyTimer, configResult);
    registerInternals(core, { runtime, router });
    return core;
  } catch (err) {
    if (running) await running.close(0);
    store.close();
    throw err;
  }
}

function openStore(options: CoreOptions, logger: Logger): Store {
  return new Store({
    dataDir: options.dataDir,
    keyProvider: options.keyProvider,
    nativeBinding: options.nativeBinding,
    onBackup: (file) => logger.info('database backed up before migration', { file }),
    onCompact: (message) => logger.info(message),
    onWarning: (message) => logger.warn(message),
  });
}

function applyStartConfig(
  store: Store,
  config: Parameters<typeof applyConfig>[1],
  file: string | undefined,
  logger: Logger,
): ApplyResult {
  const result = applyConfig(store, config, file);
  logger.info(
    result.changes.length ? `config applied: ${result.changes.join(', ')}` : 'config applied: no changes',
    { file },
  );
  return result;
}

/** Read after the config file is applied: it may be what turned lanExposure on. */
function bindHost(options: CoreOptions, store: Store, logger: Logger): string {
  const lan = options.host === undefined && store.settings.all().lanExposure;
  if (lan)
    logger.warn(
      'lanExposure is on: listening on every interface (0.0.0.0), reachable from the network; gateway API keys and the dashboard password are required',
    );
  return options.host ?? (lan ? '0.0.0.0' : '127.0.0.1');
}

/** What the running core is made of, shared by its start-up phases. */
interface Parts {
  runtime: Runtime;
  router: Router;
  links: DashboardLinks;
  cache: ResponseCache;
  gateway: GatewayMount;
  discoverer?: ModelDiscoverer;
  loadPlanAccounts: () => Promise<ChatGptPlanAccounts>;
}

function gatewayParts(runtime: Runtime, router: Router, options: CoreOptions, logger: Logger) {
  const cache = new ResponseCache();
  // Signed-in ChatGPT plan accounts: loaded when the gateway or the management API first needs them.
  let planAccounts: Promise<ChatGptPlanAccounts> | undefined;
  const loadPlanAccounts = () =>
    (planAccounts ??= import('./gateway/plan-accounts.js').then(
      ({ ChatGptPlanAccounts }) => new ChatGptPlanAccounts(runtime, logger),
    ));
  const gateway: GatewayMount = mountGateway({
    rt: runtime,
    logger,
    timeouts: options.timeouts,
    routing: router,
    cache,
    env: options.env,
    planAccounts: loadPlanAccounts,
  });
  const discoverer =
    options.modelDiscovery === false
      ? undefined
      : new ModelDiscoverer(runtime, async () => (await gateway.load()).deps, logger, options.modelDiscovery);
  return { cache, gateway, discoverer, loadPlanAccounts };
}

async function serve(
  parts: Parts,
  host: string,
  port: number,
  adminToken: string,
  options: CoreOptions,
  logger: Logger,
): Promise<RunningServer> {
  const { runtime, gateway } = parts;
  // The management surface (Hono, the API, the dashboard) loads on the first request for it.
  const loadApp = async () => {
    const accounts = await parts.loadPlanAccounts();
    const [{ createApp }, { findDashboardDir }] = await Promise.all([
      import('./server/app.js'),
      import('./server/dashboard.js'),
    ]);
    return createApp({
      runtime,
      router: parts.router,
      logger,
      dashboardDir: findDashboardDir(options.dashboardDir),
      adminToken,
      links: parts.links,
      cache: parts.cache,
      gateway,
      discoverer: parts.discoverer,
      planAccounts: accounts,
      homeDir: options.homeDir,
      env: options.env,
    }).app;
  };
  // Before Hono and before the gateway's raw fast path: one check covers every route.
  const refuse = ipGate(new IpFilter(runtime, { trustLoopback: options.trustLoopback, logger }));
  const browsers = browserGate(new BrowserGuard(runtime), logger);
  const native = nativeRoutes(runtime);
  const fastPath = gatewayFastPath(runtime, gateway, logger);
  const running = await listen(
    loadApp,
    host,
    port,
    (req, res) =>
      bareGatewayPaths(req, res) ||
      refuse(req, res) ||
      browsers(req, res) ||
      fastPath(req, res) ||
      native(req, res),
    {
      maxConnections: runtime.settings.maxConnections,
      onRefused: (count) =>
        logger.warn('connections refused: maxConnections reached', {
          refused: count,
          maxConnections: runtime.settings.maxConnections,
        }),
    },
  );
  // A changed cap applies to the next connection (those open stay open).
  const capped = running.server;
  runtime.events.on('config-changed', () => (capped.maxConnections = runtime.settings.maxConnections));
  return running;
}

/** Key-usage flushing, request-log retention and model discovery; the timer is stopped by stop(). */
function startBackground({ runtime, discoverer }: Parts, logger: Logger): NodeJS.Timeout {
  const store = runtime.store;
  const keyTimer = setInterval(() => runtime.flushKeyUsage(), 5_000);
  keyTimer.unref();
  // Request-log retention (logRetentionDays, logMaxDbMb): in the background, stopped by store.close().
  store.logRetention.start(() => runtime.settings, {
    onPruned: (r) => logger.info('request log pruned', { ...r }),
  });
  runtime.events.on('config-changed', () => store.logRetention.settingsChanged());
  discoverer?.start();
  return keyTimer;
}

function coreHandle(
  { runtime, router, links, gateway, discoverer }: Parts,
  srv: RunningServer,
  host: string,
  keyTimer: NodeJS.Timeout,
  configResult: ApplyResult | undefined,
): Core {
  const store = runtime.store;
  // Listening on every interface: this machine still reaches it (and the window loads it) on loopback.
  const localHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const shownHost = localHost.includes(':') ? `[${localHost}]` : localHost;
  let stopping: Promise<{ drained: boolean; cut: number }> | undefined;
  return {
    url: `http://${shownHost}:${srv.port}`,
    host,
    port: srv.port,
    dataDir: store.dataDir,
    version: VERSION,
    exposed: runtime.exposed,
    view: coreView(runtime, router),
    configResult,
    adminTokenFile: `${store.dataDir}/${ADMIN_TOKEN_FILE}`,
    dashboardLink: () => links.url(`http://${shownHost}:${srv.port}`),
    stop(graceMs = 10_000) {
      stopping ??= (async () => {
        discoverer?.stop();
        const result = await srv.close(graceMs);
        await gateway.close();
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
export type { CoreView, ProviderSummary, ConnectionSummary } from './server/core-view.js';
export { VERSION } from './version.js';
export { formatUsd } from './util/format-usd.js';
