import type { Hono } from 'hono';
import type { Runtime } from '../runtime/runtime.js';
import type { AppEnv } from './env.js';

export interface ListedModel {
  id: string;
  ownedBy: string;
  kind: 'model' | 'combo' | 'alias';
}

/** Every model name a client can send: provider/model of active providers, combos, the active alias. */
export function listModels(rt: Runtime): ListedModel[] {
  const out: ListedModel[] = [];
  if (rt.settings.activeCombo)
    out.push({ id: rt.settings.activeComboAlias, ownedBy: 'omniroute', kind: 'alias' });
  for (const c of rt.combos) if (c.enabled) out.push({ id: c.name, ownedBy: 'omniroute', kind: 'combo' });
  for (const p of rt.activeProviders())
    for (const m of p.models) out.push({ id: `${p.id}/${m}`, ownedBy: p.id, kind: 'model' });
  return out;
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
      data: models.map((m) => ({ id: m.id, object: 'model', created, owned_by: m.ownedBy })),
    });
  });
  app.get('/v1beta/models', (c) =>
    c.json({
      models: listModels(rt).map((m) => ({
        name: `models/${m.id}`,
        displayName: m.id,
        supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
      })),
    }),
  );
}
