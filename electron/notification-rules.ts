// Which native notifications to show: every kind can be turned off, the same thing is not
// repeated within a window (per kind and key), and a global rate limit stops a storm (a
// provider failing over and over) from flooding the desktop. Plus the pure builders that turn
// core/shell events into notices. No electron import; notifications.ts shows them.
import { formatUsd, type BudgetCrossing, type CoreEventMap } from '../core/index.js';
import type { CircuitChange, NotificationKind, QuotaSnapshot } from './api-types.js';
import { QUOTA_LOW_PCT, formatDuration } from './tray-model.js';

export interface Notice {
  kind: NotificationKind;
  /** What makes two notices "the same": a connection id, a route, "network". */
  key: string;
  title: string;
  body: string;
}

export type Decision = { show: true } | { show: false; reason: 'disabled' | 'duplicate' | 'rate-limited' };

export interface RulesOptions {
  /** Read on every decision, so turning a kind off in prefs applies at once. */
  isEnabled: (kind: NotificationKind) => boolean;
  /** The same kind+key is not shown again within this window. */
  dedupMs?: Partial<Record<NotificationKind, number>>;
  defaultDedupMs?: number;
  /** At most `max` notifications in any `windowMs`. */
  rateLimit?: { max: number; windowMs: number };
}

export const DEFAULT_DEDUP_MS: Partial<Record<NotificationKind, number>> = {
  // A request falling back is routine once a provider is out: say it once per route per 15 min.
  fallback: 15 * 60_000,
  'circuit-open': 10 * 60_000,
  'circuit-closed': 10 * 60_000,
  // An agent retrying a dead route fails again within seconds: once per model per 15 min.
  'request-failed': 15 * 60_000,
  // Network flapping is also debounced by the offline watcher; this is the second line.
  offline: 2 * 60_000,
  online: 2 * 60_000,
};

export class NotificationRules {
  private readonly lastShown = new Map<string, number>();
  private shownAt: number[] = [];
  private readonly dedupMs: Partial<Record<NotificationKind, number>>;
  private readonly defaultDedupMs: number;
  private readonly rate: { max: number; windowMs: number };

  constructor(private readonly options: RulesOptions) {
    this.dedupMs = { ...DEFAULT_DEDUP_MS, ...options.dedupMs };
    this.defaultDedupMs = options.defaultDedupMs ?? 60 * 60_000;
    this.rate = options.rateLimit ?? { max: 4, windowMs: 60_000 };
  }

  /** Decides and, when the answer is "show", records it. */
  decide(n: Notice, now: number): Decision {
    if (!this.options.isEnabled(n.kind)) return { show: false, reason: 'disabled' };
    const id = `${n.kind}\u0000${n.key}`;
    const last = this.lastShown.get(id);
    const window = this.dedupMs[n.kind] ?? this.defaultDedupMs;
    if (last !== undefined && now - last < window) return { show: false, reason: 'duplicate' };
    this.shownAt = this.shownAt.filter((t) => now - t < this.rate.windowMs);
    if (this.shownAt.length >= this.rate.max) return { show: false, reason: 'rate-limited' };
    this.shownAt.push(now);
    this.lastShown.set(id, now);
    // Keep the map small: forget entries older than the longest window.
    if (this.lastShown.size > 500) {
      for (const [k, t] of this.lastShown) if (now - t > 24 * 3600_000) this.lastShown.delete(k);
    }
    return { show: true };
  }
}

// ---- builders: events → notices ------------------------------------------------------------

export function offlineNotice(offline: boolean, reason: 'manual' | 'auto'): Notice {
  return offline
    ? {
        kind: 'offline',
        key: 'network',
        title: 'OmniRoute is offline',
        body:
          reason === 'auto'
            ? 'The network is gone: only local providers (Ollama, LM Studio, …) are used until it is back.'
            : 'Offline mode is on: only local providers are used.',
      }
    : {
        kind: 'online',
        key: 'network',
        title: 'OmniRoute is back online',
        body: 'All configured providers are used again.',
      };
}

export function fallbackNotice(route: string | undefined): Notice {
  return {
    kind: 'fallback',
    key: route ?? 'any',
    title: 'A request fell back',
    body: route
      ? `The first choice failed, so the request was served by ${route}.`
      : 'The first choice failed, so the request was served by a later step.',
  };
}

/**
 * A request no route answered: the agent that sent it got an error, and an agent left running
 * stops there. Only the routes' failures (every step failed, was out of quota or resting: 429 or
 * 5xx after the routes were tried), not the caller's own (a bad body, an unknown model: 4xx) nor a
 * block budget's refusal (nothing tried; the budget notice says it).
 */
export function requestFailedNotice(r: CoreEventMap['request-finished']): Notice | undefined {
  if (r.route !== undefined || (r.status !== 429 && r.status < 500)) return undefined;
  const tried =
    (r.entry?.attempts ?? 0) +
    ((r.entry?.detail as { attempts?: unknown[] } | undefined)?.attempts?.length ?? 0);
  if (tried === 0) return undefined;
  const model = r.entry?.requestedModel;
  return {
    kind: 'request-failed',
    key: model ?? 'any',
    title: model ? `Requests for ${model} are failing` : 'Requests are failing',
    body: `No route answered (${r.status}${r.entry?.error ? `: ${r.entry.error.slice(0, 120)}` : ''}). Add a fallback step to the combo, or open the dashboard (Logs, Health).`,
  };
}

/** What a finished request has to say: that it fell back, or that nothing answered it. */
export function requestNotices(r: CoreEventMap['request-finished']): Notice[] {
  const failed = requestFailedNotice(r);
  return r.fallback && r.route ? [fallbackNotice(r.route)] : failed ? [failed] : [];
}

