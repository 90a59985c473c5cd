// What the shell reads from the core's state: the tray's input, the accounts that must sign in
// again, and the offline watcher's view of the network and of offline mode.
import type { Core } from '../core/index.js';
import type { ShellElectron } from './electron-like.js';
import type { CircuitFeed, QuotaFeed } from './feeds.js';
import { OfflineWatcher, probeTargets, tcpProbe } from './offline-watcher.js';
import type { Prefs } from './prefs.js';
import type { TrayInput } from './tray-model.js';

export interface SignInNeeded {
  id: string;
  label: string;
}

/** Signed-in accounts that cannot serve until their owner signs in again. */
export function signInNeeded(core: Core): SignInNeeded[] {
  const rt = core.view;
  return rt.connections
    .filter((c) => c.signInState === 'sign-in-again')
    .map((c) => ({ id: c.id, label: `${rt.provider(c.providerId)?.name ?? c.providerId} · ${c.name}` }));
}

export interface OfflineWatcherOptions {
  electron: Pick<ShellElectron, 'net'>;
  core: Core;
  prefs: Prefs;
  /** Tests replace the TCP probe of the configured providers. */
  probe?: () => Promise<boolean>;
  log: (msg: string) => void;
}

/** Watches the network for the core's offline mode; probes the providers that could serve. */
export function coreOfflineWatcher(o: OfflineWatcherOptions): OfflineWatcher {
  const { core, prefs } = o;
  const rt = core.view;
  return new OfflineWatcher({
    isOnline: () => o.electron.net.isOnline(),
    probe:
      o.probe ??
      tcpProbe(() =>
        probeTargets(
          rt.providers
            .filter((p) => p.enabled && !p.local && (p.configured || rt.connectionsFor(p.id).length > 0))
            .map((p) => p.baseUrl),
        ),
      ),
    isOffline: () => rt.settings.offlineMode,
    setOffline: (offline) => core.setOffline(offline, 'auto'),
    autoOffline: prefs.get('autoOffline') && rt.settings.offlineMode,
    onAutoOfflineChange: (v) => prefs.set('autoOffline', v),
    log: o.log,
  });
}

export interface TrayInputSources {
  core: Core;
  watcher: Pick<OfflineWatcher, 'ownsOfflineState'>;
  quotaFeed: QuotaFeed;
  circuitFeed: CircuitFeed;
  prefs: Prefs;
  now: () => number;
}

export function trayInputOf(s: TrayInputSources): TrayInput {
  const { core, watcher, quotaFeed, circuitFeed, prefs, now } = s;
  const rt = core.view;
  return {
    url: core.url,
    activeCombo: rt.settings.activeCombo,
    combos: rt.combos.map((c) => ({ name: c.name, enabled: c.enabled })),
    offline: rt.settings.offlineMode,
    offlineReason: rt.settings.offlineMode && watcher.ownsOfflineState ? 'auto' : 'manual',
    quotas: quotaFeed.current(),
    openCircuits: circuitFeed.openCount(),
    noEligibleProviders: rt.activeProviders().length === 0,
    signInNeeded: signInNeeded(core),
    startAtLogin: prefs.get('startAtLogin'),
    now: now(),
  };
}
