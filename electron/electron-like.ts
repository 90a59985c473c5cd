// The slice of Electron's main-process API the shell uses, as structural interfaces. main.ts
// passes the real `electron` module where these are expected, so `tsc -p electron/tsconfig.json`
// checks the glue against electron's bundled types; tests pass tests/helpers/fake-electron.ts.
// Methods are declared with method syntax (bivariant parameters) so Electron's richer event
// objects and option types fit.
import type { AutoLaunchFactory, LoginItemSettingsApp } from './auto-launch.js';
import type { SafeStorageLike } from './key-provider.js';
import type { FocusableWindow, SingleInstanceApp } from './single-instance.js';
import type { MenuTemplateItem } from './tray-model.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PreventableEvent {
  preventDefault(): void;
}

export interface ShellApp extends SingleInstanceApp, LoginItemSettingsApp {
  readonly isPackaged: boolean;
  whenReady(): Promise<void>;
  quit(): void;
  exit(exitCode?: number): void;
  getPath(name: 'userData'): string;
  getVersion(): string;
  getLoginItemSettings(options?: { path?: string; args?: string[] }): {
    openAtLogin: boolean;
    wasOpenedAtLogin?: boolean;
    wasOpenedAsHidden?: boolean;
  };
  setAppUserModelId(id: string): void;
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string) => void,
  ): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
}

export interface HeadersDetails {
  url: string;
  resourceType: string;
  responseHeaders?: Record<string, string[]>;
}

export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
  reload(): void;
  isDestroyed(): boolean;
  readonly session: {
    webRequest: {
      onHeadersReceived(
        listener: (
          details: HeadersDetails,
          callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
        ) => void,
      ): void;
    };
  };
}

export interface WindowLike extends FocusableWindow {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  hide(): void;
  isMaximized(): boolean;
  maximize(): void;
  getNormalBounds(): Rect;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  on(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'resized', listener: () => void): unknown;
  on(event: 'moved', listener: () => void): unknown;
}

export interface WindowOptions {
  width: number;
  height: number;
  x?: number;
  y?: number;
  minWidth?: number;
  minHeight?: number;
  show: boolean;
  title: string;
  icon?: string;
  backgroundColor?: string;
  autoHideMenuBar?: boolean;
  webPreferences: {
    contextIsolation: boolean;
    nodeIntegration: boolean;
    sandbox: boolean;
    webSecurity: boolean;
    spellcheck?: boolean;
  };
}

export interface ImageLike {
  isEmpty(): boolean;
  setTemplateImage(option: boolean): void;
}

export interface TrayLike<I extends ImageLike = ImageLike> {
  setContextMenu(menu: object | null): void;
  popUpContextMenu(menu?: object): void;
  setImage(image: I): void;
  setToolTip(toolTip: string): void;
  destroy(): void;
  on(event: 'click', listener: () => void): unknown;
  on(event: 'right-click', listener: () => void): unknown;
}

export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

export interface NotificationCtor {
  new (options: { title: string; body: string; silent?: boolean }): NotificationLike;
  isSupported(): boolean;
}

/** `I` is the image type: Electron's NativeImage (Tray's constructor only takes that), or the fake's. */
export interface ShellElectron<I extends ImageLike = ImageLike> {
  app: ShellApp;
  BrowserWindow: new (options: WindowOptions) => WindowLike;
  Tray: new (image: I) => TrayLike<I>;
  Menu: { buildFromTemplate(template: MenuTemplateItem[]): object };
  nativeImage: { createFromPath(path: string): I };
  Notification: NotificationCtor;
  safeStorage: SafeStorageLike;
  net: { isOnline(): boolean };
  dialog: { showErrorBox(title: string, content: string): void };
  shell: { openExternal(url: string): Promise<void> };
  clipboard: { writeText(text: string): void };
  powerMonitor: {
    on(event: 'resume', listener: () => void): unknown;
  };
  screen: { getAllDisplays(): Array<{ workArea: Rect }> };
}

export type { AutoLaunchFactory };
