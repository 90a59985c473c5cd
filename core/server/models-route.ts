import type { Hono } from 'hono';
import { GatewayError } from '../formats/canonical.js';
import { geminiModel, geminiModelPage, modelIdFromPath } from '../formats/gemini/models.js';
import { modelAllowed } from '../gateway/key-scope.js';
import type { Runtime } from '../runtime/runtime.js';
import type { AppEnv } from './env.js';
import { gatewayError } from './gateway-error.js';
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
    if (a.pattern === rt.settings.activeComboAlias || aliased.has(lower) || !servable(rt, a.pattern))
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
export function nameKind(rt: Runtime, name: string, depth = 0): ModelKind {
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

/**
 * Whether a model name (an alias or not) leads somewhere that can serve a request now, by the
 * same lookup as the gateway's (core/runtime/resolve.ts): followed through aliases of aliases,
 * its target is the active-combo alias with a combo active, an enabled combo, `<prefix>/<model>`
 * of an active provider, or a bare model an active provider lists. A dangling alias would only
 * answer 404.
 */
export function servable(rt: Runtime, name: string): boolean {
  const target = rt.aliases.resolveDeep(name);
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

/** What a client's model list holds: with `modelListCombosOnly`, only the names that fall back. */
export function clientModels(rt: Runtime): ListedModel[] {
  const all = listModels(rt);
  return rt.settings.modelListCombosOnly ? all.filter((m) => m.kind !== 'model') : all;
}

export function mountModelRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  const created = Math.floor(rt.startedAt / 1000);
  app.get('/v1/models', (c) => {
    const models = clientModels(rt);
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
  app.get('/v1beta/models', (c) => {
    try {
      const models = clientModels(rt).map((m) => ({ id: m.id, kind: m.modelKind }));
      return c.json(
        geminiModelPage(models, { pageSize: c.req.query('pageSize'), pageToken: c.req.query('pageToken') }),
      );
    } catch (err) {
      if (err instanceof GatewayError) return gatewayError(c, err.toInfo());
      throw err;
    }
  });
  // `models.get`: the model may hold `/` (provider prefix), raw or %-encoded.
  app.get('/v1beta/models/*', (c) => {
    const id = modelIdFromPath(c.req.path.slice('/v1beta/models/'.length));
    if (id && !id.includes(':') && servable(rt, id)) {
      // The answer generateContent would give this key for this model.
      const key = c.get('apiKey');
      if (key && !modelAllowed(key.models, id))
        return gatewayError(c, {
          status: 403,
          kind: 'permission',
          param: 'model',
          message: `This API key may not use model "${id}".`,
        });
      return c.json(geminiModel(id, nameKind(rt, id)));
    }
    return gatewayError(c, {
      status: 404,
      kind: 'not_found',
      message: `models/${id} is not found: no combo, alias or active provider serves it. GET /v1beta/models lists the models you can use.`,
    });
  });
}
