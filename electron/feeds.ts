// Where quota and circuit-breaker state comes from. The core does not emit these yet (the
// routing/quota and resilience work will); until then the shell runs with empty feeds, and the
// tray, icon and notification rules already handle them. An adapter over the future core
// events is a few lines: subscribe to e.g. `core.runtime.events.on('quota-updated', …)` and
// forward QuotaSnapshot[] / CircuitChange here.
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
