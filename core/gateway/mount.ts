import type { Runtime } from '../runtime/runtime.js';
import type { Logger } from '../util/logger.js';
import { DEFAULT_TIMEOUTS, type UpstreamTimeouts } from '../runtime/timeouts.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayErrorInfo, WireFormat } from '../formats/canonical.js';
import type { LoginKindId } from '../providers/login/types.js';
import { loginTarget } from './login-target.js';
import { checkGatewayKey, gatewayKeyFrom } from '../server/auth/gateway-key.js';
import { requestIdFor } from '../server/env.js';
import { errorBody } from '../formats/error-body.js';
import type { FastPath } from '../server/listen.js';
import type { RoutingHooks } from '../routing/hooks.js';
import { ResponseCache } from './response-cache.js';
import { FlightTable } from './shared-flight.js';
import type { EndpointId } from '../formats/endpoints/index.js';

/** The non-chat endpoints' paths (OpenAI's shapes; errors in OpenAI's shape too). */
const ENDPOINT_PATHS: Record<string, EndpointId> = {
  '/v1/embeddings': 'embeddings',
  '/v1/rerank': 'rerank',
  '/v1/moderations': 'moderations',
  '/v1/completions': 'completions',
  '/v1/images/generations': 'images',
  '/v1/images/edits': 'imageEdits',
  '/v1/audio/speech': 'speech',
  '/v1/audio/transcriptions': 'transcriptions',
  '/v1/audio/translations': 'translations',
};

/** Gemini methods of non-chat endpoints: `/v1beta/models/<model>:<method>`. */
const GEMINI_ENDPOINT_METHODS: Record<string, EndpointId> = {
  embedContent: 'embeddings',
  batchEmbedContents: 'embeddings',
};

function refuse(res: ServerResponse, format: WireFormat, requestId: string, error: GatewayErrorInfo): true {
  const body = JSON.stringify(errorBody(format, error));
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'x-request-id': requestId,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
  return true;
}

/**
 * `/v1internal:<method>` (the Gemini CLI's Code Assist routes). Here, not in the gemini format
 * folder: the fast path is loaded at start, the codecs only with the engine.
 */
function codeAssistMethod(path: string): { method: string; stream: boolean } | undefined {
  const m = /^\/v1internal:([A-Za-z]+)$/.exec(path);
  return m ? { method: m[1]!, stream: m[1] === 'streamGenerateContent' } : undefined;
}

/** `/v1beta/models/<model>:<action>`; the model may hold `/` (provider prefix) or be %-encoded. */
export function geminiMethod(path: string): { model: string; action: string } {
  let rest = path.slice('/v1beta/models/'.length);
  try {
    rest = decodeURIComponent(rest);
  } catch {}
  const colon = rest.lastIndexOf(':');
  return colon > 0
    ? { model: rest.slice(0, colon), action: rest.slice(colon + 1) }
    : { model: rest, action: '' };
}

/**
 * `/v1/providers/{provider}/<route>` (and `/v1beta/providers/{provider}/models/…`): the route
 * without the pin, and the provider it names. SDKs that add their own version to a base URL
 * (Anthropic's `/v1/messages`, Gemini's `/v1beta/models/…`) work with the base URL
 * `…/v1/providers/{provider}` too: a version right after the pin is the route's own.
 */
