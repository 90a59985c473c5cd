import type { BudgetPeriodName, BudgetScope } from '../store/repos/budgets.js';
import type { ComboRecord } from '../store/repos/combos.js';
import type { ConnectionRecord } from '../store/repos/connections.js';
import type { Settings } from '../store/repos/settings.js';
import type { Store } from '../store/index.js';
import type { RoutedProvider } from './hooks.js';
import type { QuotaConfig } from './quota/presets.js';
import type { QuotaEvent } from './quota/tracker.js';
import type { BreakerState } from './circuit-breaker.js';

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

/** What the router announces; the runtime's event map (CoreEventMap) includes these. */
export interface RoutingEventMap {
  'circuit-changed': {
    key: string;
    providerId: string;
    connectionId?: string;
    label: string;
    from: BreakerState;
    to: BreakerState;
    retryAt?: number;
  };
  /** A quota window crossed a threshold: warning (80 %), exhausted, available again, reset. */
  'quota-changed': QuotaEvent & { label: string };
  /** A `warn` budget's spend reached its limit: once per budget and period. */
  'budget-warning': BudgetCrossing;
  /**
   * A `block` budget's spend reached its limit: once per budget and period. From now until
   * `resetsAt` requests in its scope are refused (global, key) or skip that provider (provider).
   */
  'budget-exhausted': BudgetCrossing;
}

/**
 * What the router reads of the running core (the Runtime is one): the settings, accounts and
 * combos as last loaded, the store behind them, and where to announce what it sees. Read on each
 * use, never kept: a reload replaces them.
 */
export interface RouterHost {
  readonly settings: Settings;
  readonly connections: readonly ConnectionRecord[];
  readonly combos: readonly ComboRecord[];
  /** Prices, budgets and gateway-key names to load, and the request log to rebuild usage from. */
  readonly store: Pick<Store, 'prices' | 'budgets' | 'apiKeys' | 'requestLog'>;
  readonly events: {
    on(event: 'config-changed', listener: () => void): unknown;
    emit<K extends keyof RoutingEventMap>(event: K, payload: RoutingEventMap[K]): void;
  };
  /** The account's quota configuration (validated when it was written). */
  connectionQuota(connectionId: string): QuotaConfig | undefined;
  provider(id: string): RoutedProvider | undefined;
}
