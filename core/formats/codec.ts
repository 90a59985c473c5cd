import type {
  CanonicalRequest,
  CanonicalResponse,
  GatewayErrorInfo,
  ReasoningEffort,
  StreamEvent,
  Usage,
  WireFormat,
} from './canonical.js';
import type { SseMessage, StreamFraming } from '../util/sse.js';

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
 * Decoders read the stream parser's messages (core/util/sse.ts): an SSE event, or one NDJSON
 * line as `{ data: line }` (see WireFacts.streamFraming).
 */
export type { SseMessage };

/** Turns an upstream's stream messages into canonical events. Stateful: one per stream. */
export interface StreamDecoder {
  push(message: SseMessage): StreamEvent[];
  /** The upstream closed the stream: finalise open tool calls and emit `finish` if not yet sent. */
  end(): StreamEvent[];
}

/** Turns canonical events into the caller's wire text. Stateful: one per stream. */
export interface StreamEncoder {
  /** Returns the bytes to write (possibly ''). */
  push(event: StreamEvent): string;
  /** The stream is over: close open blocks and write the format's terminator. */
  end(): string;
}

export interface DecodeContext {
  /** Gemini carries the model and stream flag in the URL, not the body. */
  model?: string;
  stream?: boolean;
  /** Gemini: the body is a Code Assist envelope (model inside it, the request under `request`). */
  codeAssist?: boolean;
}

export interface EncodeRequestOptions {
  /** The upstream's model id. */
  model: string;
  stream: boolean;
}

export interface EncodeContext {
  /** The model name reported back to the caller (the one it asked for). */
  model: string;
  /** Used to mint ids when the upstream gave none. */
  requestId: string;
  /** Gemini `:streamGenerateContent` without `?alt=sse` answers a JSON array, not SSE. */
  jsonArrayStream?: boolean;
  /** Gemini: the caller is the Gemini CLI's Code Assist route, which wraps every answer. */
  codeAssist?: boolean;
  /**
   * Responses: names of the tools the caller declared as `custom` (freeform, e.g. Codex's
   * apply_patch). Their calls are answered as `custom_tool_call` items carrying the raw input.
   */
  customTools?: readonly string[];
  /**
   * OpenAI Chat: the caller set `stream_options.include_usage`, so the stream ends with a
   * `choices: []` chunk carrying usage (clients that did not ask may choke on it).
   */
  includeUsage?: boolean;
}

/**
 * Where a format states usage and how to read it. The one reader of a format's usage: its
 * response and stream decoders use `decode`, and so does the byte tap that reads a passthrough
 * answer without decoding it (usage-tap.ts), so a caller of any format is billed the same.
 */
export interface UsageReader {
  /** The JSON key whose object value is the usage, quoted as it appears on the wire. */
  readonly key: string;
  /**
   * The counts are top-level fields of a message, not an object under `key` (Ollama: its answer,
   * and its stream's final `done: true` line). `key` is then one of those fields, which only
   * tells the byte tap which message holds usage; `decode` is given that whole message.
   */
  readonly topLevel?: boolean;
  /** Streams state usage in their first event too (Anthropic's message_start); later events complete it. */
  readonly inFirstEvent?: boolean;
  /**
   * The key whose value is `[]` only in the usage-only stream event the gateway may ask for on a
   * caller's behalf and then drops (OpenAI Chat: `"choices"`). Absent: the format has none.
   */
  readonly usageOnlyEventKey?: string;
  /**
   * The request option that asks a stream for that usage-only event (OpenAI Chat:
   * `stream_options.include_usage`): the gateway sets it on a caller's behalf to count cost.
   */
  readonly streamUsageOption?: { readonly field: string; readonly flag: string };
  /**
   * The usage object alone → canonical; `previous` is what the stream said before (fields an
   * event leaves out). Undefined when it holds no counts.
   */
  decode(raw: unknown, previous?: Partial<Usage>): Usage | undefined;
  /** A whole parsed body or one stream event → its usage, when it carries one. */
  fromMessage(message: unknown, previous?: Partial<Usage>): Usage | undefined;
}

/**
 * The global request policies (system prompt, thinking) applied to a caller's own body, in its
 * own format: a same-format request is passed through, not decoded. In place.
 */
