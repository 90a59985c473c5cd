// A fake of the slice of Electron the desktop shell uses (electron/electron-like.ts). It is
// typed against that slice, so if the shell starts using more of Electron, this file stops
// compiling until the fake grows too. It records what the shell did and lets tests act as
// the user or the OS (click the tray, close the window, launch a second instance, go offline).
import { EventEmitter } from 'node:events';
import type {
  HeadersDetails,
  ImageLike,
  NotificationLike,
  PreventableEvent,
  Rect,
  ShellElectron,
  WindowOptions,
} from '../../electron/electron-like.js';
import type { MenuTemplateItem } from '../../electron/tray-model.js';

export class FakeEvent implements PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

class Emitter {
  protected readonly ee = new EventEmitter();
  on(event: string, listener: (...args: any[]) => void): this {
    this.ee.on(event, listener);
    return this;
  }
  emit(event: string, ...args: unknown[]): boolean {
    return this.ee.emit(event, ...args);
  }
  listenerCount(event: string): number {
    return this.ee.listenerCount(event);
  }
}

export class FakeApp extends Emitter {
  isPackaged = false;
  lockAvailable = true;
  userData = '/tmp/omniroute-fake-user-data';
  loginItem = { openAtLogin: false, wasOpenedAtLogin: false, wasOpenedAsHidden: false };
  loginItemCalls: Array<Record<string, unknown>> = [];
  appUserModelId: string | undefined;
  quitCalls = 0;
  /** True once a quit was not prevented by a before-quit listener. */
  quitted = false;
  exitCode: number | undefined;

