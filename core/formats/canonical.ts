// The one internal representation of a chat turn. Every wire format has a decoder to it
// and an encoder from it (hub and spoke), so N formats cost 2N converters, not N² pairs.
// It keeps everything any format can carry, so nothing is lost on the way through; opaque
// provider tokens (signatures, encrypted reasoning) travel with the `origin` that issued them
// and are dropped, never invented, when a conversation crosses providers.

export const WIRE_FORMATS = ['openai-chat', 'openai-responses', 'anthropic', 'gemini', 'ollama'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

/** Who issued an opaque token: the wire format of the upstream that produced it. */
export type TokenOrigin = WireFormat;

export interface CacheControl {
  type: 'ephemeral';
  ttl?: string;
}

export interface TextPart {
  type: 'text';
  text: string;
  cacheControl?: CacheControl;
}

export interface ImagePart {
  type: 'image';
  source: { kind: 'url'; url: string } | { kind: 'base64'; mediaType: string; data: string };
  detail?: 'auto' | 'low' | 'high';
  cacheControl?: CacheControl;
}

/** Reasoning the model did. `text` may be empty when only an opaque token exists. */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  /** Anthropic thinking signature, byte for byte. */
  signature?: string;
  /** Anthropic redacted_thinking `data`, byte for byte. */
  redactedData?: string;
  /** OpenAI Responses reasoning item `encrypted_content`, byte for byte. */
  encryptedContent?: string;
  /** OpenAI Responses reasoning item id (rs_…). */
  itemId?: string;
  /** Gemini thoughtSignature carried by a thought part. */
  thoughtSignature?: string;
  /** Upstream format that issued the opaque fields above. */
  origin?: TokenOrigin;
}

export interface ToolCallPart {
  type: 'tool-call';
  /** The id the next request uses to answer (OpenAI call_…, Anthropic toolu_…, Responses call_id). */
  id: string;
  name: string;
  /** Arguments as JSON text, exactly as the model produced them. */
  arguments: string;
  /** OpenAI Responses function_call item id (fc_…), distinct from `id` (call_id). */
  itemId?: string;
  /** Gemini thoughtSignature on the functionCall part. */
  thoughtSignature?: string;
  origin?: TokenOrigin;
}

export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  /** Gemini answers by name, not id; decoders fill it from the matching call when they can. */
  name?: string;
  content: Array<TextPart | ImagePart>;
  isError?: boolean;
  cacheControl?: CacheControl;
}

export type UserPart = TextPart | ImagePart | ToolResultPart;
export type AssistantPart = TextPart | ReasoningPart | ToolCallPart;

export type CanonicalMessage =
  | { role: 'system'; content: TextPart[]; /** was a `developer` message */ developer?: boolean }
  | { role: 'user'; content: UserPart[] }
  | { role: 'assistant'; content: AssistantPart[] }
  /** One message per tool result in OpenAI Chat; encoders may merge consecutive ones. */
  | { role: 'tool'; content: ToolResultPart[] };

export interface CanonicalTool {
  type: 'function';
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
  strict?: boolean;
  cacheControl?: CacheControl;
}

/** A hosted/server tool a format knows by type (Responses `web_search`, Anthropic `web_search_20250305`…). */
export interface HostedTool {
  type: 'hosted';
  /** The type as the caller named it. */
  kind: string;
  format: WireFormat;
  raw: Record<string, unknown>;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'tool'; name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      name?: string;
      schema: Record<string, unknown>;
      strict?: boolean;
      description?: string;
    };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface ReasoningConfig {
  /** false: the caller asked for no reasoning. */
  enabled?: boolean;
  /** Anthropic `thinking.type: adaptive`: the model decides how much to think. */
  adaptive?: boolean;
  effort?: ReasoningEffort;
  budgetTokens?: number;
  /** Responses `reasoning.summary`, Gemini `includeThoughts`. */
  summary?: 'auto' | 'concise' | 'detailed' | 'none';
  includeThoughts?: boolean;
}