export interface BodyPolicies {
  addSystemPrompt(body: Record<string, unknown>, text: string, position: 'prepend' | 'append'): void;
  /** Drops every reasoning amount; keeps what only controls visibility (summaries, thoughts). */
  stripReasoning(body: Record<string, unknown>): void;
  /**
   * Sets how much the model thinks: `budget` tokens (0: off), `budgetTokens` the same raised to
   * the least a budget may be, `effort` its level, `maxTokens` the request's limit when it had to
   * be raised above the budget.
   */
  setThinking(
    body: Record<string, unknown>,
    thinking: { budget: number; budgetTokens: number; effort: ReasoningEffort; maxTokens?: number },
  ): void;
}

/** What the gateway needs of a caller's body before it knows whether it will translate it. */
export interface RequestPeekFields {
  model: unknown;
  stream: unknown;
  temperature: unknown;
}

/** Facts of the wire itself: where requests go, what travels beside the body. */
export interface WireFacts {
  /** Where a request goes under a provider's base URL. */
  upstreamPath(model: string, stream: boolean): string;
  /**
   * How a stream is framed: server-sent events (absent: the default), or NDJSON, one JSON object
   * a line (Ollama). The relay picks its parser, usage tap and error framing by this, never by a
   * format's name.
   */
  readonly streamFraming?: StreamFraming;
  /** A stream's content type when it is not SSE's `text/event-stream; charset=utf-8`. */
  readonly streamContentType?: string;
  /** How a key is sent to a provider of this format that does not say otherwise. */
  readonly defaultAuth: 'bearer' | 'x-api-key' | 'x-goog-api-key';
  /**
   * A stream's response head arrives with its first chunk, after any thinking (Gemini), not as
   * soon as the request is accepted: a slow head is not a dead upstream.
   */
  readonly headWithFirstChunk?: boolean;
  /** Headers every request carries unless the provider sets its own (Anthropic's API version). */
  readonly defaultHeaders?: Readonly<Record<string, string>>;
  /** Caller headers a same-format upstream must see too (Anthropic's version and beta flags). */
  readonly forwardedHeaders?: readonly string[];
  /** The caller's query string goes on to a same-format upstream (Claude Code's `?beta=true`). */
  readonly forwardsQuery?: boolean;
  /** The model is named in the URL, not the body (Gemini; not inside a Code Assist envelope). */
  readonly modelInUrl?: boolean;
  /**
   * Same-format half of decoding: checks a caller body's top-level shape with the decoder's 400s
   * (a passthrough body is not decoded; its provider validates the rest) and reads the fields
   * routing needs. `url`: Gemini's model and stream flag, which its URL carries.
   */
  peekRequest(body: Record<string, unknown>, url?: { model: string; stream: boolean }): RequestPeekFields;
  /** What the caller's body says about encoding the answer back to it (Responses: custom tools). */
  encodeContextOf?(body: Record<string, unknown>): Partial<EncodeContext>;
}

export interface WireCodec {
  readonly format: WireFormat;
  readonly usage: UsageReader;
  readonly bodyPolicies: BodyPolicies;
  readonly wire: WireFacts;
  /** Caller body → canonical. Throws GatewayError (400, with `param`) on invalid input. */
  decodeRequest(body: unknown, ctx?: DecodeContext): CanonicalRequest;
  /**
   * Canonical → upstream body. Opaque tokens whose `origin` is another format are dropped;
   * fields the format cannot take are mapped or left out, never passed through to break it.
   */
  encodeRequest(request: CanonicalRequest, options: EncodeRequestOptions): Record<string, unknown>;
  /** Adjusts an encoded request for a provider's quirks (those the format has). */
  applyQuirks?(body: Record<string, unknown>, quirks: ProviderQuirks, stream: boolean): void;
  decodeResponse(body: unknown): CanonicalResponse;
  encodeResponse(response: CanonicalResponse, ctx: EncodeContext): unknown;
  createStreamDecoder(): StreamDecoder;
  createStreamEncoder(ctx: EncodeContext): StreamEncoder;
  /** Upstream error body → normalised error. */
  decodeError(status: number, body: unknown): GatewayErrorInfo;
  /** Normalised error → the body this format's clients expect. */
  encodeError(error: GatewayErrorInfo): unknown;
  /**
   * What ends a stream of this format that failed midway when no encoder wrote it (the upstream's
   * own bytes were passed through): the format's error event and terminator, which its SDKs
   * raise on. `ctx.jsonArrayStream`: Gemini's JSON-array stream, its last element.
   */
  encodeStreamError(error: GatewayErrorInfo, ctx: EncodeContext): string;
}
