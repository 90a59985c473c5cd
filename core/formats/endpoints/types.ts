import { GatewayError, type Usage, type WireFormat } from '../canonical.js';
import type { ModelKind, NativeApi } from './kinds.js';

/** The shape a caller used: OpenAI's (and Cohere/Jina's for rerank), or Gemini's own methods. */
export type CallerShape = 'openai' | 'gemini';

/** What an upstream speaks for a non-chat endpoint. */
export type Dialect = 'openai' | 'gemini' | NativeApi;

/** What a non-chat answer costs, beyond tokens (core/routing/pricing.ts prices each unit). */
export interface EndpointUsage extends Partial<Usage> {
  images?: number;
  audioSeconds?: number;
  characters?: number;
  searches?: number;
}

export interface DecodedEndpointRequest {
  model: string;
  stream: boolean;
}

/** Where the request goes and what it sends; `body` undefined means the caller's bytes as they came. */
export interface UpstreamCall {
  url: string;
  body?: unknown;
  /** A multipart upload sent on: again as multipart with these fields, or its file alone as the body. */
  upload?: { fields: Array<[string, string]> } | { fileOnly: true };
}

/**
 * One non-chat endpoint's wire knowledge: the callers' shapes it accepts, and the translation to
 * and from each upstream dialect it can reach. The gateway (core/gateway/endpoint-attempt.ts)
 * knows nothing of the shapes; it routes, calls and relays.
 */
export interface EndpointCodec<Req extends DecodedEndpointRequest = DecodedEndpointRequest, Res = unknown> {
  kind: ModelKind;
  /** Checks the caller's body in depth (a bad one is the caller's 400, before any attempt). */
  decodeRequest(shape: CallerShape, body: Record<string, unknown>, ctx: CallerContext): Req;
  /** Whether this endpoint can be served by an upstream of this dialect. */
  serves(dialect: Dialect): boolean;
  /** The caller's request for one upstream: passthrough (same shape) keeps the caller's bytes. */
  upstream(dialect: Dialect, req: Req, ctx: UpstreamContext): UpstreamCall;
  /** An upstream's JSON answer, checked, in canonical form. */
  decodeResponse(dialect: Dialect, json: unknown, req: Req): { result: Res; usage: EndpointUsage };
  /** The answer as JSON, or as text (a string: sent as text/plain). */
  encodeResponse(shape: CallerShape, result: Res, req: Req, model: string): unknown;
  /** Usage of a passed-through JSON answer, read from its bytes (never a full parse). */
  usageOfPassthrough?(bytes: Buffer, req: Req): EndpointUsage;
  /** The answer is bytes (audio) streamed to the caller as they come, whatever the dialect. */
  binaryAnswer?: boolean;
  /** The body is multipart/form-data (a file upload), received by the gateway (core/gateway/multipart.ts). */
  multipart?: boolean;
  /** A passed-through answer may be text (text, srt, vtt): sent on with its own content type. */
  textAnswer?: boolean;
  /** What the request is billed by, known from the request itself (characters spoken). */
  requestUsage?(req: Req): EndpointUsage;
}

export interface CallerContext {
  /** Gemini: the model and method from the URL. */
  model?: string;
  action?: string;
  /** A multipart endpoint's upload (its fields; its file spooled by the gateway). */
  upload?: UploadInfo;
}

/** What a multipart upload holds, as a codec sees it (the bytes stay with the gateway). */
export interface UploadInfo {
  fields: Array<[string, string]>;
  file?: { field: string; name: string; type: string; size: number };
}

export interface UpstreamContext {
  model: string;
  /** The provider's base URL (the account's own when it has one), without a trailing slash. */
  base: string;
  shape: CallerShape;
  action?: string;
}

export const invalid = (message: string, param?: string): GatewayError =>
  new GatewayError({ status: 400, kind: 'invalid_request', message, ...(param ? { param } : {}) });

/** An upstream answer that is not what its API documents: the provider's fault, try another. */
export const badAnswer = (what: string): GatewayError =>
  new GatewayError({ status: 502, kind: 'upstream', message: `The provider's answer is not ${what}.` });

/**
 * decodeResponse and encodeResponse of an endpoint whose answers are never decoded (passed through,
 * or streamed as bytes): the gateway does not call them, so reaching one is a bug, said by `why`.
 */
export function neverDecoded(why: string): { decodeResponse: () => never; encodeResponse: () => never } {
  const fail = (): never => {
    throw new Error(why);
  };
  return { decodeResponse: fail, encodeResponse: fail };
}

export function requireModel(body: Record<string, unknown>, fromUrl?: string): string {
  const m = fromUrl ?? body.model;
  if (typeof m !== 'string' || !m) throw invalid('model: a model name is required.', 'model');
  return m;
}

export function optionalPositiveInt(body: Record<string, unknown>, key: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw invalid(`${key}: a positive integer is expected.`, key);
  return v;
}

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(`${key}: a string is expected.`, key);
  return v;
}

export { isRecord } from '../json.js';

/** A finite non-negative count from an untrusted answer, else undefined. */
export function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** What an upstream speaks for non-chat endpoints: its own API when the registry names one. */
export function dialectOf(provider: { nativeApi?: NativeApi; formats: readonly WireFormat[] }): Dialect {
  return provider.nativeApi ?? (provider.formats[0] === 'gemini' ? 'gemini' : 'openai');
}

/** The chat format whose codec reads a dialect's errors and usage (OpenAI's shape, or Gemini's). */
export function answerFormatOf(dialect: Dialect): WireFormat {
  return dialect === 'gemini' ? 'gemini' : 'openai-chat';
}

/**
 * A caller's request passed through unchanged keeps its bytes whole: Gemini's methods name the
 * model in the URL; OpenAI's shape has the model swapped in its body.
 */
export function modelInBody(shape: CallerShape): boolean {
  return shape !== 'gemini';
}
