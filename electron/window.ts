// The dashboard window: loads the core's dashboard over HTTP (the same pages a browser gets),
// with the renderer locked down — contextIsolation on, nodeIntegration off, sandbox on, no
// preload (the dashboard talks to the core over HTTP only) — navigation pinned to the dashboard's origin, external http(s) links
// sent to the system browser, and closing the window hides it to the tray.
import type { HeadersDetails, PreventableEvent, ShellElectron, WindowLike } from './electron-like.js';
import { restorableBounds, type Prefs } from './prefs.js';

/**
 * The core already sends this policy on every dashboard page (core/server/dashboard.ts). The
 * shell adds it to any document from the dashboard origin that arrives without one, so a page
 * added later without the header is still covered. Keep the two in step.
 */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** http: and https: only — no file:, javascript:, custom protocol handlers or malformed URLs. */
export function isSafeExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length > 4096) return false;
  try {
    const u = new URL(raw);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export type NavigationDecision = 'allow' | 'external' | 'deny';

/** Same origin as the dashboard: stay. Other http(s): system browser. Anything else: nothing. */
export function navigationDecision(url: string, dashboardOrigin: string): NavigationDecision {
  if (originOf(url) === originOf(dashboardOrigin)) return 'allow';
  return isSafeExternalUrl(url) ? 'external' : 'deny';
}

/** Response headers with the dashboard CSP added to documents of the dashboard origin that lack one. */
export function withCsp(
  details: HeadersDetails,
  dashboardOrigin: string,
): Record<string, string[]> | undefined {
  const headers = details.responseHeaders;
  if (!headers) return undefined;
  const isDocument = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
  if (!isDocument || originOf(details.url) !== originOf(dashboardOrigin)) return headers;
  if (Object.keys(headers).some((k) => k.toLowerCase() === 'content-security-policy')) return headers;
  return { ...headers, 'Content-Security-Policy': [DASHBOARD_CSP] };
}

export interface MainWindowOptions {
  electron: Pick<ShellElectron, 'BrowserWindow' | 'shell' | 'screen'>;
  dashboardUrl: string;
  iconPath?: string;
  prefs: Prefs;
  /** Close hides instead, unless the app is quitting. */
  isQuitting: () => boolean;
  log?: (msg: string) => void;
}

export function createMainWindow(o: MainWindowOptions): WindowLike {
  const { electron: e, prefs } = o;
  const displays = (() => {
    try {
      return e.screen.getAllDisplays().map((d) => d.workArea);
    } catch {
      return [];
    }
  })();
  const bounds = restorableBounds(prefs.get('windowBounds'), displays) ?? { width: 1200, height: 800 };
  const win = new e.BrowserWindow({
    ...bounds,
    minWidth: 480,
    minHeight: 360,
    show: false,
    title: 'OmniRoute',
    ...(o.iconPath ? { icon: o.iconPath } : {}),
    backgroundColor: '#111827',
    autoHideMenuBar: true,
    webPreferences: {
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (prefs.get('windowMaximized')) win.maximize();
  const origin = originOf(o.dashboardUrl)!;
  const wc = win.webContents;

  wc.session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = withCsp(details, origin);
    callback(responseHeaders ? { responseHeaders } : {});
  });
  wc.setWindowOpenHandler(({ url }) => {
    // No second window, ever: links meant to open elsewhere go to the system browser.
    if (isSafeExternalUrl(url)) void e.shell.openExternal(url);
    return { action: 'deny' };
  });
  const guard = (event: PreventableEvent, url: string) => {
    const d = navigationDecision(url, origin);
    if (d === 'allow') return;
    event.preventDefault();
    if (d === 'external') void e.shell.openExternal(url);
    else o.log?.(`blocked navigation to ${url.slice(0, 100)}`);
  };
  wc.on('will-navigate', guard);
  wc.on('will-redirect', guard);
  wc.on('render-process-gone', (_ev, details) => {
    o.log?.(`dashboard renderer gone (${details.reason}); reloading`);
    if (!wc.isDestroyed()) wc.reload();
  });

  const saveBounds = () => {
    if (win.isDestroyed()) return;
    prefs.set('windowMaximized', win.isMaximized());
    if (!win.isMaximized()) prefs.set('windowBounds', win.getNormalBounds());
  };
  win.on('resized', saveBounds);
  win.on('moved', saveBounds);
  win.on('close', (event) => {
    saveBounds();
    if (o.isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
  return win;
}
