// Turns the core's events and the quota/circuit feeds into native notifications (through the
// rules, which dedupe and rate-limit) and tray refreshes. Returns the unsubscribe functions.
import type { Core } from '../core/index.js';
import { signInNeeded } from './core-state.js';
import { QuotaTracker, type CircuitFeed, type QuotaFeed } from './feeds.js';
import {
  budgetNotice,
  circuitNotice,
  requestNotices,
  offlineNotice,
  signInNotice,
  type BudgetNames,
} from './notification-rules.js';
import type { Notifier } from './notifications.js';
import type { OfflineWatcher } from './offline-watcher.js';
import { endpointOf } from './tray-model.js';

export interface CoreNoticeDeps {
  core: Core;
  notifier: Pick<Notifier, 'notify'>;
  watcher: Pick<OfflineWatcher, 'manualChange'>;
  quotaFeed: QuotaFeed;
  circuitFeed: CircuitFeed;
  /** Rebuilds the tray. */
  changed: () => void;
  now: () => number;
}

export function announceCoreEvents(d: CoreNoticeDeps): Array<() => void> {
  const { core, notifier, quotaFeed, circuitFeed, changed, now } = d;
  const rt = core.view;
  const quotas = new QuotaTracker();
  quotas.update(quotaFeed.current(), now());
  const budgetNames: BudgetNames = {
    provider: (id) => rt.provider(id)?.name,
    key: (id) => rt.apiKeyName(id),
  };
  // Announced once when an account enters "sign in again" (not again on every config change).
  let needing = new Set(signInNeeded(core).map((a) => a.id));
  return [
    rt.events.on('config-changed', () => {
      const now = signInNeeded(core);
      for (const a of now) if (!needing.has(a.id)) notifier.notify(signInNotice(a));
      needing = new Set(now.map((a) => a.id));
    }),
    rt.events.on('config-changed', changed),
    rt.events.on('offline-changed', ({ offline, reason }) => {
      if (reason === 'manual') d.watcher.manualChange();
      else notifier.notify(offlineNotice(offline, reason));
    }),
    rt.events.on('request-finished', (r) => {
      for (const n of requestNotices(r)) notifier.notify(n);
    }),
    rt.events.on('budget-warning', (b) => notifier.notify(budgetNotice('warn', b, now(), budgetNames))),
    rt.events.on('budget-exhausted', (b) => notifier.notify(budgetNotice('block', b, now(), budgetNames))),
    quotaFeed.subscribe((snapshots) => {
      for (const n of quotas.update(snapshots, now())) notifier.notify(n);
      changed();
    }),
    circuitFeed.subscribe((c) => {
      notifier.notify(circuitNotice(c));
      changed();
    }),
  ];
}

/** Title and body for the one-off notice that the preferred port was taken. */
export function portMovedMessage(core: Pick<Core, 'port' | 'url'>, preferred: number): [string, string] {
  return [
    `OmniRoute is on port ${core.port}`,
    `Port ${preferred} is used by another program, so the endpoint is ${endpointOf(core.url)}. ` +
      `Point your agents there, or free port ${preferred} and restart OmniRoute.`,
  ];
}
