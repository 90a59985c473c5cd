// The desktop shell's start-up and wiring, over the Electron slice in electron-like.ts so the
// whole sequence runs under tests with tests/helpers/fake-electron.ts. main.ts only passes
// the real electron module and process facts in.
//
// Order matters: single-instance lock → app ready → native-module check (before anything
// touches SQLite) → data key → prefs → core on 127.0.0.1:20128 (or the next free port)
// (core-boot.ts) → quit handling (quit.ts) → notifications, offline watcher, tray → window
// (unless started hidden at login) → watcher and login item start.
import { existsSync } from 'node:fs';
import { createLogger, type Core, type Logger } from '../core/index.js';
import type { AutoLaunchFactory } from './auto-launch.js';
import { bootCore, type BootOptions, type Booted } from './core-boot.js';
import { announceCoreEvents, portMovedMessage } from './core-notices.js';
import { coreOfflineWatcher, trayInputOf } from './core-state.js';
import { DashboardWindow } from './dashboard-window.js';
import type { ImageLike, ShellElectron, WindowLike } from './electron-like.js';
import {
  coreCircuitFeed,
  coreQuotaFeed,
  emptyCircuitFeed,
  emptyQuotaFeed,
  type CircuitFeed,
  type QuotaFeed,
} from './feeds.js';
import { NotificationRules } from './notification-rules.js';
import { Notifier } from './notifications.js';
import type { OfflineWatcher } from './offline-watcher.js';
import type { Prefs } from './prefs.js';
import { holdQuitUntilStopped } from './quit.js';
import { acquireSingleInstance, launchedHidden } from './single-instance.js';
import { StartAtLogin } from './start-at-login.js';
import { trayDispatcher } from './tray-actions.js';
import { TrayController } from './tray.js';
import type { TrayAction } from './tray-model.js';

export { shellPaths } from './core-boot.js';
export { QUIT_GRACE_MS } from './quit.js';

export const APP_ID = 'dev.omniroute.desktop';
export const PRODUCT_NAME = 'OmniRoute';

export interface ShellOptions<I extends ImageLike> extends Omit<
  BootOptions,
  'electron' | 'exists' | 'logger'
> {
  electron: ShellElectron<I>;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  execPath: string;
  autoLaunch: AutoLaunchFactory;
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
  dispatch(action: TrayAction): void;
  /** Resolves when the core has stopped (Quit from the tray, the dock, the OS). */
  stopped: Promise<void>;
}

export type ShellStart<I extends ImageLike> =
  | { status: 'running'; shell: Shell<I> }
  | { status: 'second-instance' }
  | { status: 'failed'; reason: 'native-module' | 'data-key' | 'core'; message: string };