  requestSingleInstanceLock(): boolean {
    return this.lockAvailable;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quitCalls++;
    const ev = new FakeEvent();
    this.emit('before-quit', ev);
    if (!ev.defaultPrevented) this.quitted = true;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  getPath(_name: 'userData'): string {
    return this.userData;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  getLoginItemSettings(_options?: { path?: string; args?: string[] }) {
    return { ...this.loginItem };
  }
  setLoginItemSettings(settings: {
    openAtLogin: boolean;
    openAsHidden?: boolean;
    path?: string;
    args?: string[];
  }): void {
    this.loginItemCalls.push(settings);
    this.loginItem.openAtLogin = settings.openAtLogin;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  /** The OS launched OmniRoute again: Electron tells the first instance. */
  launchSecondInstance(argv: string[] = []): void {
    this.emit('second-instance', new FakeEvent(), argv, '/');
  }
}

export class FakeWebContents extends Emitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  headersListener:
    | ((details: HeadersDetails, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void)
    | undefined;
  reloads = 0;
  destroyed = false;
  readonly session = {
    webRequest: {
      onHeadersReceived: (
        listener: (
          details: HeadersDetails,
          cb: (r: { responseHeaders?: Record<string, string[]> }) => void,
        ) => void,
      ) => {
        this.headersListener = listener;
      },
    },
  };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  reload(): void {
    this.reloads++;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The page tries to navigate; returns true when the shell blocked it. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const ev = new FakeEvent();
    this.emit(event, ev, url);
    return ev.defaultPrevented;
  }
}

export class FakeBrowserWindow extends Emitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrls: string[] = [];
  visible = false;
  minimized = false;
  destroyed = false;
  maximized = false;
  focusCount = 0;
  bounds: Rect;

  constructor(readonly options: WindowOptions) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width, height: options.height };
    this.visible = options.show;
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    queueMicrotask(() => this.emit('ready-to-show'));
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focusCount++;
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  /** The user clicks the window's close button. */
  close(): void {
    const ev = new FakeEvent();
    this.emit('close', ev);
    if (ev.defaultPrevented) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
}

export class FakeImage implements ImageLike {
  template = false;
  constructor(readonly path: string) {}
  isEmpty(): boolean {
    return false;
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
}

export class FakeMenu {
  constructor(readonly template: MenuTemplateItem[]) {}
  item(id: string): MenuTemplateItem {
    const it = this.template.find((i) => i.id === id);
    if (!it) throw new Error(`no menu item "${id}" in ${this.template.map((i) => i.id).join(', ')}`);
    return it;
  }
  has(id: string): boolean {
    return this.template.some((i) => i.id === id);
  }
  labels(): string[] {
    return this.template.filter((i) => i.type !== 'separator').map((i) => i.label ?? '');
  }
  /** The user clicks an item. */
  click(id: string): void {
    const it = this.item(id);
    if (it.enabled === false || !it.click) throw new Error(`menu item "${id}" is not clickable`);
    it.click();
  }
}

export class FakeTray extends Emitter {
  static instances: FakeTray[] = [];
  contextMenu: FakeMenu | null = null;
  poppedUp: FakeMenu[] = [];
  tooltip = '';
  destroyed = false;
  constructor(public image: FakeImage) {
    super();
    FakeTray.instances.push(this);
  }
  setContextMenu(menu: object | null): void {
    this.contextMenu = menu as FakeMenu | null;
  }
  popUpContextMenu(menu?: object): void {
    if (menu) this.poppedUp.push(menu as FakeMenu);
  }
  setImage(image: FakeImage): void {
    this.image = image;
  }
  setToolTip(toolTip: string): void {
    this.tooltip = toolTip;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends Emitter implements NotificationLike {
  static supported = true;
  static shown: FakeNotification[] = [];
  constructor(readonly options: { title: string; body: string; silent?: boolean }) {
    super();
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
}

/** Reversible, recognisable "encryption" so tests can see a wrapped key is not the plain key. */
export class FakeSafeStorage {
  available = true;
  backend = 'gnome_libsecret';
  encryptCalls = 0;
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    this.encryptCalls++;
    return Buffer.concat([Buffer.from('FAKE-SAFE:'), Buffer.from(plainText, 'utf8').reverse()]);
  }
  decryptString(encrypted: Buffer): string {
    if (!this.available) throw new Error('Decryption is not available.');
    const prefix = Buffer.from('FAKE-SAFE:');
    if (!encrypted.subarray(0, prefix.length).equals(prefix))
      throw new Error('Error while decrypting the ciphertext');
    return Buffer.from(encrypted.subarray(prefix.length)).reverse().toString('utf8');
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
}

export interface FakeElectron {
  electron: ShellElectron<FakeImage>;
  app: FakeApp;
  safeStorage: FakeSafeStorage;
  net: { online: boolean; isOnline(): boolean };
  dialog: {
    errorBoxes: Array<{ title: string; content: string }>;
    showErrorBox(title: string, content: string): void;
  };
  shell: { opened: string[]; openExternal(url: string): Promise<void> };
  clipboard: { text: string; writeText(text: string): void };
  powerMonitor: Emitter;
  windows: () => FakeBrowserWindow[];
  trays: () => FakeTray[];
  notifications: () => FakeNotification[];
}

export function createFakeElectron(): FakeElectron {
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.shown = [];
  FakeNotification.supported = true;
  const app = new FakeApp();
  const safeStorage = new FakeSafeStorage();
  const net = {
    online: true,
    isOnline() {
      return this.online;
    },
  };
  const dialog = {
    errorBoxes: [] as Array<{ title: string; content: string }>,
    showErrorBox(title: string, content: string) {
      this.errorBoxes.push({ title, content });
    },
  };
  const shell = {
    opened: [] as string[],
    async openExternal(url: string) {
      this.opened.push(url);
    },
  };
  const clipboard = {
    text: '',
    writeText(text: string) {
      this.text = text;
    },
  };
  const powerMonitor = new Emitter();
  const electron: ShellElectron<FakeImage> = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template) => new FakeMenu(template) },
    nativeImage: { createFromPath: (p) => new FakeImage(p) },
    Notification: FakeNotification,
    safeStorage,
    net,
    dialog,
    shell,
    clipboard,
    powerMonitor,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  };
  return {
    electron,
    app,
    safeStorage,
    net,
    dialog,
    shell,
    clipboard,
    powerMonitor,
    windows: () => FakeBrowserWindow.instances,
    trays: () => FakeTray.instances,
    notifications: () => FakeNotification.shown,
  };
}

/** An in-memory electron-store stand-in for Prefs. */
export function memoryPrefsBackend(initial: Record<string, unknown> = {}) {
  const data = new Map<string, unknown>(Object.entries(initial));
  return {
    data,
    get: (k: string) => (data.has(k) ? structuredClone(data.get(k)) : undefined),
    set: (k: string, v: unknown) => void data.set(k, structuredClone(v)),
  };
}
