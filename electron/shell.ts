// The desktop shell's start-up and wiring, over the Electron slice in electron-like.ts so the
// whole sequence runs under tests with tests/helpers/fake-electron.ts. main.ts only passes
// the real electron module and process facts in.
//
// Order matters: single-instance lock → app ready → native-module check (before anything
// touches SQLite) → data key → prefs → core on 127.0.0.1:20128 (or the next free port) →
// window (unless started hidden at login) → tray, notifications, offline watcher, IPC.
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  PortInUseError,
  createLogger,
  resolveDataDir,
  startCore as realStartCore,
  type Core,
  type CoreOptions,
  type Logger,
} from '../core/index.js';
import { IPC, type ShellState } from './api-types.js';
import { createLoginItem, setLoginItem, type AutoLaunchFactory } from './auto-launch.js';
import type { ImageLike, ShellElectron, WindowLike } from './electron-like.js';
import {
  coreCircuitFeed,
  coreQuotaFeed,
  emptyCircuitFeed,
  emptyQuotaFeed,
  QuotaTracker,
  type CircuitFeed,
  type QuotaFeed,
} from './feeds.js';
import { createIpcHandlers, registerIpcHandlers } from './ipc.js';
import { desktopKeyProvider } from './key-provider.js';
import { checkNativeModule, loadSqlite as realLoadSqlite, resolveNativeBinding } from './native-check.js';
import {
  budgetNotice,
  circuitNotice,
  signInNotice,
  fallbackNotice,
  NotificationRules,
  offlineNotice,
  type BudgetNames,
} from './notification-rules.js';
import { Notifier } from './notifications.js';
import { OfflineWatcher, probeTargets, tcpProbe } from './offline-watcher.js';
import { DEFAULT_PORT, startOnFreePort } from './port.js';
import type { Prefs } from './prefs.js';
import { acquireSingleInstance, focusWindow, launchedHidden } from './single-instance.js';
import { TrayController } from './tray.js';
import { endpointOf, iconState, type TrayAction, type TrayInput } from './tray-model.js';
import { createMainWindow } from './window.js';

export const APP_ID = 'dev.omniroute.desktop';
export const PRODUCT_NAME = 'OmniRoute';
/** How long Quit waits for in-flight streams before cutting them. */
export const QUIT_GRACE_MS = 10_000;

export interface ShellOptions<I extends ImageLike> {
  electron: ShellElectron<I>;
  argv: readonly string[];
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  execPath: string;
  /** app.getAppPath(): the repo root in development, the asar in a packaged app. */
  appRoot: string;
  /** process.resourcesPath: where packaged extra resources (tray icons, dashboard) live. */
  resourcesPath: string;
  electronVersion: string;
  modulesAbi: string;
  preloadPath: string;
  openPrefs: () => Promise<Prefs>;
  autoLaunch: AutoLaunchFactory;
  startCore?: (options: CoreOptions) => Promise<Core>;
  loadSqlite?: (binding: string | undefined) => void;
  preferredPort?: number;
  portAttempts?: number;
  probe?: () => Promise<boolean>;
  quotaFeed?: QuotaFeed;
  circuitFeed?: CircuitFeed;
  logger?: Logger;
  exists?: (p: string) => boolean;
  now?: () => number;
}

export interface Shell<I extends ImageLike = ImageLike> {
  core: Core;
  portMoved: boolean;
  window(): WindowLike | undefined;
  showWindow(): void;
  tray: TrayController<I>;
  watcher: OfflineWatcher;
  notifier: Notifier;
  state(): ShellState;
  dispatch(action: TrayAction): void;
  /** Resolves when the core has stopped (Quit from the tray, the dock, the OS). */
  stopped: Promise<void>;
}

export type ShellStart<I extends ImageLike> =
  | { status: 'running'; shell: Shell<I> }
  | { status: 'second-instance' }
  | { status: 'failed'; reason: 'native-module' | 'data-key' | 'core'; message: string };

export function shellPaths(o: { isPackaged: boolean; appRoot: string; resourcesPath: string }): {
  iconDir: string;
  appIcon: string;
  dashboardDir: string | undefined;
} {
  if (o.isPackaged)
    return {
      iconDir: path.join(o.resourcesPath, 'tray'),
      appIcon: path.join(o.resourcesPath, 'tray', 'icon.png'),
      dashboardDir: path.join(o.resourcesPath, 'renderer'),
    };
  // Development: the core finds dist/renderer next to dist/core by itself.
  return {
    iconDir: path.join(o.appRoot, 'build', 'tray'),
    appIcon: path.join(o.appRoot, 'build', 'icon.png'),
    dashboardDir: undefined,
  };
}

