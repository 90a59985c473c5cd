// Electron main process entry: thin glue. Everything that can be tested lives in the plain
// modules next to this file (shell.ts wires them); this file hands over the real electron
// module and the process facts. `tsc -p electron/tsconfig.json` checks that the real electron
// module satisfies the ShellElectron slice the shell is written against.
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  safeStorage,
  screen,
  shell,
  Tray,
  type NativeImage,
} from 'electron';
import { chmodSync, createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createLogger, type LogLevel } from '../core/index.js';
import type { AutoLaunchFactory } from './auto-launch.js';
import type { ShellElectron } from './electron-like.js';
import { openPrefs } from './prefs.js';
import { PRODUCT_NAME, runShell } from './shell.js';

const electron: ShellElectron<NativeImage> = {
  app,
  BrowserWindow,
  Tray,
  Menu,
  nativeImage,
  Notification,
  safeStorage,
  net,
  dialog,
  shell,
  clipboard,
  powerMonitor,
  screen,
};

// One data dir for `npm start` and the installed app: <appData>/OmniRoute. Set before anything
// reads userData (the single-instance lock and electron-store use it too).
app.setName(PRODUCT_NAME);
app.setPath('userData', path.join(app.getPath('appData'), PRODUCT_NAME));

// The log goes to <userData>/logs/omniroute.log (a packaged app has no console), and to stdout.
function fileSink(): (line: string) => void {
  const dir = path.join(app.getPath('userData'), 'logs');
  // Owner only, like the data directory: the log names providers, models and addresses.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'omniroute.log');
  try {
    chmodSync(dir, 0o700);
    if (statSync(file).size > 5 * 1024 * 1024) renameSync(file, file + '.1');
    chmodSync(file, 0o600);
  } catch {}
  const out = createWriteStream(file, { flags: 'a', mode: 0o600 });
  return (line) => {
    out.write(line + '\n');
    if (!app.isPackaged) process.stdout.write(line + '\n');
  };
}
const level = (process.env.OMNIROUTE_LOG_LEVEL as LogLevel | undefined) ?? 'info';
const logger = createLogger(level, fileSink());
process.on('uncaughtException', (err) => logger.error(`uncaught: ${err.stack ?? err.message}`));
process.on('unhandledRejection', (err) => logger.error(`unhandled rejection: ${String(err)}`));

// auto-launch is only needed on Linux (see auto-launch.ts); load it there, lazily.
const require = createRequire(import.meta.url);
const autoLaunch: AutoLaunchFactory = (options) => {
  const AutoLaunch = require('auto-launch') as typeof import('auto-launch');
  return new AutoLaunch(options);
};

runShell({
  electron,
  argv: process.argv,
  platform: process.platform,
  env: process.env,
  execPath: process.execPath,
  appRoot: app.getAppPath(),
  resourcesPath: process.resourcesPath,
  electronVersion: process.versions.electron,
  modulesAbi: process.versions.modules,
  openPrefs,
  autoLaunch,
  logger,
}).catch((err: unknown) => {
  const msg = err instanceof Error ? (err.stack ?? err.message) : String(err);
  logger.error(`start-up failed: ${msg}`);
  dialog.showErrorBox('OmniRoute cannot start', msg);
  app.exit(1);
});