export async function runShell<I extends ImageLike>(o: ShellOptions<I>): Promise<ShellStart<I>> {
  const { app } = o.electron;
  const logger = o.logger ?? createLogger('info');

  // A second launch can arrive before the window exists: remember it and show the window then.
  const running: { shell?: Shell<I>; showRequested: boolean } = { showRequested: false };
  if (
    !acquireSingleInstance(app, () => {
      if (running.shell) running.shell.showWindow();
      else running.showRequested = true;
    })
  ) {
    logger.info('another OmniRoute is running: handing over to it');
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
  const booted = await bootCore({ ...o, exists: o.exists ?? existsSync, logger });
  if (!booted.ok) {
    logger.error(`${booted.title}: ${booted.message}`);
    o.electron.dialog.showErrorBox(booted.title, booted.message);
    app.quit();
    return { status: 'failed', reason: booted.reason, message: booted.message };
  }

  const { shell, startAtLogin } = wireShell(o, booted, logger);
  running.shell = shell;
  if (!hidden || running.showRequested) shell.showWindow();
  void shell.watcher.start();
  void startAtLogin.sync();
  return { status: 'running', shell };
}

/** Quit handling, window, notifications, offline watcher and tray around a started core. */
function wireShell<I extends ImageLike>(
  o: ShellOptions<I>,
  booted: Booted,
  logger: Logger,
): { shell: Shell<I>; startAtLogin: StartAtLogin } {
  const e = o.electron;
  const { app } = e;
  const { core, prefs, paths } = booted;
  const now = o.now ?? Date.now;
  const log = (m: string) => logger.info(m);

  const unsubscribe: Array<() => void> = [];
  const quit = holdQuitUntilStopped({
    app,
    core,
    logger,
    beforeStop: () => {
      watcher.stop();
      for (const u of unsubscribe) u();
    },
    afterStop: () => tray.destroy(),
  });
  const window = new DashboardWindow({
    electron: e,
    core,
    ...((o.exists ?? existsSync)(paths.appIcon) ? { iconPath: paths.appIcon } : {}),
    prefs,
    isQuitting: quit.isQuitting,
    log,
    warn: (m) => logger.warn(m),
  });
  const showWindow = window.show;

  const quotaFeed = o.quotaFeed ?? (core.view ? coreQuotaFeed(core) : emptyQuotaFeed);
  const circuitFeed = o.circuitFeed ?? (core.view ? coreCircuitFeed(core) : emptyCircuitFeed);
  const rules = new NotificationRules({ isEnabled: (kind) => prefs.notificationEnabled(kind) });
  const notifier = new Notifier(e.Notification, rules, { onClick: showWindow, now, log });
  const watcher = coreOfflineWatcher({
    electron: e,
    core,
    prefs,
    ...(o.probe ? { probe: o.probe } : {}),
    log,
  });

  const { tray, startAtLogin, dispatch } = createTray(o, {
    core,
    prefs,
    iconDir: paths.iconDir,
    notifier,
    watcher,
    quotaFeed,
    circuitFeed,
    showWindow,
    logger,
    now,
  });
  const changed = () => tray.refresh();

  unsubscribe.push(...announceCoreEvents({ core, notifier, watcher, quotaFeed, circuitFeed, changed, now }));
  e.powerMonitor.on('resume', () => void watcher.check());
  app.on('activate', showWindow); // macOS: click on the dock icon

  if (booted.portMoved) notifier.showNow(...portMovedMessage(core, booted.preferredPort));
  const shell: Shell<I> = {
    core,
    portMoved: booted.portMoved,
    window: () => window.current(),
    showWindow,
    tray,
    watcher,
    notifier,
    dispatch,
    stopped: quit.stopped,
  };
  return { shell, startAtLogin };
}

interface TrayParts {
  core: Core;
  prefs: Prefs;
  iconDir: string;
  notifier: Notifier;
  watcher: OfflineWatcher;
  quotaFeed: QuotaFeed;
  circuitFeed: CircuitFeed;
  showWindow: () => void;
  logger: Logger;
  now: () => number;
}

/** The tray, its actions, and the start-at-login switch it shows. */
function createTray<I extends ImageLike>(
  o: ShellOptions<I>,
  p: TrayParts,
): { tray: TrayController<I>; startAtLogin: StartAtLogin; dispatch: (action: TrayAction) => void } {
  const { core, prefs, notifier, watcher, quotaFeed, circuitFeed, showWindow, logger, now } = p;
  const changed = () => tray.refresh();
  const startAtLogin = new StartAtLogin({
    isPackaged: o.electron.app.isPackaged,
    loginItem: {
      platform: o.platform,
      name: PRODUCT_NAME,
      execPath: o.execPath,
      env: o.env,
      app: o.electron.app,
      autoLaunch: o.autoLaunch,
    },
    prefs,
    logger,
    explain: (title, body) => notifier.showNow(title, body),
    changed,
  });
  const dispatch = trayDispatcher({
    electron: o.electron,
    core,
    showWindow,
    setStartAtLogin: startAtLogin.set,
    changed,
    logger,
  });
  const tray: TrayController<I> = new TrayController<I>({
    electron: o.electron,
    platform: o.platform,
    iconDir: p.iconDir,
    state: () => trayInputOf({ core, watcher, quotaFeed, circuitFeed, prefs, now }),
    dispatch,
    onClick: showWindow,
  });
  return { tray, startAtLogin, dispatch };
}
