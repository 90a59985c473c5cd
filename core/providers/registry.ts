import { BUILTIN_PROVIDERS } from './builtin.js';
import type { ModelKind, ProviderDefinition } from './types.js';

const byId = new Map(BUILTIN_PROVIDERS.map((p) => [p.id, p]));

export function builtinProvider(id: string): ProviderDefinition | undefined {
  return byId.get(id);
}

export function isBuiltinProvider(id: string): boolean {
  return byId.has(id);
}

export function builtinProviders(): readonly ProviderDefinition[] {
  return BUILTIN_PROVIDERS;
}

/** A model's kind: the registry's word for it, else chat (every model before kinds existed). */
export function modelKind(def: Pick<ProviderDefinition, 'modelInfo'> | undefined, model: string): ModelKind {
  return def?.modelInfo?.[model]?.kind ?? 'chat';
}
