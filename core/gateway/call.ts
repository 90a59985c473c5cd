// The shapes one gateway request passes through: what the fast path hands the handler, what the
// handler hands each attempt, and the dependencies they all share. Kept apart from handler.ts
// so the attempts and shared answers can name them without importing the handler that calls them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CanonicalRequest, WireFormat } from '../formats/canonical.js';
import type { CallerLogin } from '../providers/login/types.js';
import type { Runtime } from '../runtime/runtime.js';
import type { ApiKeyRecord } from '../store/repos/api-keys.js';
import type { Logger } from '../util/logger.js';
import type { RoutingHooks } from '../routing/hooks.js';
import type { ChatGptPlanAccounts } from './plan-accounts.js';
import type { ProxyDispatchers } from './proxy.js';
import type { ResponseCache } from './response-cache.js';
import type { FlightTable } from './shared-flight.js';
import type { Agent } from './undici.js';
import type { ClientGone } from './upstream-call.js';

/** What a Gemini path says beside its body: the model, and how the answer is streamed. */
export interface GeminiCall {
  model: string;
  stream: boolean;
  altSse: boolean;
  /** The Gemini CLI's Code Assist route (`/v1internal:…`): the model is in the body's envelope. */
  codeAssist?: boolean;
}

/** What the gateway needs of an inbound request, taken from node:http on the fast path. */
export interface GatewayContext {
  incoming: IncomingMessage;
  outgoing: ServerResponse;
  requestId: string;
  apiKey?: ApiKeyRecord;
  header(name: string): string | undefined;
  /** Path and query, e.g. `/v1/messages?beta=true`. */
  url: string;
  /** The provider a `/v1/providers/{provider}/…` route pins the request to. */
  pin?: string;
}

export interface GatewayDeps {
  rt: Runtime;
  dispatcher: Agent;
  logger: Logger;
  routing?: RoutingHooks;
  /** Answers shared between identical requests: the response cache and flights in progress. */
  shared?: { cache: ResponseCache; flights: FlightTable };
  /** Signed-in ChatGPT plan accounts: their token sets, refreshed when they expire. */
  planAccounts?: ChatGptPlanAccounts;
  /** One dispatcher per upstream proxy; without it every attempt goes direct. */
  proxies?: ProxyDispatchers;
}

export interface InboundCall {
  format: WireFormat;
  /** The caller's body as received, for same-format passthrough. */
  raw: string;
  body: Record<string, unknown>;
  /**
   * Decodes on first call: a same-format passthrough never needs it. A function, not a getter:
   * an object literal with a getter is built on V8's slow path, on every request.
   */
  canonical(): CanonicalRequest;
  model: string;
  stream: boolean;
  requestId: string;
  /** Headers a provider needs from its own clients (anthropic-version, anthropic-beta). */
  clientHeaders: Record<string, string>;
  /** Query the caller sent that a same-format upstream should see (Claude Code's `beta=true`). */
  query: string;
  /** Gemini: `:streamGenerateContent` without `alt=sse` answers a JSON array. */
  jsonArrayStream: boolean;
  signal: ClientGone;
  /** A global policy edited `body`: passthrough must send it re-serialised, not `raw`. */
  bodyChanged?: boolean;
  /** The caller's path and query as received (a login step forwards to the same place). */
  url: string;
  /** The caller's headers, for a login step (forwarded to that vendor only). */
  incomingHeaders: Record<string, string | string[] | undefined>;
  /** Gemini: the Gemini CLI's Code Assist route; `body` is its envelope. */
  codeAssist: boolean;
  /** The caller's own vendor login, when it sent one and a login provider could use it. */
  login?: CallerLogin;
}