export async function runShell<I extends ImageLike>(o: ShellOptions<I>): Promise<ShellStart<I>> {
  const e = o.electron;
  const { app } = e;
  const exists = o.exists ?? existsSync;
  const now = o.now ?? Date.now;
  const logger = o.logger ?? createLogger('info');
  const log = (m: string) => logger.info(m);

  // A second launch can arrive before the window exists: remember it and show the window then.
  const running: { shell?: Shell<I>; showRequested: boolean } = { showRequested: false };
  if (
    !acquireSingleInstance(app, () => {
      if (running.shell) running.shell.showWindow();
      else running.showRequested = true;
    })
  ) {
    log('another OmniRoute is running: handing over to it');
    app.quit();
    return { status: 'second-instance' };
  }
  if (o.platform === 'win32') app.setAppUserModelId(APP_ID); // notifications need it on Windows
  const hidden = (() => {
    try {
      return launchedHidden(o.argv, app.getLoginItemSettings());
    } catch {
      return launchedHidden(o.argv);
    }
  })();

  await app.whenReady();

  const fail = (
    reason: 'native-module' | 'data-key' | 'core',
    title: string,
    message: string,
  ): ShellStart<I> => {
    logger.error(`${title}: ${message}`);
    e.dialog.showErrorBox(title, message);
    app.quit();
    return { status: 'failed', reason, message };
  };

  // 1. The native module, before anything else touches SQLite.
  const binding = resolveNativeBinding({
    isPackaged: app.isPackaged,
    appRoot: o.appRoot,
    electronVersion: o.electronVersion,
    exists,
  });
  const native = checkNativeModule(() => (o.loadSqlite ?? realLoadSqlite)(binding), {
    isPackaged: app.isPackaged,
    electronVersion: o.electronVersion,
    modulesAbi: o.modulesAbi,
    ...(binding ? { binding } : {}),
  });
  if (!native.ok) return fail('native-module', native.title, native.message);

  // 2. Data dir and the data key.
  const dataDir = resolveDataDir({ electronUserData: app.getPath('userData') });
  let key;
  try {
    key = desktopKeyProvider({ dataDir, safeStorage: e.safeStorage, platform: o.platform, log });
  } catch (err) {
    return fail(
      'data-key',
      'OmniRoute cannot read its data key',
      err instanceof Error ? err.message : String(err),
    );
  }
  const prefs = await o.openPrefs();
  const paths = shellPaths({
    isPackaged: app.isPackaged,
    appRoot: o.appRoot,
    resourcesPath: o.resourcesPath,
  });

  // 3. The core, in this process.
  const preferred = o.preferredPort ?? DEFAULT_PORT;
  let core: Core;
  let portMoved: boolean;
  try {
    const started = await startOnFreePort(
      (port) =>
        (o.startCore ?? realStartCore)({
          dataDir,
          // No host: the core binds 127.0.0.1 unless the user turned on lanExposure.
          port,
          keyProvider: key.provider,
          logger,
          ...(binding ? { nativeBinding: binding } : {}),
          ...(paths.dashboardDir ? { dashboardDir: paths.dashboardDir } : {}),
        }),
      {
        preferred,
        ...(o.portAttempts ? { attempts: o.portAttempts } : {}),
        isInUse: (err) => err instanceof PortInUseError,
      },
    );
    core = started.value;
    portMoved = started.moved;
  } catch (err) {
    return fail('core', 'OmniRoute cannot start', err instanceof Error ? err.message : String(err));
  }
  log(`OmniRoute ${core.version} listening on ${core.url} (data: ${dataDir}, key: ${key.kind})`);

  // 4. Quit: drain in-flight streams, close the database, then really quit.
  let quitting = false;
  let stopped = false;
  let resolveStopped!: () => void;
  const stoppedPromise = new Promise<void>((r) => (resolveStopped = r));
  const unsubscribe: Array<() => void> = [];
  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped) return;
    event.preventDefault();
    void shutdown();
  });
  // The tray keeps the app alive with no window (default would be to quit on Windows/Linux).
  app.on('window-all-closed', () => {});
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      log('quitting: draining in-flight requests');
      watcher.stop();
      for (const u of unsubscribe) u();
      try {
        const r = await core.stop(QUIT_GRACE_MS);
        log(r.drained ? 'stopped cleanly' : `stopped; ${r.cut} stream(s) cut after ${QUIT_GRACE_MS} ms`);
      } catch (err) {
        logger.error(`error while stopping: ${err instanceof Error ? err.message : String(err)}`);
      }
      stopped = true;
      tray.destroy();
      resolveStopped();
      app.quit();
    })());

  // 5. Window.
  let win: WindowLike | undefined;
  const showWindow = () => {
    if (win && !win.isDestroyed()) {
      focusWindow(win);
      return;
    }
    const w = createMainWindow({
      electron: e,
      dashboardUrl: core.url + '/',
      preloadPath: o.preloadPath,
      ...(exists(paths.appIcon) ? { iconPath: paths.appIcon } : {}),
      prefs,
      isQuitting: () => quitting,
      log,
    });
    win = w;
    w.on('ready-to-show', () => focusWindow(w));
    w.on('closed', () => {
      if (win === w) win = undefined;
    });
    // A one-time sign-in link: the window gets its own session; nothing on this machine gets
    // the management API just by being local.
    w.loadURL(core.dashboardLink()).catch((err: unknown) =>
      logger.warn(`dashboard did not load: ${String(err)}`),
    );
  };

  // 6. Notifications, tray, login item, offline watcher, IPC.
  const quotaFeed = o.quotaFeed ?? (core.view ? coreQuotaFeed(core) : emptyQuotaFeed);
  const circuitFeed = o.circuitFeed ?? (core.view ? coreCircuitFeed(core) : emptyCircuitFeed);
  const rules = new NotificationRules({ isEnabled: (kind) => prefs.notificationEnabled(kind) });
  const notifier = new Notifier(e.Notification, rules, { onClick: showWindow, now, log });

  const loginItem = createLoginItem({
    platform: o.platform,
    name: PRODUCT_NAME,
    execPath: o.execPath,
    env: o.env,
    app,
    autoLaunch: o.autoLaunch,
  });

  const rt = core.view;
  const watcher = new OfflineWatcher({
    isOnline: () => e.net.isOnline(),
    probe:
      o.probe ??
      tcpProbe(() =>
        probeTargets(
          rt.providers
            .filter((p) => p.enabled && !p.local && (p.configured || rt.connectionsFor(p.id).length > 0))
            .map((p) => p.baseUrl),
        ),
      ),
    isOffline: () => rt.settings.offlineMode,
    setOffline: (offline) => core.setOffline(offline, 'auto'),
    autoOffline: prefs.get('autoOffline') && rt.settings.offlineMode,
    onAutoOfflineChange: (v) => prefs.set('autoOffline', v),
    log,
  });

  const signInNeeded = () =>
    rt.connections
      .filter((c) => c.signInState === 'sign-in-again')
      .map((c) => ({ id: c.id, label: `${rt.provider(c.providerId)?.name ?? c.providerId} · ${c.name}` }));
  const trayInput = (): TrayInput => ({
    url: core.url,
    activeCombo: rt.settings.activeCombo,
    combos: rt.combos.map((c) => ({ name: c.name, enabled: c.enabled })),
    offline: rt.settings.offlineMode,
    offlineReason: rt.settings.offlineMode && watcher.ownsOfflineState ? 'auto' : 'manual',
    quotas: quotaFeed.current(),
    openCircuits: circuitFeed.openCount(),
    noEligibleProviders: rt.activeProviders().length === 0,
    signInNeeded: signInNeeded(),
    startAtLogin: prefs.get('startAtLogin'),
    now: now(),
  });

  const state = (): ShellState => {
    const input = trayInput();
    return {
      endpoint: endpointOf(core.url),
      port: core.port,
      portMoved,
      activeCombo: input.activeCombo,
      combos: [...input.combos],
      offline: input.offline,
      offlineReason: input.offlineReason,
      iconState: iconState(input),
      quotas: [...input.quotas],
      startAtLogin: input.startAtLogin,
      version: core.version,
    };
  };

  const changed = () => {
    tray.refresh();
    if (win && !win.isDestroyed() && !win.webContents.isDestroyed())
      win.webContents.send(IPC.stateChanged, state());
  };

  const setStartAtLogin = async (enabled: boolean) => {
    if (!app.isPackaged) {
      notifier.showNow(
        'Start at login',
        'Start at login is available in the installed app, not in development.',
      );
      return;
    }
    try {
      prefs.set('startAtLogin', await setLoginItem(loginItem, enabled));
    } catch (err) {
      logger.warn(`start at login: ${err instanceof Error ? err.message : String(err)}`);
    }
    changed();
  };

  const dispatch = (action: TrayAction): void => {
    try {
      switch (action.type) {
        case 'copy-endpoint':
          e.clipboard.writeText(endpointOf(core.url));
          break;
        case 'switch-combo': {
          const combo = action.combo === null ? undefined : rt.combos.find((c) => c.name === action.combo);
          if (action.combo === null || combo?.enabled) core.setActiveCombo(action.combo);
          break;
        }
        case 'set-offline':
          core.setOffline(action.offline, 'manual');
          break;
        case 'open-dashboard':
          showWindow();
          break;
        case 'set-start-at-login':
          void setStartAtLogin(action.enabled);
          return;
        case 'quit':
          app.quit();
          return;
      }
    } catch (err) {
      logger.warn(`tray action ${action.type} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    changed(); // also puts a radio item back if the switch did not happen
  };

  const tray: TrayController<I> = new TrayController<I>({
    electron: e,
    platform: o.platform,
    iconDir: paths.iconDir,
    state: trayInput,
    dispatch,
    onClick: showWindow,
  });

  const quotas = new QuotaTracker();
  quotas.update(quotaFeed.current(), now());
  const budgetNames: BudgetNames = {
    provider: (id) => rt.provider(id)?.name,
    key: (id) => rt.apiKeyName(id),
  };
  // Announced once when an account enters "sign in again" (not again on every config change).
  let needing = new Set(signInNeeded().map((a) => a.id));
  unsubscribe.push(
    rt.events.on('config-changed', () => {
      const now = signInNeeded();
      for (const a of now) if (!needing.has(a.id)) notifier.notify(signInNotice(a));
      needing = new Set(now.map((a) => a.id));
    }),
    rt.events.on('config-changed', changed),
    rt.events.on('offline-changed', ({ offline, reason }) => {
      if (reason === 'manual') watcher.manualChange();
      else notifier.notify(offlineNotice(offline, reason));
    }),
    rt.events.on('request-finished', (r) => {
      if (r.fallback) notifier.notify(fallbackNotice(r.route));
    }),
    rt.events.on('budget-warning', (b) => notifier.notify(budgetNotice('warn', b, now(), budgetNames))),
    rt.events.on('budget-exhausted', (b) => notifier.notify(budgetNotice('block', b, now(), budgetNames))),
    quotaFeed.subscribe((snapshots) => {
      for (const n of quotas.update(snapshots, now())) notifier.notify(n);
      changed();
    }),
    circuitFeed.subscribe((c) => {
      notifier.notify(circuitNotice(c));
      changed();
    }),
    registerIpcHandlers(
      e.ipcMain,
      createIpcHandlers({
        getState: state,
        switchCombo: (name) => core.setActiveCombo(name),
        setOffline: (offline) => core.setOffline(offline, 'manual'),
        copyText: (text) => e.clipboard.writeText(text),
        openExternal: (url) => e.shell.openExternal(url),
        trustedOrigin: () => core.url,
      }),
    ),
  );
  e.powerMonitor.on('resume', () => void watcher.check());
  app.on('activate', showWindow); // macOS: click on the dock icon

  const shell: Shell<I> = {
    core,
    portMoved,
    window: () => win,
    showWindow,
    tray,
    watcher,
    notifier,
    state,
    dispatch,
    stopped: stoppedPromise,
  };

  if (portMoved)
    notifier.showNow(
      `OmniRoute is on port ${core.port}`,
      `Port ${preferred} is used by another program, so the endpoint is ${endpointOf(core.url)}. ` +
        `Point your agents there, or free port ${preferred} and restart OmniRoute.`,
    );
  running.shell = shell;
  if (!hidden || running.showRequested) showWindow();
  void watcher.start();
  void (async () => {
    // First run of the installed app: start at login (hidden). Later: the OS entry is the truth.
    try {
      if (app.isPackaged && !prefs.get('loginItemInitialized')) {
        prefs.set('startAtLogin', await setLoginItem(loginItem, prefs.get('startAtLogin')));
        prefs.set('loginItemInitialized', true);
      } else {
        prefs.set('startAtLogin', await loginItem.isEnabled());
      }
      changed();
    } catch (err) {
      logger.warn(`start at login: ${err instanceof Error ? err.message : String(err)}`);
    }
  })();
  return { status: 'running', shell };
}