export function pinnedPath(path: string): { path: string; pin: string } | undefined {
  const m = /^\/(v1|v1beta)\/providers\/([^/]+)(\/.+)$/.exec(path);
  if (!m) return undefined;
  let pin = m[2]!;
  try {
    pin = decodeURIComponent(pin);
  } catch {
    return undefined;
  }
  const rest = m[3]!;
  return { path: /^\/(v1|v1beta)\//.test(rest) ? rest : `/${m[1]}${rest}`, pin };
}

type Engine = typeof import('./engine.js');
export type LoadedEngine = { engine: Engine; deps: import('./handler.js').GatewayDeps };

export interface GatewayMount {
  /** The /v1 POST routes straight from node:http, without Hono's request and response objects. */
  fastPath: FastPath;
  /** The engine and its dependencies, loading them on first call (the Hono routes use it). */
  load(): Promise<LoadedEngine>;
  close(): Promise<void>;
}

/**
 * The gateway's hot path, answered from node:http without Hono (whose Response objects cost more
 * than the proxying); its engine is imported on first need. The few gateway routes left to Hono
 * are in gateway-routes.ts.
 */
export function mountGateway(opts: {
  rt: Runtime;
  logger: Logger;
  timeouts?: Partial<UpstreamTimeouts>;
  routing?: RoutingHooks;
  cache?: ResponseCache;
  /** Where HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Signed-in ChatGPT plan accounts, shared with the management API; loaded with the engine. */
  planAccounts?: () => Promise<import('./plan-accounts.js').ChatGptPlanAccounts>;
}): GatewayMount {
  let loading: Promise<LoadedEngine> | undefined;
  /** Set once loaded: later requests call the engine directly, without a promise hop. */
  let loaded: LoadedEngine | undefined;
  const load = () =>
    (loading ??= Promise.all([import('./engine.js'), opts.planAccounts?.()]).then(
      ([engine, planAccounts]) => {
        const timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
        const dispatcher = engine.createDispatcher(timeouts);
        return (loaded = {
          engine,
          deps: {
            rt: opts.rt,
            logger: opts.logger,
            routing: opts.routing,
            shared: { cache: opts.cache ?? new ResponseCache(), flights: new FlightTable() },
            dispatcher,
            ...(planAccounts ? { planAccounts } : {}),
            proxies: new engine.ProxyDispatchers({
              rt: opts.rt,
              direct: dispatcher,
              timeouts,
              env: opts.env ?? process.env,
              logger: opts.logger,
            }),
          },
        });
      },
    ));

  const fastPath: FastPath = (req, res) => {
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const url = req.url ?? '';
    const q = url.indexOf('?');
    let path = q < 0 ? url : url.slice(0, q);
    let pin: string | undefined;
    if (path.startsWith('/v1/providers/') || path.startsWith('/v1beta/providers/')) {
      const p = pinnedPath(path);
      if (!p) return false;
      ({ path, pin } = p);
    }
    if (req.method !== 'POST') {
      if (pin !== undefined) return false;
      // Codex on its ChatGPT login lists its models from its own backend.
      if (req.method === 'GET' && path === '/v1/models')
        return forwardLogin(req, res, 'chatgpt', 'openai-responses', header);
      return false;
    }
    let format: WireFormat;
    let gemini: { model: string; stream: boolean; altSse: boolean; codeAssist?: boolean } | undefined;
    let endpoint: { id: EndpointId; shape: 'openai' | 'gemini'; action?: string } | undefined;
    if (path === '/v1/chat/completions') format = 'openai-chat';
    else if (path === '/v1/responses') format = 'openai-responses';
    else if (path === '/v1/messages') format = 'anthropic';
    else if (Object.hasOwn(ENDPOINT_PATHS, path)) {
      if (pin !== undefined) return false;
      format = 'openai-chat';
      endpoint = { id: ENDPOINT_PATHS[path]!, shape: 'openai' };
    } else if (path.startsWith('/v1beta/models/')) {
      const { model, action } = geminiMethod(path);
      if (Object.hasOwn(GEMINI_ENDPOINT_METHODS, action)) {
        // Pinned routes serve the chat formats only.
        if (pin !== undefined) return false;
        format = 'gemini';
        gemini = { model, stream: false, altSse: false };
        endpoint = { id: GEMINI_ENDPOINT_METHODS[action]!, shape: 'gemini', action };
      } else if (action !== 'generateContent' && action !== 'streamGenerateContent') return false;
      else {
        const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
        format = 'gemini';
        gemini = {
          model,
          stream: action === 'streamGenerateContent',
          altSse: query.get('alt') === 'sse',
        };
      }
    } else if (pin !== undefined) {
      return false;
    } else if (path.startsWith('/v1internal:')) {
      // The Gemini CLI on its Google login (Code Assist): its requests are routed like Gemini's,
      // with fallback; its other methods (set-up, quota) go to its own backend.
      const method = codeAssistMethod(path);
      if (!method) return false;
      if (method.method !== 'generateContent' && method.method !== 'streamGenerateContent') {
        if (forwardLogin(req, res, 'code-assist', 'gemini', header)) return true;
        return refuse(res, 'gemini', requestIdFor(header('x-request-id')), {
          status: 404,
          kind: 'not_found',
          message: `Code Assist method "${method.method}" is answered only by the Gemini CLI's own Google login: add a provider with "login: code-assist".`,
        });
      }
      const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
      format = 'gemini';
      gemini = { model: '', stream: method.stream, altSse: query.get('alt') === 'sse', codeAssist: true };
    } else if (path === '/v1/messages/count_tokens') {
      return forwardLogin(req, res, 'anthropic', 'anthropic', header);
    } else return false;

    const requestId = requestIdFor(header('x-request-id'));
    const queryKey = q < 0 ? undefined : (new URLSearchParams(url.slice(q + 1)).get('key') ?? undefined);
    const verdict = checkGatewayKey(opts.rt, gatewayKeyFrom(header, queryKey));
    if (!verdict.ok) return refuse(res, format, requestId, verdict.error);
    const serve = ({ engine, deps }: LoadedEngine) =>
      engine.handleGateway(
        { incoming: req, outgoing: res, requestId, apiKey: verdict.apiKey, header, url, pin },
        deps,
        format,
        gemini,
        endpoint && {
          codec: engine.ENDPOINT_CODECS[endpoint.id],
          shape: endpoint.shape,
          action: endpoint.action,
        },
      );
    (loaded ? serve(loaded) : load().then(serve)).catch((err: unknown) => {
      opts.logger.error('gateway error', { requestId, error: String(err) });
      if (!res.headersSent) {
        const body = JSON.stringify(
          errorBody(format, {
            status: 500,
            kind: 'api',
            message: `Internal error (request ${requestId}).`,
          }),
        );
        res.writeHead(500, { 'content-type': 'application/json', 'x-request-id': requestId });
        res.end(body);
      } else res.destroy();
    });
    return true;
  };

  /**
   * A call a logged-in CLI makes beside its requests, when a login provider of its kind exists
   * and the caller brought that login; false leaves the route to its usual handler.
   */
  function forwardLogin(
    req: IncomingMessage,
    res: ServerResponse,
    kind: LoginKindId,
    format: WireFormat,
    header: (name: string) => string | undefined,
  ): boolean {
    const provider = loginTarget(opts.rt, kind, header);
    if (!provider) return false;
    const requestId = requestIdFor(header('x-request-id'));
    const verdict = checkGatewayKey(opts.rt, gatewayKeyFrom(header));
    if (!verdict.ok) return refuse(res, format, requestId, verdict.error);
    const serve = ({ engine, deps }: LoadedEngine) =>
      engine.forwardLoginCall(req, res, deps, provider, format, requestId);
    (loaded ? serve(loaded) : load().then(serve)).catch((err: unknown) => {
      opts.logger.error('login call error', { requestId, error: String((err as Error)?.message) });
      if (!res.headersSent)
        refuse(res, format, requestId, {
          status: 500,
          kind: 'api',
          message: `Internal error (request ${requestId}).`,
        });
      else res.destroy();
    });
    return true;
  }

  return {
    fastPath,
    load,
    close: async () => {
      if (!loading) return;
      const { deps } = await loading;
      await deps.proxies?.close();
      await deps.dispatcher.close().catch(() => deps.dispatcher.destroy());
    },
  };
}
