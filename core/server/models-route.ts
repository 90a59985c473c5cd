import type { Hono } from 'hono';
import type { Runtime } from '../runtime/runtime.js';
import type { AppEnv } from './env.js';
import type { ModelKind } from '../providers/types.js';

export interface ListedModel {
  id: string;
  ownedBy: string;
  kind: 'model' | 'combo' | 'alias';
  /** What it answers: the registry's kind; a combo's is its steps'; unknown models count as chat. */
  modelKind: ModelKind;
}

/** What user-defined aliases are listed as (`owned_by`), so a client can tell them from models. */
export const ALIAS_OWNER = 'omniroute-alias';

/**
 * Every model name a client can send: the active-combo alias, combos, exact model aliases,
 * provider/model of active providers. Wildcard aliases are patterns, not names, so they are not
 * listed; neither is an alias whose target cannot be served now (see `aliasServable`). An alias
 * shadows a combo or model of the same name (aliases are applied first, case-insensitively), so
 * that name is listed once, as the alias; the active-combo alias wins over an alias.
 */
export function listModels(rt: Runtime): ListedModel[] {
  const active = rt.settings.activeCombo ? rt.settings.activeComboAlias : undefined;
  const aliases: ListedModel[] = [];
  const aliased = new Set<string>();
  for (const a of rt.aliases.exactAliases()) {
    const lower = a.pattern.toLowerCase();
    if (a.pattern === rt.settings.activeComboAlias || aliased.has(lower) || !aliasServable(rt, a.pattern))
      continue;
    aliased.add(lower);
    aliases.push({ id: a.pattern, ownedBy: ALIAS_OWNER, kind: 'alias', modelKind: nameKind(rt, a.pattern) });
  }
  const out: ListedModel[] = [];
  if (active)
    out.push({
      id: active,
      ownedBy: 'omniroute',
      kind: 'alias',
      modelKind: nameKind(rt, rt.settings.activeCombo!),
    });
  for (const c of rt.combos)
    if (c.enabled && !aliased.has(c.name.toLowerCase()))
      out.push({ id: c.name, ownedBy: 'omniroute', kind: 'combo', modelKind: nameKind(rt, c.name) });
  out.push(...aliases);
  for (const p of rt.activeProviders())
    for (const m of p.models) {
      const id = `${p.id}/${m}`;
      if (!aliased.has(id.toLowerCase()))
        out.push({ id, ownedBy: p.id, kind: 'model', modelKind: p.kinds?.get(m) ?? 'chat' });
    }
  return out;
}

/**
 * The kind of what a name leads to (an alias, a combo: its first step the registry knows), by the
 * same lookup as the gateway's; chat when nothing says otherwise.
 */
function nameKind(rt: Runtime, name: string, depth = 0): ModelKind {
  const target = rt.aliases.resolveDeep(name);
  const combo = rt.combos.find((c) => c.name === target);
  if (combo) {
    if (depth > 8) return 'chat';
    for (const step of combo.models) {
      const k = nameKind(rt, step, depth + 1);
      if (k !== 'chat') return k;
    }
    return 'chat';
  }
  const slash = target.indexOf('/');
  const provider = slash > 0 ? rt.providerByPrefix(target.slice(0, slash)) : undefined;
  if (provider) return provider.kinds?.get(target.slice(slash + 1)) ?? 'chat';
  for (const p of rt.activeProviders()) {
    const k = p.kinds?.get(target);
    if (k) return k;
  }
  return 'chat';
}

/** The Gemini methods a model of each kind answers. */
const GEMINI_METHODS: Partial<Record<ModelKind, string[]>> = {
  chat: ['generateContent', 'streamGenerateContent', 'countTokens'],
  embedding: ['embedContent', 'batchEmbedContents'],
};

/**
 * Whether an alias leads somewhere that can serve a request now, by the same lookup as the
 * gateway's (core/gateway/resolve.ts): followed through aliases of aliases, its target is the
 * active-combo alias with a combo active, an enabled combo, `<prefix>/<model>` of an active
 * provider, or a bare model an active provider lists. A dangling alias would only answer 404.
 */
function aliasServable(rt: Runtime, alias: string): boolean {
  const target = rt.aliases.resolveDeep(alias);
  if (target === rt.settings.activeComboAlias) return rt.settings.activeCombo !== null;
  const combo = rt.combos.find((c) => c.name === target);
  if (combo) return combo.enabled;
  const active = rt.activeProviders();
  const slash = target.indexOf('/');
  if (slash > 0) {
    const provider = rt.providerByPrefix(target.slice(0, slash));
    if (provider) return active.includes(provider);
  }
  return active.some((p) => p.models.includes(target));
}

export function mountModelRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  const created = Math.floor(rt.startedAt / 1000);
  app.get('/v1/models', (c) => {
    const models = listModels(rt);
    if (c.req.header('anthropic-version')) {
      // Claude Code's gateway model discovery reads Anthropic's list shape.
      const data = models.map((m) => ({
        type: 'model',
        id: m.id,
        display_name: m.id,
        created_at: new Date(rt.startedAt).toISOString(),
      }));
      return c.json({
        data,
        has_more: false,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
      });
    }
    return c.json({
      object: 'list',
      data: models.map((m) => ({
        id: m.id,
        object: 'model',
        created,
        owned_by: m.ownedBy,
        kind: m.modelKind,
      })),
    });
  });
  app.get('/v1beta/models', (c) =>
    c.json({
      models: listModels(rt).map((m) => ({
        name: `models/${m.id}`,
        displayName: m.id,
        supportedGenerationMethods: GEMINI_METHODS[m.modelKind] ?? [],
      })),
    }),
  );
}
