import type { Hono } from 'hono';
// Evaluated now, before the server listens (see the module's comment).
import '../server/already-sent.js';
import type { Runtime } from '../runtime/runtime.js';
import { gatewayError } from '../server/app.js';
import type { AppEnv } from '../server/env.js';
import type { Logger } from '../util/logger.js';
import { DEFAULT_TIMEOUTS, type UpstreamTimeouts } from './timeouts.js';

type Engine = typeof import('./engine.js');

export interface GatewayMount {
  /** Starts loading the engine (codecs, upstream pool) now; resolves when it is ready. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** Registers the /v1 and /v1beta routes; their engine is imported on first need. */
export function mountGateway(
  app: Hono<AppEnv>,
  opts: { rt: Runtime; logger: Logger; timeouts?: Partial<UpstreamTimeouts> },
): GatewayMount {
  let loading: Promise<{ engine: Engine; deps: import('./handler.js').GatewayDeps }> | undefined;
  const load = () =>
    (loading ??= import('./engine.js').then((engine) => ({
      engine,
      deps: {
        rt: opts.rt,
        logger: opts.logger,
        dispatcher: engine.createDispatcher({ ...DEFAULT_TIMEOUTS, ...opts.timeouts }),
      },
    })));

  app.post('/v1/chat/completions', async (c) => {
    const { engine, deps } = await load();
    return engine.handleGateway(c, deps, 'openai-chat');
  });
  app.post('/v1/responses', async (c) => {
    const { engine, deps } = await load();
    return engine.handleGateway(c, deps, 'openai-responses');
  });
  app.post('/v1/messages', async (c) => {
    const { engine, deps } = await load();
    return engine.handleGateway(c, deps, 'anthropic');
  });
  app.post('/v1/messages/count_tokens', async (c) => {
    const { engine, deps } = await load();
    return engine.countTokens(c, deps);
  });
  app.post('/v1beta/models/*', async (c) => {
    const rest = decodeURIComponent(c.req.path.slice('/v1beta/models/'.length));
    const colon = rest.lastIndexOf(':');
    const model = colon > 0 ? rest.slice(0, colon) : rest;
    const action = colon > 0 ? rest.slice(colon + 1) : '';
    const { engine, deps } = await load();
    if (action === 'generateContent' || action === 'streamGenerateContent') {
      const stream = action === 'streamGenerateContent';
      return engine.handleGateway(c, deps, 'gemini', { model, stream, altSse: c.req.query('alt') === 'sse' });
    }
    if (action === 'countTokens') return engine.geminiCountTokens(c, deps);
    return gatewayError(c, {
      status: 404,
      kind: 'not_found',
      message: `Unknown method "${action}". Supported: generateContent, streamGenerateContent, countTokens.`,
    });
  });

  return {
    warm: async () => {
      await load();
    },
    close: async () => {
      if (!loading) return;
      const { deps } = await loading;
      await deps.dispatcher.close().catch(() => deps.dispatcher.destroy());
    },
  };
}
