// Shared between the main process (ipc.ts), the preload (preload.cts) and the dashboard (which
// may read `window.omniroute` when it runs inside the app). Types and constants only: the
// preload is sandboxed and CommonJS, so it imports nothing from here at run time.

/** The kinds of native notification the shell can show; each can be turned off in prefs. */
export const NOTIFICATION_KINDS = [
  'quota-80',
  'quota-exhausted',
  'quota-reset',
  'fallback',
  'circuit-open',
  'circuit-closed',
  'offline',
  'online',
  'budget',
  'sign-in',
  'request-failed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What the tray icon shows, worst first: offline > quota-low > degraded > ok. */
export type IconState = 'ok' | 'degraded' | 'offline' | 'quota-low';

/**
 * The binding quota window of one account: a connection with configured windows, or a plan
 * behind a caller's own login (Claude Code, Codex, Gemini CLI) as its vendor reports it.
 */
export interface QuotaSnapshot {
  /** A connection id, or `login:<fingerprint>` for a plan. */
  connectionId: string;
  /** What the user recognises: "openai · work", "Claude Code login". */
  label: string;
  /** 0–100. */
  remainingPct: number;
  /** Epoch ms when the window resets; undefined when unknown. */
  resetsAt?: number;
  /** A plan's window, as the vendor names it ("5 h", "weekly"): the line reads "… used" then. */
  window?: string;
  /** A plan's forecast: at the pace so far, when the window runs out (before its reset). */
  runsOutAt?: number;
}

/** A connection's circuit breaker changed (not wired yet: the resilience work will emit it). */
export interface CircuitChange {
  connectionId: string;
  label: string;
  state: 'open' | 'closed';
}

/** What the window's preload API returns for `getState()`. */
export interface ShellState {
  endpoint: string;
  port: number;
  /** True when 20128 (or the configured port) was taken and the core moved to another one. */
  portMoved: boolean;
  activeCombo: string | null;
  combos: Array<{ name: string; enabled: boolean }>;
  offline: boolean;
  offlineReason: 'manual' | 'auto';
  iconState: IconState;
  quotas: QuotaSnapshot[];
  startAtLogin: boolean;
  version: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** IPC channel names: one place, so main and preload cannot drift apart. */
export const IPC = {
  getState: 'omniroute:get-state',
  switchCombo: 'omniroute:switch-combo',
  setOffline: 'omniroute:set-offline',
  copyEndpoint: 'omniroute:copy-endpoint',
  openExternal: 'omniroute:open-external',
  stateChanged: 'omniroute:state-changed',
} as const;

/** The API the preload exposes as `window.omniroute` (contextBridge; never ipcRenderer itself). */
export interface OmniRouteDesktopApi {
  readonly isDesktop: true;
  getState(): Promise<IpcResult<ShellState>>;
  switchCombo(name: string | null): Promise<IpcResult<{ activeCombo: string | null }>>;
  setOffline(offline: boolean): Promise<IpcResult<{ offline: boolean }>>;
  copyEndpoint(): Promise<IpcResult<{ copied: string }>>;
  /** http(s) URLs only; anything else is refused. */
  openExternal(url: string): Promise<IpcResult<{ opened: string }>>;
  /** Called when the tray or the watcher changes state; returns an unsubscribe function. */
  onStateChanged(listener: (state: ShellState) => void): () => void;
}
