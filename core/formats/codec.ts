import type {
  CanonicalRequest,
  CanonicalResponse,
  GatewayErrorInfo,
  StreamEvent,
  WireFormat,
} from './canonical.js';

/** One server-sent event as parsed off the wire (see core/util/sse.ts). */
export interface SseMessage {
  event?: string;
  data: string;
}

/** Turns an upstream's SSE messages into canonical events. Stateful: one per stream. */
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

export interface WireCodec {
  readonly format: WireFormat;
  /** Caller body → canonical. Throws GatewayError (400, with `param`) on invalid input. */
  decodeRequest(body: unknown, ctx?: DecodeContext): CanonicalRequest;
  /**
   * Canonical → upstream body. Opaque tokens whose `origin` is another format are dropped;
   * fields the format cannot take are mapped or left out, never passed through to break it.
   */
  encodeRequest(request: CanonicalRequest, options: EncodeRequestOptions): Record<string, unknown>;
  decodeResponse(body: unknown): CanonicalResponse;
  encodeResponse(response: CanonicalResponse, ctx: EncodeContext): unknown;
  createStreamDecoder(): StreamDecoder;
  createStreamEncoder(ctx: EncodeContext): StreamEncoder;
  /** Upstream error body → normalised error. */
  decodeError(status: number, body: unknown): GatewayErrorInfo;
  /** Normalised error → the body this format's clients expect. */
  encodeError(error: GatewayErrorInfo): unknown;
}
