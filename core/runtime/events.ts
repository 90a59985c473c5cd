import { EventEmitter } from 'node:events';
import type { RequestLogEntry } from '../store/request-log.js';
import type { BudgetPeriodName, BudgetScope } from '../store/repos/budgets.js';

/** What hosts (tray, dashboard SSE) react to. */
/** A budget's spend reached its limit (payload of `budget-warning` and `budget-exhausted`). */
export interface BudgetCrossing {
  budgetId: string;
  scope: BudgetScope;
  period: BudgetPeriodName;
  spentUsd: number;
  limitUsd: number;
  /** When the period ends and spend starts again from 0. */
  resetsAt: number;
}

export interface CoreEventMap {
  'config-changed': { what: string };
  'active-combo-changed': { combo: string | null };
  'offline-changed': { offline: boolean; reason: 'manual' | 'auto' };
  'circuit-changed': {
    key: string;
    providerId: string;
    connectionId?: string;
    label: string;
    from: 'closed' | 'open' | 'half-open';
    to: 'closed' | 'open' | 'half-open';
    retryAt?: number;
  };
  /** A quota window crossed a threshold: warning (80 %), exhausted, available again, reset. */
  'quota-changed': {
    type: 'warning' | 'exhausted' | 'available' | 'reset';
    connectionId: string;
    label: string;
    windowId: string;
    used: number;
    limit: number;
    resetsAt: number;
    at: number;
  };
  /** A `warn` budget's spend reached its limit: once per budget and period. */
  'budget-warning': BudgetCrossing;
  /**
   * A `block` budget's spend reached its limit: once per budget and period. From now until
   * `resetsAt` requests in its scope are refused (global, key) or skip that provider (provider).
   */
  'budget-exhausted': BudgetCrossing;
  'request-finished': {
    id: string;
    status: number;
    route?: string;
    fallback: boolean;
    entry?: RequestLogEntry;
  };
}

export class CoreEvents {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(100);
  }
  on<K extends keyof CoreEventMap>(event: K, listener: (payload: CoreEventMap[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
  /** Whether anyone listens: lets a per-request emitter skip building a payload nobody reads. */
  listened(event: keyof CoreEventMap): boolean {
    return this.emitter.listenerCount(event) > 0;
  }
  emit<K extends keyof CoreEventMap>(event: K, payload: CoreEventMap[K]): void {
    this.emitter.emit(event, payload);
  }
}
