// The tray menu and icon as plain data, built from core state. No electron import: the glue
// (tray.ts) turns the items into a Menu and the icon state into an image.
import type { IconState, QuotaSnapshot } from './api-types.js';

export interface TrayInput {
  /** Base URL of the core, e.g. http://127.0.0.1:20128 (the menu copies `<url>/v1`). */
  url: string;
  activeCombo: string | null;
  combos: ReadonlyArray<{ name: string; enabled: boolean }>;
  offline: boolean;
  offlineReason: 'manual' | 'auto';
  quotas: readonly QuotaSnapshot[];
  /** Connections whose circuit is open (0 until the resilience work emits circuit events). */
  openCircuits: number;
  /** True when nothing can serve a request (no enabled, configured provider is eligible). */
  noEligibleProviders: boolean;
  startAtLogin: boolean;
  now: number;
  /** Signed-in accounts (ChatGPT plan) that cannot serve until their owner signs in again. */
  signInNeeded?: ReadonlyArray<{ id: string; label: string }>;
}

export type TrayAction =
  | { type: 'copy-endpoint' }
  | { type: 'switch-combo'; combo: string | null }
  | { type: 'set-offline'; offline: boolean }
  | { type: 'open-dashboard' }
  | { type: 'set-start-at-login'; enabled: boolean }
  | { type: 'quit' };

export type TrayItem =
  | { kind: 'separator' }
  | { kind: 'label'; id: string; label: string }
  | { kind: 'action'; id: string; label: string; action: TrayAction }
  | { kind: 'radio'; id: string; label: string; checked: boolean; action: TrayAction }
  | { kind: 'checkbox'; id: string; label: string; checked: boolean; action: TrayAction };

/** At or below this, a quota counts as low (icon) — the 80%-used notification fires at 20% left. */
export const QUOTA_LOW_PCT = 20;
/** Quota lines shown in the menu; the rest are summarised with a pointer to the dashboard. */
export const MAX_QUOTA_LINES = 8;

export function iconState(
  input: Pick<TrayInput, 'offline' | 'quotas' | 'openCircuits' | 'noEligibleProviders' | 'signInNeeded'>,
): IconState {
  if (input.offline) return 'offline';
  if (input.quotas.some((q) => q.remainingPct <= QUOTA_LOW_PCT)) return 'quota-low';
  if (input.openCircuits > 0 || input.noEligibleProviders || input.signInNeeded?.length) return 'degraded';
  return 'ok';
}

const STATUS_TEXT: Record<IconState, string> = {
  ok: 'running',
  degraded: 'degraded',
  offline: 'offline',
  'quota-low': 'quota low',
};

export function tooltip(input: TrayInput): string {
  const state = iconState(input);
  let detail = STATUS_TEXT[state];
  if (state === 'offline') detail += input.offlineReason === 'auto' ? ' (no network)' : ' (manual)';
  if (state === 'degraded' && input.noEligibleProviders) detail += ' (no provider can serve requests)';
  const combo = input.activeCombo ? ` · combo ${input.activeCombo}` : '';
  return `OmniRoute — ${detail}${combo}\n${endpointOf(input.url)}`;
}

export function endpointOf(url: string): string {
  return url.replace(/\/+$/, '') + '/v1';
}

/** "2h 10m", "3d 4h", "5m", "under a minute"; `undefined` when the reset time is unknown. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return 'under a minute';
  const totalMin = Math.floor(ms / 60_000);
  const d = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  return `${m}m`;
}

export function formatPct(pct: number): string {
  const p = Math.max(0, Math.min(100, pct));
  if (p > 0 && p < 1) return '<1%';
  return `${Math.floor(p)}%`;
}

/** A wall-clock time in this machine's zone, "14:32". */
export function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

export function quotaLine(q: QuotaSnapshot, now: number): string {
  if (q.window !== undefined) {
    // A plan's window, the vendor's own numbers: "Claude Code login · 5 h: 62% used, resets 14:32, runs out ≈ 13:50".
    let line = `${q.label} · ${q.window}: ${formatPct(100 - q.remainingPct)} used`;
    if (q.resetsAt !== undefined)
      line += q.resetsAt > now ? `, resets ${formatClock(q.resetsAt)}` : ', resetting now';
    if (q.runsOutAt !== undefined && q.runsOutAt > now) line += `, runs out ≈ ${formatClock(q.runsOutAt)}`;
    return line;
  }
  let line = `${q.label}: remaining ${formatPct(q.remainingPct)}`;
  if (q.resetsAt !== undefined) {
    line += q.resetsAt > now ? `, resets in ${formatDuration(q.resetsAt - now)}` : ', resetting now';
  }
  return line;
}

