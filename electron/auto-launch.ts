// Start at login, hidden (straight to the tray).
//
// macOS and Windows: Electron's own app.setLoginItemSettings. It registers the real
// executable (the NSIS install path on Windows, the .app's login item on macOS) without the
// AppleScript "control System Events" permission prompt that the auto-launch package triggers
// on macOS, and `wasOpenedAtLogin` / `--hidden` tell the app it was started at login.
// Linux: Electron has no login-item API there, so the `auto-launch` package writes an XDG
// autostart entry (~/.config/autostart/OmniRoute.desktop) with `--hidden`. For an AppImage the
// path registered is $APPIMAGE: process.execPath points into a mount that changes every run.
//
// Both sit behind one interface, and both are injected so tests never touch the real system.

export interface LoginItem {
  readonly mechanism: 'login-item-settings' | 'auto-launch';
  isEnabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<void>;
}

/** The auto-launch package's instance API. */
export interface AutoLaunchLike {
  enable(): Promise<void>;
  disable(): Promise<void>;
  isEnabled(): Promise<boolean>;
}

export type AutoLaunchFactory = (options: {
  name: string;
  path: string;
  isHidden: boolean;
}) => AutoLaunchLike;

/** Structurally a subset of Electron's app. */
export interface LoginItemSettingsApp {
  getLoginItemSettings(options?: { path?: string; args?: string[] }): { openAtLogin: boolean };
  setLoginItemSettings(settings: {
    openAtLogin: boolean;
    openAsHidden?: boolean;
    path?: string;
    args?: string[];
  }): void;
}

export const HIDDEN_ARG = '--hidden';

export interface LoginItemOptions {
  platform: NodeJS.Platform;
  name: string;
  execPath: string;
  env?: NodeJS.ProcessEnv;
  app: LoginItemSettingsApp;
  /** Only called on Linux (lazily: the package is not loaded elsewhere). */
  autoLaunch: AutoLaunchFactory;
}

export function createLoginItem(o: LoginItemOptions): LoginItem {
  if (o.platform === 'darwin' || o.platform === 'win32') {
    // Windows matches the registry entry by path+args, so ask with the same ones we set.
    const query = o.platform === 'win32' ? { path: o.execPath, args: [HIDDEN_ARG] } : undefined;
    return {
      mechanism: 'login-item-settings',
      isEnabled: async () => o.app.getLoginItemSettings(query).openAtLogin,
      setEnabled: async (enabled) => {
        o.app.setLoginItemSettings(
          o.platform === 'win32'
            ? { openAtLogin: enabled, path: o.execPath, args: [HIDDEN_ARG] }
            : { openAtLogin: enabled, openAsHidden: true },
        );
      },
    };
  }
  const env = o.env ?? process.env;
  const launcher = o.autoLaunch({ name: o.name, path: env.APPIMAGE || o.execPath, isHidden: true });
  return {
    mechanism: 'auto-launch',
    isEnabled: () => launcher.isEnabled(),
    setEnabled: async (enabled) => {
      if (enabled) await launcher.enable();
      else await launcher.disable();
    },
  };
}

/**
 * Turns the login item on or off and returns what the OS reports afterwards (the OS entry is
 * the truth: the user can remove it in the system's "login items" / "startup apps" settings).
 */
export async function setLoginItem(item: LoginItem, enabled: boolean): Promise<boolean> {
  if ((await item.isEnabled()) !== enabled) await item.setEnabled(enabled);
  return item.isEnabled();
}
