import type { WireFormat } from '../formats/canonical.js';

/** `token`: `Authorization: Token <key>` (Deepgram). */
export type AuthStyle = 'bearer' | 'x-api-key' | 'x-goog-api-key' | 'token' | 'none';
export type ProviderTier = 'subscription' | 'api-key' | 'cheap' | 'free' | 'local';

/** What a model does, so a request is only routed to models that can answer its endpoint. */
export const MODEL_KINDS = [
  'chat',
  'embedding',
  'rerank',
  'image',
  'transcription',
  'speech',
  'moderation',
] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** A vendor API for non-chat endpoints whose shapes differ from OpenAI's. */
export type NativeApi = 'cohere-v2' | 'voyage' | 'deepgram';

/** What the registry knows of one model beyond its id. A model with no entry is a chat model. */
export interface ModelInfo {
  kind?: ModelKind;
  /** Input context window in tokens, as the provider documents it. */
  contextWindow?: number;
  /** Served on the provider's free tier. */
  free?: boolean;
}

/** Upstream oddities the generic executor handles, so a provider needs no code of its own. */
export interface ProviderQuirks {
  /** OpenAI reasoning models reject `max_tokens`. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** The upstream rejects `stream_options` (so usage comes without asking, or not at all). */
  noStreamOptions?: boolean;
  /** The upstream rejects `system` messages: they are sent as user messages. */
  systemAsUser?: boolean;
  /** Top-level request fields the upstream rejects. */
  dropFields?: string[];
  /** The upstream only streams: a caller that did not ask for a stream gets the collected answer. */
  streamOnly?: boolean;
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
}