export function buildTrayModel(input: TrayInput): TrayItem[] {
  const sep: TrayItem = { kind: 'separator' };
  const quotas = quotaItems(input);
  const signIn = input.signInNeeded?.length ? [sep, ...signInItems(input.signInNeeded)] : [];
  return [
    { kind: 'label', id: 'status', label: tooltip(input).split('\n')[0]! },
    {
      kind: 'action',
      id: 'copy-endpoint',
      label: `Copy endpoint  ${endpointOf(input.url)}`,
      action: { type: 'copy-endpoint' },
    },
    sep,
    ...comboItems(input),
    ...(quotas.length > 0 ? [sep, ...quotas] : []),
    ...signIn,
    sep,
    ...controlItems(input),
    sep,
    { kind: 'action', id: 'quit', label: 'Quit OmniRoute', action: { type: 'quit' } },
  ];
}

/** The enabled combos as radio items, with "None" first. */
function comboItems(input: TrayInput): TrayItem[] {
  const enabled = input.combos.filter((c) => c.enabled);
  if (enabled.length === 0)
    return [{ kind: 'label', id: 'combos-empty', label: 'No combos yet — create one in the dashboard' }];
  return [
    { kind: 'label', id: 'combos-header', label: 'Active combo' },
    {
      kind: 'radio',
      id: 'combo:',
      label: 'None (use model names as sent)',
      checked: input.activeCombo === null || !enabled.some((c) => c.name === input.activeCombo),
      action: { type: 'switch-combo', combo: null },
    },
    ...enabled.map((c): TrayItem => ({
      kind: 'radio',
      id: `combo:${c.name}`,
      label: c.name,
      checked: c.name === input.activeCombo,
      action: { type: 'switch-combo', combo: c.name },
    })),
  ];
}

/** Lowest quota first, at most MAX_QUOTA_LINES of them; none when there is no quota to show. */
function quotaItems(input: TrayInput): TrayItem[] {
  if (input.quotas.length === 0) return [];
  const sorted = [...input.quotas].sort(
    (a, b) => a.remainingPct - b.remainingPct || a.label.localeCompare(b.label),
  );
  const items: TrayItem[] = [{ kind: 'label', id: 'quota-header', label: 'Quota' }];
  for (const q of sorted.slice(0, MAX_QUOTA_LINES))
    items.push({ kind: 'label', id: `quota:${q.connectionId}`, label: quotaLine(q, input.now) });
  if (sorted.length > MAX_QUOTA_LINES)
    items.push({
      kind: 'label',
      id: 'quota-more',
      label: `…and ${sorted.length - MAX_QUOTA_LINES} more in the dashboard`,
    });
  return items;
}

function signInItems(accounts: NonNullable<TrayInput['signInNeeded']>): TrayItem[] {
  return accounts.map((a) => ({
    kind: 'action',
    id: `sign-in:${a.id}`,
    label: `Sign in again: ${a.label}`,
    action: { type: 'open-dashboard' },
  }));
}

function controlItems(input: TrayInput): TrayItem[] {
  return [
    {
      kind: 'checkbox',
      id: 'offline',
      label: input.offline && input.offlineReason === 'auto' ? 'Offline mode (automatic)' : 'Offline mode',
      checked: input.offline,
      action: { type: 'set-offline', offline: !input.offline },
    },
    { kind: 'action', id: 'open-dashboard', label: 'Open dashboard', action: { type: 'open-dashboard' } },
    {
      kind: 'checkbox',
      id: 'start-at-login',
      label: 'Start at login',
      checked: input.startAtLogin,
      action: { type: 'set-start-at-login', enabled: !input.startAtLogin },
    },
  ];
}

/** Structurally a subset of Electron's MenuItemConstructorOptions (checked by electron/tsconfig.json). */
export interface MenuTemplateItem {
  id?: string;
  type: 'normal' | 'separator' | 'radio' | 'checkbox';
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
}

export function toMenuTemplate(
  items: readonly TrayItem[],
  dispatch: (a: TrayAction) => void,
): MenuTemplateItem[] {
  return items.map((it): MenuTemplateItem => {
    switch (it.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { id: it.id, type: 'normal', label: it.label, enabled: false };
      case 'action':
        return { id: it.id, type: 'normal', label: it.label, click: () => dispatch(it.action) };
      case 'radio':
      case 'checkbox':
        return {
          id: it.id,
          type: it.kind,
          label: it.label,
          checked: it.checked,
          click: () => dispatch(it.action),
        };
    }
  });
}
