import type { Hono } from 'hono';
import { OLLAMA_API_VERSION, ollamaShow, ollamaTag } from '../formats/ollama/models.js';
import { isRecord } from '../formats/json.js';
import { modelAllowed } from '../gateway/key-scope.js';
import type { Runtime } from '../runtime/runtime.js';
import type { AppEnv } from './env.js';
import { gatewayError } from './gateway-error.js';
import { clientModels, nameKind, servable } from './models-route.js';

// Ollama's API under /ollama, for tools that speak only Ollama (JetBrains AI Assistant, Copilot
// Chat's Ollama provider, Open WebUI, Continue, …). Chat is the gateway's (the fast path's
// POST /ollama/api/chat); here is what those tools ask before it: is a server there, which
// models, what can a model do.

/** Ollama's root answers this text: clients probe it to tell an Ollama server is there. */
export function mountOllamaProbe(app: Hono<AppEnv>): void {
  for (const path of ['/ollama', '/ollama/'])
    app.on(['GET', 'HEAD'], path, (c) => c.text('Ollama is running'));
}

/**
 * The context window of what a name leads to: the model's own, or a combo's first step's (the
 * one a request tries first), by the gateway's lookup. Undefined when the registry has none.
 */
function contextWindow(rt: Runtime, name: string, depth = 0): number | undefined {
  const target = rt.aliases.resolveDeep(name);
  const combo = rt.combos.find((c) => c.name === target);
  if (combo) return depth > 8 || !combo.models[0] ? undefined : contextWindow(rt, combo.models[0], depth + 1);
  const slash = target.indexOf('/');
  const pinned = slash > 0 ? rt.providerByPrefix(target.slice(0, slash)) : undefined;
  if (pinned) return pinned.modelInfo?.[target.slice(slash + 1)]?.contextWindow;
  return rt.activeProviders().find((p) => p.models.includes(target))?.modelInfo?.[target]?.contextWindow;
}

/** `/ollama/api/{tags,show,version}`, behind the gateway key like /v1/models. */
export function mountOllamaRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  const modifiedAt = new Date(rt.startedAt).toISOString();
  app.get('/ollama/api/version', (c) => c.json({ version: OLLAMA_API_VERSION }));
  app.get('/ollama/api/tags', (c) =>
    c.json({ models: clientModels(rt).map((m) => ollamaTag(m.id, modifiedAt)) }),
  );
  app.post('/ollama/api/show', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    // `name` is the field's older spelling, which clients still send.
    const id = isRecord(body) ? (body.model ?? body.name) : undefined;
    if (typeof id !== 'string' || !id)
      return gatewayError(c, { status: 400, kind: 'invalid_request', message: 'model is required' });
    if (!servable(rt, id))
      return gatewayError(c, { status: 404, kind: 'not_found', message: `model '${id}' not found` });
    const key = c.get('apiKey');
    if (key && !modelAllowed(key.models, id))
      return gatewayError(c, {
        status: 403,
        kind: 'permission',
        message: `This API key may not use model "${id}".`,
      });
    const known = { kind: nameKind(rt, id), contextWindow: contextWindow(rt, id) };
    return c.json(ollamaShow(id, known, modifiedAt));
  });
}
