import { AliasTable } from '../routing/aliases.js';
import { hashApiKey } from '../store/ids.js';
import type { Store } from '../store/index.js';
import { logLimitsOf } from '../store/log-caps.js';
import type { ApiKeyRecord } from '../store/repos/api-keys.js';
import type { ComboRecord } from '../store/repos/combos.js';
import type { ConnectionRecord } from '../store/repos/connections.js';
import type { Settings } from '../store/repos/settings.js';
import { CoreEvents } from './events.js';
import { globalTimeouts, type UpstreamTimeouts } from './timeouts.js';
import type { QuotaConfig } from '../routing/quota/presets.js';
import { mergeDiscoveredModels, resolveAllProviders, type ResolvedProvider } from './providers.js';

/**
 * The in-memory picture of the store that the hot path reads: no request touches SQLite
 * synchronously. Management calls write the store, then call `reload()`.
 */
export class Runtime {
  readonly events = new CoreEvents();
  settings!: Settings;
  /**
   * The upstream time limits of every provider without its own: the timeout settings, or the
   * host's override (tests). Rebuilt on reload, so a changed setting applies to the next request.
   */
  timeouts!: UpstreamTimeouts;
  providers: ResolvedProvider[] = [];
  private providersById = new Map<string, ResolvedProvider>();
  private providersByPrefix = new Map<string, ResolvedProvider>();
  connections: ConnectionRecord[] = [];
  /** Enabled providers that forward the caller's own login; empty for most users (no per-request work then). */
  loginProviders: ResolvedProvider[] = [];
  combos: ComboRecord[] = [];
  /** Model aliases, applied by resolvePlan before combo and provider lookup. */
  aliases = new AliasTable();
  private keysByHash = new Map<string, ApiKeyRecord>();
  private secrets = new Map<string, string | undefined>();
  private usedKeys = new Set<string>();
  readonly startedAt = Date.now();
  /** Why the next offline change happens; set by the host before reload. */
  offlineReason: 'manual' | 'auto' = 'manual';

  constructor(
    readonly store: Store,
    /** `hostFromSetting`: the host was not given (flag, HOST, host option), so `lanExposure` chose it. */
    readonly bind: { host: string; port: number; hostFromSetting?: boolean },
    /** CoreOptions.timeouts: replaces the settings it names (tests use short limits). */
    private readonly timeoutOverride?: Partial<UpstreamTimeouts>,
  ) {
    this.reload();
  }

  reload(what = 'all'): void {
    const s = this.store;
    const prevCombo = this.settings?.activeCombo;
    const prevOffline = this.settings?.offlineMode;
    this.settings = s.settings.all();
    this.timeouts = globalTimeouts(this.settings, this.timeoutOverride);
    s.requestLog.setLimits(logLimitsOf(this.settings));
    this.providers = resolveAllProviders(s.providers.list(), this.settings.builtinPrefixes);
    this.providersById = new Map(this.providers.map((p) => [p.id, p]));
    this.providersByPrefix = new Map();
    for (const p of this.providers)
      for (const prefix of p.prefixes)
        if (!this.providersByPrefix.has(prefix)) this.providersByPrefix.set(prefix, p);
    this.loginProviders = this.providers.filter((p) => p.login && p.enabled);
    this.connections = s.connections.list();
    mergeDiscoveredModels(this.providers, this.connections);
    this.secrets.clear();
    this.combos = s.combos.list();
    this.aliases = new AliasTable(s.aliases.list());
    this.keysByHash = new Map(s.apiKeys.listWithHashes().map(({ hash, ...k }) => [hash, k]));
    if (prevCombo !== undefined && prevCombo !== this.settings.activeCombo) {
      this.events.emit('active-combo-changed', { combo: this.settings.activeCombo });
    }
    if (prevOffline !== undefined && prevOffline !== this.settings.offlineMode) {
      this.events.emit('offline-changed', { offline: this.settings.offlineMode, reason: this.offlineReason });
      this.offlineReason = 'manual';
    }
    this.events.emit('config-changed', { what });
  }

  /** True when the server can be reached from beyond this machine. */
  get exposed(): boolean {
    return !isLoopbackHost(this.bind.host);
  }

  /** `lanExposure` was changed since start and only takes effect at the next start. */
  get restartRequired(): boolean {
    return this.bind.hostFromSetting === true && this.settings.lanExposure !== this.exposed;
  }

  /** Gateway keys are required when the user asked, and always when the server is exposed. */
  get apiKeyRequired(): boolean {
    return this.settings.requireApiKey || this.exposed;
  }

  findApiKey(plain: string): ApiKeyRecord | undefined {
    const rec = this.keysByHash.get(hashApiKey(plain));
    if (rec?.enabled) this.usedKeys.add(rec.id);
    return rec?.enabled ? rec : undefined;
  }

  /** A gateway key's name by its id (enabled or not), for messages; from memory. */
  apiKeyName(id: string): string | undefined {
    for (const k of this.keysByHash.values()) if (k.id === id) return k.name;
    return undefined;
  }

  /** Writes last-used times collected since the previous call (batched, off the hot path). */
  flushKeyUsage(): void {
    if (this.usedKeys.size === 0) return;
    const ids = [...this.usedKeys];
    this.usedKeys.clear();
    this.store.apiKeys.touch(ids, Date.now());
  }

  provider(id: string): ResolvedProvider | undefined {
    return this.providersById.get(id);
  }

  providerByPrefix(prefix: string): ResolvedProvider | undefined {
    return this.providersByPrefix.get(prefix);
  }

  connectionsFor(providerId: string): ConnectionRecord[] {
    return this.connections.filter((c) => c.providerId === providerId);
  }

  /** The account's quota configuration (validated when it was written). */
  connectionQuota(connectionId: string): QuotaConfig | undefined {
    return this.connections.find((c) => c.id === connectionId)?.quota as QuotaConfig | undefined;
  }

  /** Decrypted once per reload, then served from memory. */
  secret(connectionId: string): string | undefined {
    if (!this.secrets.has(connectionId))
      this.secrets.set(connectionId, this.store.connections.secret(connectionId));
    return this.secrets.get(connectionId);
  }

  /** Stores a connection's new secret (a refreshed token set) and serves it from memory at once. */
  replaceSecret(connectionId: string, secret: string): void {
    this.store.connections.update(connectionId, { apiKey: secret });
    this.secrets.set(connectionId, secret);
  }

  /** Providers the user can route to: configured, enabled, and (offline) local. */
  activeProviders(): ResolvedProvider[] {
    return this.providers.filter(
      (p) =>
        p.enabled &&
        (p.configured || this.connectionsFor(p.id).length > 0) &&
        (!this.settings.offlineMode || p.local),
    );
  }
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
