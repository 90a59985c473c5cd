import { PriceOverrideSchema } from '../routing/schemas.js';
import type { Store } from '../store/index.js';
import { maskProxyUrl } from '../util/proxy-url.js';
import { AccountSchema, ApiKeySchema, ComboSchema, ProviderSchema, type ConfigFile } from './schema.js';

export interface ExportOptions {
  /**
   * Provider keys and proxy credentials in plain text. Without it accounts carry
   * `keepApiKey: true` (an import keeps the key already stored) and proxies show `***@`.
   */
  secrets: boolean;
}

type Section = Exclude<keyof ConfigFile, '$schema'>;

/**
 * The store's fields that the config schema also has, by name: a field added to both a
 * record and its schema is exported without a change here. Unset fields are left out.
 */
function pick(record: object, shape: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const v = (record as Record<string, unknown>)[key];
    if (v !== undefined && v !== null) out[key] = v;
  }
  return out;
}

// Every section of the config file exports itself: a section added to ConfigSchema without
// an entry here is a type error, so an export can never silently drop part of the setup.
const PERIOD_ORDER = { day: 0, week: 1, month: 2 } as const;

const EXPORTERS: { [K in Section]-?: (store: Store, o: ExportOptions) => ConfigFile[K] } = {
  providers: (store, o) => {
    const records = store.providers.list();
    const ids = [
      ...new Set([...records.map((p) => p.id), ...store.connections.list().map((c) => c.providerId)]),
    ];
    return ids.map((id) => {
      const rec = records.find((p) => p.id === id);
      const provider = rec ? pick(rec, ProviderSchema.shape) : { id };
      if (!o.secrets && typeof provider.proxy === 'string') provider.proxy = maskProxyUrl(provider.proxy);
      const accounts = store.connections.list(id).map((c) => {
        const a = pick(c, AccountSchema.shape);
        if (c.hasSecret) {
          if (o.secrets) a.apiKey = store.connections.secret(c.id);
          else a.keepApiKey = true;
        }
        if (!o.secrets && typeof a.proxy === 'string') a.proxy = maskProxyUrl(a.proxy);
        return a;
      });
      return { ...provider, ...(accounts.length ? { accounts } : {}) };
    }) as ConfigFile['providers'];
  },
  combos: (store) => store.combos.list().map((c) => pick(c, ComboSchema.shape)) as ConfigFile['combos'],
  // Names, scopes and state only: a key's hash never leaves, so an import into another
  // installation generates new keys (shown once in the import's answer).
  apiKeys: (store) =>
    store.apiKeys.list().map((k) => pick(k, ApiKeySchema.omit({ key: true }).shape)) as ConfigFile['apiKeys'],
  // Scopes name keys by name, as the file does (the store keeps ids); a budget whose key
  // was deleted cannot be written down and is left out.
  budgets: (store) =>
    store.budgets
      .list()
      .flatMap((b) => {
        let scope = 'global';
        if (b.scope.kind === 'provider') scope = `provider:${b.scope.id}`;
        else if (b.scope.kind === 'key') {
          const key = store.apiKeys.get(b.scope.id);
          if (!key) return [];
          scope = `key:${key.name}`;
        }
        return [{ scope, period: b.period, limitUsd: b.limitUsd, action: b.action }];
      })
      // Budgets made in one import share a timestamp: a stable order keeps export → import → export equal.
      .sort((x, y) => x.scope.localeCompare(y.scope) || PERIOD_ORDER[x.period] - PERIOD_ORDER[y.period]),
  prices: (store) =>
    store.prices.list().map((p) => pick(p, PriceOverrideSchema.shape)) as ConfigFile['prices'],
  // The list form keeps the order, which breaks ties between equally specific patterns.
  aliases: (store) => store.aliases.list().map(({ pattern, target }) => ({ pattern, target })),
  settings: (store, o) => {
    const all = store.settings.all();
    return o.secrets ? all : { ...all, proxy: maskProxyUrl(all.proxy) };
  },
};

/** The whole configuration as a config-file document: `--config` or POST /api/import take it back. */
export function exportConfig(store: Store, opts: ExportOptions): ConfigFile {
  const out: Record<string, unknown> = {};
  for (const [section, exporter] of Object.entries(EXPORTERS) as Array<
    [Section, (s: Store, o: ExportOptions) => unknown]
  >) {
    out[section] = exporter(store, opts);
  }
  return out as ConfigFile;
}
