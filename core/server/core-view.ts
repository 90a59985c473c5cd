// What a host (the desktop shell) reads from a running core, as an explicit interface: the
// core's events, the configuration the tray shows, and the routing state behind its quota and
// circuit badges. Hosts never hold the runtime or the database, so either can change shape
// without touching a host; the tray's actions are Core's own methods (core/index.ts).
import type { Router } from '../routing/router.js';
import type { WindowStatus } from '../routing/quota/tracker.js';
import type { PlanLoginStatus } from '../routing/quota/plan-quota.js';
import type { CoreEventMap } from '../runtime/events.js';
import type { ResolvedProvider } from '../runtime/providers.js';
import type { Runtime } from '../runtime/runtime.js';
import type { ConnectionRecord } from '../store/repos/connections.js';
import type { Settings } from '../store/repos/settings.js';

export type ProviderSummary = Readonly<
  Pick<ResolvedProvider, 'id' | 'name' | 'enabled' | 'local' | 'configured' | 'baseUrl' | 'login'>
>;
export type ConnectionSummary = Readonly<
  Pick<ConnectionRecord, 'id' | 'providerId' | 'name' | 'signInState'>
>;

export interface CoreView {
  readonly events: {
    /** Returns the unsubscribe. */
    on<K extends keyof CoreEventMap>(event: K, listener: (payload: CoreEventMap[K]) => void): () => void;
  };
  /** Read again after `config-changed`: a reload replaces these. */
  readonly settings: Readonly<Pick<Settings, 'activeCombo' | 'offlineMode'>>;
  readonly providers: readonly ProviderSummary[];
  readonly connections: readonly ConnectionSummary[];
  readonly combos: ReadonlyArray<{ readonly name: string; readonly enabled: boolean }>;
  provider(id: string): ProviderSummary | undefined;
  connectionsFor(providerId: string): readonly ConnectionSummary[];
  /** The providers a request can use now (enabled, with an account, local ones while offline). */
  activeProviders(): readonly ProviderSummary[];
  apiKeyName(id: string): string | undefined;
  /** Quota windows of the accounts that have some. */
  readonly quota: {
    connections(): string[];
    status(connectionId: string): readonly WindowStatus[];
  };
  /** The plans behind callers' own logins, as their vendors last reported them. */
  plans(): PlanLoginStatus[];
  /** Accounts whose circuit is not closed (open or half-open). */
  openCircuits(): number;
}

export function coreView(rt: Runtime, router: Router): CoreView {
  return {
    events: rt.events,
    get settings() {
      return rt.settings;
    },
    get providers() {
      return rt.providers;
    },
    get connections() {
      return rt.connections;
    },
    get combos() {
      return rt.combos;
    },
    provider: (id) => rt.provider(id),
    connectionsFor: (id) => rt.connectionsFor(id),
    activeProviders: () => rt.activeProviders(),
    apiKeyName: (id) => rt.apiKeyName(id),
    quota: {
      connections: () => router.quota.connections(),
      status: (id) => router.quota.status(id),
    },
    plans: () => router.plans.list(),
    openCircuits: () =>
      router.breaker.snapshot().filter((b) => router.breaker.state(b.key) !== 'closed').length,
  };
}

/** A running core's runtime and routing state: for tests that set up or inspect what no host may reach. */
export interface CoreInternals {
  readonly runtime: Runtime;
  readonly router: Router;
}

const internals = new WeakMap<object, CoreInternals>();

export function registerInternals(core: object, parts: CoreInternals): void {
  internals.set(core, parts);
}

export function internalsOf(core: object): CoreInternals {
  const parts = internals.get(core);
  if (!parts) throw new Error('Not a core started by startCore.');
  return parts;
}
