import type { WireFormat } from '../formats/canonical.js';
import type { ProviderQuirks } from '../formats/codec.js';
import { MODEL_KINDS, type ModelKind, type NativeApi } from '../formats/endpoints/kinds.js';
import type { Dispatcher } from 'undici';

export type { ProviderQuirks };

/**
 * How the account's secret is sent: `api-key` is Azure OpenAI's header of that name; `token` is
 * `Authorization: Token <key>` (Deepgram).
 */
export type AuthStyle = 'bearer' | 'x-api-key' | 'x-goog-api-key' | 'api-key' | 'token' | 'none';
export type ProviderTier = 'subscription' | 'api-key' | 'cheap' | 'free' | 'local';

export { MODEL_KINDS };
export type { ModelKind, NativeApi };

/** What the registry knows of one model beyond its id. A model with no entry is a chat model. */
export interface ModelInfo {
  kind?: ModelKind;
  /** Input context window in tokens, as the provider documents it. */
  contextWindow?: number;
  /** Served on the provider's free tier. */
  free?: boolean;
}

/**
 * A provider's own upstream time limits, in ms; each wins over the global setting it names. For a
 * provider whose answers legitimately take longer (a slow local model, a long-thinking one) or
 * that should be given up on sooner than the rest.
 */
export interface ProviderTimeouts {
  /** Streamed requests: request sent → response head (setting `firstByteTimeoutMs`). */
  firstByteMs?: number;
  /** Non-streamed requests: request sent → the head, which comes with the whole answer (`answerTimeoutMs`). */
  answerMs?: number;
  /** Longest silence between two chunks of an answer that has started (`stallTimeoutMs`). */
  stallMs?: number;
}

/**
 * What the provider gives away, as it documents it: the note quotes its limits, `checked` is the
 * day the source was read (or the source's own date when older), `source` where it says so.
 */
export interface FreeTier {
  note: string;
  checked: string;
  source: string;
}

/** A list price (USD per million tokens) with where it comes from and when it was read. */
export interface PriceRow {
  input: number;
  output: number;
  cachedInput?: number;
  cacheWrite?: number;
  source: string;
  /** YYYY-MM-DD the source was read. */
  checked: string;
  /**
   * The vendor's own model, priced by its maker: the row also applies under the bare model name
   * (a login passthrough or a gateway serving it), not only on this provider.
   */
  ownModel?: boolean;
}

/**
 * A value each account fills in because the provider puts it in the URL (Cloudflare's account id,
 * Azure's resource name, Vertex's project and location). Written as `{key}` in `baseUrl`.
 */
export interface AccountField {
  key: string;
  label: string;
  /** Used when the account leaves the field out; a field without one is required. */
  default?: string;
}

/** What a provider's own URL builder is given (Azure names the deployment in the path). */
export interface UrlContext {
  /** The base URL with the account's fields filled in, without a trailing slash. */
  base: string;
  format: WireFormat;
  model: string;
  stream: boolean;
  fields: Readonly<Record<string, string>>;
}

/**
 * Turns the stored secret into the credential the upstream takes, when they differ (Vertex: a
 * service-account key → a short-lived access token). Called per attempt: cache inside. `via` is
 * the account's own dispatcher (its proxy), so the exchange leaves the machine the way its
 * requests do. `rejected` is a token the upstream just refused: do not hand it out again.
 */
export type AccessTokenSource = (secret: string, via: Dispatcher, rejected?: string) => Promise<string>;

export interface ProviderDefinition {
  id: string;
  name: string;
  /** Wire formats the upstream speaks; the first is preferred, the caller's is used when listed. */
  formats: WireFormat[];
  baseUrl: string;
  auth: AuthStyle;
  /** Extra model prefixes besides the id (`ds/` for deepseek). */
  aliases?: string[];
  tier: ProviderTier;
  /** Runs on this machine: keeps serving in offline mode. */
  local?: boolean;
  models: string[];
  /** Per-model facts, keyed by an id in `models`; a model without an entry is a chat model. */
  modelInfo?: Record<string, ModelInfo>;
  headers?: Record<string, string>;
  quirks?: ProviderQuirks;
  docsUrl?: string;
  /** Accounts are added by signing in (their secret is a token set the gateway refreshes). */
  signIn?: 'chatgpt';
  /**
   * The non-chat endpoints (embeddings, rerank, audio) speak this vendor's own API rather than
   * OpenAI's shape (a Gemini-format provider speaks Gemini's): core/formats/endpoints translates.
   */
  nativeApi?: NativeApi;
  /** Rewrites every request body (translated or the caller's own) for what the upstream accepts. */
  prepareBody?: (body: Record<string, unknown>) => void;
  /** Values each account fills in, written as `{key}` in `baseUrl`. */
  accountFields?: AccountField[];
  /** The request URL, when `{base}/chat/completions` and its kin do not fit. */
  buildUrl?: (ctx: UrlContext) => string;
  /** The secret is exchanged for the credential sent (see AccessTokenSource). */
  accessToken?: AccessTokenSource;
  /** The free tier, when there is one. */
  freeTier?: FreeTier;
  /** List prices of its models, merged into the price table (keys are price patterns). */
  prices?: Record<string, PriceRow>;
}
