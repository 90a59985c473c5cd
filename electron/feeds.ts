// Where quota and circuit-breaker state comes from: the core's routing state and its
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

/** Quota per connection from the core's routing state, updated on threshold crossings. */
export function coreQuotaFeed(core: Core): QuotaFeed {
  const current = (): QuotaSnapshot[] =>
    core.router.quota.connections().map((id) => {
      const conn = core.runtime.connections.find((c) => c.id === id);
      const windows = core.router.quota.status(id);
      const binding = windows.reduce((a, b) => (b.remainingPct < a.remainingPct ? b : a), windows[0]!);
      return {
        connectionId: id,
        label: conn ? `${conn.providerId} · ${conn.name}` : id,
        remainingPct: binding?.remainingPct ?? 100,
        resetsAt: binding?.resetsAt,
      };
    });
  return {
    current,
    subscribe: (listener) => {
      const offQuota = core.runtime.events.on('quota-changed', () => listener(current()));
      const offConfig = core.runtime.events.on('config-changed', () => listener(current()));
      return () => {
        offQuota();
        offConfig();
      };
    },
  };
}

/** Circuit breaker transitions from the core (half-open is reported as still open). */
export function coreCircuitFeed(core: Core): CircuitFeed {
  return {
    openCount: () =>
      core.router.breaker.snapshot().filter((b) => core.router.breaker.state(b.key) !== 'closed').length,
    subscribe: (listener) =>
      core.runtime.events.on('circuit-changed', (e) => {
        if (e.to === 'half-open') return;
        listener({ connectionId: e.connectionId ?? e.key, label: e.label, state: e.to });
      }),
  };
}