/** A signed-in account whose refresh token died: it is skipped until its owner signs in again. */
export function signInNotice(account: { id: string; label: string }): Notice {
  return {
    kind: 'sign-in',
    key: account.id,
    title: `${account.label}: sign in again`,
    body: 'Its sign-in expired or was revoked, so OmniRoute uses your other providers. Open the dashboard (Providers) to sign in again.',
  };
}

export function circuitNotice(c: CircuitChange): Notice {
  return c.state === 'open'
    ? {
        kind: 'circuit-open',
        key: c.connectionId,
        title: `${c.label} is failing`,
        body: 'OmniRoute stopped sending requests to it for a while and uses the next step instead.',
      }
    : {
        kind: 'circuit-closed',
        key: c.connectionId,
        title: `${c.label} recovered`,
        body: 'Requests go to it again.',
      };
}

/**
 * Quota transitions between two observations of the same connections:
 * - crossing down to ≤ 20% left → `quota-80` ("80% used"), once per window (key carries resetsAt)
 * - reaching 0 → `quota-exhausted`
 * - coming back above 20% after being low or exhausted → `quota-reset`
 * A first observation can report low/exhausted but never a reset.
 */
export function quotaNotices(
  previous: ReadonlyMap<string, QuotaSnapshot>,
  next: readonly QuotaSnapshot[],
  now: number,
): Notice[] {
  const out: Notice[] = [];
  for (const q of next) {
    const before = previous.get(q.connectionId);
    const windowKey = `${q.connectionId}@${q.resetsAt ?? ''}`;
    const resetText =
      q.resetsAt !== undefined && q.resetsAt > now
        ? ` It resets in ${formatDuration(q.resetsAt - now)}.`
        : '';
    const wasExhausted = before !== undefined && before.remainingPct <= 0;
    const wasLow = before !== undefined && before.remainingPct <= QUOTA_LOW_PCT;
    if (q.remainingPct <= 0) {
      if (!wasExhausted)
        out.push({
          kind: 'quota-exhausted',
          key: windowKey,
          title: `${q.label}: quota exhausted`,
          body: `Requests go to the next step of your combos.${resetText}`,
        });
    } else if (q.remainingPct <= QUOTA_LOW_PCT) {
      if (!wasLow)
        out.push({
          kind: 'quota-80',
          key: windowKey,
          title: `${q.label}: 80% of the quota used`,
          body: `${Math.floor(q.remainingPct)}% left.${resetText}`,
        });
    } else if (wasLow) {
      out.push({
        kind: 'quota-reset',
        key: windowKey,
        title: `${q.label}: quota reset`,
        body: `${Math.floor(q.remainingPct)}% available again.`,
      });
    }
  }
  return out;
}

// ---- budgets --------------------------------------------------------------------------------

/** Names the user recognises for a budget's scope; the shell resolves them through core.view. */
export interface BudgetNames {
  provider?: (id: string) => string | undefined;
  key?: (id: string) => string | undefined;
}

/** "Global", "Provider OpenAI", "Key "ci"" (the id when no name is known). */
export function budgetScopeLabel(scope: BudgetCrossing['scope'], names: BudgetNames = {}): string {
  switch (scope.kind) {
    case 'global':
      return 'Global';
    case 'provider':
      return `Provider ${names.provider?.(scope.id) ?? scope.id}`;
    case 'key':
      return `Key "${names.key?.(scope.id) ?? scope.id}"`;
  }
}

const BUDGET_PERIOD_WORD: Record<BudgetCrossing['period'], string> = {
  day: 'daily',
  week: 'weekly',
  month: 'monthly',
};
const BUDGET_PERIOD_SPAN: Record<BudgetCrossing['period'], string> = {
  day: 'today',
  week: 'this week',
  month: 'this month',
};

/**
 * A budget reached its limit (`budget-warning` → action 'warn', `budget-exhausted` → 'block'):
 * which budget, spent of limit, and when it resets. A warn budget lets requests through; a block
 * budget refuses them (global, key) or makes them skip the provider (provider) until the reset.
 * Keyed by action, budget and period, so the next period can say it again.
 */
export function budgetNotice(
  action: 'warn' | 'block',
  e: BudgetCrossing,
  now: number,
  names: BudgetNames = {},
): Notice {
  const label = budgetScopeLabel(e.scope, names);
  const budget = `${label} ${BUDGET_PERIOD_WORD[e.period]} budget`;
  const spent = `${formatUsd(e.spentUsd)} of ${formatUsd(e.limitUsd)} spent ${BUDGET_PERIOD_SPAN[e.period]}.`;
  const resets = e.resetsAt > now ? `it resets in ${formatDuration(e.resetsAt - now)}` : 'it resets';
  const key = `${action}:${e.budgetId}@${e.resetsAt}`;
  if (action === 'warn')
    return {
      kind: 'budget',
      key,
      title: `${budget} reached`,
      body: `${spent} Requests still go through (this budget only warns); ${resets}.`,
    };
  let effect: string;
  switch (e.scope.kind) {
    case 'global':
      effect = 'All requests are refused';
      break;
    case 'key':
      effect = 'Requests with this key are refused';
      break;
    case 'provider':
      effect = `Requests skip ${names.provider?.(e.scope.id) ?? e.scope.id} and fall back to the next combo step`;
      break;
  }
  return {
    kind: 'budget',
    key,
    title: `${budget} exhausted`,
    body: `${spent} ${effect} until ${resets}.`,
  };
}
