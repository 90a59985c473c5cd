// One OmniRoute per user: a second launch (double-clicking the icon again, a login item racing
// a manual start) hands over to the first, which shows its window, and then exits.

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string) => void,
  ): unknown;
}

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * Returns false when another instance holds the lock: the caller must quit at once, before
 * touching the database or the port. Otherwise `onSecondInstance` runs on every later launch.
 */
export function acquireSingleInstance(
  app: SingleInstanceApp,
  onSecondInstance: (argv: string[]) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => onSecondInstance(argv));
  return true;
}

/** Brings a window back from the tray, the taskbar or minimised. */
export function focusWindow(win: FocusableWindow | undefined): boolean {
  if (!win || win.isDestroyed()) return false;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
  return true;
}

/**
 * Launched at login: straight to the tray, no window. Windows/Linux login entries pass
 * `--hidden`; macOS reports `wasOpenedAsHidden` (older login items) or `wasOpenedAtLogin`.
 */
export function launchedHidden(
  argv: readonly string[],
  loginItem?: { wasOpenedAsHidden?: boolean; wasOpenedAtLogin?: boolean },
): boolean {
  return (
    argv.includes('--hidden') || loginItem?.wasOpenedAsHidden === true || loginItem?.wasOpenedAtLogin === true
  );
}
