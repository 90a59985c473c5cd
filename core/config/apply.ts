import { builtinProvider } from '../providers/registry.js';
import type { Store } from '../store/index.js';
import type { BudgetScope } from '../store/repos/budgets.js';
import type { ProviderInput } from '../store/repos/providers.js';
import { ConfigError } from './errors.js';
import type { ConfigFile } from './schema.js';
import { isMaskedProxyUrl } from '../util/proxy-url.js';

export interface ApplyResult {
  /** Human-readable list of what changed; empty when the file was already in effect. */
  changes: string[];
  /** Keys generated for apiKeys entries without `key`: shown once, never stored in plain text. */
  generatedKeys: Array<{ name: string; key: string }>;
}

/**
 * Makes the store match the file, idempotently: entities are matched by natural key
 * (provider id, account name, combo name, api key name, budget scope and period, price model
 * and provider, alias pattern) and written only when they differ.
 * Entities absent from the file are left alone: the file adds and updates, the dashboard may
 * hold more.
 */
export function applyConfig(store: Store, cfg: ConfigFile, file = 'config'): ApplyResult {
  const changes: string[] = [];
  const generatedKeys: ApplyResult['generatedKeys'] = [];
  store.transaction(() => {
    applyProviders(store, cfg.providers ?? [], changes);
    for (const c of cfg.combos ?? []) {
      if (
        store.combos.upsert({
          name: c.name,
          strategy: c.strategy ?? 'fill-first',
          models: c.models,
          enabled: c.enabled ?? true,
          disabledSteps: c.disabledSteps,
          weights: c.weights,
        })
      ) {
        changes.push(`combo ${c.name}`);
      }
    }
    for (const k of cfg.apiKeys ?? []) {
      const r = store.apiKeys.ensure(k);
      if (r.changed) changes.push(`api key ${k.name}`);
      if (r.generatedKey) generatedKeys.push({ name: k.name, key: r.generatedKey });
    }
    // After api keys: a key budget names a key the same file may create.
    cfg.budgets?.forEach((b, i) => {
      const scope = budgetScope(store, b.scope, file, i);
      const r = store.budgets.ensure({
        scope,
        period: b.period,
        limitUsd: b.limitUsd,
        action: b.action ?? 'block',
      });
      if (r.changed) changes.push(`budget ${b.scope} ${b.period}`);
    });
    for (const p of cfg.prices ?? []) {
      if (store.prices.upsert(p)) changes.push(`price ${p.providerId ? `${p.providerId}/` : ''}${p.model}`);
    }
    const aliases = Array.isArray(cfg.aliases)
      ? cfg.aliases
      : Object.entries(cfg.aliases ?? {}).map(([pattern, target]) => ({ pattern, target }));
    for (const a of aliases) if (store.aliases.upsert(a)) changes.push(`alias ${a.pattern}`);
    if (cfg.settings) {
      const { proxy, ...rest } = cfg.settings;
      const patch = isMaskedProxyUrl(proxy) ? rest : cfg.settings;
      for (const key of store.settings.patch(patch)) changes.push(`setting ${key}`);
    }
  });
  return { changes, generatedKeys };
}

/** Providers and their accounts (an account without a name is `account-<n>`). */
function applyProviders(
  store: Store,
  providers: NonNullable<ConfigFile['providers']>,
  changes: string[],
): void {
  for (const p of providers) {
    // A masked proxy URL comes from an export without secrets: keep the stored one.
    const proxy = isMaskedProxyUrl(p.proxy) ? store.providers.get(p.id)?.proxy : p.proxy;
    if (store.providers.upsert(providerInput(p, proxy))) changes.push(`provider ${p.id}`);
    p.accounts?.forEach((a, i) => {
      const name = a.name ?? `account-${i + 1}`;
      const r = store.connections.upsert({
        providerId: p.id,
        name,
        // keepApiKey (exports without secrets): leave the stored key; otherwise no key = none.
        apiKey: a.apiKey ?? (a.keepApiKey ? undefined : null),
        priority: a.priority ?? i,
        enabled: a.enabled ?? true,
        baseUrl: a.baseUrl ?? null,
        proxy: isMaskedProxyUrl(a.proxy) ? undefined : (a.proxy ?? null),
        quota: a.quota ?? null,
        weight: a.weight ?? null,
        limits: a.limits ?? null,
        fields: a.fields ?? null,
      });
      if (r.changed) changes.push(`account ${p.id}/${name}`);
    });
  }
}

/**
 * A provider as the config file and PUT /api/providers/:id give it, as the store takes it:
 * without `models`, none of its own; without `enabled`, on. The proxy comes apart: each caller
 * decides what a masked one means.
 */
export function providerInput(
  p: Omit<ProviderInput, 'models' | 'enabled' | 'proxy'> & { models?: string[]; enabled?: boolean },
  proxy: string | undefined,
): ProviderInput {
  return {
    id: p.id,
    // As written: a built-in's display name comes from the registry (resolveProvider), so
    // an exported provider without one imports back unchanged.
    name: p.name,
    format: p.format,
    baseUrl: p.baseUrl,
    models: p.models ?? [],
    local: p.local,
    enabled: p.enabled ?? true,
    proxy,
    accountStrategy: p.accountStrategy,
    login: p.login,
    authUrl: p.authUrl,
    timeouts: p.timeouts,
  };
}

/** `global`, `provider:<id>` or `key:<api key name>` → the stored scope (keys by id). */
function budgetScope(store: Store, scope: string, file: string, index: number): BudgetScope {
  if (scope === 'global') return { kind: 'global' };
  const colon = scope.indexOf(':');
  const kind = scope.slice(0, colon);
  const name = scope.slice(colon + 1);
  if (kind === 'provider') {
    if (!builtinProvider(name) && !store.providers.get(name))
      throw new ConfigError(file, [
        {
          path: `budgets[${index}].scope`,
          message: `no provider "${name}" (neither built in nor configured)`,
        },
      ]);
    return { kind: 'provider', id: name };
  }
  const key = store.apiKeys.findByName(name);
  if (!key)
    throw new ConfigError(file, [{ path: `budgets[${index}].scope`, message: `no api key named "${name}"` }]);
  return { kind: 'key', id: key.id };
}
