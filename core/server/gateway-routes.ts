import type { Context, Hono } from 'hono';
import { GatewayError } from '../formats/canonical.js';
import type { TokenCount } from '../gateway/engine.js';
import type { GatewayMount } from '../gateway/mount.js';
import type { AppEnv } from './env.js';
import { gatewayError } from './gateway-error.js';
import { geminiMethod } from './gateway-paths.js';

/** A token count as the caller's SDK expects it; an invalid request in its own format. */
async function answerCount(c: Context<AppEnv>, count: Promise<TokenCount>): Promise<Response> {
  try {
    const n = await count;
    if ('exact' in n)
      return c.body(n.exact, 200, { 'content-type': 'application/json', 'x-omniroute-count': 'exact' });
    c.header('x-omniroute-count', 'estimate');
    return c.json(n.estimate);
  } catch (err) {
    if (err instanceof GatewayError) return gatewayError(c, err.toInfo());
    throw err;
  }
}

const countCall = (c: Context<AppEnv>) => ({
  incoming: c.env.incoming,
  header: (name: string) => c.req.header(name),
});

/**
 * The gateway routes the fast path (gateway-fast-path.ts) leaves to Hono: token counting, and
 * Gemini methods other than generateContent (answered with a 404 that lists the supported ones).
 */
export function mountGatewayRoutes(app: Hono<AppEnv>, gateway: GatewayMount): void {
  app.post('/v1/messages/count_tokens', async (c) => {
    const { engine, deps } = await gateway.load();
    return answerCount(c, engine.countTokens(countCall(c), deps));
  });
  app.post('/v1beta/models/*', async (c) => {
    const { action } = geminiMethod(c.req.path);
    if (action === 'countTokens') {
      const { engine, deps } = await gateway.load();
      return answerCount(c, engine.geminiCountTokens(countCall(c), deps));
    }
    return gatewayError(c, {
      status: 404,
      kind: 'not_found',
      message: `Unknown method "${action}". Supported: generateContent, streamGenerateContent, countTokens, embedContent, batchEmbedContents.`,
    });
  });
}
