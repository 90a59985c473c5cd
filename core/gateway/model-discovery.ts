import type { Runtime } from '../runtime/runtime.js';
import { builtinProvider } from '../providers/registry.js';
import type { ConnectionRecord, ModelDiscovery } from '../store/repos/connections.js';
import type { Logger } from '../util/logger.js';
import type { GatewayDeps } from './handler.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DiscoveryOptions {
  /** Discover an account as soon as it appears (default true). */
  onConnect?: boolean;
  /** How old a discovery may get before it is done again (default one day; 0: never again). */
  refreshMs?: number;
  /** How often stale discoveries are looked for (default one hour). */
  checkEveryMs?: number;
  /** The first look for stale (or never made) discoveries after start (default one minute). */
  firstCheckMs?: number;
}

/**
 * Asks each account's provider which models it can use: when the account appears, daily, and on
 * demand. The list is stored with the account, and the runtime merges it into the provider's
 * models (so `/v1/models` and bare model names see it). A failure is recorded and changes
 * nothing else: the last list that worked, and the registry's, keep serving.
 */
export class ModelDiscoverer {
  private readonly running = new Map<string, Promise<ModelDiscovery | undefined>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;
  /** Accounts already seen: only one added after start is discovered at once. */
  private readonly seen = new Set<string>();
  private firstCheck: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly rt: Runtime,
    private readonly deps: () => Promise<GatewayDeps>,
    private readonly logger: Logger,
    private readonly opts: DiscoveryOptions = {},
  ) {}

  start(): void {
    // The accounts there at start wait for the first stale check: a starting gateway does not
    // call every provider at once.
    for (const c of this.rt.connections) this.seen.add(c.id);
    if (this.opts.onConnect !== false)
      this.unsubscribe = this.rt.events.on('config-changed', () => this.discoverNew());
    const refresh = this.opts.refreshMs ?? DAY_MS;
    if (refresh > 0) {
      this.firstCheck = setTimeout(() => this.discoverStale(refresh), this.opts.firstCheckMs ?? 60_000);
      this.firstCheck.unref();
      this.timer = setInterval(() => this.discoverStale(refresh), this.opts.checkEveryMs ?? 60 * 60 * 1000);
      this.timer.unref();
    }
  }

  /** Discoveries still running finish without writing anything. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    if (this.firstCheck) clearTimeout(this.firstCheck);
  }

  /** Whether an account's provider has a models endpoint worth asking with a stored key. */
  eligible(c: ConnectionRecord): boolean {
    const p = this.rt.provider(c.providerId);
    // Signed-in plan accounts discover their models their own way (POST /api/chatgpt/accounts/{id}/models).
    return Boolean(p && c.enabled && p.enabled && !p.login && !p.signIn && (c.hasSecret || p.local));
  }

  /** Discovers one account now (joining a discovery already running) and stores the result. */
  discover(connectionId: string): Promise<ModelDiscovery | undefined> {
    let run = this.running.get(connectionId);
    if (!run) {
      run = this.run(connectionId).finally(() => this.running.delete(connectionId));
      this.running.set(connectionId, run);
    }
    return run;
  }

  private discoverNew(): void {
    if (this.stopped) return;
    for (const c of this.rt.connections) {
      // An account without a key yet is looked at again when it gets one.
      if (this.seen.has(c.id) || !this.eligible(c)) continue;
      this.seen.add(c.id);
      if (!c.discovery) void this.discover(c.id);
    }
  }

  private discoverStale(refreshMs: number): void {
    if (this.stopped) return;
    const before = Date.now() - refreshMs;
    for (const c of this.rt.connections)
      if ((c.discovery?.triedAt ?? 0) < before && !this.running.has(c.id) && this.eligible(c))
        void this.discover(c.id);
  }

  private async run(connectionId: string): Promise<ModelDiscovery | undefined> {
    const connection = this.rt.connections.find((c) => c.id === connectionId);
    const provider = connection && this.rt.provider(connection.providerId);
    if (!connection || !provider) return undefined;
    const previous = connection.discovery;
    let next: ModelDiscovery;
    try {
      // Loaded here, with the engine: an idle gateway never loads the codecs for discovery.
      const { listAccountModels } = await import('./connection-test.js');
      const listed = await listAccountModels(await this.deps(), provider, connection);
      const now = Date.now();
      if (!listed.ok) {
        next = {
          ...(previous ?? { models: [], added: [], removed: [] }),
          triedAt: now,
          error: listed.message,
        };
      } else {
        const ids = [...new Set(listed.models.map((m) => m.id))];
        const known = new Set([
          ...(builtinProvider(provider.id)?.models ?? []),
          ...(this.rt.store.providers.get(provider.id)?.models ?? []),
          ...(previous?.models ?? []),
        ]);
        const now_ = new Set(ids);
        const info: NonNullable<ModelDiscovery['info']> = {};
        for (const m of listed.models)
          if (m.kind || m.contextWindow)
            info[m.id] = {
              ...(m.kind ? { kind: m.kind } : {}),
              ...(m.contextWindow ? { contextWindow: m.contextWindow } : {}),
            };
        next = {
          at: now,
          models: ids,
          ...(Object.keys(info).length ? { info } : {}),
          // The first list is compared with the registry; later ones with the list before.
          added: ids.filter((id) => !known.has(id)),
          removed: (previous?.at ? previous.models : []).filter((id) => !now_.has(id)),
          triedAt: now,
        };
      }
    } catch (err) {
      next = {
        ...(previous ?? { models: [], added: [], removed: [] }),
        triedAt: Date.now(),
        error: String((err as Error)?.message ?? err),
      };
    }
    if (this.stopped) return next;
    // The account may have been removed while its provider was being asked.
    if (!this.rt.store.connections.get(connectionId)) return undefined;
    this.rt.store.connections.update(connectionId, { discovery: next });
    this.rt.reload('discovery');
    if (next.error)
      this.logger.info('model discovery failed', {
        connectionId,
        providerId: provider.id,
        error: next.error,
      });
    else
      this.logger.debug('models discovered', {
        connectionId,
        providerId: provider.id,
        models: next.models.length,
        added: next.added.length,
      });
    return next;
  }
}
