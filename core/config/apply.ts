import { builtinProvider } from '../providers/registry.js';
import type { Store } from '../store/index.js';
import type { ConfigFile } from './schema.js';

export interface ApplyResult {
  /** Human-readable list of what changed; empty when the file was already in effect. */
  changes: string[];
  /** Keys generated for apiKeys entries without `key`: shown once, never stored in plain text. */
  generatedKeys: Array<{ name: string; key: string }>;
}

/**
 * Makes the store match the file, idempotently: entities are matched by natural key
 * (provider id, account name, combo name, api key name) and written only when they differ.
 * Entities absent from the file are left alone: the file adds and updates, the dashboard may
 * hold more.
 */
export function applyConfig(store: Store, cfg: ConfigFile): ApplyResult {
  const changes: string[] = [];
  const generatedKeys: ApplyResult['generatedKeys'] = [];
  store.transaction(() => {
    for (const p of cfg.providers ?? []) {
      const builtin = builtinProvider(p.id);
      const changed = store.providers.upsert({
        id: p.id,
        name: p.name ?? builtin?.name,
        format: p.format,
        baseUrl: p.baseUrl,
        models: p.models ?? [],
        local: p.local,
        enabled: p.enabled ?? true,
      });
      if (changed) changes.push(`provider ${p.id}`);
      p.accounts?.forEach((a, i) => {
        const name = a.name ?? `account-${i + 1}`;
        const r = store.connections.upsert({
          providerId: p.id,
          name,
          apiKey: a.apiKey ?? null,
          priority: a.priority ?? i,
          enabled: a.enabled ?? true,
          baseUrl: a.baseUrl ?? null,
          proxy: a.proxy ?? null,
          quota: a.quota ?? null,
        });
        if (r.changed) changes.push(`account ${p.id}/${name}`);
      });
    }
    for (const c of cfg.combos ?? []) {
      if (
        store.combos.upsert({
          name: c.name,
          strategy: c.strategy ?? 'fill-first',
          models: c.models,
          enabled: c.enabled ?? true,
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
    if (cfg.settings) {
      for (const key of store.settings.patch(cfg.settings)) changes.push(`setting ${key}`);
    }
  });
  return { changes, generatedKeys };
}