export interface CanonicalRequest {
  /** The model as the caller named it (before routing resolves it). */
  model: string;
  messages: CanonicalMessage[];
  tools?: Array<CanonicalTool | HostedTool>;
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stop?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  reasoning?: ReasoningConfig;
  /** Whether the answer streams; a format's own default applies when its caller left it out. */
  stream: boolean;
  /** OpenAI `user`, Anthropic `metadata.user_id`. */
  user?: string;
  /** Fields the caller sent that were not mapped (kept for same-format passthrough and for docs). */
  dropped?: string[];
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'other';

/**
 * Token usage, normalised. `inputTokens` includes cached and cache-creation tokens (OpenAI's
 * convention); `outputTokens` includes reasoning tokens (Gemini's thoughts are added in).
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  cacheCreationInputTokens?: number;
  reasoningTokens?: number;
}

export interface CanonicalResponse {
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
  content: AssistantPart[];
  finishReason: FinishReason;
  /** The upstream's own finish/stop reason, for encoders that can carry it. */
  rawFinishReason?: string;
  stopSequence?: string;
  usage?: Usage;
}

/**
 * Stream events. Blocks (text, reasoning, tool call) open, grow and close; at most one block
 * of each kind is open per `id`. A decoder never emits a tool call's end before the upstream
 * said the call is complete (end of stream at the latest), and emits `finish` last.
 */
export type StreamEvent =
  | { type: 'start'; id: string; model: string; created: number; usage?: Partial<Usage> }
  | { type: 'text-start'; id: string }
  | { type: 'text-delta'; id: string; text: string }
  | { type: 'text-end'; id: string }
  | { type: 'reasoning-start'; id: string; itemId?: string; origin?: TokenOrigin }
  | { type: 'reasoning-delta'; id: string; text: string }
  | {
      type: 'reasoning-end';
      id: string;
      signature?: string;
      redactedData?: string;
      encryptedContent?: string;
      thoughtSignature?: string;
      itemId?: string;
      origin?: TokenOrigin;
    }
  | { type: 'tool-call-start'; id: string; name: string; itemId?: string; origin?: TokenOrigin }
  | { type: 'tool-call-delta'; id: string; argumentsDelta: string }
  | { type: 'tool-call-end'; id: string; thoughtSignature?: string; origin?: TokenOrigin }
  /** Running or final usage; later values replace earlier ones field by field. */
  | { type: 'usage'; usage: Partial<Usage> }
  | { type: 'finish'; reason: FinishReason; rawReason?: string; stopSequence?: string; usage?: Usage }
  /** The upstream failed mid-stream; encoders end the stream with a well-formed error event. */
  | { type: 'error'; error: GatewayErrorInfo };

export type ErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'request_too_large'
  | 'rate_limit'
  | 'quota_exhausted'
  | 'timeout'
  | 'overloaded'
  | 'upstream'
  | 'api';

export interface GatewayErrorInfo {
  status: number;
  kind: ErrorKind;
  message: string;
  /** The request field at fault, when known. */
  param?: string;
  /** Provider-specific code (e.g. `insufficient_quota`). */
  code?: string;
}

/** Thrown anywhere in the pipeline; the inbound route encodes it in the caller's format. */
export class GatewayError extends Error implements GatewayErrorInfo {
  readonly status: number;
  readonly kind: ErrorKind;
  readonly param?: string;
  readonly code?: string;
  /** Seconds, from Retry-After or a provider's reset hint. */
  readonly retryAfter?: number;
  constructor(info: GatewayErrorInfo & { retryAfter?: number }) {
    super(info.message);
    this.name = 'GatewayError';
    this.status = info.status;
    this.kind = info.kind;
    if (info.param !== undefined) this.param = info.param;
    if (info.code !== undefined) this.code = info.code;
    if (info.retryAfter !== undefined) this.retryAfter = info.retryAfter;
  }
  toInfo(): GatewayErrorInfo {
    return {
      status: this.status,
      kind: this.kind,
      message: this.message,
      param: this.param,
      code: this.code,
    };
  }
}

export function invalidRequest(message: string, param?: string): GatewayError {
  return new GatewayError({ status: 400, kind: 'invalid_request', message, param });
}

export function kindForStatus(status: number): ErrorKind {
  if (status === 400 || status === 422) return 'invalid_request';
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit';
  if (status === 529 || status === 503) return 'overloaded';
  if (status >= 500) return 'upstream';
  return 'api';
}

/** One model as a provider's own models endpoint lists it. */
export interface ListedUpstreamModel {
  id: string;
  /** Only when the provider says (chat, embedding, …). */
  kind?: 'chat' | 'embedding' | 'rerank' | 'image' | 'moderation';
  /** Input context window in tokens, when the provider reports it. */
  contextWindow?: number;
}
