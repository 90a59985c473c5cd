import type { GatewayErrorInfo, WireFormat } from '../formats/canonical.js';
import type { EndpointId } from '../formats/endpoints/index.js';
import type { GeminiCall } from '../gateway/call.js';
import type { LoginKindId } from '../providers/login/types.js';

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

/** What the fast path does with a request, from its method and URL alone. */
export type GatewayRoute =
  /** A request the gateway routes. */
  | {
      login?: undefined;
      format: WireFormat;
      gemini?: GeminiCall;
      endpoint?: { id: EndpointId; shape: 'openai' | 'gemini'; action?: string };
      /** The provider a `/v1/providers/{provider}/…` route pins the request to. */
      pin?: string;
      /** The query string without its `?`. */
      query?: string;
    }
  /**
   * A logged-in CLI's side call, forwarded on its login when a provider of that kind exists;
   * otherwise `otherwise` is answered, or (without it) the route is left to Hono.
   */
  | { login: LoginKindId; format: WireFormat; otherwise?: GatewayErrorInfo };

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

const altSse = (query: string | undefined) => new URLSearchParams(query ?? '').get('alt') === 'sse';

/** `/v1beta/models/<model>:<action>`: generateContent and the Gemini endpoints' methods. */
function geminiRoute(
  path: string,
  pin: string | undefined,
  query: string | undefined,
): GatewayRoute | undefined {
  const { model, action } = geminiMethod(path);
  if (Object.hasOwn(GEMINI_ENDPOINT_METHODS, action)) {
    // Pinned routes serve the chat formats only.
    if (pin !== undefined) return undefined;
    return {
      format: 'gemini',
      gemini: { model, stream: false, altSse: false },
      endpoint: { id: GEMINI_ENDPOINT_METHODS[action]!, shape: 'gemini', action },
      query,
    };
  }
  if (action !== 'generateContent' && action !== 'streamGenerateContent') return undefined;
  return {
    format: 'gemini',
    gemini: { model, stream: action === 'streamGenerateContent', altSse: altSse(query) },
    pin,
    query,
  };
}

/**
 * The Gemini CLI on its Google login (Code Assist): its requests are routed like Gemini's, with
 * fallback; its other methods (set-up, quota) go to its own backend.
 */
function codeAssistRoute(path: string, query: string | undefined): GatewayRoute | undefined {
  const method = codeAssistMethod(path);
  if (!method) return undefined;
  if (method.method !== 'generateContent' && method.method !== 'streamGenerateContent')
    return {
      login: 'code-assist',
      format: 'gemini',
      otherwise: {
        status: 404,
        kind: 'not_found',
        message: `Code Assist method "${method.method}" is answered only by the Gemini CLI's own Google login: add a provider with "login: code-assist".`,
      },
    };
  return {
    format: 'gemini',
    gemini: { model: '', stream: method.stream, altSse: altSse(query), codeAssist: true },
    query,
  };
}

/** The gateway's route for a request, or undefined when the fast path leaves it to Hono. */
export function gatewayRoute(method: string | undefined, url: string): GatewayRoute | undefined {
  const q = url.indexOf('?');
  let path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? undefined : url.slice(q + 1);
  let pin: string | undefined;
  if (path.startsWith('/v1/providers/') || path.startsWith('/v1beta/providers/')) {
    const p = pinnedPath(path);
    if (!p) return undefined;
    ({ path, pin } = p);
  }
  if (method !== 'POST')
    // Codex on its ChatGPT login lists its models from its own backend.
    return method === 'GET' && pin === undefined && path === '/v1/models'
      ? { login: 'chatgpt', format: 'openai-responses' }
      : undefined;
  if (path === '/v1/chat/completions') return { format: 'openai-chat', pin, query };
  if (path === '/v1/responses') return { format: 'openai-responses', pin, query };
  if (path === '/v1/messages') return { format: 'anthropic', pin, query };
  if (path === '/ollama/api/chat') return pin === undefined ? { format: 'ollama', query } : undefined;
  if (Object.hasOwn(ENDPOINT_PATHS, path))
    return pin === undefined
      ? { format: 'openai-chat', endpoint: { id: ENDPOINT_PATHS[path]!, shape: 'openai' }, query }
      : undefined;
  if (path.startsWith('/v1beta/models/')) return geminiRoute(path, pin, query);
  if (pin !== undefined) return undefined;
  if (path.startsWith('/v1internal:')) return codeAssistRoute(path, query);
  if (path === '/v1/messages/count_tokens') return { login: 'anthropic', format: 'anthropic' };
  return undefined;
}
