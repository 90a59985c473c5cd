// Start-up steps 1–3 (shell.ts has the whole order): the native module before anything touches
// SQLite, the data key, the shell's prefs, then the core in this process on 127.0.0.1 (the
// preferred port, or the next free one). A failure comes back as what the error box says,
// so the caller shows it and quits instead of opening a blank window.
import path from 'node:path';
import {
  PortInUseError,
  resolveDataDir,
  startCore as realStartCore,
  type Core,
  type CoreOptions,
  type Logger,
} from '../core/index.js';
import type { ShellElectron } from './electron-like.js';
import { desktopKeyProvider } from './key-provider.js';
import { checkNativeModule, loadSqlite as realLoadSqlite, resolveNativeBinding } from './native-check.js';
import { DEFAULT_PORT, startOnFreePort } from './port.js';
import type { Prefs } from './prefs.js';

export interface ShellPaths {
  iconDir: string;
  appIcon: string;
  dashboardDir: string | undefined;
}

export function shellPaths(o: { isPackaged: boolean; appRoot: string; resourcesPath: string }): ShellPaths {
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

export interface BootOptions {
  electron: Pick<ShellElectron, 'app' | 'safeStorage'>;
  platform: NodeJS.Platform;
  /** app.getAppPath(): the repo root in development, the asar in a packaged app. */
  appRoot: string;
  /** process.resourcesPath: where packaged extra resources (tray icons, dashboard) live. */
  resourcesPath: string;
  electronVersion: string;
  modulesAbi: string;
  openPrefs: () => Promise<Prefs>;
  startCore?: (options: CoreOptions) => Promise<Core>;
  loadSqlite?: (binding: string | undefined) => void;
  preferredPort?: number;
  portAttempts?: number;
  exists: (p: string) => boolean;
  logger: Logger;
}

export type BootFailure = {
  ok: false;
  reason: 'native-module' | 'data-key' | 'core';
  title: string;
  message: string;
};

export interface Booted {
  ok: true;
  core: Core;
  /** The preferred port was taken, so the core listens on another one. */
  portMoved: boolean;
  preferredPort: number;
  prefs: Prefs;
  paths: ShellPaths;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function bootCore(o: BootOptions): Promise<Booted | BootFailure> {
  const { app } = o.electron;
  const log = (m: string) => o.logger.info(m);

  const binding = resolveNativeBinding({
    isPackaged: app.isPackaged,
    appRoot: o.appRoot,
    electronVersion: o.electronVersion,
    exists: o.exists,
  });
  const native = checkNativeModule(() => (o.loadSqlite ?? realLoadSqlite)(binding), {
    isPackaged: app.isPackaged,
    electronVersion: o.electronVersion,
    modulesAbi: o.modulesAbi,
    ...(binding ? { binding } : {}),
  });
  if (!native.ok) return { ok: false, reason: 'native-module', title: native.title, message: native.message };

  const dataDir = resolveDataDir({ electronUserData: app.getPath('userData') });
  let key;
  try {
    key = desktopKeyProvider({ dataDir, safeStorage: o.electron.safeStorage, platform: o.platform, log });
  } catch (err) {
    return {
      ok: false,
      reason: 'data-key',
      title: 'OmniRoute cannot read its data key',
      message: messageOf(err),
    };
  }
  const prefs = await o.openPrefs();
  const paths = shellPaths({
    isPackaged: app.isPackaged,
    appRoot: o.appRoot,
    resourcesPath: o.resourcesPath,
  });

  const preferredPort = o.preferredPort ?? DEFAULT_PORT;
  try {
    const started = await startOnFreePort(
      (port) =>
        (o.startCore ?? realStartCore)({
          dataDir,
          // No host: the core binds 127.0.0.1 unless the user turned on lanExposure.
          port,
          keyProvider: key.provider,
          logger: o.logger,
          ...(binding ? { nativeBinding: binding } : {}),
          ...(paths.dashboardDir ? { dashboardDir: paths.dashboardDir } : {}),
        }),
      {
        preferred: preferredPort,
        ...(o.portAttempts ? { attempts: o.portAttempts } : {}),
        isInUse: (err) => err instanceof PortInUseError,
      },
    );
    const core = started.value;
    log(`OmniRoute ${core.version} listening on ${core.url} (data: ${dataDir}, key: ${key.kind})`);
    return { ok: true, core, portMoved: started.moved, preferredPort, prefs, paths };
  } catch (err) {
    return { ok: false, reason: 'core', title: 'OmniRoute cannot start', message: messageOf(err) };
  }
}
