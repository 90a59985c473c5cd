// The shell's vocabulary, shared by the tray, the notifications and the feeds: types and
// constants only, so any of them can import it without pulling in the others.

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
