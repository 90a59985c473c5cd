// At most one dashboard window: show() focuses it when it exists and opens it otherwise. A
// new window signs in with a one-time link, so it gets its own session: nothing on this
// machine gets the management API just by being local.
import type { Core } from '../core/index.js';
import type { ShellElectron, WindowLike } from './electron-like.js';
import type { Prefs } from './prefs.js';
import { focusWindow } from './single-instance.js';
import { createMainWindow } from './window.js';

export interface DashboardWindowOptions {
  electron: Pick<ShellElectron, 'BrowserWindow' | 'shell' | 'screen'>;
  core: Pick<Core, 'url' | 'dashboardLink'>;
  iconPath?: string;
  prefs: Prefs;
  isQuitting: () => boolean;
  log: (msg: string) => void;
  warn: (msg: string) => void;
}

export class DashboardWindow {
  private win: WindowLike | undefined;

  constructor(private readonly o: DashboardWindowOptions) {}

  current(): WindowLike | undefined {
    return this.win;
  }

  readonly show = (): void => {
    if (this.win && !this.win.isDestroyed()) {
      focusWindow(this.win);
      return;
    }
    const { o } = this;
    const w = createMainWindow({
      electron: o.electron,
      dashboardUrl: o.core.url + '/',
      ...(o.iconPath ? { iconPath: o.iconPath } : {}),
      prefs: o.prefs,
      isQuitting: o.isQuitting,
      log: o.log,
    });
    this.win = w;
    w.on('ready-to-show', () => focusWindow(w));
    w.on('closed', () => {
      if (this.win === w) this.win = undefined;
    });
    w.loadURL(o.core.dashboardLink()).catch((err: unknown) =>
      o.warn(`dashboard did not load: ${String(err)}`),
    );
  };
}
