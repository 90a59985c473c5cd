// Where quota and circuit-breaker state comes from: the core's view of its routing state and its
// `quota-changed` / `circuit-changed` events. Tests inject their own feeds.
import type { Core } from '../core/index.js';
import type { CircuitChange, QuotaSnapshot } from './api-types.js';
import { quotaNotices, type Notice } from './notification-rules.js';

export interface QuotaFeed {
  current(): QuotaSnapshot[];
  subscribe(listener: (snapshots: QuotaSnapshot[]) => void): () => void;
}

export interface CircuitFeed {
  /** Connections whose circuit is open now. */
  openCount(): number;
  subscribe(listener: (change: CircuitChange) => void): () => void;
}

export const emptyQuotaFeed: QuotaFeed = { current: () => [], subscribe: () => () => {} };
export const emptyCircuitFeed: CircuitFeed = { openCount: () => 0, subscribe: () => () => {} };

/** Remembers the last snapshot of each connection and turns each update into notices. */
export class QuotaTracker {
  private readonly previous = new Map<string, QuotaSnapshot>();

  update(next: readonly QuotaSnapshot[], now: number): Notice[] {
    const notices = quotaNotices(this.previous, next, now);
    for (const q of next) this.previous.set(q.connectionId, q);
    return notices;
  }
}

/** How often at most the tray takes a plan's new percentages between threshold crossings. */
const PLAN_REFRESH_MS = 10_000;

/** The plans behind callers' own logins: each login's most used window, with its forecast. */
function planSnapshots(core: Core): QuotaSnapshot[] {
  return core.view.plans().flatMap((p) => {
    if (p.windows.length === 0) return [];
    const binding = p.windows.reduce((a, b) => (b.usedPct > a.usedPct ? b : a));
    const snapshot: QuotaSnapshot = {
      connectionId: p.key,
      label: p.label,
      remainingPct: p.exhaustedUntil !== undefined ? 0 : 100 - binding.usedPct,
      window: binding.label,
    };
    const resetsAt = p.exhaustedUntil ?? binding.resetsAt;
    if (resetsAt !== undefined) snapshot.resetsAt = resetsAt;
    if (binding.runsOutAt !== undefined) snapshot.runsOutAt = binding.runsOutAt;
    return [snapshot];
  });
}

/** Quota per connection and per login plan from the core's routing state. */
export function coreQuotaFeed(core: Core, now: () => number = Date.now): QuotaFeed {
  const current = (): QuotaSnapshot[] => [
    ...core.view.quota.connections().map((id) => {
      const conn = core.view.connections.find((c) => c.id === id);
      const windows = core.view.quota.status(id);
      const binding = windows.reduce((a, b) => (b.remainingPct < a.remainingPct ? b : a), windows[0]!);
      return {
        connectionId: id,
        label: conn ? `${conn.providerId} · ${conn.name}` : id,
        remainingPct: binding?.remainingPct ?? 100,
        resetsAt: binding?.resetsAt,
      };
    }),
    ...planSnapshots(core),
  ];
  return {
    current,
    subscribe: (listener) => {
      let planRefreshAt = 0;
      const offQuota = core.view.events.on('quota-changed', () => listener(current()));
      const offConfig = core.view.events.on('config-changed', () => listener(current()));
      // A plan's percentages change on every answer of its login; the tray follows at a calm pace.
      const offRequests = core.view.events.on('request-finished', (r) => {
        const provider = r.entry?.providerId ? core.view.provider(r.entry.providerId) : undefined;
        if (!provider?.login || now() < planRefreshAt) return;
        planRefreshAt = now() + PLAN_REFRESH_MS;
        listener(current());
      });
      return () => {
        offQuota();
        offConfig();
        offRequests();
      };
    },
  };
}

/** Circuit breaker transitions from the core (half-open is reported as still open). */
export function coreCircuitFeed(core: Core): CircuitFeed {
  return {
    openCount: () => core.view.openCircuits(),
    subscribe: (listener) =>
      core.view.events.on('circuit-changed', (e) => {
        if (e.to === 'half-open') return;
        listener({ connectionId: e.connectionId ?? e.key, label: e.label, state: e.to });
      }),
  };
}
